"""Who may vote in a round, the voter's area and age band, and reminders to non-voters.

`Round.eligibility` says who may vote:
- `anyone`: anyone who uses the bot (the default);
- `checked_in`: people checked in at one of the round's vote events (`Event.round_id`);
- `area`: people who live in one of the round's areas, voting online;
- `both`: either of the two.
Whatever the rule, the holder of one of the round's voting codes may vote (models/voting_code.py).

A person's area for a round is the area they told us when they first voted in it (a
`voter_areas` row, kept until /forget), or else, if their last event registration
(`models.event.home_area`) was in a place named like one of the round's areas, that area.
Nobody can check an address in a chat: this is self-declared, like most online PB votes;
rounds that need more use check-in or codes.

Reminders go to eligible people who are not on the round's roll (models/ballot/box.py: who voted,
never how). The roll holds a keyed hash, not the id: it is computed for each person when the
reminder is planned and compared with the roll.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, UniqueConstraint, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.attributes import set_committed_value

from models.ballot import RollEntry, roll_key, voter_key
from models.base import Base, UtcDateTime, utcnow
from models.event import Event, Registration, home_area
from models.round import Area, Eligibility, Round
from models.user import reachable_people
from models.voting_code import claimant_key, claimant_keys, holds_code


class AgeBand(StrEnum):
    UNDER_13 = "u13"
    FROM_13 = "13-15"
    FROM_16 = "16-17"
    FROM_18 = "18-24"
    FROM_25 = "25-64"
    FROM_65 = "65+"


class VoterArea(Base):
    """The area a person said they live in, for one round (asked once, on their first vote)."""

    __tablename__ = "voter_areas"
    __table_args__ = (UniqueConstraint("round_id", "telegram_id",
                                       name="uq_voter_areas_round_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("round_areas.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


# ---------------------------------------------------------------------------------------------
# Pure rules


def may_vote(rule: str, *, has_code: bool, checked_in: bool, in_area: bool) -> bool:
    if has_code or rule == Eligibility.ANYONE:
        return True
    by_event = checked_in and rule in (Eligibility.CHECKED_IN, Eligibility.BOTH)
    by_area = in_area and rule in (Eligibility.AREA, Eligibility.BOTH)
    return by_event or by_area


def uses_area(rule: str) -> bool:
    return rule in (Eligibility.AREA, Eligibility.BOTH)


def uses_check_in(rule: str) -> bool:
    return rule in (Eligibility.CHECKED_IN, Eligibility.BOTH)


def may_take_part(band: str) -> bool:
    """Under-13s cannot consent to online services themselves (UK GDPR): a parent or carer
    has to take part for them."""
    return band != AgeBand.UNDER_13


def area_named(round_: Round, place: str | None) -> Area | None:
    """The round's area whose English or Welsh name is `place` (as events spell areas)."""
    wanted = (place or "").strip().casefold()
    return next((area for area in round_.areas
                 if wanted and wanted in (area.name_en.casefold(), area.name("cy").casefold())),
                None)


# ---------------------------------------------------------------------------------------------
# One person


@dataclass(frozen=True)
class Standing:
    eligible: bool
    ask_area: bool = False  # the round goes by area and we don't know theirs: ask


async def checked_in(session: AsyncSession, round_id: int, telegram_id: int) -> bool:
    found = await session.scalar(
        select(Registration.id).join(Event, Event.id == Registration.event_id)
        .where(Event.round_id == round_id, Registration.telegram_id == telegram_id,
               Registration.checked_in_at.is_not(None)).limit(1))
    return found is not None


async def area_of(session: AsyncSession, round_: Round, telegram_id: int) -> Area | None:
    declared = await session.scalar(
        select(VoterArea.area_id).where(VoterArea.round_id == round_.id,
                                        VoterArea.telegram_id == telegram_id))
    if declared is not None:
        return round_.area(declared)
    return area_named(round_, await home_area(session, telegram_id))


async def declare_area(session: AsyncSession, round_: Round, telegram_id: int,
                       area_id: int) -> Area | None:
    """Record the area they live in; the first answer stays (a second tap changes nothing)."""
    known = await area_of(session, round_, telegram_id)
    if known is not None:
        return known
    area = round_.area(area_id)
    if area is None:
        return None
    session.add(VoterArea(round_id=round_.id, telegram_id=telegram_id, area_id=area.id))
    await session.flush()
    return area


async def standing(session: AsyncSession, round_: Round, telegram_id: int, *,
                   secret: bytes) -> Standing:
    rule = round_.eligibility
    if rule == Eligibility.ANYONE or await holds_code(session, round_.id, telegram_id,
                                                      secret=secret):
        return Standing(True)
    if uses_check_in(rule) and await checked_in(session, round_.id, telegram_id):
        return Standing(True)
    if uses_area(rule):
        if await area_of(session, round_, telegram_id) is not None:
            return Standing(True)
        return Standing(False, ask_area=True)
    return Standing(False)


# ---------------------------------------------------------------------------------------------
# Everyone: reminders


async def _checked_in_people(session: AsyncSession, round_id: int) -> set[int]:
    return set(await session.scalars(
        select(Registration.telegram_id).join(Event, Event.id == Registration.event_id)
        .where(Event.round_id == round_id, Registration.telegram_id.is_not(None),
               Registration.checked_in_at.is_not(None))))


async def _area_people(session: AsyncSession, round_: Round) -> set[int]:
    declared = set(await session.scalars(
        select(VoterArea.telegram_id).where(VoterArea.round_id == round_.id)))
    # Everyone's last registration, oldest first, so the last one seen per person wins.
    latest: dict[int, str] = {}
    rows = await session.execute(
        select(Registration.telegram_id, Event.area)
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.telegram_id.is_not(None))
        .order_by(Registration.created_at, Registration.id))
    for telegram_id, place in rows:
        latest[telegram_id] = place
    return declared | {tid for tid, place in latest.items() if area_named(round_, place)}


async def eligible_non_voters(session: AsyncSession, round_: Round, *,
                              secret: bytes) -> list[int]:
    """Everyone who may vote in the round and has not, who can be reached (has not blocked
    the bot), in id order."""
    rule = round_.eligibility
    people = await reachable_people(session)
    by_event = await _checked_in_people(session, round_.id) if uses_check_in(rule) else set()
    by_area = await _area_people(session, round_) if uses_area(rule) else set()
    codes = await claimant_keys(session, round_.id)
    voted = set(await session.scalars(
        select(RollEntry.roll_key).where(RollEntry.round_id == round_.id)))
    return [tid for tid in people
            if may_vote(rule, has_code=claimant_key(secret, round_.id, tid) in codes,
                        checked_in=tid in by_event, in_area=tid in by_area)
            and roll_key(voter_key(secret, tid)) not in voted]


async def take_reminder_number(session: AsyncSession, round_: Round, number: int) -> bool:
    """Claim reminder `number` (the next one); false if it was sent already or is not next."""
    moved = await session.execute(
        update(Round).where(Round.id == round_.id, Round.reminders_sent == number - 1)
        .values(reminders_sent=number).execution_options(synchronize_session=False))
    if moved.rowcount != 1:
        return False
    set_committed_value(round_, "reminders_sent", number)
    return True


# ---------------------------------------------------------------------------------------------
# /mydata and /forget


async def export_person(session: AsyncSession, telegram_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(VoterArea.round_id, Area.code, VoterArea.created_at)
        .join(Area, Area.id == VoterArea.area_id)
        .where(VoterArea.telegram_id == telegram_id).order_by(VoterArea.id))
    return [{"round": round_id, "area": code, "told_us": when.isoformat()}
            for round_id, code, when in rows]


async def erase_person(session: AsyncSession, telegram_id: int) -> None:
    await session.execute(delete(VoterArea).where(VoterArea.telegram_id == telegram_id))

