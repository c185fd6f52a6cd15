"""What organisers did, for accountability: who, when, what, in which round.

An entry is a fact with a code (`event`) and a few numbers or names from our own lists
(`detail`), turned into words only when someone reads the log, in their language
(handlers/audit.py). Never what a resident wrote, never anything about a ballot, and no
resident's Telegram id: a refused command or button from someone who is not an organiser is
recorded with no actor at all ("a resident tried /broadcast: refused").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, String, Update, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.round import Round

ACTION_LENGTH = 120
NAME_LENGTH = 64
PAGE_SIZE = 10
# One CSV export holds at most this many entries (newest first): a bounded file.
EXPORT_LIMIT = 5000
# session.info key: set once a handler has recorded what it did in words, so the organiser
# router's catch-all entry ("used a button in voting") is not added as well.
RECORDED = "audit_recorded"


class Event:
    """The codes of `AuditEntry.event`; each has a Fluent key `audit-ev-<code>`."""

    COMMAND = "command"  # detail: command
    BUTTON = "button"  # detail: area (a callback prefix)
    ANSWER = "answer"  # detail: step (a conversation's name)
    REFUSED_COMMAND = "refused-command"  # detail: command; no actor
    REFUSED_BUTTON = "refused-button"  # detail: area; no actor
    BIDS_CLOSED = "bids-closed"  # detail: bids
    VOTING_OPENED = "voting-opened"
    VOTING_CLOSED = "voting-closed"  # detail: ballots
    VOTING_REOPENED = "voting-reopened"
    RESULTS_PUBLISHED = "results-published"  # detail: funded, ballots
    ORGANISER_ADDED = "organiser-added"  # detail: ref
    ORGANISER_REMOVED = "organiser-removed"  # detail: ref
    BROADCAST_RETRIED = "broadcast-retried"  # detail: people
    # A recorded payment corrected (models/project_money.py). detail: kind (paid | returned),
    # project (the bid's reference), was and to (pence; no `to` when removed).
    PAYMENT_CHANGED = "payment-changed"
    PAYMENT_REMOVED = "payment-removed"
    # A project whose owner used /forget handed to one of its co-owners by an organiser
    # (models/project_handover.py). detail: project
    # (the bid's reference); never who, as residents are not named in the log.
    PROJECT_HANDED = "project-handed"
    # An organiser handed a project away from an owner still here (models/project_handover.py).
    PROJECT_TAKEN = "project-taken"
    # An owner handed their project to one of its co-owners: no actor (a resident). detail:
    # project.
    PROJECT_PASSED = "project-passed"
    # An organiser made a link for the owner's place of a project with no owner, and someone
    # took the place with one (no actor: a resident) (models/project_owner_link.py). detail:
    # project.
    PROJECT_OWNER_LINK = "project-owner-link"
    PROJECT_CLAIMED = "project-claimed"
    # Someone took the place of an owner still here with an organiser's link; the owner stays
    # in the group (no actor: a resident). detail: project.
    PROJECT_REPLACED = "project-replaced"


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    # The organiser who acted; None for a refusal (residents are not named in the log).
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    # Their first name as Telegram gave it when they acted, so the log reads "Sam closed…".
    actor_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    # Entries written before events existed keep only this raw text.
    action: Mapped[str] = mapped_column(String(ACTION_LENGTH))
    event: Mapped[str | None] = mapped_column(String(40))
    round_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


async def record(session: AsyncSession, actor_telegram_id: int | None, event: str, *,
                 actor_name: str | None = None, round_id: int | None = None,
                 **detail: Any) -> None:
    """One entry. `detail` holds only our own codes and numbers, never a resident's words."""
    session.add(AuditEntry(
        actor_telegram_id=actor_telegram_id,
        actor_name=(actor_name or "")[:NAME_LENGTH] or None,
        action=event[:ACTION_LENGTH], event=event, round_id=round_id, detail=detail or None))
    session.info[RECORDED] = True


def recorded_in(session: AsyncSession) -> bool:
    return bool(session.info.get(RECORDED))


@dataclass(frozen=True)
class Filter:
    """Which entries to show: all, one round's, or one organiser's."""

    round_id: int = 0
    actor: int = 0

    def clauses(self) -> list:
        where = []
        if self.round_id:
            where.append(AuditEntry.round_id == self.round_id)
        if self.actor:
            where.append(AuditEntry.actor_telegram_id == self.actor)
        return where


async def page(session: AsyncSession, number: int, chosen: Filter = Filter(),
               size: int = PAGE_SIZE) -> tuple[list[AuditEntry], int]:
    """Page `number` (0 = newest) of the chosen entries, and how many pages there are."""
    where = chosen.clauses()
    total = await session.scalar(select(func.count(AuditEntry.id)).where(*where)) or 0
    pages = max(1, -(-total // size))
    number = min(max(number, 0), pages - 1)
    entries = list(await session.scalars(
        select(AuditEntry).where(*where)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset(number * size).limit(size)))
    return entries, pages


async def recent(session: AsyncSession, limit: int = 30,
                 chosen: Filter = Filter()) -> list[AuditEntry]:
    return list(await session.scalars(
        select(AuditEntry).where(*chosen.clauses())
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)))


async def actors(session: AsyncSession) -> list[tuple[int, str | None]]:
    """Everyone who appears in the log as an actor, with the latest name they had."""
    rows = (await session.execute(
        select(AuditEntry.actor_telegram_id, AuditEntry.actor_name)
        .where(AuditEntry.actor_telegram_id.is_not(None))
        .order_by(AuditEntry.id))).all()
    latest: dict[int, str | None] = {}
    for telegram_id, name in rows:
        latest[telegram_id] = name or latest.get(telegram_id)
    return sorted(latest.items(), key=lambda item: (item[1] or "", item[0]))


async def rounds_in_log(session: AsyncSession) -> list[int]:
    return list(await session.scalars(
        select(AuditEntry.round_id).where(AuditEntry.round_id.is_not(None))
        .group_by(AuditEntry.round_id).order_by(AuditEntry.round_id.desc())))


async def round_names(session: AsyncSession, ids: Iterable[int],
                      locale: str | None) -> dict[int, str]:
    """Round id -> its name in `locale`, for the rounds that still exist."""
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    rounds = await session.scalars(select(Round).where(Round.id.in_(wanted))
                                   .order_by(Round.id.desc()))
    return {r.id: r.name(locale) for r in rounds}


def forget_actor(telegram_id: int) -> Update:
    """The statement that takes a person out of the log: what they did stays, unnamed."""
    return (update(AuditEntry).where(AuditEntry.actor_telegram_id == telegram_id)
            .values(actor_telegram_id=None, actor_name=None))
