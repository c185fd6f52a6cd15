"""Events (World Café, PB vote, sessions...), who registered, who waits, who came, who helps.

Registrations keep the person's Telegram id and, only if the organiser asked, a first name
and accessibility needs. Walk-ins registered at the door have no Telegram id. Every change of
a place goes through these functions, which lock the event row first (PostgreSQL) so two
people can never take the last place together; SQLite has one writer at a time anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models import event_rules as rules
from models.base import Base, UtcDateTime, utcnow


class EventKind(StrEnum):
    WORLD_CAFE = "cafe"
    PB_VOTE = "vote"
    INFO = "info"
    TRAINING = "train"
    FESTIVAL = "fest"
    OTHER = "other"


class EventStatus(StrEnum):
    OPEN = "open"
    CANCELLED = "cancelled"


class RegStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    # A freed place is held for this person until `offered_until`.
    OFFERED = "offered"
    CANCELLED = "cancelled"


class HelperStatus(StrEnum):
    OFFERED = "offered"
    CONFIRMED = "confirmed"
    WITHDRAWN = "withdrawn"


# Statuses that hold a place (an offer holds one until it is taken or lapses).
HOLDS_PLACE = (RegStatus.CONFIRMED, RegStatus.OFFERED)
# Every outbox key about events starts with one of these (bot/jobs/event_notices.py writes them):
# reminders, briefings, cancellations, changes, offers, lapsed offers, volunteer notices.
OUTBOX_PREFIXES = ("rem:", "brief:", "evx:", "evm:", "offer:", "lapse:", "vconf:", "vmsg:")
ACTIVE = (RegStatus.CONFIRMED, RegStatus.OFFERED, RegStatus.WAITING)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    title_en: Mapped[str] = mapped_column(String(200))
    title_cy: Mapped[str] = mapped_column(String(200))
    description_en: Mapped[str] = mapped_column(Text)
    description_cy: Mapped[str | None] = mapped_column(Text)
    # A plain name for now; areas may become a table when rounds land.
    area: Mapped[str] = mapped_column(String(60), index=True)
    venue: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    capacity: Mapped[int | None] = mapped_column()
    ask_first_name: Mapped[bool] = mapped_column(default=False)
    ask_access: Mapped[bool] = mapped_column(default=False)
    # The PB round a vote event belongs to; a foreign key once rounds exist.
    round_id: Mapped[int | None] = mapped_column()
    # Seconds before the start, "86400,7200"; None means the global REMINDER_OFFSETS.
    reminder_offsets: Mapped[str | None] = mapped_column(String(80))
    # When volunteers should arrive; None means an hour before the start.
    helpers_arrive_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16), default=EventStatus.OPEN.value)
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    def title(self, locale: str | None) -> str:
        return self.title_cy if locale == "cy" and self.title_cy else self.title_en

    def description(self, locale: str | None) -> str:
        if locale == "cy" and self.description_cy:
            return self.description_cy
        return self.description_en

    @property
    def is_open(self) -> bool:
        return self.status == EventStatus.OPEN

    def offsets(self, default: tuple[int, ...]) -> tuple[int, ...]:
        return rules.offsets_of(self.reminder_offsets, default)


class Registration(Base):
    __tablename__ = "event_registrations"
    __table_args__ = (UniqueConstraint("event_id", "telegram_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # None for a walk-in registered at the door by an organiser.
    telegram_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    status: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    first_name: Mapped[str | None] = mapped_column(String(64))
    access_needs: Mapped[str | None] = mapped_column(String(500))
    walk_in: Mapped[bool] = mapped_column(default=False)
    # Place in the waiting list: when they (last) joined it.
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    offered_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    checked_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Role(Base):
    __tablename__ = "event_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name_en: Mapped[str] = mapped_column(String(80))
    name_cy: Mapped[str] = mapped_column(String(80))

    def name(self, locale: str | None) -> str:
        return self.name_cy if locale == "cy" else self.name_en


class Helper(Base):
    """A resident who offered to volunteer at an event, in one role."""

    __tablename__ = "event_volunteers"
    __table_args__ = (UniqueConstraint("event_id", "telegram_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    role_id: Mapped[int] = mapped_column(ForeignKey("event_roles.id", ondelete="CASCADE"),
                                         index=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # Asked when offering, so organisers know who is helping.
    first_name: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


@dataclass(frozen=True)
class Counts:
    confirmed: int = 0
    waiting: int = 0
    offered: int = 0
    checked_in: int = 0

    @property
    def taken(self) -> int:
        return self.confirmed + self.offered


# --- events ---------------------------------------------------------------------------------

EVENT_FIELDS = ("kind", "title_en", "title_cy", "description_en", "description_cy", "area",
                "venue", "address", "starts_at", "ends_at", "capacity", "ask_first_name",
                "ask_access", "round_id", "reminder_offsets", "helpers_arrive_at")


async def create_event(session: AsyncSession, *, created_by: int | None = None,
                       **fields: Any) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields {sorted(unknown)}")
    event = Event(status=EventStatus.OPEN.value, created_by=created_by, created_at=utcnow(),
                  **fields)
    session.add(event)
    await session.flush()
    return event


def change_field(event: Event, field: str, value: Any) -> None:
    """Set one field. Moving the start moves the end (and the volunteers' arrival) with it,
    so the event keeps its length."""
    if field not in EVENT_FIELDS:
        raise ValueError(f"not an event field: {field}")
    if field == "starts_at":
        shift = value - event.starts_at
        event.ends_at = event.ends_at + shift
        if event.helpers_arrive_at is not None:
            event.helpers_arrive_at = event.helpers_arrive_at + shift
    setattr(event, field, value)


async def get_event(session: AsyncSession, event_id: int) -> Event | None:
    return await session.get(Event, event_id)


async def lock_event(session: AsyncSession, event_id: int) -> Event | None:
    """The event row, locked for the rest of the transaction on PostgreSQL."""
    return await session.scalar(
        select(Event).where(Event.id == event_id).with_for_update()
        .execution_options(populate_existing=True)
    )


async def open_event(session: AsyncSession, event_id: int, now: datetime) -> Event | None:
    """The event if people can still register: not cancelled and not over."""
    event = await session.get(Event, event_id)
    if event is None or not event.is_open or event.ends_at <= now:
        return None
    return event


async def upcoming(session: AsyncSession, now: datetime, limit: int = 30) -> list[Event]:
    return list(await session.scalars(
        select(Event).where(Event.status == EventStatus.OPEN, Event.ends_at > now)
        .order_by(Event.starts_at, Event.id).limit(limit)
    ))


async def for_organisers(session: AsyncSession, now: datetime, limit: int = 30) -> list[Event]:
    """Events still to come or under way, cancelled ones included (they can be looked at)."""
    return list(await session.scalars(
        select(Event).where(Event.ends_at > now).order_by(Event.starts_at, Event.id).limit(limit)
    ))


async def same_event_exists(session: AsyncSession, title_en: str, starts_at: datetime) -> bool:
    """Importing one file twice must not create every event twice."""
    found = await session.scalar(
        select(Event.id).where(Event.title_en == title_en, Event.starts_at == starts_at).limit(1)
    )
    return found is not None


async def known_areas(session: AsyncSession, limit: int = 8) -> list[str]:
    rows = await session.scalars(
        select(Event.area).group_by(Event.area).order_by(func.max(Event.created_at).desc())
        .limit(limit)
    )
    return list(rows)


async def cancel_event(session: AsyncSession, event: Event) -> list[tuple[int, bool]]:
    """Cancel it; returns (telegram_id, is_volunteer) of everyone who must be told."""
    event.status = EventStatus.CANCELLED.value
    people = await session.scalars(
        select(Registration.telegram_id).where(
            Registration.event_id == event.id, Registration.status.in_(ACTIVE),
            Registration.telegram_id.is_not(None))
    )
    registered = set(people)
    helpers = set(await session.scalars(
        select(Helper.telegram_id).where(Helper.event_id == event.id,
                                         Helper.status != HelperStatus.WITHDRAWN)
    ))
    return [(tid, False) for tid in sorted(registered)] + [
        (tid, True) for tid in sorted(helpers - registered)]


# --- registrations --------------------------------------------------------------------------

async def counts(session: AsyncSession, event_id: int) -> Counts:
    rows = await session.execute(
        select(Registration.status, func.count(), func.count(Registration.checked_in_at))
        .where(Registration.event_id == event_id).group_by(Registration.status)
    )
    by_status = {status: (n, checked) for status, n, checked in rows}
    return Counts(
        confirmed=by_status.get(RegStatus.CONFIRMED, (0, 0))[0],
        waiting=by_status.get(RegStatus.WAITING, (0, 0))[0],
        offered=by_status.get(RegStatus.OFFERED, (0, 0))[0],
        checked_in=sum(checked for _, checked in by_status.values()),
    )


async def find_registration(session: AsyncSession, event_id: int,
                            telegram_id: int) -> Registration | None:
    return await session.scalar(
        select(Registration).where(Registration.event_id == event_id,
                                   Registration.telegram_id == telegram_id)
    )


async def get_registration(session: AsyncSession, registration_id: int) -> Registration | None:
    return await session.get(Registration, registration_id)


async def _new_code(session: AsyncSession) -> str:
    # Codes are few and short; one query per candidate is cheap and clashes are rare.
    taken = set()
    while True:
        code = rules.unused_code(lambda c: c in taken)
        if await session.scalar(select(Registration.id).where(Registration.code == code)) is None:
            return code
        taken.add(code)


async def register(session: AsyncSession, event: Event, telegram_id: int, *, now: datetime,
                   first_name: str | None = None, access_needs: str | None = None
                   ) -> Registration:
    """A place if there is room, else a place on the waiting list.

    Someone already registered or waiting keeps what they have. A cancelled registration is
    reused (same code), so a person has at most one row per event.
    """
    await lock_event(session, event.id)
    existing = await find_registration(session, event.id, telegram_id)
    if existing is not None and existing.status in ACTIVE:
        return existing
    has_room = rules.has_room(event.capacity, (await counts(session, event.id)).taken)
    status = RegStatus.CONFIRMED if has_room else RegStatus.WAITING
    if existing is None:
        existing = Registration(event_id=event.id, telegram_id=telegram_id,
                                code=await _new_code(session), created_at=now)
        session.add(existing)
    existing.status = status.value
    existing.first_name = first_name
    existing.access_needs = access_needs
    existing.queued_at = now
    existing.offered_until = None
    await session.flush()
    return existing


async def walk_in(session: AsyncSession, event: Event, *, now: datetime,
                  first_name: str | None = None) -> Registration:
    """Someone at the door without a registration: registered and checked in at once.

    They are let in even if the event is "full": the organiser at the door decides that.
    """
    registration = Registration(
        event_id=event.id, telegram_id=None, status=RegStatus.CONFIRMED.value,
        code=await _new_code(session), first_name=first_name, walk_in=True, queued_at=now,
        checked_in_at=now, created_at=now,
    )
    session.add(registration)
    await session.flush()
    return registration


async def waiting_position(session: AsyncSession, registration: Registration) -> int:
    ahead = await session.scalar(
        select(func.count()).where(
            Registration.event_id == registration.event_id,
            Registration.status == RegStatus.WAITING,
            (Registration.queued_at < registration.queued_at)
            | ((Registration.queued_at == registration.queued_at)
               & (Registration.id < registration.id)),
        )
    )
    return (ahead or 0) + 1


async def cancel_registration(session: AsyncSession, registration: Registration) -> None:
    registration.status = RegStatus.CANCELLED.value
    registration.offered_until = None
    await session.flush()


async def offer_free_places(session: AsyncSession, event: Event,
                            now: datetime) -> list[Registration]:
    """Offer each free place to the next person waiting; returns who was offered one."""
    await lock_event(session, event.id)
    deadline = rules.offer_deadline(now, event.starts_at)
    if not event.is_open or deadline is None:
        return []
    free = rules.places_left(event.capacity, (await counts(session, event.id)).taken)
    limit = free if free is not None else None
    query = (select(Registration)
             .where(Registration.event_id == event.id, Registration.status == RegStatus.WAITING)
             .order_by(Registration.queued_at, Registration.id))
    if limit is not None:
        if limit == 0:
            return []
        query = query.limit(limit)
    offered = list(await session.scalars(query))
    for registration in offered:
        registration.status = RegStatus.OFFERED.value
        registration.offered_until = deadline
    await session.flush()
    return offered


async def accept_offer(session: AsyncSession, registration: Registration, now: datetime) -> bool:
    """Take the held place; false if the offer is gone or has lapsed."""
    if (registration.status != RegStatus.OFFERED or registration.offered_until is None
            or registration.offered_until < now):
        return False
    registration.status = RegStatus.CONFIRMED.value
    registration.offered_until = None
    await session.flush()
    return True


async def lapsed_offers(session: AsyncSession, now: datetime) -> list[Registration]:
    """Offers nobody took in time: they are cancelled (the person is told) and the caller
    offers the place to the next person."""
    lapsed = list(await session.scalars(
        select(Registration).where(Registration.status == RegStatus.OFFERED,
                                   Registration.offered_until < now)
        .order_by(Registration.event_id, Registration.id)
    ))
    for registration in lapsed:
        registration.status = RegStatus.CANCELLED.value
        registration.offered_until = None
    await session.flush()
    return lapsed


async def registrations_of(session: AsyncSession, event_id: int) -> list[Registration]:
    status_order = {RegStatus.CONFIRMED: 0, RegStatus.OFFERED: 1, RegStatus.WAITING: 2,
                    RegStatus.CANCELLED: 3}
    rows = list(await session.scalars(
        select(Registration).where(Registration.event_id == event_id)
        .order_by(Registration.queued_at, Registration.id)
    ))
    return sorted(rows, key=lambda r: status_order.get(RegStatus(r.status), 9))


async def confirmed_people(session: AsyncSession, event_id: int,
                           telegram_id: int | None = None) -> list[Registration]:
    query = select(Registration).where(Registration.event_id == event_id,
                                       Registration.status == RegStatus.CONFIRMED,
                                       Registration.telegram_id.is_not(None))
    if telegram_id is not None:
        query = query.where(Registration.telegram_id == telegram_id)
    return list(await session.scalars(query))


async def mine(session: AsyncSession, telegram_id: int,
               now: datetime) -> list[tuple[Registration, Event]]:
    """A person's registrations for events not yet over, soonest first."""
    rows = await session.execute(
        select(Registration, Event).join(Event, Event.id == Registration.event_id)
        .where(Registration.telegram_id == telegram_id, Registration.status.in_(ACTIVE),
               Event.ends_at > now, Event.status == EventStatus.OPEN)
        .order_by(Event.starts_at, Event.id)
    )
    return [(registration, event) for registration, event in rows]


async def home_area(session: AsyncSession, telegram_id: int) -> str | None:
    """The area of the last event the person registered for: their area, as far as we know."""
    return await session.scalar(
        select(Event.area).join(Registration, Registration.event_id == Event.id)
        .where(Registration.telegram_id == telegram_id)
        .order_by(Registration.created_at.desc()).limit(1)
    )


class CheckIn(StrEnum):
    DONE = "done"
    ALREADY = "already"
    UNKNOWN = "unknown"
    CANCELLED = "cancelled"


async def check_in(session: AsyncSession, event: Event, code: str,
                   now: datetime) -> tuple[CheckIn, Registration | None]:
    """Record that the person with `code` came. Someone on the waiting list who turns up is
    let in as confirmed: at the door the organiser decides, and voting counts who came."""
    registration = await session.scalar(
        select(Registration).where(Registration.event_id == event.id, Registration.code == code)
    )
    if registration is None:
        return CheckIn.UNKNOWN, None
    if registration.checked_in_at is not None:
        return CheckIn.ALREADY, registration
    if registration.status == RegStatus.CANCELLED:
        return CheckIn.CANCELLED, registration
    registration.status = RegStatus.CONFIRMED.value
    registration.offered_until = None
    registration.checked_in_at = now
    await session.flush()
    return CheckIn.DONE, registration


async def attended(session: AsyncSession, event_id: int, telegram_id: int) -> bool:
    """Did this person check in at this event? (Event-only voting relies on this.)"""
    found = await session.scalar(
        select(Registration.id).where(Registration.event_id == event_id,
                                      Registration.telegram_id == telegram_id,
                                      Registration.checked_in_at.is_not(None))
    )
    return found is not None


# --- volunteers -----------------------------------------------------------------------------

async def add_role(session: AsyncSession, event: Event, name_en: str, name_cy: str) -> Role:
    role = Role(event_id=event.id, name_en=name_en, name_cy=name_cy)
    session.add(role)
    await session.flush()
    return role


async def roles_of(session: AsyncSession, event_id: int) -> list[Role]:
    return list(await session.scalars(
        select(Role).where(Role.event_id == event_id).order_by(Role.id)
    ))


async def get_role(session: AsyncSession, role_id: int) -> Role | None:
    return await session.get(Role, role_id)


async def offer_help(session: AsyncSession, event: Event, role: Role, telegram_id: int,
                     first_name: str, now: datetime) -> Helper:
    """One role per person per event; offering again changes the role."""
    helper = await find_helper(session, event.id, telegram_id)
    if helper is None:
        helper = Helper(event_id=event.id, telegram_id=telegram_id, created_at=now)
        session.add(helper)
    elif helper.status != HelperStatus.WITHDRAWN and helper.role_id == role.id:
        return helper
    helper.role_id = role.id
    helper.first_name = first_name
    helper.status = HelperStatus.OFFERED.value
    await session.flush()
    return helper


async def withdraw_help(session: AsyncSession, helper: Helper) -> None:
    helper.status = HelperStatus.WITHDRAWN.value
    await session.flush()


async def confirm_helper(session: AsyncSession, helper: Helper) -> bool:
    """True if this confirmed them (false if already confirmed or withdrawn)."""
    if helper.status != HelperStatus.OFFERED:
        return False
    helper.status = HelperStatus.CONFIRMED.value
    await session.flush()
    return True


async def find_helper(session: AsyncSession, event_id: int, telegram_id: int) -> Helper | None:
    return await session.scalar(
        select(Helper).where(Helper.event_id == event_id, Helper.telegram_id == telegram_id)
    )


async def get_helper(session: AsyncSession, helper_id: int) -> Helper | None:
    return await session.get(Helper, helper_id)


async def helpers_of(session: AsyncSession, event_id: int,
                     status: HelperStatus | None = None) -> list[tuple[Helper, Role]]:
    query = (select(Helper, Role).join(Role, Role.id == Helper.role_id)
             .where(Helper.event_id == event_id, Helper.status != HelperStatus.WITHDRAWN)
             .order_by(Role.id, Helper.created_at, Helper.id))
    if status is not None:
        query = query.where(Helper.status == status)
    return [(helper, role) for helper, role in await session.execute(query)]


async def helping(session: AsyncSession, telegram_id: int,
                  now: datetime) -> list[tuple[Helper, Role, Event]]:
    rows = await session.execute(
        select(Helper, Role, Event).join(Role, Role.id == Helper.role_id)
        .join(Event, Event.id == Helper.event_id)
        .where(Helper.telegram_id == telegram_id, Helper.status != HelperStatus.WITHDRAWN,
               Event.ends_at > now, Event.status == EventStatus.OPEN)
        .order_by(Event.starts_at)
    )
    return [(helper, role, event) for helper, role, event in rows]
