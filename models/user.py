"""Residents and organisers as the bot knows them: a Telegram id and a language, nothing more."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import BigInteger, String, func, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, make_transient_to_detached, mapped_column

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


async def get_or_create_user(session: AsyncSession, telegram_id: int,
                             found: User | None = None, *, locale: str | None = None) -> User:
    """The person's row (`found` if the caller has read it already), created on first contact
    with `locale` as their language (a row from before languages were stored at once gets it
    now), so every message sent to them later, by any path, uses it."""
    user = found or await find_user(session, telegram_id)
    if user is None:
        # Two first updates from one person can arrive together: let the database decide.
        await session.execute(
            upsert(session, User, {"telegram_id": telegram_id, "created_at": utcnow(),
                                   "locale": locale},
                   index=["telegram_id"])
        )
        user = await find_user(session, telegram_id)
    else:
        if user.blocked_at is not None:
            # Writing to the bot again means they can be reached again.
            user.blocked_at = None
        if user.locale is None and locale is not None:
            user.locale = locale
    return user


async def find_user(session: AsyncSession, telegram_id: int) -> User | None:
    return await session.scalar(select(User).where(User.telegram_id == telegram_id))


# PostgreSQL: the claim that opens an update reads the person's row too (models/
# processed_update.py), through this function of migration 0013: one round trip fewer.
USER_AFTER_TURN = func.pbchat_user


@cache
def _processors(dialect: Dialect) -> list[tuple[str, str, Callable[[Any], Any] | None]]:
    # What a query would apply to each column (UtcDateTime's zone), worked out once.
    return [(column.key, column.name, column.type.result_processor(dialect, None))
            for column in User.__table__.columns]


def adopt_user(session: AsyncSession, row: Mapping[str, Any] | None) -> User | None:
    """The row the claim read, as the session's own User, as if the session had loaded it
    (no query); None for someone not yet known (the function's row of NULLs)."""
    if row is None or row["id"] is None:
        return None
    user = User(**{key: process(row[name]) if process else row[name]
                   for key, name, process in _processors(session.get_bind().dialect)})
    make_transient_to_detached(user)
    session.add(user)
    return user


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


async def languages(session: AsyncSession, ids: Iterable[int], *,
                    reachable: bool = False) -> dict[int, str | None]:
    """Each known person's chosen language (None if they never chose), the one query every
    notice uses (bot/jobs/notifier.py fills in DEFAULT_LOCALE). People the bot does not know
    (never started it, or /forget) are left out; so are those who blocked it if `reachable`.
    In slices of 500, under every backend's limit on bound parameters."""
    wanted = sorted(set(ids))
    found: dict[int, str | None] = {}
    for start in range(0, len(wanted), 500):
        query = select(User.telegram_id, User.locale).where(
            User.telegram_id.in_(wanted[start:start + 500]))
        if reachable:
            query = query.where(User.blocked_at.is_(None))
        found.update({tid: locale for tid, locale in await session.execute(query)})
    return found


async def reachable_people(session: AsyncSession) -> list[int]:
    """Everyone who started the bot and has not blocked it, in id order."""
    return list(await session.scalars(
        select(User.telegram_id).where(User.blocked_at.is_(None)).order_by(User.telegram_id)))
