"""Who organises: the ids in ORGANISER_IDS plus people an organiser added in chat."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.upsert import upsert
from models.user import languages


class Organiser(Base):
    __tablename__ = "organisers"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    added_by: Mapped[int] = mapped_column(BigInteger)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


async def is_organiser(session: AsyncSession, telegram_id: int, configured: frozenset[int]) -> bool:
    if telegram_id in configured:
        return True
    return await session.get(Organiser, telegram_id) is not None


async def add_organiser(session: AsyncSession, telegram_id: int, added_by: int) -> bool:
    """True if they were not an organiser before."""
    result = await session.execute(upsert(
        session, Organiser,
        {"telegram_id": telegram_id, "added_by": added_by, "added_at": utcnow()},
        index=["telegram_id"],
    ))
    return result.rowcount == 1


async def remove_organiser(session: AsyncSession, telegram_id: int) -> bool:
    result = await session.execute(delete(Organiser).where(Organiser.telegram_id == telegram_id))
    return result.rowcount == 1


async def added_organisers(session: AsyncSession) -> list[Organiser]:
    return list(await session.scalars(select(Organiser).order_by(Organiser.added_at)))


async def organiser_ids(session: AsyncSession, configured: frozenset[int]) -> list[int]:
    """Every organiser's Telegram id: those in ORGANISER_IDS and those added in the chat."""
    return sorted(set(configured) | {o.telegram_id for o in await added_organisers(session)})


async def organiser_locales(session: AsyncSession,
                            configured: frozenset[int]) -> dict[int, str | None]:
    """Every organiser's Telegram id with their chosen language (None if they never chose)."""
    ids = await organiser_ids(session, configured)
    chosen = await languages(session, ids)
    return {telegram_id: chosen.get(telegram_id) for telegram_id in ids}
