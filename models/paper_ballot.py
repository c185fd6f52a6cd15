"""Paper ballots: score sheets (or hand-count totals) typed in by organisers, counted with chat
ballots.

A `paper_ballots` row is one paper *sheet* (`sheets` = 1: what one voter marked) or one hand
*count* (`sheets` = N: per-bid totals over N sheets counted by hand). Its `label` is the number
written on the sheet (or the count's name) and is unique per round, so typing a sheet twice or
uploading the same CSV again never counts it twice.

Sheets are checked like chat ballots, with `models.tally.validate_ballot` and the round's
ballot kind; a paper voter has no bid of their own, and a blank on paper is a blank (the paper
cannot insist on a score for every bid). Everything in a message or a file is checked before
anything is saved: one bad line and nothing is.

In the count a sheet is one anonymous voter; a hand count becomes N anonymous voters with its
totals spread evenly over them (`spread_totals`), which keeps every bid's support exact. That
is all fund-down-the-ranking uses; equal shares needs what each voter marked, so hand-count
totals are refused for rounds counted by equal shares.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache

from sqlalchemy import ForeignKey, String, UniqueConstraint, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models import uploads
from models.ballot.rules import is_tick_kind
from models.base import Base, UtcDateTime, utcnow
from models.bid import Bid
from models.round import PAPER_OPEN, AllocationRule, BallotKind, Round
from models.tally import validate_ballot

LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,29}$")
# "SPK-014 4", "spk14: 4", "14 4", "SPK-014" (a tick), "14=x".
ENTRY = re.compile(r"^(?P<letters>[A-Za-z]{0,5})\s?-?\s?(?P<number>\d{1,4})"
                   r"(?:\s*[:=]?\s*(?P<value>\S+))?$")
TICKS = frozenset({"1", "x", "✓", "✔", "y", "yes", "ie", "i"})
NO_TICKS = frozenset({"", "0", "-", "n", "no", "na"})
SHEET_HEADERS = frozenset({"sheet", "taflen"})
COUNT_HEADERS = frozenset({"count", "cyfrif"})
MAX_FILE_BYTES = uploads.MAX_CSV_BYTES
SOURCES = ("chat", "csv")


class PaperBallot(Base):
    __tablename__ = "paper_ballots"
    __table_args__ = (UniqueConstraint("round_id", "label", name="uq_paper_ballots_round_label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(30))
    # 1 for a sheet; N for a hand count of N sheets (its entries are totals).
    sheets: Mapped[int] = mapped_column()
    is_count: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class PaperEntry(Base):
    __tablename__ = "paper_ballot_entries"
    __table_args__ = (UniqueConstraint("paper_ballot_id", "bid_id",
                                       name="uq_paper_ballot_entries_bid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_ballot_id: Mapped[int] = mapped_column(
        ForeignKey("paper_ballots.id", ondelete="CASCADE"), index=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), index=True)
    value: Mapped[int] = mapped_column()


# ---------------------------------------------------------------------------------------------
# Pure rules


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: `line` is the message line or the CSV row (1 = the header).

    `code` is `paper-problem-<code>` in locales/*/paper.ftl, or a validate_ballot code
    (`paper-rule-<code>`); `text` is the bit of input at fault, quoted back to the organiser.
    """

    line: int
    code: str
    text: str = ""
    rule: bool = False


@dataclass(frozen=True)
class PaperRecord:
    """One sheet (sheets == 1, not is_count) or one hand count, ready to save."""

    label: str
    choices: Mapping[int, int]
    line: int
    sheets: int = 1
    is_count: bool = False


@dataclass(frozen=True)
class Parsed:
    records: list[PaperRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class BallotRules:
    """What a round's ballot allows, and its bids: all that checking a sheet needs."""

    kind: str
    bids: Sequence[Bid]
    pot_pence: int
    n_max: int | None
    tokens: int | None
    rule: str

    @classmethod
    def of(cls, round_: Round, bids: Sequence[Bid]) -> BallotRules:
        return cls(round_.ballot_kind, list(bids), round_.pot_pence, round_.ballot_n,
                   round_.ballot_tokens, round_.allocation_rule)

    @property
    def ticks(self) -> bool:
        return is_tick_kind(self.kind)

    @property
    def most_per_sheet(self) -> int:
        """The most one sheet can give one bid."""
        if self.kind == BallotKind.SCORE:
            return 5
        if self.kind == BallotKind.TOKENS:
            return self.tokens or 0
        return 1

    def find(self, typed: str) -> Bid | None:
        """The bid a typed reference means: "SPK-014", "spk14", "SPK 14" or just "14"."""
        match = ENTRY.match(typed.strip())
        if match is None or match["value"] is not None:
            return None
        return self._find(match["letters"], match["number"])

    def _find(self, letters: str, number: str) -> Bid | None:
        for bid in self.bids:
            prefix = (bid.reference or "").split("-")[0].upper()
            if bid.number == int(number) and (not letters or letters.upper() == prefix):
                return bid
        return None

    @cached_property
    def amounts(self) -> dict[str, int]:
        # Worked out once per file, not once per sheet: a file may hold thousands of sheets.
        return {str(bid.id): bid.amount_pence or 0 for bid in self.bids}

    def validate(self, choices: Mapping[int, int]) -> list[str]:
        amounts = self.amounts
        keyed = ([str(b) for b in choices] if self.ticks
                 else {str(b): v for b, v in choices.items()})
        return validate_ballot(BallotKind(self.kind), keyed, bids=amounts, pot=self.pot_pence,
                               n_max=self.n_max, tokens=self.tokens, require_all=False)


def _value(rules: BallotRules, raw: str | None, line: int, typed: str) -> int | Problem:
    """A mark as a number: a tick (1) or no tick (0), a score or tokens."""
    if rules.ticks and raw is None:
        return 1  # a line with just the reference: the bid is ticked
    raw = (raw or "").strip().lower()
    if rules.ticks:
        if raw in TICKS:
            return 1
        if raw in NO_TICKS:
            return 0
        return Problem(line, "not-a-tick", typed)
    if not raw:
        return Problem(line, "no-number", typed)
    if not re.fullmatch(r"\d{1,4}", raw):
        return Problem(line, "not-a-number", typed)
    return int(raw)


def _mark(rules: BallotRules, bid: Bid, value: int, line: int, typed: str) -> Problem | None:
    """validate_ballot on this one mark, so a score of 7 is named with its line."""
    if rules.ticks or (value == 0 and rules.kind == BallotKind.TOKENS):
        return None
    codes = _mark_codes(BallotKind(rules.kind), rules.pot_pence, rules.tokens, bid.id,
                        bid.amount_pence or 0, value)
    return Problem(line, codes[0], typed, rule=True) if codes else None


@lru_cache(maxsize=4096)
def _mark_codes(kind: str, pot: int, tokens: int | None, bid_id: int, amount: int,
                value: int) -> tuple[str, ...]:
    # The same few marks (a score of 1 to 5) come back on every sheet of a file: checked once.
    return tuple(validate_ballot(kind, {str(bid_id): value}, bids={str(bid_id): amount},
                                 pot=pot, n_max=None, tokens=tokens, require_all=False))


def _sheet(rules: BallotRules, label: str, entries: list[tuple[int, Bid | None, str, str | None]],
           first_line: int, *, by_column: bool = False) -> Parsed:
    """Check one sheet's marks: (line, bid, what was typed, value) each."""
    problems: list[Problem] = []
    choices: dict[int, int] = {}
    seen: dict[int, int] = {}
    for line, bid, typed, raw in entries:
        if bid is None:
            problems.append(Problem(line, "unknown-bid", typed))
            continue
        if bid.id in seen:
            problems.append(Problem(line, "twice", typed))
            continue
        seen[bid.id] = line
        value = _value(rules, raw, line, typed)
        if isinstance(value, Problem):
            problems.append(value)
            continue
        if value == 0 and (rules.ticks or by_column):
            continue
        problem = _mark(rules, bid, value, line, typed)
        if problem:
            problems.append(problem)
        elif value:
            choices[bid.id] = value
    if problems:
        return Parsed(problems=problems)
    if not choices:
        return Parsed(problems=[Problem(first_line, "blank", label)])
    codes = rules.validate(choices)
    if codes:
        return Parsed(problems=[Problem(first_line, code, label, rule=True) for code in codes])
    return Parsed(records=[PaperRecord(label, choices, first_line)])


def _count(rules: BallotRules, label: str, sheets: int,
           entries: list[tuple[int, Bid | None, str, str | None]], first_line: int) -> Parsed:
    """Check one hand count: N sheets, a total per bid."""
    if rules.rule != AllocationRule.GREEDY:
        return Parsed(problems=[Problem(first_line, "totals-need-sheets", label)])
    if sheets < 1:
        return Parsed(problems=[Problem(first_line, "no-sheets", label)])
    problems: list[Problem] = []
    totals: dict[int, int] = {}
    for line, bid, typed, raw in entries:
        if bid is None:
            problems.append(Problem(line, "unknown-bid", typed))
        elif bid.id in totals:
            problems.append(Problem(line, "twice", typed))
        elif raw is None or not re.fullmatch(r"\d{1,7}", raw.strip()):
            problems.append(Problem(line, "not-a-number", typed))
        elif int(raw) > rules.most_per_sheet * sheets:
            problems.append(Problem(line, "total-too-big", typed))
        else:
            totals[bid.id] = int(raw)
    if problems:
        return Parsed(problems=problems)
    if not any(totals.values()):
        return Parsed(problems=[Problem(first_line, "blank", label)])
    code = _totals_rule(rules, totals, sheets)
    if code:
        return Parsed(problems=[Problem(first_line, code, label, rule=True)])
    return Parsed(records=[PaperRecord(label, {b: t for b, t in totals.items() if t}, first_line,
                                       sheets=sheets, is_count=True)])


def _totals_rule(rules: BallotRules, totals: Mapping[int, int], sheets: int) -> str | None:
    """The ballot's limits over N sheets: N sheets can't hold more than N ballots' worth."""
    spent = sum(totals.values())
    if rules.kind == BallotKind.TOKENS and spent > (rules.tokens or 0) * sheets:
        return "tokens-total"
    if rules.kind == BallotKind.TOP_N and spent > (rules.n_max or 0) * sheets:
        return "too-many"
    if rules.kind == BallotKind.KNAPSACK:
        cost = sum((bid.amount_pence or 0) * totals.get(bid.id, 0) for bid in rules.bids)
        if cost > rules.pot_pence * sheets:
            return "over-pot"
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    """Numbered non-blank lines; "SPK-001 4, SPK-002 5" on one line counts as that line twice."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for part in re.split(r"[,;]", line):
            if part.strip():
                found.append((number, part.strip()))
    return found


def _entries(rules: BallotRules, lines: list[tuple[int, str]]):
    entries = []
    for number, part in lines:
        match = ENTRY.match(part)
        if match is None:
            entries.append((number, None, part, None))
            continue
        entries.append((number, rules._find(match["letters"], match["number"]), part,
                        match["value"]))
    return entries


def parse_sheet(rules: BallotRules, text: str) -> Parsed:
    """A sheet typed in chat: the first line is the sheet's number, then a line per bid."""
    lines = _lines(text)
    if not lines:
        return Parsed(problems=[Problem(1, "empty")])
    number, label = lines[0]
    if not LABEL.match(label):
        return Parsed(problems=[Problem(number, "bad-label", label)])
    if re.search("[A-Za-z]", label) and rules.find(label) is not None:
        return Parsed(problems=[Problem(number, "label-is-a-bid", label)])  # number left out
    return _sheet(rules, label, _entries(rules, lines[1:]), number)


def parse_count(rules: BallotRules, text: str) -> Parsed:
    """Hand-count totals: first line "<name> <sheets counted>", then "<bid> <total>" lines."""
    lines = _lines(text)
    if not lines:
        return Parsed(problems=[Problem(1, "empty")])
    number, head = lines[0]
    parts = head.split()
    if len(parts) != 2 or not LABEL.match(parts[0]) or not parts[1].isdigit():
        return Parsed(problems=[Problem(number, "bad-count-head", head)])
    return _count(rules, parts[0], int(parts[1]), _entries(rules, lines[1:]), number)


def parse_csv(rules: BallotRules, data: bytes) -> Parsed:
    """A spreadsheet: `sheet,SPK-001,SPK-002,...` with a row per sheet (blank = no mark), or
    `count,sheets,SPK-001,...` with a row per hand count. Every row checked; all or nothing.
    Lines starting with # are notes (the /template file has some). Read within the bounds of
    models/uploads.py: raises UploadError for a file too big, too long or not CSV at all."""
    found = uploads.read_csv(data, text=_decode(data), sniff=True,
                             max_rows=uploads.MAX_CSV_ROWS)
    if not found or not found[0].cells[0]:
        return Parsed(problems=[Problem(found[0].line if found else 1, "empty")])
    rows = [(row.line, row.cells) for row in found]
    header_line, header = rows[0]
    first = header[0].lower()
    is_count = first in COUNT_HEADERS
    if not is_count and first not in SHEET_HEADERS:
        return Parsed(problems=[Problem(header_line, "bad-header", header[0])])
    skip = 2 if is_count else 1
    columns = [(rules.find(name), name) for name in header[skip:]]
    problems = [Problem(header_line, "unknown-bid", name) for bid, name in columns if bid is None]
    ids = [bid.id for bid, _ in columns if bid is not None]
    problems += [Problem(header_line, "twice", name) for index, (bid, name) in enumerate(columns)
                 if bid is not None and bid.id in ids[:index]]
    if problems:
        return Parsed(problems=problems)
    records: list[PaperRecord] = []
    labels: dict[str, int] = {}
    for row_number, row in rows[1:]:
        label = row[0]
        if not LABEL.match(label):
            problems.append(Problem(row_number, "bad-label", label))
            continue
        if label in labels:
            problems.append(Problem(row_number, "label-twice", label))
            continue
        labels[label] = row_number
        cells = row[skip:] + [""] * (len(columns) - len(row[skip:]))
        if len(cells) > len(columns) and any(cells[len(columns):]):
            problems.append(Problem(row_number, "extra-cells", label))
            continue
        entries = [(row_number, bid, f"{name}: {cell}", cell)
                   for (bid, name), cell in zip(columns, cells, strict=False) if cell]
        if is_count:
            sheets = row[1] if len(row) > 1 else ""
            if not sheets.isdigit():
                problems.append(Problem(row_number, "bad-sheets", f"{label}: {sheets}"))
                continue
            parsed = _count(rules, label, int(sheets), entries, row_number)
        else:
            parsed = _sheet(rules, label, entries, row_number, by_column=True)
        records += parsed.records
        problems += parsed.problems
    if problems:
        return Parsed(problems=problems)
    if not records:
        return Parsed(problems=[Problem(header_line + 1, "no-rows")])
    return Parsed(records=records)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel on a UK Windows PC


def spread_totals(totals: Mapping[int, int], sheets: int) -> list[dict[int, int]]:
    """N anonymous ballots whose marks add up to `totals` exactly, spread as evenly as can be
    (each bid's remainder goes to the next voters in turn, so no voter collects them all)."""
    ballots: list[dict[int, int]] = [{} for _ in range(sheets)]
    start = 0
    for bid_id, total in totals.items():
        base, extra = divmod(total, sheets)
        for index in range(sheets):
            value = base + (1 if (index - start) % sheets < extra else 0)
            if value:
                ballots[index][bid_id] = value
        start = (start + extra) % sheets
    return ballots


# ---------------------------------------------------------------------------------------------
# Queries


@dataclass(frozen=True)
class Saved:
    saved: list[PaperBallot] = field(default_factory=list)
    # Labels already in the round: with the same marks (harmless) or different ones.
    same: list[str] = field(default_factory=list)
    different: list[str] = field(default_factory=list)
    closed: bool = False

    @property
    def sheets(self) -> int:
        return sum(paper.sheets for paper in self.saved)


async def _existing(session: AsyncSession, round_id: int,
                    labels: Sequence[str]) -> dict[str, dict[int, int]]:
    rows = await session.execute(
        select(PaperBallot.label, PaperEntry.bid_id, PaperEntry.value)
        .join(PaperEntry, PaperEntry.paper_ballot_id == PaperBallot.id, isouter=True)
        .where(PaperBallot.round_id == round_id, PaperBallot.label.in_(labels)))
    found: dict[str, dict[int, int]] = {}
    for label, bid_id, value in rows:
        entries = found.setdefault(label, {})
        if bid_id is not None:
            entries[bid_id] = value
    return found


async def save_paper(session: AsyncSession, round_: Round, records: Sequence[PaperRecord],
                     source: str) -> Saved:
    """Save the records whose labels are new to the round; nothing once the results are out.
    A label already there is never counted again (whatever its marks)."""
    if round_.status not in PAPER_OPEN:
        return Saved(closed=True)
    existing = await _existing(session, round_.id, [r.label for r in records])
    same = [r.label for r in records if existing.get(r.label) == dict(r.choices)]
    different = [r.label for r in records
                 if r.label in existing and existing[r.label] != dict(r.choices)]
    new = [r for r in records if r.label not in existing]
    papers = [PaperBallot(round_id=round_.id, label=r.label, sheets=r.sheets,
                          is_count=r.is_count, source=source) for r in new]
    try:
        async with session.begin_nested():
            session.add_all(papers)
            await session.flush()
            session.add_all(PaperEntry(paper_ballot_id=paper.id, bid_id=bid_id, value=value)
                            for paper, record in zip(papers, new, strict=True)
                            for bid_id, value in record.choices.items())
            await session.flush()
    except IntegrityError:  # the same sheet typed by two organisers at the same moment
        return Saved(same=same, different=[*different, *(r.label for r in new)])
    return Saved(saved=papers, same=same, different=different)


async def paper_sheet_count(session: AsyncSession, round_id: int) -> int:
    """Paper sheets in a round (a hand count adds the number of sheets it covered)."""
    return await session.scalar(select(func.coalesce(func.sum(PaperBallot.sheets), 0))
                                .where(PaperBallot.round_id == round_id)) or 0


async def get_paper(session: AsyncSession, round_id: int, paper_id: int) -> PaperBallot | None:
    return await session.scalar(select(PaperBallot).where(
        PaperBallot.id == paper_id, PaperBallot.round_id == round_id))


async def find_paper(session: AsyncSession, round_id: int, label: str) -> PaperBallot | None:
    return await session.scalar(select(PaperBallot).where(
        PaperBallot.round_id == round_id, PaperBallot.label == label))


async def remove_paper(session: AsyncSession, round_: Round, paper_id: int) -> str | None:
    """Take a sheet (or count) out until the results are out; its label, or None if nothing went."""
    paper = await get_paper(session, round_.id, paper_id)
    if paper is None or round_.status not in PAPER_OPEN:
        return None
    await session.execute(delete(PaperBallot).where(PaperBallot.id == paper.id))
    return paper.label


async def paper_ballots(session: AsyncSession, round_id: int) -> list[dict[int, int]]:
    """Every paper voter's {bid id: value}, sheets first then counts, in the order typed in."""
    rows = await session.execute(
        select(PaperBallot.id, PaperBallot.sheets, PaperBallot.is_count, PaperEntry.bid_id,
               PaperEntry.value)
        .join(PaperEntry, PaperEntry.paper_ballot_id == PaperBallot.id)
        .where(PaperBallot.round_id == round_id)
        .order_by(PaperBallot.is_count, PaperBallot.id, PaperEntry.bid_id))
    papers: dict[int, tuple[int, bool, dict[int, int]]] = {}
    for paper_id, sheets, is_count, bid_id, value in rows:
        papers.setdefault(paper_id, (sheets, is_count, {}))[2][bid_id] = value
    ballots: list[dict[int, int]] = []
    for sheets, is_count, entries in papers.values():
        ballots += spread_totals(entries, sheets) if is_count else [entries]
    return ballots
