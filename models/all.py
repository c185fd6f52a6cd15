"""Import every model module so `Base.metadata` knows every table (Alembic, tests)."""

from models import conversation, processed_update, user  # noqa: F401
