"""Telling residents what matters about a vote: that it has opened, and (once) that a ballot
they started is still waiting for its Confirm.

- **Voting opens** (by hand or on schedule): everyone who took part in the round so far is
  told once, in their language: groups who sent a bid, people registered for one of its vote
  events, and people who asked to be told (`vote_alerts`, from the "no vote open" screen)
  unless we know they live outside the round's areas. One outbox row each, with a dedupe
  key, so opening twice or from two processes tells nobody twice.
- **Finish rate**: beginning a ballot in the chat leaves a `ballot_starts` row (who started,
  never what they chose). The organiser's panel compares started with confirmed ballots.
  A few hours after starting, a person with no ballot in the round gets one reminder: the
  row is claimed with an UPDATE … WHERE reminded_at IS NULL, and the outbox row has a dedupe
  key besides, so it happens at most once across restarts and processes. Rows go with the
  person (/forget) and with the round.

This module decides who; bot/jobs/vote_notices.py tells them, through the one notifier, in
their language (DEFAULT_LOCALE for someone whose row has none), and only if they can still be
reached (not gone with /forget, not blocked).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.audience import NOT_BIDDING
from models.ballot.box import has_voted
from models.base import Base, UtcDateTime, utcnow
from models.bid import Bid
from models.eligibility import VoterArea
from models.event import ACTIVE, Event, Registration, home_area
from models.round import Round, RoundStatus
from models.upsert import dialect_insert


class VoteAlert(Base):
    """Someone who asked to be told when a vote opens."""

    __tablename__ = "vote_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class BallotStart(Base):
    """Someone began a ballot in the chat (not what they chose); when they were reminded."""

    __tablename__ = "ballot_starts"
    __table_args__ = (UniqueConstraint("round_id", "telegram_id",
                                       name="uq_ballot_starts_round_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)


# --- voting opens ----------------------------------------------------------------------------


async def ask_to_be_told(session: AsyncSession, telegram_id: int) -> None:
    table = VoteAlert.__table__
    await session.execute(dialect_insert(session)(table).values(
        telegram_id=telegram_id, created_at=utcnow()).on_conflict_do_nothing(
        index_elements=[table.c.telegram_id]))


async def took_part(session: AsyncSession, round_: Round) -> set[int]:
    """Everyone to tell that voting has opened in the round (see the module's docstring)."""
    people = set(await session.scalars(select(Bid.owner_telegram_id).where(
        Bid.round_id == round_.id, Bid.status.not_in(NOT_BIDDING),
        Bid.owner_telegram_id.is_not(None))))
    people |= set(await session.scalars(
        select(Registration.telegram_id).join(Event, Event.id == Registration.event_id)
        .where(Event.round_id == round_.id, Registration.status.in_(ACTIVE),
               Registration.telegram_id.is_not(None))))
    places = {name.strip().casefold() for area in round_.areas
              for name in (area.name_en, area.name("cy"))}
    area_ids = {area.id for area in round_.areas}
    for telegram_id in await session.scalars(select(VoteAlert.telegram_id)):
        if telegram_id in people:
            continue
        told = set(await session.scalars(select(VoterArea.area_id).where(
            VoterArea.telegram_id == telegram_id)))
        home = await home_area(session, telegram_id)
        outside = (told and not told & area_ids) or (
            not told and home is not None and home.strip().casefold() not in places)
        if not outside:
            people.add(telegram_id)
    return people


# --- finish rate -----------------------------------------------------------------------------


async def note_started(session: AsyncSession, round_id: int, telegram_id: int,
                       now: datetime | None = None) -> None:
    table = BallotStart.__table__
    await session.execute(dialect_insert(session)(table).values(
        round_id=round_id, telegram_id=telegram_id, started_at=now or utcnow())
        .on_conflict_do_nothing(index_elements=[table.c.round_id, table.c.telegram_id]))


async def started_count(session: AsyncSession, round_id: int) -> int:
    """How many people began a ballot in the chat (the panel sets it beside confirmed ones)."""
    return await session.scalar(select(func.count()).select_from(BallotStart).where(
        BallotStart.round_id == round_id)) or 0


async def claim_unfinished(session: AsyncSession, *, now: datetime, after: timedelta,
                           secret: bytes) -> dict[Round, list[int]]:
    """Who gets the one reminder to confirm, by round: each person who began a ballot at least
    `after` ago, in a round still voting, and has not confirmed one. Claimed here (the row's
    `reminded_at`), so nobody is picked twice; bot/jobs/vote_notices.py tells them."""
    claimed = list(await session.execute(
        update(BallotStart).where(
            BallotStart.reminded_at.is_(None), BallotStart.started_at <= now - after,
            BallotStart.round_id.in_(select(Round.id).where(
                Round.status == RoundStatus.VOTING)))
        .values(reminded_at=now).returning(BallotStart.round_id, BallotStart.telegram_id)
        .execution_options(synchronize_session=False)))
    rounds: dict[int, Round] = {}
    found: dict[Round, list[int]] = {}
    for round_id, telegram_id in claimed:
        if await has_voted(session, round_id, telegram_id, secret=secret):
            continue
        if round_id not in rounds:
            rounds[round_id] = await session.get(Round, round_id)
        found.setdefault(rounds[round_id], []).append(telegram_id)
    return found


# --- personal data ---------------------------------------------------------------------------


async def export_person(session: AsyncSession, telegram_id: int) -> dict[str, Any]:
    asked = await session.scalar(select(VoteAlert.created_at).where(
        VoteAlert.telegram_id == telegram_id))
    starts = await session.execute(select(BallotStart.round_id, BallotStart.started_at,
                                          BallotStart.reminded_at)
                                   .where(BallotStart.telegram_id == telegram_id))
    return {"asked_to_be_told_when_voting_opens": asked.isoformat() if asked else None,
            "ballots_started": [{"round": round_id, "started": started.isoformat(),
                                 "reminded": reminded.isoformat() if reminded else None}
                                for round_id, started, reminded in starts]}


async def erase_person(session: AsyncSession, telegram_id: int) -> None:
    await session.execute(delete(VoteAlert).where(VoteAlert.telegram_id == telegram_id))
    await session.execute(delete(BallotStart).where(BallotStart.telegram_id == telegram_id))
