"""Bids: a group's answers, saved one at a time, then submitted, reviewed and (later) voted on.

A draft is a `bids` row with status `draft`: every answer is written to it the moment it is
given, so /cancel, a restart or a week away loses nothing, and submitting is a state change
of the same row (`draft -> submitted`, guarded in the UPDATE itself, so a double tap makes one
bid). See docs/decisions.md, "Drafts are bids".

    draft --submit--> submitted --organiser--> needs_changes | eligible | not_eligible
      |                   ^    group edits a reviewed bid: back to submitted |
      |                   +----------------------------------------------------+
      +--delete (gone)    submitted/needs_changes/eligible --withdraw--> withdrawn
    eligible --voting feature--> funded | not_funded

Every change bumps `revision`; organisers' review buttons carry it, so a card shown before a
change can't be used to decide on what the bid has become since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.bid_questions import QUESTIONS, asked, is_answered, next_question
from models.outbox import OutboxMessage, Status
from models.round import Round, RoundStatus, accepting_bids, next_bid_number

NOTE_LIMIT = 1000
NUDGE_BEFORE = timedelta(hours=48)


class BidStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    NEEDS_CHANGES = "needs_changes"
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    WITHDRAWN = "withdrawn"
    FUNDED = "funded"
    NOT_FUNDED = "not_funded"


# What a group may still change before the deadline. A "not eligible" decision is final.
GROUP_CAN_CHANGE = frozenset({BidStatus.DRAFT, BidStatus.SUBMITTED, BidStatus.NEEDS_CHANGES,
                              BidStatus.ELIGIBLE})
WITHDRAWABLE = GROUP_CAN_CHANGE - {BidStatus.DRAFT}
# Organisers may decide, and change their mind, until the vote starts.
REVIEWABLE = frozenset({BidStatus.SUBMITTED, BidStatus.NEEDS_CHANGES, BidStatus.ELIGIBLE,
                        BidStatus.NOT_ELIGIBLE})
DECISIONS = frozenset({BidStatus.NEEDS_CHANGES, BidStatus.ELIGIBLE, BidStatus.NOT_ELIGIBLE})


class Bid(Base):
    __tablename__ = "bids"
    # The per-round number behind the reference: unique, so no two bids share SPK-014.
    __table_args__ = (UniqueConstraint("round_id", "number", name="uq_bids_round_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    # The Telegram user who wrote it; emptied by /forget (the submitted bid itself stays).
    owner_telegram_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    number: Mapped[int | None] = mapped_column()
    reference: Mapped[str | None] = mapped_column(String(12))
    group_name: Mapped[str | None] = mapped_column(String(QUESTIONS["group"].limit))
    title: Mapped[str | None] = mapped_column(String(QUESTIONS["title"].limit))
    description: Mapped[str | None] = mapped_column(Text)
    voice_file_id: Mapped[str | None] = mapped_column(String(200))
    beneficiaries: Mapped[str | None] = mapped_column(Text)
    amount_pence: Mapped[int | None] = mapped_column(BigInteger)
    area_id: Mapped[int | None] = mapped_column(ForeignKey("round_areas.id", ondelete="SET NULL"))
    contact: Mapped[str | None] = mapped_column(String(QUESTIONS["contact"].limit))
    photo_file_id: Mapped[str | None] = mapped_column(String(200))
    # The organisers' message with "needs changes", or their reason with "not eligible".
    decision_note: Mapped[str | None] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


# ---------------------------------------------------------------------------------------------
# Pure rules


def answers(bid: Bid) -> dict[str, Any]:
    values = {q.column: getattr(bid, q.column) for q in QUESTIONS.values()}
    values["voice_file_id"] = bid.voice_file_id
    return values


def questions_for(bid: Bid, round_: Round) -> tuple[str, ...]:
    return asked(round_.questions, len(round_.areas))


def next_unanswered(bid: Bid, round_: Round) -> str | None:
    return next_question(questions_for(bid, round_), answers(bid))


def answered_count(bid: Bid, round_: Round) -> int:
    values = answers(bid)
    return sum(1 for key in questions_for(bid, round_) if is_answered(values, key))


def make_reference(area_code: str, number: int) -> str:
    """'SPK-014': the area's code and the round's running number, short enough to say aloud."""
    return f"{area_code}-{number:03d}"


class Refusal(StrEnum):
    """Why a group's button or answer changes nothing."""

    NOT_YOURS = "not-yours"
    DEADLINE = "deadline"
    LOCKED = "locked"


def group_refusal(bid: Bid | None, round_: Round | None, owner_id: int,
                  now: datetime) -> Refusal | None:
    """May this person change this bid now? None when they may."""
    if bid is None or round_ is None or bid.owner_telegram_id != owner_id:
        return Refusal.NOT_YOURS
    if bid.status not in GROUP_CAN_CHANGE:
        return Refusal.LOCKED
    if not accepting_bids(round_, now):
        return Refusal.DEADLINE
    return None


# ---------------------------------------------------------------------------------------------
# The group's side


async def get_bid(session: AsyncSession, bid_id: int) -> Bid | None:
    return await session.get(Bid, bid_id)


async def bids_of(session: AsyncSession, owner_id: int) -> list[Bid]:
    return list(await session.scalars(
        select(Bid).where(Bid.owner_telegram_id == owner_id).order_by(Bid.id)
    ))


async def start_draft(session: AsyncSession, round_: Round, owner_id: int) -> Bid:
    # With a single area there is nothing to ask: the bid is for that area.
    area_id = round_.areas[0].id if len(round_.areas) == 1 else None
    bid = Bid(round_id=round_.id, owner_telegram_id=owner_id, status=BidStatus.DRAFT.value,
              area_id=area_id)
    session.add(bid)
    await session.flush()
    return bid


async def save_answer(session: AsyncSession, bid: Bid, key: str, value: Any, *,
                      voice: bool = False) -> bool:
    """Write one answer at once. True when the change sends a reviewed bid back for review.

    A description is typed or spoken: the newer one replaces the other.
    """
    question = QUESTIONS[key]
    if key == "description":
        bid.description, bid.voice_file_id = (None, value) if voice else (value, None)
    else:
        setattr(bid, question.column, value)
    return _changed(bid)


async def set_photo(bid: Bid, file_id: str | None) -> bool:
    bid.photo_file_id = file_id
    return _changed(bid)


def _changed(bid: Bid) -> bool:
    bid.revision += 1
    bid.updated_at = utcnow()
    if bid.status in (BidStatus.NEEDS_CHANGES, BidStatus.ELIGIBLE):
        # The organisers decided on something else; they look again.
        bid.status = BidStatus.SUBMITTED.value
        return True
    return False


async def submit(session: AsyncSession, bid: Bid, round_: Round) -> bool:
    """draft -> submitted, once. A second tap (or a second process) finds it already moved."""
    now = utcnow()
    moved = await session.execute(
        update(Bid).where(Bid.id == bid.id, Bid.status == BidStatus.DRAFT)
        .values(status=BidStatus.SUBMITTED.value, submitted_at=now, updated_at=now,
                revision=Bid.revision + 1)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        await session.refresh(bid)
        return False
    number = await next_bid_number(session, round_.id)
    area = round_.area(bid.area_id) or round_.areas[0]
    await session.execute(
        update(Bid).where(Bid.id == bid.id)
        .values(number=number, reference=make_reference(area.code, number))
        .execution_options(synchronize_session=False)
    )
    await cancel_nudge(session, bid.id)
    await session.refresh(bid)
    return True


async def withdraw(session: AsyncSession, bid: Bid) -> bool:
    moved = await session.execute(
        update(Bid).where(Bid.id == bid.id, Bid.status.in_(WITHDRAWABLE))
        .values(status=BidStatus.WITHDRAWN.value, updated_at=utcnow(),
                revision=Bid.revision + 1)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(bid)
    return moved.rowcount == 1


async def delete_draft(session: AsyncSession, bid: Bid) -> bool:
    gone = await session.execute(
        delete(Bid).where(Bid.id == bid.id, Bid.status == BidStatus.DRAFT)
        .execution_options(synchronize_session=False)
    )
    await cancel_nudge(session, bid.id)
    if gone.rowcount == 1:
        session.expunge(bid)
    return gone.rowcount == 1


# ---------------------------------------------------------------------------------------------
# Reminders and notices through the outbox


def nudge_key(bid_id: int) -> str:
    return f"bidnudge:{bid_id}"


def nudge_due(round_: Round, now: datetime | None = None) -> datetime | None:
    """When a group's draft gets its nudge: 48 hours before the deadline, planned with the
    draft (scheduled sends are rows: docs/decisions.md). None when that moment has passed:
    the group is at it now."""
    due = round_.bid_deadline - NUDGE_BEFORE
    return due if due > (now or utcnow()) else None


async def cancel_nudge(session: AsyncSession, bid_id: int) -> None:
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.dedupe_key == nudge_key(bid_id),
               OutboxMessage.status == Status.PENDING.value)
        .values(status=Status.CANCELLED.value)
        .execution_options(synchronize_session=False)
    )


def decision_key(bid: Bid) -> str:
    """The group hears once about each version of its bid that an organiser decided."""
    return f"bidnote:{bid.id}:{bid.revision}"


# ---------------------------------------------------------------------------------------------
# The organisers' side


async def decide(session: AsyncSession, bid: Bid, decision: BidStatus, note: str | None,
                 revision: int) -> bool:
    """Record a review decision on the version of the bid the organiser saw, once."""
    if decision not in DECISIONS:
        raise ValueError(f"not a review decision: {decision!r}")
    moved = await session.execute(
        update(Bid).where(Bid.id == bid.id, Bid.revision == revision,
                          Bid.status.in_(REVIEWABLE))
        .values(status=decision.value, decision_note=note, decided_at=utcnow(),
                revision=Bid.revision + 1)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(bid)
    return moved.rowcount == 1


async def round_bids(session: AsyncSession, round_id: int) -> list[Bid]:
    """Every bid sent to a round (not drafts), in reference order."""
    return list(await session.scalars(
        select(Bid).where(Bid.round_id == round_id, Bid.status != BidStatus.DRAFT)
        .order_by(Bid.number, Bid.id)
    ))


async def draft_count(session: AsyncSession, round_id: int) -> int:
    return await session.scalar(
        select(func.count()).where(Bid.round_id == round_id, Bid.status == BidStatus.DRAFT)
    ) or 0


@dataclass(frozen=True)
class AreaTotals:
    code: str
    bids: int
    asked_pence: int
    pot_pence: int


@dataclass(frozen=True)
class Overview:
    by_status: dict[str, int]
    asked_pence: int
    eligible_pence: int
    pot_pence: int
    areas: tuple[AreaTotals, ...]

    @property
    def to_review(self) -> int:
        return self.by_status.get(BidStatus.SUBMITTED, 0)


def round_under_review(round_: Round) -> bool:
    """Organisers decide on bids until the vote starts; after that the ballot is fixed."""
    return round_.status not in (RoundStatus.VOTING, RoundStatus.COUNTING, RoundStatus.RESULTS)


def overview(round_: Round, bids: list[Bid]) -> Overview:
    """Counts and money at a glance. Withdrawn and not-eligible bids ask for nothing."""
    live = [b for b in bids if b.status not in (BidStatus.WITHDRAWN, BidStatus.NOT_ELIGIBLE,
                                                BidStatus.DRAFT)]
    by_status: dict[str, int] = {}
    for bid in bids:
        by_status[bid.status] = by_status.get(bid.status, 0) + 1
    areas = tuple(
        AreaTotals(code=area.code, bids=sum(1 for b in live if b.area_id == area.id),
                   asked_pence=sum(b.amount_pence or 0 for b in live if b.area_id == area.id),
                   pot_pence=area.pot_pence)
        for area in round_.areas
    )
    return Overview(
        by_status=by_status,
        asked_pence=sum(b.amount_pence or 0 for b in live),
        eligible_pence=sum(b.amount_pence or 0 for b in live
                           if b.status in (BidStatus.ELIGIBLE, BidStatus.FUNDED,
                                           BidStatus.NOT_FUNDED)),
        pot_pence=round_.pot_pence,
        areas=areas,
    )


def review_order(bids: list[Bid]) -> list[Bid]:
    """Waiting for review first (oldest first), then the rest by reference."""
    waiting = sorted((b for b in bids if b.status == BidStatus.SUBMITTED),
                     key=lambda b: (b.updated_at, b.id))
    others = [b for b in bids if b.status != BidStatus.SUBMITTED]
    return waiting + others


# ---------------------------------------------------------------------------------------------
# Personal data (/mydata, /forget)


async def export_bids(session: AsyncSession, owner_id: int) -> list[dict[str, Any]]:
    return [
        {"reference": b.reference, "status": b.status, "round_id": b.round_id,
         "group": b.group_name, "title": b.title, "description": b.description,
         "voice_note": bool(b.voice_file_id), "who_benefits": b.beneficiaries,
         "amount_pence": b.amount_pence, "contact": b.contact, "photo": bool(b.photo_file_id),
         "organisers_note": b.decision_note,
         "submitted_at": b.submitted_at.isoformat() if b.submitted_at else None}
        for b in await bids_of(session, owner_id)
    ]


async def erase_bids(session: AsyncSession, owner_id: int) -> None:
    """Drafts go; sent bids stay in their round, without who sent them or how to reach them.

    The voice note goes too: a voice identifies a person as surely as a name does.
    """
    # Their pending nudges and notices go unsent; the sent ones' records go too.
    await session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.chat_id == owner_id, OutboxMessage.dedupe_key.like("bid%"))
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        delete(Bid).where(Bid.owner_telegram_id == owner_id, Bid.status == BidStatus.DRAFT)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(Bid).where(Bid.owner_telegram_id == owner_id)
        .values(owner_telegram_id=None, contact=None, voice_file_id=None)
        .execution_options(synchronize_session=False)
    )
