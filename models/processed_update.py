"""Update ids already handled, so a re-delivered update is processed once (across processes too)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import BigInteger, bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow


class ProcessedUpdate(Base):
    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)


# Built once per backend: this runs for every update, and a statement object used again skips
# SQLAlchemy's per-call construction and cache-key work.
_CLAIMS = {
    dialect.__name__.rsplit(".", 1)[-1]: dialect.insert(ProcessedUpdate.__table__)
    .values(update_id=bindparam("update_id"), seen_at=bindparam("seen_at"))
    .on_conflict_do_nothing(index_elements=["update_id"])
    for dialect in (postgresql, sqlite)
}


async def claim_update(session: AsyncSession, update_id: int) -> bool:
    """True for the first caller with this id; false for every re-delivery."""
    statement = _CLAIMS[session.get_bind().dialect.name]
    result = await session.execute(statement, {"update_id": update_id, "seen_at": utcnow()})
    return result.rowcount == 1


async def prune_processed(session: AsyncSession, keep: timedelta = timedelta(days=3)) -> int:
    # Telegram gives up re-delivering after about a day; three days is a safe margin.
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.seen_at < utcnow() - keep)
    )
    return result.rowcount
