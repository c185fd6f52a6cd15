"""Read and write Pabulib `.pb` files, the open format real PB elections are published in.

A `.pb` file has three `;`-separated sections, each starting with its name on a line of its own
and a header row: ``META`` (``key;value`` pairs, among them ``budget`` and ``vote_type``),
``PROJECTS`` (``project_id;cost;...``) and ``VOTES`` (``voter_id;vote;...``, where ``vote`` is a
comma-separated list of project ids and ``points``, when present, the matching list of points).
Fields may be quoted, so the csv module does the splitting. Like the reference parser
(pabutools), every field is stripped of surrounding blanks.

Any pbchat round exports to this format so that anyone can recount it (docs/domain.md); `write_pb`
is therefore the exact inverse of `parse_pb` on everything `parse_pb` produces.

Some published files name a project twice on one ballot. They are read as pabutools reads them:
the project counts once, in the place it was first named, and (points ballots) with the points
written last; `Election.repeated` names those voters so that a recount can say so. Likewise a
voter_id that is empty or given to an earlier ballot too is read as pabutools reads it (each row
a ballot of its own), and `Election.reused_ids` names those ballots. A cost of 0 and an empty
ballot are read as written. Refused, as no published file has them and no count of them makes
sense: an empty project_id, an empty or negative cost, and negative points.

Anything malformed raises `PabulibError`, whose message starts "line N: " when one line is at
fault (N as a text editor counts lines: from 1, the section names and headers included, a
byte-order mark ignored, CRLF one line break). The fast readers never count lines: they only
find that something is wrong, then `row_lines` (models/pabulib_errors.py) reads the text again
to say where. A file over `MAX_BYTES`, or with more rows than `MAX_PROJECTS` or `MAX_VOTES`, is
refused before its rows are read.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from itertools import chain, compress, islice
from operator import itemgetter
from operator import ne as _differ
from pathlib import Path
from typing import Final

from models.pabulib_errors import SECTIONS as _SECTIONS
from models.pabulib_errors import (
    PabulibError,
    RowError,
    csv_problem,
    not_utf8,
    quoted,
    row_lines,
    some_ids,
)

Amount = int | Fraction
"""Money and points: an int when whole, otherwise an exact fraction (never a float)."""

VOTE_TYPES: Final = frozenset({"approval", "choose-1", "cumulative", "scoring", "ordinal"})
"""`choose-1` is an approval ballot limited to one project; it is counted like approval."""

_PROJECT_CORE: Final = ("project_id", "cost", "name")
_VOTE_CORE: Final = ("voter_id", "vote", "points")

# Bounds, so that a hostile or mistaken file is refused before it takes minutes or gigabytes.
# Reading takes some 25 times a file's size in memory (Łódź 2022: 3.8 MB, 90,494 ballots, peak
# 114 MB) and 0.4 s per 90,000 ballots. The largest file in the public Pabulib collection
# (pabulib/pabulib_files, 2026) is 4.0 MB (Poland_Krakow_2024).
MAX_BYTES: Final = 64 * 1024 * 1024
"""A bigger file is refused before it is read: sixteen times the largest public file, and
about as big as MAX_VOTES short ballots (so reading it stays under about 2 GB)."""
MAX_PROJECTS: Final = 100_000
"""Rows of PROJECTS (a city's whole PB has a few hundred projects at most)."""
MAX_VOTES: Final = 2_000_000
"""Rows of VOTES, some 20 times Łódź 2022. Measured on a made-up file of that many approval
ballots (41 MB): read in 8.6 s, peak 1.9 GB; with its last row bad, refused in 10.4 s."""
MAX_RECORDS: Final = MAX_PROJECTS + MAX_VOTES + 10_000
"""Rows the csv reader is asked for in all, blank ones included, so that even a file of tiny
or empty rows is refused before it fills memory (10,000 for META, headers and blank lines)."""


@dataclass(frozen=True)
class Project:
    """One row of PROJECTS. `extra` keeps every other column (`selected`, `category`, ...)."""

    project_id: str
    cost: Amount
    name: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def selected(self) -> bool | None:
        """The official outcome when the file has a `selected` column, else None."""
        value = self.extra.get("selected")
        return None if value in (None, "") else value == "1"

    @property
    def categories(self) -> frozenset[str]:
        """Pabulib's `category` column is a comma-separated set (e.g. ``education,sport``)."""
        raw = self.extra.get("category") or self.extra.get("categories") or ""
        return frozenset(part.strip() for part in raw.split(",") if part.strip())


@dataclass(frozen=True)
class Vote:
    """One row of VOTES. `points` is None when the file has no `points` column.

    Within one election either every vote has points or none has: a file has the column or not.
    """

    voter_id: str
    vote: tuple[str, ...]
    points: tuple[Amount, ...] | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Election:
    """A whole `.pb` file: META in file order, projects in file order, one Vote per ballot."""

    meta: Mapping[str, str]
    projects: tuple[Project, ...]
    votes: tuple[Vote, ...]
    repeated: tuple[str, ...] = field(default=(), compare=False)
    """Voters whose ballot named a project more than once (counted once); not written out."""
    reused_ids: tuple[str, ...] = field(default=(), compare=False)
    """Voter ids that are empty or that an earlier ballot has too, once per such later ballot
    (each row is still counted as a ballot of its own, as in pabutools)."""

    @property
    def budget(self) -> Amount:
        return parse_amount(self.meta["budget"])

    @property
    def vote_type(self) -> str:
        return self.meta["vote_type"]

    @property
    def costs(self) -> dict[str, Amount]:
        """Project id -> cost, in file order (the shape the tally functions take)."""
        return {p.project_id: p.cost for p in self.projects}

    @property
    def max_length(self) -> int:
        """Points of an ordinal first choice: META `max_length`, else the longest ballot."""
        if "max_length" in self.meta:
            return int(self.meta["max_length"])
        return max((len(v.vote) for v in self.votes), default=0)


def parse_amount(text: str) -> Amount:
    """Parse a cost, budget or points value exactly ("1070000", "12.5" or "12,5")."""
    try:
        value = Fraction(Decimal(text.strip().replace(",", ".")))
    except (ArithmeticError, ValueError) as error:
        raise PabulibError(f"not a number: {quoted(text)}") from error
    return int(value) if value.denominator == 1 else value


def format_amount(value: Amount) -> str:
    """Inverse of `parse_amount`: whole numbers plainly, others as an exact decimal."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(decimal) != value:
        raise ValueError(f"{value} has no exact decimal form, so Pabulib cannot hold it")
    return format(decimal, "f")


def read_pb(path: str | Path) -> Election:
    """Parse a `.pb` file (UTF-8, with or without a byte-order mark).

    A file over `MAX_BYTES` is refused before it is read: by its size when it has one, else
    (a pipe, whose size is 0) once one byte more than that has come.
    """
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > MAX_BYTES:
            raise PabulibError(_too_big(size))
        # Reading the size given is as fast as `Path.read_text` was (a larger request costs
        # Budapest 2024 half a millisecond more); one byte over it means a pipe or a file that
        # grew, so the rest is read too, up to the limit.
        data = file.read(size + 1)
        if len(data) > size:
            data += file.read(MAX_BYTES + 1 - len(data))
    if len(data) > MAX_BYTES:
        raise PabulibError(_too_big(None))
    # As `Path.read_text` read text: every line break one "\n" (the csv module reads "\r\n"
    # the same, but not inside a quoted field, where a name keeps its line breaks).
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PabulibError(not_utf8(data, error.start)) from None
    return parse_pb(text)


def _too_big(size: int | None) -> str:
    """`size` None: a pipe, known only to be over the limit."""
    found = f"is {size:,} bytes" if size is not None else f"is over {MAX_BYTES:,} bytes"
    return f"the file {found}; pbchat reads files of at most {MAX_BYTES:,} bytes"


def parse_pb(text: str) -> Election:
    """Parse the text of a `.pb` file; raise PabulibError on anything malformed."""
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_BYTES:
        raise PabulibError(f"the text is {len(text):,} characters; pbchat reads at most "
                           f"{MAX_BYTES:,}")
    # Reading makes several objects per ballot, none of which can form a reference cycle, and
    # the cyclic collector would traverse all of them again and again as they pile up: paused,
    # Budapest 2024 (28,943 ballots) reads about a third faster.
    with _collector_paused():
        try:
            return _parse(_split_sections(text))
        except RowError as error:
            raise PabulibError(error.located(row_lines(text))) from None


def _parse(sections: dict[str, list[list[str]]]) -> Election:
    meta = _parse_meta(sections["META"])
    projects = _parse_projects(sections["PROJECTS"])
    votes = _parse_votes(sections["VOTES"])
    if meta["vote_type"] in ("cumulative", "scoring") and any(v.points is None for v in votes):
        raise RowError("VOTES", 0, f"{meta['vote_type']} votes need a points column, which this "
                       "VOTES header lacks")
    repeated = _check_references(projects, votes)
    if repeated:
        votes = tuple(map(_once_each, votes))
    return Election(meta=meta, projects=projects, votes=votes, repeated=repeated,
                    reused_ids=_reused_ids(votes))


def _reused_ids(votes: tuple[Vote, ...]) -> tuple[str, ...]:
    """Voter ids that are empty or were already used, in file order.

    One set of all the ids, built at C speed, says whether there is any: on Łódź 2022 (90,494
    ballots) about 12 ms of the 0.4 s its reading takes, most of it hashing each id once.
    """
    ids = [vote.voter_id for vote in votes]
    distinct = set(ids)
    if len(distinct) == len(ids) and "" not in distinct:
        return ()
    seen: set[str] = set()
    reused = []
    for voter in ids:
        if voter == "" or voter in seen:
            reused.append(voter)
        seen.add(voter)
    return tuple(reused)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting still frees everything)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_pb(election: Election) -> str:
    """Serialise an election to `.pb` text, so that ``parse_pb(write_pb(e)) == e``.

    Columns come out in a canonical order (id, cost, name, then the extra columns) rather than
    the original file's order; the content is the same.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(election.meta.items())
    writer.writerow(["PROJECTS"])
    writer.writerows(_table(("project_id", "cost"), map(_project_row, election.projects)))
    writer.writerow(["VOTES"])
    writer.writerows(_table(("voter_id", "vote"), map(_vote_row, election.votes)))
    return buffer.getvalue()


def ballot_points(election: Election) -> list[dict[str, Amount]]:
    """What each ballot gives each project it names, as the vote type counts it.

    Approval (and choose-1) gives 1 per project; cumulative and scoring give the points written;
    ordinal gives ``max_length - position`` (first choice max_length, then one less per place).
    Empty ballots stay in the list as empty dicts: they count as voters.
    """
    vote_type = election.vote_type
    if vote_type in ("approval", "choose-1"):
        return [dict.fromkeys(v.vote, 1) for v in election.votes]
    if vote_type == "ordinal":
        top = election.max_length
        return [{pid: top - rank for rank, pid in enumerate(v.vote)} for v in election.votes]
    return [dict(zip(v.vote, v.points or (), strict=True)) for v in election.votes]


def _split_sections(text: str) -> dict[str, list[list[str]]]:
    """Each section's rows, header first, every field stripped; blank rows left out.

    At most `MAX_RECORDS` rows are read (islice costs nothing measurable), so that a file of
    millions of tiny rows is refused before they fill memory.
    """
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    try:
        for row in islice(reader, MAX_RECORDS):
            row = [cell.strip() for cell in row]
            if not any(row):
                continue
            if len(row) == 1 and row[0].upper() in _SECTIONS:
                current = sections.setdefault(row[0].upper(), [])
            elif current is None:
                raise RowError("", 0, f"text before the META section: {quoted(';'.join(row))}")
            else:
                current.append(row)
        unread = next(reader, None) is not None
    except csv.Error as error:
        raise PabulibError(csv_problem(text, error)) from None
    _check_counts(sections, unread)
    missing = [name for name in _SECTIONS if not sections.get(name)]
    if missing:
        raise PabulibError(f"missing section(s): {', '.join(missing)} (each section starts "
                           "with a line holding just its name)")
    return sections


def _check_counts(sections: dict[str, list[list[str]]], unread: bool) -> None:
    """Refuse more projects or votes than pbchat reads (`unread`: rows were left unread)."""
    for name, most in (("PROJECTS", MAX_PROJECTS), ("VOTES", MAX_VOTES)):
        if len(sections.get(name, ())) - 1 > most:
            raise PabulibError(f"{name} has more than {most:,} rows, the most pbchat reads")
    if unread:
        raise PabulibError(f"the file has more than {MAX_RECORDS:,} rows (blank lines "
                           f"included); pbchat reads at most {MAX_PROJECTS:,} projects and "
                           f"{MAX_VOTES:,} votes")


def _parse_meta(rows: list[list[str]]) -> dict[str, str]:
    """META's key;value rows (a key given twice: the later value wins), checked."""
    meta = {row[0]: (row[1] if len(row) > 1 else "") for row in rows[1:]}
    missing = [f"no {key} (a line such as {key};{example})" for key, example in
               (("budget", "100000"), ("vote_type", "approval")) if key not in meta]
    if missing:
        raise PabulibError(f"META gives {' and '.join(missing)}")

    def problem(key: str, message: str) -> RowError:
        index = max(i for i, row in enumerate(rows) if i and row[0] == key)
        return RowError("META", index, message)

    vote_type = meta["vote_type"]
    if vote_type not in VOTE_TYPES:
        raise problem("vote_type", f"vote_type {quoted(vote_type)} is not one of "
                      f"{', '.join(sorted(VOTE_TYPES))}")
    try:
        parse_amount(meta["budget"])
    except PabulibError:
        raise problem("budget", f"the budget {quoted(meta['budget'])} is not a number") from None
    # isdecimal, not isdigit: "²" is a digit that int() cannot read.
    if not meta.get("max_length", "0").isdecimal():
        raise problem("max_length",
                      f"max_length {quoted(meta['max_length'])} is not a whole number")
    return meta


def _header(rows: list[list[str]], section: str, key: str) -> list[str]:
    header = rows[0]
    if header[0] != key:
        raise RowError(section, 0, f"the {section} header must start with {key}, not "
                       f"{quoted(header[0])}")
    return header


def _records(rows: list[list[str]], section: str, key: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row after the header as a dict by column name, with its index in `rows`."""
    header = _header(rows, section, key)
    for index, row in enumerate(rows[1:], start=1):
        if len(row) != len(header):
            raise RowError(section, index, f"this row has {len(row)} fields, but the {section} "
                           f"header has {len(header)} ({';'.join(header)})")
        yield index, dict(zip(header, row, strict=True))


def _parse_projects(rows: list[list[str]]) -> tuple[Project, ...]:
    if "cost" not in _header(rows, "PROJECTS", "project_id"):
        raise RowError("PROJECTS", 0, "the PROJECTS header has no cost column")
    return tuple(_parse_project(index, record)
                 for index, record in _records(rows, "PROJECTS", "project_id"))


def _parse_project(index: int, record: dict[str, str]) -> Project:
    project = record["project_id"]
    if not project:
        raise RowError("PROJECTS", index, "a project with an empty project_id (ballots could "
                       "not name it)")
    if not record["cost"]:
        raise RowError("PROJECTS", index, f"project {quoted(project)} has no cost")
    try:
        cost = parse_amount(record["cost"])
    except PabulibError:
        raise RowError("PROJECTS", index, f"project {quoted(project)}: the cost "
                       f"{quoted(record['cost'])} is not a number") from None
    if cost < 0:
        raise RowError("PROJECTS", index, f"project {quoted(project)}: the cost "
                       f"{quoted(record['cost'])} is negative")
    return Project(
        project_id=record["project_id"],
        cost=cost,
        name=record.get("name", ""),
        extra={k: v for k, v in record.items() if k not in _PROJECT_CORE},
    )


def _parse_votes(rows: list[list[str]]) -> tuple[Vote, ...]:
    """VOTES, one Vote per row, as `_parse_vote` reads each row.

    A large file (Budapest 2024: 28,943 rows, Łódź 2022: 90,494) is read column by column
    at C speed where it can be; a row that fails any check sends the whole section through
    `_parse_vote`, row by row, so that the first bad row is the one reported.
    """
    header = _header(rows, "VOTES", "voter_id")
    try:
        return _votes_by_column(header, rows[1:])
    except PabulibError:
        pass
    return tuple(_parse_vote(index, record)
                 for index, record in _records(rows, "VOTES", "voter_id"))


def _votes_by_column(header: list[str], body: list[list[str]]) -> tuple[Vote, ...]:
    """`_parse_vote` over every row, or an error for some bad row (not necessarily the first).

    As in `_records`, a later column of the same name wins.
    """
    if any(len(row) != len(header) for row in body):
        raise PabulibError("a row has too few or too many fields")
    column = {name: place for place, name in enumerate(header)}
    voters = list(map(itemgetter(column["voter_id"]), body))
    vote_at = column.get("vote")
    votes = _lists([row[vote_at] for row in body] if vote_at is not None else [""] * len(body))
    points: list[tuple[Amount, ...] | None] = [None] * len(body)
    if "points" in column:
        cells = list(map(itemgetter(column["points"]), body))
        points = [tuple(map(parse_amount, written)) for written in _lists(cells)]
        # Only a cell with a "-" can hold a negative value: one search over them all at C speed.
        if "-" in "".join(cells) and min(chain.from_iterable(points), default=0) < 0:
            raise PabulibError("negative points")
        if any(map(_differ, map(len, votes), map(len, points))):
            raise PabulibError("votes and points of different lengths")
    extra = [(name, place) for name, place in column.items() if name not in _VOTE_CORE]
    extras = [{name: row[place] for name, place in extra} for row in body]
    return tuple(map(Vote, voters, votes, points, extras))


_BLANK: Final = re.compile(r"\s").search
"""Finds what `str.strip` would strip (both use Python's definition of whitespace)."""


def _lists(cells: list[str]) -> list[tuple[str, ...]]:
    """`tuple(_split_list(cell))` for each cell, without stripping when no cell has any
    whitespace (one search over them all costs less than stripping every part)."""
    if _BLANK(",".join(cells)):
        return [tuple(_split_list(cell)) for cell in cells]
    return [tuple(cell.split(",")) if cell else () for cell in cells]


def _parse_vote(index: int, record: dict[str, str]) -> Vote:
    vote = tuple(_split_list(record.get("vote", "")))
    voter = record["voter_id"]
    points = None
    if "points" in record:
        values = []
        for value in _split_list(record["points"]):
            try:
                values.append(parse_amount(value))
            except PabulibError:
                raise RowError("VOTES", index, f"voter {quoted(voter)}: the points value "
                               f"{quoted(value)} is not a number") from None
            if values[-1] < 0:
                raise RowError("VOTES", index, f"voter {quoted(voter)}: the points value "
                               f"{quoted(value)} is negative")
        points = tuple(values)
        if len(points) != len(vote):
            raise RowError("VOTES", index, f"voter {quoted(voter)}: {len(vote)} project(s) in vote "
                           f"but {len(points)} value(s) in points")
    return Vote(
        voter_id=record["voter_id"],
        vote=vote,
        points=points,
        extra={k: v for k, v in record.items() if k not in _VOTE_CORE},
    )


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")] if text else []


def _check_references(projects: tuple[Project, ...], votes: tuple[Vote, ...]) -> tuple[str, ...]:
    """Check every vote names known projects only; return the voters who name one twice.

    Checked for all votes at once at C speed first, then vote by vote if that fails, so that
    the first offending voter is named.
    """
    known = {p.project_id for p in projects}
    if len(known) != len(projects):
        _repeated_project(projects)
    named = [vote.vote for vote in votes]
    if not known.issuperset(chain.from_iterable(named)):
        for index, vote in enumerate(votes, start=1):
            unknown = set(vote.vote) - known
            if unknown:
                raise RowError("VOTES", index, f"voter {quoted(vote.voter_id)} votes for "
                               f"{some_ids(unknown)} not in PROJECTS")
    # One set at a time (a list of them all would take some 20 MB on Budapest 2024).
    twice = list(map(_differ, map(len, map(set, named)), map(len, named)))
    return tuple(compress([vote.voter_id for vote in votes], twice))


def _repeated_project(projects: tuple[Project, ...]) -> None:
    """Raise for the first project whose id an earlier one already has."""
    seen: dict[str, int] = {}
    for index, project in enumerate(projects, start=1):
        if project.project_id in seen:
            raise RowError("PROJECTS", index, f"project_id {quoted(project.project_id)} is used "
                           "twice", earlier=seen[project.project_id])
        seen[project.project_id] = index


def _once_each(vote: Vote) -> Vote:
    """The vote with each project once, as pabutools reads it.

    A project keeps the place where it was first named (an ordinal ballot ranks it there) and,
    on a points ballot, the points written last (pabutools stores points in a dict, so a
    repeated project's last points overwrite the earlier ones).
    """
    if len(set(vote.vote)) == len(vote.vote):
        return vote
    if vote.points is None:
        return replace(vote, vote=tuple(dict.fromkeys(vote.vote)))
    points = dict(zip(vote.vote, vote.points, strict=True))
    return replace(vote, vote=tuple(points), points=tuple(points.values()))


def _project_row(project: Project) -> dict[str, str]:
    row = {"project_id": project.project_id, "cost": format_amount(project.cost)}
    if project.name:
        row["name"] = project.name
    return row | dict(project.extra)


def _vote_row(vote: Vote) -> dict[str, str]:
    row = {"voter_id": vote.voter_id, "vote": ",".join(vote.vote)}
    if vote.points is not None:
        row["points"] = ",".join(format_amount(p) for p in vote.points)
    return row | dict(vote.extra)


def _table(first: tuple[str, ...], rows: Iterable[dict[str, str]]) -> list[list[str]]:
    """Header (`first`, then the union of the rows' keys in first-seen order) and the rows."""
    rows = list(rows)
    header = list(dict.fromkeys([*first, *(key for row in rows for key in row)]))
    return [header, *([row.get(key, "") for key in header] for row in rows)]
