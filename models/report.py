"""The programme report: the key facts funders and partners ask for, per area and in total.

`programme_report` counts (queries only) into a plain `Report`; the functions after it format a
report (message lines, Markdown, CSV) and need no database, so they are unit-tested alone.

Areas: events carry a plain `area` string; rounds have `Area` rows (code, English and Welsh
names). They are joined by name: an event's area belongs to a round area whose English or Welsh
name is the same ignoring case and spaces at the ends; round areas of the same name in several
rounds are one area. An event area that matches no round area is an area of its own
(see docs/decisions.md).

What counts:
- World Cafés held: events of the World Café kind, not cancelled, that have started or where
  anyone has checked in; people attending: registrations checked in at them (walk-ins
  included), plus people checked in who have since used /forget (models/tallies.py).
- Volunteers: different people confirmed as volunteers at such held events (any kind), plus
  forgotten ones (counted once each in the total; per area, once per event they helped at).
- PB events and attendance: the same for events of the PB vote kind.
- Bids received and money asked: bids sent to a round and not withdrawn (drafts are not bids).
- Voters: different people with a ballot (the ballot's keyed hash is the same person in every
  round) plus paper sheets; per area, those who scored or ticked a bid of that area.
- Projects funded and money awarded: funded bids of published rounds, at the amount asked.
- After the vote: the funded projects by status, money paid, spent and given back
  (models/report_delivery.py).

A date range (`Period`) keeps events that start in it, bids sent in it, and the voters and
funded projects of rounds whose bid deadline falls in it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from models.amounts import format_pounds
from models.ballot import Ballot, BallotEntry, RollEntry
from models.bid import Bid, BidStatus
from models.event import Event, EventKind, EventStatus, Helper, HelperStatus, Registration
from models.paper_ballot import PaperBallot, PaperEntry
from models.report_delivery import CSV_COLUMNS as DELIVERY_CSV_COLUMNS
from models.report_delivery import add_delivery, delivery_csv_cells, delivery_markdown
from models.round import Area, Round, RoundStatus
from models.tallies import CHECKED_IN, VOLUNTEER, VOLUNTEER_PERSON, AnonymousCount

NOT_RECEIVED = (BidStatus.DRAFT, BidStatus.WITHDRAWN)


@dataclass(frozen=True)
class Figures:
    world_cafes: int = 0
    world_cafe_people: int = 0
    volunteers: int = 0
    pb_events: int = 0
    pb_event_people: int = 0
    bids: int = 0
    asked_pence: int = 0
    voters: int = 0
    funded: int = 0
    awarded_pence: int = 0
    # After the vote (models/report_delivery.py).
    projects: int = 0
    projects_under_way: int = 0
    projects_done: int = 0
    projects_stopped: int = 0
    paid_pence: int = 0
    spent_pence: int = 0
    returned_pence: int = 0


@dataclass(frozen=True)
class AreaReport:
    name_en: str
    name_cy: str
    figures: Figures

    def name(self, locale: str | None) -> str:
        return self.name_cy if locale == "cy" and self.name_cy else self.name_en


@dataclass(frozen=True)
class Report:
    areas: tuple[AreaReport, ...]
    total: Figures


def area_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Areas:
    """Names of areas by key, and which key a round area or an event's area belongs to."""

    def __init__(self, round_areas: Iterable[Area]) -> None:
        self.names: dict[str, tuple[str, str]] = {}
        self._alias: dict[str, str] = {}
        self.of_area_id: dict[int, str] = {}
        for area in round_areas:
            key = self._alias.get(area_key(area.name_en)) or self._alias.get(
                area_key(area.name("cy"))) or area_key(area.name_en)
            self.names.setdefault(key, (area.name_en, area.name("cy")))
            self._alias.setdefault(area_key(area.name_en), key)
            self._alias.setdefault(area_key(area.name("cy")), key)
            self.of_area_id[area.id] = key

    def of_event(self, name: str) -> str:
        key = self._alias.get(area_key(name))
        if key is None:
            key = area_key(name)
            self._alias[key] = key
            self.names[key] = (name.strip(), name.strip())
        return key


@dataclass(frozen=True)
class Period:
    """From `start` (included) to `end` (not included); None: no limit on that side."""

    start: datetime | None = None
    end: datetime | None = None

    def of(self, column) -> list:
        return ([column >= self.start] if self.start else []) + (
            [column < self.end] if self.end else [])


async def programme_report(session: AsyncSession, now: datetime,
                           period: Period = Period()) -> Report:
    areas = _Areas(await session.scalars(select(Area).order_by(Area.round_id, Area.id)))
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total: dict[str, int] = defaultdict(int)

    # Held once it has started, or as soon as anyone is checked in (a café running early).
    checked = aliased(Registration)
    anyone_in = select(checked.id).where(checked.event_id == Event.id,
                                         checked.checked_in_at.is_not(None)).exists()
    held = (Event.status == EventStatus.OPEN, (Event.starts_at <= now) | anyone_in,
            *period.of(Event.starts_at))
    kinds = {EventKind.WORLD_CAFE.value: ("world_cafes", "world_cafe_people"),
             EventKind.PB_VOTE.value: ("pb_events", "pb_event_people")}
    forgotten = dict((await session.execute(
        select(AnonymousCount.event_id, AnonymousCount.count)
        .where(AnonymousCount.what == CHECKED_IN))).all())
    rows = await session.execute(
        select(Event.id, Event.area, Event.kind, func.count(Registration.checked_in_at))
        .outerjoin(Registration, Registration.event_id == Event.id)
        .where(*held, Event.kind.in_(kinds)).group_by(Event.id, Event.area, Event.kind))
    for event_id, area, kind, people in rows:
        events_field, people_field = kinds[kind]
        for bucket in (per[areas.of_event(area)], total):
            bucket[events_field] += 1
            bucket[people_field] += people + forgotten.get(event_id, 0)

    helpers = (await session.execute(
        select(Event.area, Helper.telegram_id).join(Event, Event.id == Helper.event_id)
        .where(*held, Helper.status == HelperStatus.CONFIRMED).distinct())).all()
    by_area: dict[str, set[int]] = defaultdict(set)
    for area, telegram_id in helpers:
        by_area[areas.of_event(area)].add(telegram_id)
    for key, people in by_area.items():
        per[key]["volunteers"] = len(people)
    total["volunteers"] = len({telegram_id for _, telegram_id in helpers})
    forgotten_helpers = (await session.execute(
        select(Event.area, AnonymousCount.count)
        .join(Event, Event.id == AnonymousCount.event_id)
        .where(*held, AnonymousCount.what == VOLUNTEER))).all()
    for area, count in forgotten_helpers:
        per[areas.of_event(area)]["volunteers"] += count
    if forgotten_helpers:
        total["volunteers"] += await session.scalar(
            select(func.coalesce(func.sum(AnonymousCount.count), 0))
            .where(AnonymousCount.what == VOLUNTEER_PERSON)) or 0

    rows = await session.execute(
        select(Bid.area_id, func.count(), func.coalesce(func.sum(Bid.amount_pence), 0))
        .where(Bid.status.not_in(NOT_RECEIVED), *period.of(Bid.submitted_at))
        .group_by(Bid.area_id))
    _add(rows, areas, per, total, "bids", "asked_pence")
    rows = await session.execute(
        select(Bid.area_id, func.count(), func.coalesce(func.sum(Bid.amount_pence), 0))
        .join(Round, Round.id == Bid.round_id)
        .where(Bid.status == BidStatus.FUNDED, Round.status == RoundStatus.RESULTS,
               *period.of(Round.bid_deadline))
        .group_by(Bid.area_id))
    _add(rows, areas, per, total, "funded", "awarded_pence")

    await _voters(session, areas, per, total, period)
    await add_delivery(session, areas.of_area_id, per, total, period.of)
    return Report(
        areas=tuple(AreaReport(*areas.names[key], Figures(**per[key]))
                    for key in sorted(per, key=lambda k: areas.names[k][0].casefold())),
        total=Figures(**total))


def _add(rows, areas: _Areas, per, total, count_field: str, money_field: str) -> None:
    for area_id, count, pence in rows:
        key = areas.of_area_id.get(area_id)
        buckets = (per[key], total) if key is not None else (total,)
        for bucket in buckets:
            bucket[count_field] += count
            bucket[money_field] += int(pence)


async def _voters(session: AsyncSession, areas: _Areas, per, total, period: Period) -> None:
    # People: the roll's keys are the same for one person in every round (until /forget or
    # retention makes them random). An area belongs to one round, where a ballot is a person.
    in_period = period != Period()
    rounds_in = select(Round.id).where(*period.of(Round.bid_deadline))
    in_rounds = [Ballot.round_id.in_(rounds_in)] if in_period else []
    roll_in = [RollEntry.round_id.in_(rounds_in)] if in_period else []
    paper_in = [PaperBallot.round_id.in_(rounds_in)] if in_period else []
    total["voters"] = (await session.scalar(select(func.count(distinct(RollEntry.roll_key)))
                                            .where(*roll_in)) or 0) + (
        await session.scalar(select(func.sum(PaperBallot.sheets)).where(*paper_in)) or 0)
    by_area: dict[str, set[int]] = defaultdict(set)
    rows = await session.execute(
        select(Bid.area_id, Ballot.id)
        .join(BallotEntry, BallotEntry.ballot_id == Ballot.id)
        .join(Bid, Bid.id == BallotEntry.bid_id)
        .where(Bid.area_id.is_not(None), *in_rounds).distinct())
    for area_id, voter in rows:
        if (key := areas.of_area_id.get(area_id)) is not None:
            by_area[key].add(voter)
    for key, voters in by_area.items():
        per[key]["voters"] += len(voters)
    rows = await session.execute(
        select(Bid.area_id, PaperBallot.id, PaperBallot.sheets)
        .join(PaperEntry, PaperEntry.paper_ballot_id == PaperBallot.id)
        .join(Bid, Bid.id == PaperEntry.bid_id)
        .where(Bid.area_id.is_not(None), *paper_in).distinct())
    for area_id, _, sheets in rows:
        if (key := areas.of_area_id.get(area_id)) is not None:
            per[key]["voters"] += sheets


# --- formatting (pure) ----------------------------------------------------------------------

# (Fluent key, **variables) -> text in the reader's language.
Translate = Callable[..., str]


def line_variables(figures: Figures) -> dict[str, object]:
    return {
        "cafe_people": figures.world_cafe_people, "cafes": figures.world_cafes,
        "volunteers": figures.volunteers, "vote_people": figures.pb_event_people,
        "vote_events": figures.pb_events, "bids": figures.bids,
        "asked": format_pounds(figures.asked_pence), "voters": figures.voters,
        "funded": figures.funded, "awarded": format_pounds(figures.awarded_pence),
    }


def report_message(report: Report, t: Translate, locale: str, period: str = "") -> str:
    """The total's key facts first, one a line (what a write-up quotes), then each area's.
    `period` (already in words) says which dates it covers. HTML."""
    lines = [t("report-title")] + ([period] if period else [])
    lines += ["", t("report-facts", **line_variables(report.total))]
    for area in report.areas:
        lines += ["", f"<b>{_html(area.name(locale))}</b>",
                  t("report-facts", **line_variables(area.figures))]
    return "\n".join(lines)


def parse_period(text: str, tz) -> Period | None:
    """"1/4/2026 30/6/2026" or "2026-04-01 2026-06-30" (both days included) -> a Period in
    the organisers' time zone; None if it is not two dates in order."""
    parts = text.split()
    if len(parts) != 2:
        return None
    days = [_day(part) for part in parts]
    if None in days or days[0] > days[1]:
        return None
    start, last = (datetime.combine(day, time(), tzinfo=tz) for day in days)
    return Period(start=start, end=last + timedelta(days=1))


def _day(text: str) -> date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    return None


COLUMNS = tuple(field.name for field in fields(Figures))
# The same columns in a CSV, with the money also in pounds for people reading it.
CSV_COLUMNS = ("area", "world_cafes", "world_cafe_people", "volunteers", "pb_events",
               "pb_event_people", "bids", "money_asked", "money_asked_pence", "voters",
               "projects_funded", "money_awarded", "money_awarded_pence",
               *DELIVERY_CSV_COLUMNS)


def _csv_row(name: str, f: Figures) -> list[object]:
    return [name, f.world_cafes, f.world_cafe_people, f.volunteers, f.pb_events,
            f.pb_event_people, f.bids, format_pounds(f.asked_pence), f.asked_pence, f.voters,
            f.funded, format_pounds(f.awarded_pence), f.awarded_pence, *delivery_csv_cells(f)]


def report_csv(report: Report, locale: str, total_label: str) -> bytes:
    """One row per area and a total row; UTF-8 with a byte-order mark (Welsh letters in Excel).
    Area names come from organisers: a name starting like a formula is quoted."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for area in report.areas:
        writer.writerow(_csv_row(_formula_safe(area.name(locale)), area.figures))
    writer.writerow(_csv_row(total_label, report.total))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


MARKDOWN_HEADINGS = ("report-col-area", "report-col-cafes", "report-col-cafe-people",
                     "report-col-volunteers", "report-col-events", "report-col-event-people",
                     "report-col-bids", "report-col-asked", "report-col-voters",
                     "report-col-funded", "report-col-awarded")


def report_markdown(report: Report, t: Translate, locale: str, generated: str) -> bytes:
    def row(name: str, f: Figures) -> str:
        cells = [name, f.world_cafes, f.world_cafe_people, f.volunteers, f.pb_events,
                 f.pb_event_people, f.bids, format_pounds(f.asked_pence), f.voters, f.funded,
                 format_pounds(f.awarded_pence)]
        return "| " + " | ".join(_md(str(cell)) for cell in cells) + " |"

    lines = [f"# {t('report-md-title')}", "", t("report-md-generated", when=generated), "",
             _md(t("report-line", **line_variables(report.total))), "",
             "| " + " | ".join(t(key) for key in MARKDOWN_HEADINGS) + " |",
             "|" + "---|" * len(MARKDOWN_HEADINGS)]
    lines += [row(area.name(locale), area.figures) for area in report.areas]
    lines.append(row(f"**{t('report-total')}**", report.total))
    lines += delivery_markdown(report, t, locale, _md)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _formula_safe(value: str) -> str:
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def _md(value: str) -> str:
    return (" ".join(value.split()).replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _html(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
