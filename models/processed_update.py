"""Update ids already handled, so a re-delivered update is processed once (across processes too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, bindparam, delete, func, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.round_cache import VERSION_AFTER_TURN
from models.upsert import upsert
from models.user import USER_AFTER_TURN, User, adopt_user


class ProcessedUpdate(Base):
    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)


@dataclass(frozen=True)
class Claimed:
    """The update is this caller's to handle. Read with the claim on PostgreSQL, once the
    person's turn had come: `rounds_version` (models/round_cache.py) and the person's `user`
    row (None: read it separately, or not known yet)."""

    rounds_version: int | None
    user: User | None = None


async def claim_update(session: AsyncSession, update_id: int) -> bool:
    """True for the first caller with this id; false for every re-delivery."""
    statement = upsert(
        session, ProcessedUpdate, {"update_id": update_id, "seen_at": utcnow()}, index=["update_id"]
    )
    result = await session.execute(statement)
    return result.rowcount == 1


async def claim_update_in_turn(session: AsyncSession, update_id: int,
                               person: int) -> Claimed | None:
    """`claim_update` after waiting for `person`'s turn (PostgreSQL): a transaction-level
    advisory lock on their Telegram id, held until this transaction ends, so one person's
    updates run one at a time across every process. One statement, one round trip: the
    lock is taken before the insert looks for a clash, so a re-delivery being handled
    elsewhere is seen once that transaction has committed. (Telegram ids are far below
    `bot.jobs.leader.SCHEDULER_LOCK`, the bot's only other advisory lock.)"""
    person_id = bindparam("person", person, BigInteger)
    turn = select(func.pg_advisory_xact_lock(person_id)).subquery("turn")
    rows = select(bindparam("update_id", update_id, BigInteger),
                  bindparam("seen_at", utcnow(), UtcDateTime())).select_from(turn)
    statement = (postgresql.insert(ProcessedUpdate.__table__)  # Core: no ORM bulk-insert path
                 .from_select(["update_id", "seen_at"], rows)
                 .on_conflict_do_nothing(index_elements=["update_id"])
                 # Only an inserted row (no clash) comes back; with it the round cache's
                 # version and the person's row, both read once the turn has come.
                 .returning(VERSION_AFTER_TURN, USER_AFTER_TURN(person_id)))
    row = (await session.execute(statement)).first()
    if row is None:
        return None
    return Claimed(rounds_version=row[0], user=adopt_user(session, row[1]))


async def prune_processed(session: AsyncSession, keep: timedelta = timedelta(days=3)) -> int:
    # Telegram gives up re-delivering after about a day; three days is a safe margin.
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.seen_at < utcnow() - keep)
    )
    return result.rowcount
