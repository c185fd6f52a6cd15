"""`python -m bot rounds import FILE.yaml`: create a PB round from a file (see README).

Organisers who prepare a round with partners can keep it in a file, review it together and
import it in one go. The file is checked by the same rules as `/newround`
(`models.round.spec_problems`); every problem is listed, one per line, and nothing is saved
unless the whole file is right. Exit codes: 0 imported, 2 bad file or arguments.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.cli.migrate import migrate
from bot.settings import Settings
from bot.ui import upload_files
from models import uploads
from models.amounts import format_pounds, parse_amount
from models.base import utcnow
from models.bid_questions import DEFAULT_QUESTIONS
from models.db import create_engine, create_session_maker
from models.round import (
    AllocationRule,
    AreaSpec,
    BallotKind,
    Eligibility,
    Policy,
    RoundSpec,
    RoundStatus,
    create_round,
    spec_problems,
)
from models.update_schedule import parse_ask_days
from models.when import parse_local

USAGE = "usage: python -m bot rounds import FILE.yaml"
EXIT_BAD_INPUT = 2
KEYS = {"name", "status", "areas", "max_bid", "priorities", "questions", "bid_deadline",
        "voting", "ballot", "allocation", "who_may_vote", "age_band", "update_days"}
BALLOT_KEYS = {"kind", "n", "tokens", "score_all", "changes_allowed"}
EXPECTED = ("rounds: expected keys: " + ", ".join(sorted(KEYS)) + "; ballot: "
            + ", ".join(sorted(BALLOT_KEYS)) + ". For an example file, send the bot "
            "/template rounds.")


class RoundFileError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class _Reader:
    """Reads one field at a time, collecting every problem instead of stopping at the first."""

    def __init__(self, tz: ZoneInfo, now: datetime) -> None:
        self.tz, self.now = tz, now
        self.problems: list[str] = []

    def fail(self, where: str, why: str) -> None:
        self.problems.append(f"{where}: {why}")

    def text(self, value: Any, where: str) -> str:
        if isinstance(value, str | int | float) and not isinstance(value, bool) \
                and str(value).strip():
            return str(value).strip()
        self.fail(where, "needs some text")
        return ""

    def bilingual(self, value: Any, where: str) -> tuple[str, str]:
        """{en: ..., cy: ...}; a plain string stands for both (place names often do). English
        with no Welsh is read as English in both: `welsh_gaps` names it, it is no error."""
        english, welsh = self.name(value, where)
        return english, english if welsh is None else welsh

    def name(self, value: Any, where: str) -> tuple[str, str | None]:
        """A round's or an area's name: as `bilingual`, but English with no Welsh is stored
        without Welsh (None), so Welsh readers are told the name is only in English."""
        if isinstance(value, dict) and _no_welsh(value):
            return self.text(value.get("en"), f"{where}.en"), None
        if isinstance(value, dict):
            return self.text(value.get("en"), f"{where}.en"), self.text(value.get("cy"),
                                                                       f"{where}.cy")
        text = self.text(value, where)
        return text, text

    def money(self, value: Any, where: str) -> int:
        pence = parse_amount(str(value)) if isinstance(value, str | int | float) else None
        if not pence:
            self.fail(where, f"{value!r} is not an amount of money (write it like £2,000)")
            return 0
        return pence

    def moment(self, value: Any, where: str) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=self.tz)
        if isinstance(value, date):
            self.fail(where, "needs a time as well as a date (2026-12-12 17:00)")
            return None
        found = parse_local(str(value), self.tz, self.now)
        if found is None:
            self.fail(where, f"{value!r} is not a date and time (2026-12-12 17:00)")
        return found

    def choice(self, value: Any, options: type, where: str, default: Any) -> Any:
        if value is None:
            return default
        if str(value) not in {o.value for o in options}:
            self.fail(where, f"{value!r} is not one of {', '.join(o.value for o in options)}")
            return default
        return options(str(value))

    def flag(self, value: Any, where: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(where, f"{value!r} should be yes or no")
            return default
        return value

    def days(self, value: Any, where: str) -> tuple[int, ...] | None:
        """update_days: `30, 90, 180` or a list of whole numbers; None: the usual days."""
        if value is None:
            return None
        if isinstance(value, list):
            value = ",".join(str(item) for item in value)
        try:
            return parse_ask_days(str(value))
        except ValueError as error:
            self.fail(where, f"{value!r}: {error}")
            return None

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(where, "should be a mapping (key: value lines)")
            return {}
        return value

    def area(self, value: Any, where: str) -> AreaSpec:
        fields = self.mapping(value, where)
        name_en, name_cy = self.name(fields.get("name"), f"{where}.name")
        return AreaSpec(code=str(fields.get("code", "")).strip().upper(), name_en=name_en,
                        name_cy=name_cy, pot_pence=self.money(fields.get("pot"), f"{where}.pot"))

    def listing(self, value: Any, where: str, read: Callable[[Any, str], Any]) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, "should be a list (lines starting with -)")
            return []
        return [read(item, f"{where}[{number}]") for number, item in enumerate(value, 1)]


def spec_from_mapping(data: Any, tz: ZoneInfo, now: datetime) -> RoundSpec:
    """A round file, read and checked; raises RoundFileError listing everything wrong."""
    reader = _Reader(tz, now)
    if not isinstance(data, dict):
        raise RoundFileError(["the file should be a mapping of round settings (see README)"])
    for key in sorted(set(data) - KEYS):
        reader.fail(str(key), "unknown setting (a typo?)")
    name_en, name_cy = reader.name(data.get("name"), "name")
    areas = reader.listing(data.get("areas"), "areas", reader.area)
    voting = reader.mapping(data.get("voting"), "voting")
    ballot = reader.mapping(data.get("ballot"), "ballot")
    allocation = reader.mapping(data.get("allocation"), "allocation")
    spec = RoundSpec(
        name_en=name_en, name_cy=name_cy, areas=tuple(areas),
        max_bid_pence=reader.money(data.get("max_bid"), "max_bid"),
        bid_deadline=reader.moment(data.get("bid_deadline"), "bid_deadline") or now,
        priorities=tuple(reader.listing(data.get("priorities"), "priorities",
                                        reader.bilingual)),
        questions=tuple(str(q) for q in data.get("questions") or DEFAULT_QUESTIONS),
        voting_opens=reader.moment(voting.get("opens"), "voting.opens"),
        voting_closes=reader.moment(voting.get("closes"), "voting.closes"),
        ballot_kind=reader.choice(ballot.get("kind"), BallotKind, "ballot.kind",
                                  BallotKind.SCORE),
        ballot_n=ballot.get("n"), ballot_tokens=ballot.get("tokens"),
        allocation_rule=reader.choice(allocation.get("rule"), AllocationRule,
                                      "allocation.rule", AllocationRule.GREEDY),
        allocation_policy=reader.choice(allocation.get("policy"), Policy, "allocation.policy",
                                        Policy.SKIP),
        status=reader.choice(data.get("status"), RoundStatus, "status", RoundStatus.DRAFT),
        eligibility=reader.choice(data.get("who_may_vote"), Eligibility, "who_may_vote",
                                  Eligibility.ANYONE),
        score_all=reader.flag(ballot.get("score_all"), "ballot.score_all", True),
        changes_allowed=reader.flag(ballot.get("changes_allowed"), "ballot.changes_allowed",
                                    True),
        age_band_required=reader.flag(data.get("age_band"), "age_band", False),
        update_days=reader.days(data.get("update_days"), "update_days"),
    )
    for key in sorted(set(ballot) - BALLOT_KEYS, key=str):
        reader.fail(f"ballot.{key}", "unknown setting (a typo?)")
    if "bid_deadline" not in data:
        reader.fail("bid_deadline", "is required")
    for field, value in (("ballot.n", spec.ballot_n), ("ballot.tokens", spec.ballot_tokens)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            reader.fail(field, "should be a whole number")
    problems = reader.problems or spec_problems(spec, now)
    if problems:
        raise RoundFileError(problems)
    return spec


def _no_welsh(value: Any) -> bool:
    return (isinstance(value, dict) and uploads.has_text(value.get("en"))
            and not uploads.has_text(value.get("cy")))


def welsh_gaps(data: Any) -> list[uploads.Problem]:
    """A note, with its line, for each name residents read (the round's, an area's, a
    priority) that has English and no Welsh: imported all the same, named so it can be added.
    A plain string is the same text in both languages on purpose, so it is not noted."""
    if not isinstance(data, dict):
        return []
    named = [(data.get("name"), "name")]
    areas, priorities = data.get("areas"), data.get("priorities")
    for number, area in enumerate(areas if isinstance(areas, list) else [], 1):
        if isinstance(area, dict):
            named.append((area.get("name"), f"areas[{number}].name"))
    for number, item in enumerate(priorities if isinstance(priorities, list) else [], 1):
        named.append((item, f"priorities[{number}]"))
    return [uploads.welsh_missing(uploads.path_line(data, f"{where}.cy"), f"{where}.cy")
            for value, where in named if _no_welsh(value)]


def describe(spec: RoundSpec, round_id: int) -> str:
    areas = len(spec.areas)
    rules = [f"who may vote: {spec.eligibility}"] if spec.eligibility != Eligibility.ANYONE else []
    if spec.ballot_kind == BallotKind.SCORE and not spec.score_all:
        rules.append("scoring every bid is optional")
    if not spec.changes_allowed:
        rules.append("votes can't be changed")
    if spec.age_band_required:
        rules.append("age band asked")
    if spec.update_days:
        rules.append("updates asked " + ", ".join(map(str, spec.update_days))
                     + " days after the results")
    return (f"imported round {round_id}: {spec.name_en} ({spec.status}) · "
            f"{areas} area{'s' if areas != 1 else ''} · "
            f"pot {format_pounds(sum(a.pot_pence for a in spec.areas))} · "
            f"max bid {format_pounds(spec.max_bid_pence)}"
            + "".join(f" · {rule}" for rule in rules))


def main(argv: list[str], settings: Settings) -> int:
    if len(argv) != 2 or argv[0] != "import":
        print(USAGE, file=sys.stderr)
        return EXIT_BAD_INPUT
    data = None
    try:
        data = uploads.load_yaml(upload_files.read_path(Path(argv[1]), uploads.MAX_YAML_BYTES))
        spec = spec_from_mapping(data, settings.tz, utcnow())
    except uploads.UploadError as error:
        print(f"rounds: cannot read {argv[1]}: {upload_files.in_english(error.problem)}\n"
              f"{EXPECTED}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"rounds: cannot read {argv[1]}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RoundFileError as error:
        for problem in error.problems:
            line = uploads.path_line(data, problem.split(":", 1)[0])
            where = f"line {line}: " if line else ""
            print(f"rounds: {argv[1]}: {where}{problem}", file=sys.stderr)
        print(EXPECTED, file=sys.stderr)
        return EXIT_BAD_INPUT
    round_id = asyncio.run(import_round(settings.database_url, spec))
    print(describe(spec, round_id))
    for note in welsh_gaps(data):
        print(f"rounds: {argv[1]}: {upload_files.in_english(note)}")
    return 0


async def import_round(database_url: str, spec: RoundSpec) -> int:
    engine = create_engine(database_url)
    try:
        await migrate(engine)
        async with create_session_maker(engine).begin() as session:
            return (await create_round(session, spec)).id
    finally:
        await engine.dispose()
