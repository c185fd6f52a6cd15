"""Import every model module so `Base.metadata` knows every table (Alembic, tests)."""

from models import (  # noqa: F401
    audit,
    ballot,
    bid,
    broadcast,
    conversation,
    event,
    organiser,
    outbox,
    processed_update,
    round,
    user,
)
