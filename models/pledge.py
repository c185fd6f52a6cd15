"""Festival of learning: "What did you learn?", "What will you do next?" (the pledge), and,
after a period the organiser chose, "How did it go?".

An organiser starts a festival for an audience (everyone who took part in the programme, or
the people checked in at one event). Each person gets one `Pledge` row and the first question
through the outbox. The row's `stage` is the conversation: a text from someone with a row in an
open stage is the answer to that stage's question, so the conversation survives restarts and
needs no FSM state. The follow-up is an outbox row with a future `due_at` and a dedupe key of
its own, planned when the pledge is made: it is sent once, also across restarts.

The words people write are theirs: exports carry them with the festival and the language,
never a Telegram id or a name.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    union,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.bid import Bid, BidStatus
from models.event import Event, Helper, HelperStatus, Registration
from models.outbox import OutboxMessage, Status
from models.user import User, languages

ANSWER_LIMIT = 2000
# A question left unanswered this long is closed: a text weeks later is not an answer.
OPEN_FOR = timedelta(days=21)
MAX_PERIOD = timedelta(days=366)
OUTBOX_PREFIX = "fol:"
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
# English and Welsh words for the units, singular and plural ("6 weeks", "6 wythnos").
UNIT_WORDS = {
    "sec": "s", "secs": "s", "second": "s", "seconds": "s", "eiliad": "s", "eiliadau": "s",
    "min": "m", "mins": "m", "minute": "m", "minutes": "m", "munud": "m", "munudau": "m",
    "hour": "h", "hours": "h", "awr": "h", "oriau": "h",
    "day": "d", "days": "d", "diwrnod": "d", "diwrnodau": "d", "dydd": "d",
    "week": "w", "weeks": "w", "wythnos": "w", "wythnosau": "w",
}
_PERIOD = re.compile(r"^(\d{1,4})\s*([a-z]+)$")


class Audience(StrEnum):
    EVERYONE = "all"  # checked in at an event, volunteered, or sent a bid
    EVENT = "event"  # checked in at one event


class Stage(StrEnum):
    LEARNED = "learned"  # asked "What did you learn?"
    NEXT = "next"  # asked "What will you do next?"
    WAITING = "waiting"  # pledged (or not); the follow-up may come
    NOTE = "note"  # said how it went; may add a few words
    DONE = "done"


class Outcome(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    NOT_YET = "notyet"


OPEN_STAGES = (Stage.LEARNED, Stage.NEXT, Stage.NOTE)


class Festival(Base):
    __tablename__ = "festivals"

    id: Mapped[int] = mapped_column(primary_key=True)
    audience: Mapped[str] = mapped_column(String(8))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    # Seconds from a person's pledge to "How did it go?".
    follow_up_seconds: Mapped[int] = mapped_column()
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Pledge(Base):
    """One person's answers at one festival."""

    __tablename__ = "pledges"
    __table_args__ = (UniqueConstraint("festival_id", "telegram_id",
                                       name="uq_pledges_festival_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festivals.id", ondelete="CASCADE"),
                                             index=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # The language the questions were asked in (exports say which language an answer is in).
    locale: Mapped[str] = mapped_column(String(8))
    stage: Mapped[str] = mapped_column(String(8))
    stage_at: Mapped[datetime] = mapped_column(UtcDateTime())
    learned: Mapped[str | None] = mapped_column(Text)
    pledge: Mapped[str | None] = mapped_column(Text)
    pledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    outcome: Mapped[str | None] = mapped_column(String(8))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    followed_up_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


# --- pure rules -----------------------------------------------------------------------------


def parse_period(text: str) -> int | None:
    """'6 weeks', '6w', '42 days', '6 wythnos', '30s' -> seconds; None if not a period.

    Units w/d/h/m/s as in the reminder offsets (models/event_rules.py), plus weeks and words;
    seconds exist so a test can watch a follow-up fire. At most a year.
    """
    match = _PERIOD.match(text.strip().lower())
    if match is None:
        return None
    number, unit = int(match.group(1)), match.group(2)
    unit = unit if unit in UNITS else UNIT_WORDS.get(unit)
    if unit is None:
        return None
    seconds = number * UNITS[unit]
    return seconds if 0 < seconds <= MAX_PERIOD.total_seconds() else None


def format_period(seconds: int) -> str:
    """42 days -> '6w'; the inverse of parse_period for whole units."""
    for unit in ("w", "d", "h", "m"):
        if seconds % UNITS[unit] == 0:
            return f"{seconds // UNITS[unit]}{unit}"
    return f"{seconds}s"


def clean_answer(text: str | None) -> str | None:
    cleaned = (text or "").strip()
    return cleaned[:ANSWER_LIMIT] if cleaned else None


def question_key(festival_id: int, telegram_id: int) -> str:
    return f"{OUTBOX_PREFIX}{festival_id}:ask:{telegram_id}"


def follow_up_key(pledge_id: int) -> str:
    return f"{OUTBOX_PREFIX}fu:{pledge_id}"


# --- organisers: start a festival -----------------------------------------------------------


async def audience_ids(session: AsyncSession, audience: Audience,
                       event_id: int | None = None) -> list[int]:
    """Telegram ids of the people to ask, who still have an account (so a language)."""
    checked_in = select(Registration.telegram_id.label("tid")).where(
        Registration.checked_in_at.is_not(None), Registration.telegram_id.is_not(None))
    if audience == Audience.EVENT:
        people = checked_in.where(Registration.event_id == event_id)
    else:
        helpers = select(Helper.telegram_id.label("tid")).where(
            Helper.status == HelperStatus.CONFIRMED)
        bidders = select(Bid.owner_telegram_id.label("tid")).where(
            Bid.owner_telegram_id.is_not(None),
            Bid.status.not_in((BidStatus.DRAFT, BidStatus.WITHDRAWN)))
        people = union(checked_in, helpers, bidders)
    wanted = people.subquery()
    return list(await session.scalars(
        select(User.telegram_id).where(User.telegram_id.in_(select(wanted.c.tid)))
        .order_by(User.telegram_id)))


async def events_with_attendance(session: AsyncSession, limit: int = 8) -> list[tuple[Event, int]]:
    """Recent events where people were checked in, with how many (to choose an audience)."""
    rows = await session.execute(
        select(Event, func.count(Registration.id)).join(
            Registration, Registration.event_id == Event.id)
        .where(Registration.checked_in_at.is_not(None), Registration.telegram_id.is_not(None))
        .group_by(Event.id).order_by(Event.starts_at.desc()).limit(limit))
    return [(event, count) for event, count in rows]


async def start_festival(session: AsyncSession, *, audience: Audience, event_id: int | None,
                         follow_up_seconds: int, created_by: int, default_locale: str,
                         now: datetime) -> tuple[Festival, list[Pledge]]:
    """Create the festival and a row per person (with the language their questions stay in);
    the caller asks each the first question (the notifier, keyed by `question_key`)."""
    festival = Festival(audience=audience.value, event_id=event_id,
                        follow_up_seconds=follow_up_seconds, created_by=created_by,
                        created_at=now)
    session.add(festival)
    await session.flush()
    ids = await audience_ids(session, audience, event_id)
    locales = await languages(session, ids)
    pledges = [Pledge(festival_id=festival.id, telegram_id=tid,
                      locale=locales.get(tid) or default_locale,
                      stage=Stage.LEARNED.value, stage_at=now) for tid in ids]
    session.add_all(pledges)
    await session.flush()
    return festival, pledges


# --- residents: answer ----------------------------------------------------------------------


async def open_pledge(session: AsyncSession, telegram_id: int, now: datetime) -> Pledge | None:
    """The person's question waiting for a text answer, if any (the newest)."""
    return await session.scalar(
        select(Pledge).where(Pledge.telegram_id == telegram_id,
                             Pledge.stage.in_(OPEN_STAGES), Pledge.stage_at > now - OPEN_FOR)
        .order_by(Pledge.stage_at.desc(), Pledge.id.desc()).limit(1))


def asked_after(pledge: Pledge, moment: datetime | None) -> bool:
    """Whether the pledge's open question was asked after `moment` (None: long ago). A row's
    stage_at is when its current question was asked: the festival's start for the first, the
    answer to the one before for the next."""
    return moment is None or pledge.stage_at > moment


async def get_pledge(session: AsyncSession, pledge_id: int, telegram_id: int) -> Pledge | None:
    """The row, only if it is this person's (a forged button finds nothing)."""
    pledge = await session.get(Pledge, pledge_id)
    return pledge if pledge is not None and pledge.telegram_id == telegram_id else None


async def get_festival(session: AsyncSession, festival_id: int) -> Festival | None:
    return await session.get(Festival, festival_id)


async def _move(session: AsyncSession, row: Pledge, expected: Stage, now: datetime,
                values: dict[str, Any]) -> bool:
    """Move the row on from `expected`, once: a second tap or a late retry changes nothing."""
    moved = await session.execute(
        update(Pledge).where(Pledge.id == row.id, Pledge.stage == expected.value)
        .values(stage_at=now, **values).execution_options(synchronize_session=False))
    if moved.rowcount != 1:
        return False
    await session.refresh(row)
    return True


async def answer_learned(session: AsyncSession, pledge: Pledge, text: str | None,
                         now: datetime) -> bool:
    """Record (or skip, with None) "What did you learn?"; the next question is due."""
    return await _move(session, pledge, Stage.LEARNED, now,
                       {"stage": Stage.NEXT.value, "learned": clean_answer(text)})


async def answer_next(session: AsyncSession, pledge: Pledge, text: str | None,
                      now: datetime) -> bool:
    """Record (or skip) "What will you do next?"; false if it was answered already. A pledge
    gets its follow-up at `follow_up_due`, planned by the caller (keyed by `follow_up_key`, so
    it is only ever planned once)."""
    pledge_text = clean_answer(text)
    return await _move(session, pledge, Stage.NEXT, now,
                       {"stage": Stage.WAITING.value, "pledge": pledge_text,
                        "pledged_at": now if pledge_text else None})


async def follow_up_due(session: AsyncSession, pledge: Pledge, now: datetime) -> datetime:
    """One festival period after the pledge."""
    festival = await session.get(Festival, pledge.festival_id)
    return now + timedelta(seconds=festival.follow_up_seconds)


async def record_outcome(session: AsyncSession, pledge: Pledge, outcome: Outcome,
                         now: datetime) -> bool:
    """Done / partly / not yet, from the follow-up's buttons; then a few words may follow.
    Only for a pledge whose follow-up has been sent, and only once."""
    if pledge.pledge is None or pledge.stage != Stage.WAITING:
        return False
    sent = await session.scalar(select(OutboxMessage.id).where(
        OutboxMessage.dedupe_key == follow_up_key(pledge.id),
        OutboxMessage.status.in_((Status.SENT, Status.UNCERTAIN))))
    if sent is None:
        return False
    return await _move(session, pledge, Stage.WAITING, now,
                       {"stage": Stage.NOTE.value, "outcome": outcome.value,
                        "followed_up_at": now})


async def add_note(session: AsyncSession, pledge: Pledge, text: str | None,
                   now: datetime) -> bool:
    return await _move(session, pledge, Stage.NOTE, now,
                       {"stage": Stage.DONE.value, "outcome_note": clean_answer(text)})


# --- organisers: see and export -------------------------------------------------------------


@dataclass(frozen=True)
class FestivalCounts:
    festival: Festival
    event_title: str | None
    asked: int
    learned: int
    pledged: int
    done: int
    partly: int
    not_yet: int


async def festivals(session: AsyncSession, limit: int = 10) -> list[FestivalCounts]:
    found = list(await session.scalars(select(Festival).order_by(Festival.id.desc()).limit(limit)))
    result = []
    for festival in found:
        rows = list(await session.scalars(select(Pledge).where(
            Pledge.festival_id == festival.id)))
        event = await session.get(Event, festival.event_id) if festival.event_id else None
        outcomes = [row.outcome for row in rows]
        result.append(FestivalCounts(
            festival=festival, event_title=event.title_en if event else None, asked=len(rows),
            learned=sum(1 for row in rows if row.learned),
            pledged=sum(1 for row in rows if row.pledge),
            done=outcomes.count(Outcome.DONE), partly=outcomes.count(Outcome.PARTLY),
            not_yet=outcomes.count(Outcome.NOT_YET)))
    return result


async def answers_of(session: AsyncSession, festival_id: int) -> list[Pledge]:
    """Rows with something said, in the order people were asked."""
    return list(await session.scalars(
        select(Pledge).where(Pledge.festival_id == festival_id,
                             (Pledge.learned.is_not(None)) | (Pledge.pledge.is_not(None)))
        .order_by(Pledge.id)))


EXPORT_COLUMNS = ("festival", "language", "what they learned", "what they will do next",
                  "pledged", "how it went", "their words", "followed up")
# Spreadsheets run cells starting with these as formulas (as in models/bid_export.py).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str | None) -> str:
    value = value or ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _day(moment: datetime | None, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d") if moment else ""


def export_rows(festival_name: str, rows: Iterable[Pledge], tz: ZoneInfo) -> list[list[str]]:
    """What is exported of each person: their words, the language, dates. No id, no name."""
    return [[festival_name, row.locale, row.learned or "", row.pledge or "",
             _day(row.pledged_at, tz), row.outcome or "", row.outcome_note or "",
             _day(row.followed_up_at, tz)] for row in rows]


def pledges_csv(festival_name: str, rows: Iterable[Pledge], tz: ZoneInfo) -> bytes:
    """UTF-8 with a byte-order mark (Excel and Welsh letters), formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for line in export_rows(festival_name, rows, tz):
        writer.writerow([_cell(value) for value in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _md(value: str) -> str:
    """One table cell: no line breaks, pipes escaped, no HTML."""
    flat = " ".join(value.split())
    return (flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;"))


def pledges_markdown(festival_name: str, rows: Iterable[Pledge], tz: ZoneInfo) -> bytes:
    lines = [f"# {_md(festival_name)}", "",
             "| " + " | ".join(EXPORT_COLUMNS[1:]) + " |",
             "|" + "---|" * (len(EXPORT_COLUMNS) - 1)]
    for line in export_rows(festival_name, rows, tz):
        lines.append("| " + " | ".join(_md(value) for value in line[1:]) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- /mydata and /forget --------------------------------------------------------------------


async def export_person(session: AsyncSession, telegram_id: int) -> list[dict[str, Any]]:
    rows = await session.scalars(select(Pledge).where(Pledge.telegram_id == telegram_id)
                                 .order_by(Pledge.id))
    return [{"festival": row.festival_id, "language": row.locale, "learned": row.learned,
             "pledge": row.pledge,
             "pledged_at": row.pledged_at.isoformat() if row.pledged_at else None,
             "how_it_went": row.outcome, "words": row.outcome_note,
             "followed_up_at": row.followed_up_at.isoformat() if row.followed_up_at else None}
            for row in rows]


async def erase_person(session: AsyncSession, telegram_id: int) -> None:
    """Delete the answers and every festival message to the person (a follow-up not yet sent
    is then never sent)."""
    await session.execute(delete(Pledge).where(Pledge.telegram_id == telegram_id))
    await session.execute(
        delete(OutboxMessage).where(OutboxMessage.chat_id == telegram_id,
                                    OutboxMessage.dedupe_key.like(f"{OUTBOX_PREFIX}%"))
        .execution_options(synchronize_session=False))
