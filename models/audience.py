"""Who a broadcast goes to: the audiences an organiser can pick, and the people in each.

An audience is a kind and, for most kinds, a target: an event (people registered or waiting;
its volunteers), a round (groups who sent a bid; people who voted), or a place (people in an
area). `resolve` turns a button's value back into an audience, checking the target against
the database (a forged or stale button resolves to nothing); `members` lists the people in it
as the bot knows them now, so the count at preview, at Send and when sending starts are each
worked out afresh.

Everyone with a `users` row counts: someone who used /forget is gone. A row from before
languages were stored on first contact has none: it is listed with `locale` None, and the
planner writes to that person in DEFAULT_LOCALE (models/broadcast.py `plan`) rather than leave
them out. People who blocked the bot are listed with `blocked` set, so the preview can say how
many will be skipped.

Voters: the round's roll (models/ballot/box.py: who voted, never how) holds a keyed hash of each
voter, never the id. Members are found by computing each known person's hash and looking it
up among the roll's, in memory, for this one question.

Places: events name their area in plain text, rounds have `round_areas` rows. A place is a
name, compared without regard to case, as `models.eligibility.area_named` compares them; the
people in it are those whose last event registration was there (`models.event.home_area`),
those who told us they live there when voting in a round, and groups who sent a bid for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.ballot import RollEntry, roll_key, voter_key
from models.bid import Bid, BidStatus
from models.eligibility import VoterArea
from models.event import ACTIVE, Event, EventStatus, Helper, HelperStatus, Registration
from models.round import Area, Round, RoundStatus
from models.user import User

# Events that can be chosen: those still to come, and those that ended this recently.
RECENT = timedelta(days=30)
CHOICES_SHOWN = 12
# A bid that counts its group as a bidder: sent, and not taken back.
NOT_BIDDING = (BidStatus.DRAFT, BidStatus.WITHDRAWN)
# Rounds whose voters can be written to: voting has started.
VOTED = (RoundStatus.VOTING, RoundStatus.COUNTING, RoundStatus.RESULTS)


class Audience(StrEnum):
    EVERYONE = "all"
    REGISTERED = "reg"  # registered for an event, or on its waiting list
    VOLUNTEERS = "vol"  # offered to help at an event (and not withdrawn)
    BIDDERS = "bid"  # sent a bid in a round
    VOTERS = "vote"  # cast a ballot in a round
    AREA = "area"  # in a place


EVENT_AUDIENCES = (Audience.REGISTERED, Audience.VOLUNTEERS)
ROUND_AUDIENCES = (Audience.BIDDERS, Audience.VOTERS)
# Kinds that need a target picked: an event, a round or a place.
TARGETED = frozenset({*EVENT_AUDIENCES, *ROUND_AUDIENCES, Audience.AREA})


@dataclass(frozen=True)
class Choice:
    """An audience as stored on a broadcast: the kind, and the target's id or name."""

    kind: Audience
    target_id: int | None = None
    target_name: str | None = None


@dataclass(frozen=True)
class Member:
    telegram_id: int
    locale: str | None
    blocked: bool


@dataclass(frozen=True)
class Target:
    """One button under "which event / round / place?": its value and what it shows."""

    value: str
    title_en: str
    title_cy: str
    when: datetime | None = None

    def title(self, locale: str | None) -> str:
        return self.title_cy if locale == "cy" and self.title_cy else self.title_en


# ---------------------------------------------------------------------------------------------
# Pure rules


def place_token(name: str) -> str:
    """A short, stable stand-in for a place name in button data (names can exceed 64 bytes)."""
    return hashlib.sha256(name.strip().casefold().encode()).hexdigest()[:10]


def distinct_places(names: list[str]) -> list[str]:
    """Each place once (the first spelling seen wins), in alphabetical order."""
    seen: dict[str, str] = {}
    for name in names:
        key = name.strip().casefold()
        if key and key not in seen:
            seen[key] = name.strip()
    return sorted(seen.values(), key=str.casefold)


# ---------------------------------------------------------------------------------------------
# What can be chosen


async def targets(session: AsyncSession, kind: Audience, now: datetime) -> list[Target]:
    """The events, rounds or places an organiser can pick for `kind`, as buttons."""
    if kind in EVENT_AUDIENCES:
        return [Target(str(e.id), e.title_en, e.title_cy, e.starts_at)
                for e in await _events(session, now)]
    if kind in ROUND_AUDIENCES:
        return [Target(str(r.id), r.name_en, r.name_cy)
                for r in await _rounds(session, kind)]
    if kind is Audience.AREA:
        return [Target(place_token(p), p, p) for p in await _places(session)]
    return []


async def _events(session: AsyncSession, now: datetime) -> list[Event]:
    return list(await session.scalars(
        select(Event).where(Event.status == EventStatus.OPEN, Event.ends_at > now - RECENT)
        .order_by(Event.starts_at, Event.id).limit(CHOICES_SHOWN)
    ))


async def _rounds(session: AsyncSession, kind: Audience) -> list[Round]:
    statuses = VOTED if kind is Audience.VOTERS else tuple(s for s in RoundStatus
                                                          if s != RoundStatus.DRAFT)
    return list(await session.scalars(
        select(Round).where(Round.status.in_(statuses)).order_by(Round.id.desc())
        .limit(CHOICES_SHOWN)
    ))


async def _places(session: AsyncSession) -> list[str]:
    names = list(await session.scalars(select(Event.area).distinct()))
    for area in await session.scalars(select(Area)):
        names.append(area.name_en)
    return distinct_places(names)


async def resolve(session: AsyncSession, kind: str, value: str, now: datetime,
                  locale: str | None) -> Choice | None:
    """The audience a button names, if it is one that can be chosen now; else None."""
    if kind not in {a.value for a in Audience}:
        return None
    audience = Audience(kind)
    if audience is Audience.EVERYONE:
        return Choice(audience) if not value else None
    found = next((t for t in await targets(session, audience, now) if t.value == value), None)
    if found is None:
        return None
    if audience is Audience.AREA:
        return Choice(audience, target_name=found.title_en)
    return Choice(audience, target_id=int(found.value), target_name=found.title(locale))


async def still_there(session: AsyncSession, choice: Choice) -> bool:
    """Does the target still exist (an event or round may be deleted after it was chosen)?"""
    if choice.kind in EVENT_AUDIENCES:
        return await session.get(Event, choice.target_id) is not None
    if choice.kind in ROUND_AUDIENCES:
        return await session.get(Round, choice.target_id) is not None
    return True


# ---------------------------------------------------------------------------------------------
# Who is in it


def _people() -> Select:
    return select(User.telegram_id, User.locale, User.blocked_at)


async def members(session: AsyncSession, choice: Choice, *, secret: bytes) -> list[Member]:
    """Everyone in the audience now, once each, by Telegram id."""
    if choice.kind is Audience.VOTERS:
        return await _voters(session, choice.target_id, secret)
    query = _people()
    if choice.kind is Audience.REGISTERED:
        query = query.where(User.telegram_id.in_(
            select(Registration.telegram_id).where(Registration.event_id == choice.target_id,
                                                   Registration.status.in_(ACTIVE))))
    elif choice.kind is Audience.VOLUNTEERS:
        query = query.where(User.telegram_id.in_(
            select(Helper.telegram_id).where(Helper.event_id == choice.target_id,
                                             Helper.status != HelperStatus.WITHDRAWN)))
    elif choice.kind is Audience.BIDDERS:
        query = query.where(User.telegram_id.in_(
            select(Bid.owner_telegram_id).where(Bid.round_id == choice.target_id,
                                                Bid.status.not_in(NOT_BIDDING))))
    elif choice.kind is Audience.AREA:
        wanted = await _in_place(session, choice.target_name)
        rows = await session.execute(query.order_by(User.telegram_id))
        return [Member(tid, locale, blocked_at is not None)
                for tid, locale, blocked_at in rows if tid in wanted]
    elif choice.kind is not Audience.EVERYONE:
        raise ValueError(f"unknown audience {choice.kind!r}")
    rows = await session.execute(query.order_by(User.telegram_id))
    return [Member(tid, locale, blocked_at is not None) for tid, locale, blocked_at in rows]


async def _voters(session: AsyncSession, round_id: int | None, secret: bytes) -> list[Member]:
    keys = set(await session.scalars(
        select(RollEntry.roll_key).where(RollEntry.round_id == round_id)))
    if not keys:
        return []
    rows = await session.execute(_people().order_by(User.telegram_id))
    return [Member(tid, locale, blocked_at is not None) for tid, locale, blocked_at in rows
            if roll_key(voter_key(secret, tid)) in keys]


async def _in_place(session: AsyncSession, name: str | None) -> set[int]:
    place = (name or "").strip().casefold()
    # Compared in Python: SQLite's lower() leaves Welsh letters such as Ŵ alone.
    areas = [area.id for area in await session.scalars(select(Area))
             if place in (area.name_en.strip().casefold(), area.name_cy.strip().casefold())]
    # Their last registration says where they live (models.event.home_area): the rows come
    # oldest first, so the last one seen per person wins.
    latest: dict[int, str] = {}
    rows = await session.execute(
        select(Registration.telegram_id, Event.area).join(Event, Event.id == Registration.event_id)
        .where(Registration.telegram_id.is_not(None))
        .order_by(Registration.created_at, Registration.id))
    for telegram_id, area in rows:
        latest[telegram_id] = area
    people = {tid for tid, area in latest.items() if area.strip().casefold() == place}
    if areas:
        people |= set(await session.scalars(
            select(VoterArea.telegram_id).where(VoterArea.area_id.in_(areas))))
        people |= set(await session.scalars(
            select(Bid.owner_telegram_id).where(Bid.area_id.in_(areas),
                                                Bid.status.not_in(NOT_BIDDING),
                                                Bid.owner_telegram_id.is_not(None))))
    return people


async def size(session: AsyncSession, choice: Choice, *, secret: bytes) -> tuple[int, int]:
    """(people who will get it, people skipped because they blocked the bot)."""
    found = await members(session, choice, secret=secret)
    blocked = sum(1 for member in found if member.blocked)
    return len(found) - blocked, blocked
