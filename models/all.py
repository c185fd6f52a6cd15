"""Import every model module so `Base.metadata` knows every table (Alembic, tests)."""

from models import broadcast, conversation, outbox, processed_update, user  # noqa: F401
