"""Retention: what links people to a round is erased RETENTION_DAYS after the round closes.

A round "closes" for retention when its results are out: at the end of its voting window
(`voting_closes`) when that has passed, else when this job first sees the results. The moment
is kept in `round_retention` (a round has no "published at" of its own), with the time its
personal data went, so the job is idempotent and cheap to run every few hours.

What goes, for a round (the same rules as /forget, applied to everyone in that round):
- bids: drafts are deleted; sent bids stay (they were voted on) without the owner's Telegram
  id, the contact details or the voice note;
- ballots stay counted: they were cut loose from their voters when voting closed (the seal,
  models/ballot/seal.py), which is done again here in case it was missed; the roll ("who voted")
  loses its keyed hashes, so not even the ballot secret tells who voted any more (receipts
  stay, so "was my vote counted?" still has an answer);
- voting cards keep "used" (claimed_at) but lose the claimant's keyed hash;
- the areas voters told us for that round;
- registrations at the round's events keep the door code and attendance (counts for reports)
  without the Telegram id, first name or access needs; offers to volunteer are deleted;
- World Café answers at those events keep their words without the Telegram id, first name or
  voice note (an answer that was only a voice note goes);
- every message queued or sent to people about those bids, that vote and those events.

Events that belong to no round are treated the same way RETENTION_DAYS after they end.
Ballot contents, bid texts, results and counts stay: they are anonymous.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.ballot import forget_roll
from models.ballot.notices import BallotStart
from models.base import Base, UtcDateTime
from models.bid import Bid, BidStatus
from models.eligibility import VoterArea
from models.event import Event, Helper, Registration
from models.outbox import OutboxMessage
from models.round import Round, RoundStatus
from models.voting_code import VotingCode
from models.worldcafe import OUTBOX_PREFIX as CAFE_PREFIX
from models.worldcafe import Answer, Question

DEFAULT_RETENTION_DAYS = 365


class RoundRetention(Base):
    """When a round closed, as far as retention is concerned, and when its people were erased."""

    __tablename__ = "round_retention"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"),
                                          primary_key=True, autoincrement=False)
    closed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


@dataclass
class Erased:
    """How many rows of each kind lost what tied them to a person (counts only: no ids)."""

    rounds: int = 0
    bids: int = 0
    drafts: int = 0
    ballots: int = 0
    voting_cards: int = 0
    voter_areas: int = 0
    registrations: int = 0
    volunteers: int = 0
    cafe_answers: int = 0
    messages: int = 0

    def add(self, other: Erased) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    def describe(self) -> str:
        return ", ".join(f"{getattr(self, f.name)} {f.name.replace('_', ' ')}"
                         for f in fields(self))


# ---------------------------------------------------------------------------------------------
# Pure rules


def closed_at(voting_closes: datetime | None, now: datetime) -> datetime:
    """The moment a round with published results closed: its voting window's end when that
    has passed, else now (results published early, or a round without a window)."""
    return voting_closes if voting_closes is not None and voting_closes <= now else now


def is_due(closed: datetime, now: datetime, days: int) -> bool:
    return closed <= now - timedelta(days=days)


# ---------------------------------------------------------------------------------------------
# Queries


async def note_closed_rounds(session: AsyncSession, now: datetime) -> int:
    """Give every round with results, not yet noted, its closing moment."""
    rounds = await session.execute(
        select(Round.id, Round.voting_closes)
        .where(Round.status == RoundStatus.RESULTS.value,
               Round.id.not_in(select(RoundRetention.round_id))))
    rows = [RoundRetention(round_id=round_id, closed_at=closed_at(closes, now))
            for round_id, closes in rounds]
    session.add_all(rows)
    await session.flush()
    return len(rows)


async def rounds_due(session: AsyncSession, now: datetime, days: int) -> list[int]:
    return list(await session.scalars(
        select(RoundRetention.round_id)
        .where(RoundRetention.erased_at.is_(None),
               RoundRetention.closed_at <= now - timedelta(days=days))
        .order_by(RoundRetention.round_id)))


async def _count(session: AsyncSession, statement) -> int:
    return (await session.execute(statement.execution_options(synchronize_session=False))
            ).rowcount or 0


async def erase_round(session: AsyncSession, round_id: int) -> Erased:
    """Erase what ties people to one round (see the module's docstring). Safe to repeat."""
    erased = Erased(rounds=1)
    bid_ids = list(await session.scalars(select(Bid.id).where(Bid.round_id == round_id)))
    erased.drafts = await _count(session, delete(Bid).where(
        Bid.round_id == round_id, Bid.status == BidStatus.DRAFT.value))
    erased.bids = await _count(session, update(Bid).where(
        Bid.round_id == round_id,
        or_(Bid.owner_telegram_id.is_not(None), Bid.contact.is_not(None),
            Bid.voice_file_id.is_not(None)))
        .values(owner_telegram_id=None, contact=None, voice_file_id=None))
    erased.ballots = await forget_roll(session, round_id)
    erased.voting_cards = await _count(session, update(VotingCode).where(
        VotingCode.round_id == round_id, VotingCode.claimant_key.is_not(None))
        .values(claimant_key=None))
    erased.voter_areas = await _count(session, delete(VoterArea).where(
        VoterArea.round_id == round_id))
    # Who began a ballot (models/ballot/notices.py): not counted apart, it is part of voting.
    await session.execute(delete(BallotStart).where(BallotStart.round_id == round_id))
    prefixes = ([f"bidnudge:{bid_id}" for bid_id in bid_ids]
                + [f"bidnote:{bid_id}:" for bid_id in bid_ids]
                + [f"result:{round_id}:", f"vrem:{round_id}:"]
                + [f"vopen:{round_id}:", f"vfin:{round_id}:"])
    erased.messages = await _delete_messages(session, prefixes)
    event_ids = list(await session.scalars(select(Event.id).where(Event.round_id == round_id)))
    erased.add(await erase_events(session, event_ids))
    return erased


async def erase_events(session: AsyncSession, event_ids: list[int]) -> Erased:
    erased = Erased()
    if not event_ids:
        return erased
    registration_ids = list(await session.scalars(
        select(Registration.id).where(Registration.event_id.in_(event_ids))))
    helper_ids = list(await session.scalars(
        select(Helper.id).where(Helper.event_id.in_(event_ids))))
    erased.registrations = await _count(session, update(Registration).where(
        Registration.event_id.in_(event_ids),
        or_(Registration.telegram_id.is_not(None), Registration.first_name.is_not(None),
            Registration.access_needs.is_not(None)))
        .values(telegram_id=None, first_name=None, access_needs=None))
    erased.volunteers = await _count(session, delete(Helper).where(
        Helper.event_id.in_(event_ids)))
    question_ids = list(await session.scalars(
        select(Question.id).where(Question.event_id.in_(event_ids))))
    erased.cafe_answers = await _erase_answers(session, question_ids)
    prefixes = ([f"{kind}:{event_id}:" for event_id in event_ids
                 for kind in ("rem", "brief", "evx", "evm", "vmsg")]
                + [f"{kind}:{rid}:" for rid in registration_ids for kind in ("offer", "lapse")]
                + [f"vconf:{hid}:" for hid in helper_ids]
                + [f"{CAFE_PREFIX}{qid}:" for qid in question_ids])
    erased.messages = await _delete_messages(session, prefixes)
    return erased


async def _erase_answers(session: AsyncSession, question_ids: list[int]) -> int:
    """World Café answers keep their words, anonymous: no Telegram id, no first name and no
    voice (a voice identifies a person; an answer that was only a voice note goes)."""
    if not question_ids:
        return 0
    of_these = Answer.question_id.in_(question_ids)
    gone = await _count(session, delete(Answer).where(
        of_these, Answer.voice_file_id.is_not(None), Answer.text.is_(None)))
    return gone + await _count(session, update(Answer).where(
        of_these, or_(Answer.telegram_id.is_not(None), Answer.first_name.is_not(None),
                      Answer.voice_file_id.is_not(None)))
        .values(telegram_id=None, first_name=None, voice_file_id=None))


async def _delete_messages(session: AsyncSession, prefixes: list[str]) -> int:
    deleted = 0
    for start in range(0, len(prefixes), 200):  # keep each statement's parameters few
        chunk = prefixes[start:start + 200]
        deleted += await _count(session, delete(OutboxMessage).where(
            or_(*(OutboxMessage.dedupe_key.like(f"{prefix}%") for prefix in chunk))))
    return deleted


async def old_events_of_no_round(session: AsyncSession, now: datetime, days: int) -> list[int]:
    """Events of no round that ended RETENTION_DAYS ago and still hold someone's details."""
    people = select(Registration.event_id).where(Registration.telegram_id.is_not(None)).union(
        select(Helper.event_id),
        select(Question.event_id).join(Answer, Answer.question_id == Question.id)
        .where(or_(Answer.telegram_id.is_not(None), Answer.first_name.is_not(None),
                   Answer.voice_file_id.is_not(None))))
    return list(await session.scalars(
        select(Event.id).where(Event.round_id.is_(None),
                               Event.ends_at <= now - timedelta(days=days),
                               Event.id.in_(people))
        .order_by(Event.id)))


async def apply_retention(session: AsyncSession, now: datetime, days: int) -> Erased:
    """The whole chore: note newly closed rounds, erase those due, and old round-less events."""
    await note_closed_rounds(session, now)
    total = Erased()
    for round_id in await rounds_due(session, now, days):
        total.add(await erase_round(session, round_id))
        await session.execute(update(RoundRetention).where(RoundRetention.round_id == round_id)
                              .values(erased_at=now))
    events = await erase_events(session, await old_events_of_no_round(session, now, days))
    total.add(events)
    return total
