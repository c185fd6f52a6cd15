"""INSERT ... ON CONFLICT for both backends; SQLAlchemy keeps it per dialect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def dialect_insert(session: AsyncSession) -> Callable[..., sqlite.Insert | postgresql.Insert]:
    """The INSERT construct of the session's backend, which knows ON CONFLICT."""
    dialect = session.get_bind().dialect.name
    inserts = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
    if dialect not in inserts:
        raise ValueError(f"no idempotent insert for the {dialect} backend")
    return inserts[dialect]


def upsert(session: AsyncSession, model, row: dict[str, Any], *, index: list[str],
           update: dict[str, Any] | None = None):
    """Insert `row`; on a clash on `index`, apply `update` (or do nothing when it is empty)."""
    statement = dialect_insert(session)(model).values(**row)
    if update:
        return statement.on_conflict_do_update(index_elements=index, set_=update)
    return statement.on_conflict_do_nothing(index_elements=index)
