"""INSERT ... ON CONFLICT for both backends; SQLAlchemy keeps it per dialect."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def _insert_for(session: AsyncSession):
    dialect = session.get_bind().dialect.name
    return {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]


def upsert(session: AsyncSession, model, row: dict[str, Any], *, index: list[str],
           update: dict[str, Any] | None = None):
    """Insert `row`; on a clash on `index`, apply `update` (or do nothing when it is empty)."""
    statement = _insert_for(session)(model).values(**row)
    if update:
        return statement.on_conflict_do_update(index_elements=index, set_=update)
    return statement.on_conflict_do_nothing(index_elements=index)
