"""Alembic environment: runs on the connection handed over by `bot.cli.migrate`."""

from __future__ import annotations

from alembic import context

import models.all  # noqa: F401  (registers every table on the metadata)
from models.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
