"""Residents and organisers as the bot knows them: a Telegram id and a language, nothing more."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.upsert import upsert


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    privacy_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    blocked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


async def get_or_create_user(session: AsyncSession, telegram_id: int) -> User:
    user = await find_user(session, telegram_id)
    if user is None:
        # Two first updates from one person can arrive together: let the database decide.
        await session.execute(
            upsert(session, User, {"telegram_id": telegram_id, "created_at": utcnow()},
                   index=["telegram_id"])
        )
        user = await find_user(session, telegram_id)
    elif user.blocked_at is not None:
        # Writing to the bot again means they can be reached again.
        user.blocked_at = None
    return user


async def find_user(session: AsyncSession, telegram_id: int) -> User | None:
    return await session.scalar(select(User).where(User.telegram_id == telegram_id))


async def mark_blocked(session: AsyncSession, telegram_id: int) -> None:
    await session.execute(
        update(User).where(User.telegram_id == telegram_id).values(blocked_at=utcnow())
    )


def mark_privacy_seen(user: User) -> bool:
    """Record that the short notice was shown; true the first time (so it is shown once)."""
    if user.privacy_seen_at is not None:
        return False
    user.privacy_seen_at = utcnow()
    return True
