"""`python -m bot events import FILE`: create events from a YAML or CSV file.

Every row is read by the same rules as /newevent (models/event_form.py); if any row is wrong,
each problem is printed on its own line, nothing is imported and the exit code is 2. An event
already in the database (same English title and start) is skipped, so importing a file twice
is harmless. See the README for an example file.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.cli.migrate import migrate
from bot.settings import Settings
from bot.ui import upload_files
from models import event as events
from models import event_form as form
from models import uploads
from models.base import utcnow
from models.db import create_engine, create_session_maker
from models.event import EventKind

EXIT_BAD_INPUT = 2
KIND_NAMES = {
    "world cafe": EventKind.WORLD_CAFE, "world café": EventKind.WORLD_CAFE,
    "pb vote": EventKind.PB_VOTE, "vote": EventKind.PB_VOTE,
    "information session": EventKind.INFO, "information": EventKind.INFO,
    "training": EventKind.TRAINING, "coaching": EventKind.TRAINING,
    "training session": EventKind.TRAINING, "festival of learning": EventKind.FESTIVAL,
    "festival": EventKind.FESTIVAL, "other": EventKind.OTHER,
    **{kind.value: kind for kind in EventKind},
}
# File column -> (event field, required?)
COLUMNS = {
    "title_en": ("title_en", True), "title_cy": ("title_cy", True),
    "description_en": ("description_en", True), "description_cy": ("description_cy", False),
    "area": ("area", True), "venue": ("venue", True), "address": ("address", True),
    "start": ("starts_at", True), "end": ("ends_at", True), "capacity": ("capacity", False),
    "round": ("round_id", False), "reminders": ("reminder_offsets", False),
    "volunteers_arrive": ("helpers_arrive_at", False),
}
# The keys a file may use; the bot's /template events gives an example with notes.
EXPECTED = ("events: expected keys (YAML) or columns (CSV): kind, " + ", ".join(COLUMNS)
            + ", ask_first_name, ask_access, roles. For an example file, send the bot "
            "/template events.")
MAX_FILE_BYTES = uploads.MAX_YAML_BYTES
YES = {"yes", "y", "true", "1", "ie", "do"}
NO = {"no", "n", "false", "0", "na", "", "none"}


@dataclass
class Planned:
    fields: dict[str, Any]
    roles: list[tuple[str, str]] = field(default_factory=list)


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The file's rows, each knowing its line (uploads.LineDict); read within the bounds of
    models/uploads.py, so a hostile file is refused quickly, naming its line."""
    data: Any = upload_files.read_path(path, MAX_FILE_BYTES)
    if path.suffix.lower() == ".csv":
        _header, rows = uploads.dict_rows(uploads.read_csv(data))
        return [_at(line, row) for line, row in rows]
    data = uploads.load_yaml(data)
    if isinstance(data, dict):
        data = data.get("events")
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise ValueError("expected a list of events (or `events:` with a list)")
    return data


def _at(line: int, row: dict[str, Any]) -> uploads.LineDict:
    found = uploads.LineDict(row)
    found.line = line
    return found


def plan(rows: list[dict[str, Any]], settings: Settings) -> tuple[list[Planned], list[str]]:
    """Read every row; return the events to create and one line per problem found."""
    planned, problems = [], []
    now = utcnow()
    for number, row in enumerate(rows, start=1):
        fields, row_problems = _read_row(row, form.Context(tz=settings.tz, now=now))
        roles, role_problems = _read_roles(row.get("roles"))
        where = f"line {uploads.line_of(row)}: " if uploads.line_of(row) else ""
        problems += [f"{where}event {number}: {p}" for p in row_problems + role_problems]
        planned.append(Planned(fields, roles))
    return planned, problems


# Texts residents read that may be imported without Welsh: (English column, Welsh column).
# (Titles and role names need both: the file is refused without them.)
OPTIONAL_WELSH = (("description_en", "description_cy"),)


def welsh_gaps(rows: list[dict[str, Any]]) -> list[uploads.Problem]:
    """A note, with its line, for each text that has English and no Welsh: imported all the
    same (Welsh readers see the English), and named so the organiser can add it."""
    notes = []
    for row in rows:
        found = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        key_lines = getattr(row, "key_lines", {})
        for en, cy in OPTIONAL_WELSH:
            if uploads.has_text(found.get(en)) and not uploads.has_text(found.get(cy)):
                line = key_lines.get(cy) or key_lines.get(en) or uploads.line_of(row)
                notes.append(uploads.welsh_missing(line, cy))
    return notes


def _read_row(row: dict[str, Any], context: form.Context) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    kind = KIND_NAMES.get(str(row.get("kind") or "").strip().lower())
    if kind is None:
        problems.append(f"kind {row.get('kind')!r} is not one of {', '.join(EventKind)}")
    fields: dict[str, Any] = {"kind": (kind or EventKind.OTHER).value}
    for column, (name, required) in COLUMNS.items():
        text = "" if row.get(column) is None else str(row[column]).strip()
        if not text:
            if required:
                problems.append(f"{column} is missing")
            continue
        if name == "ends_at" or name == "helpers_arrive_at":
            context = form.Context(context.tz, context.now, fields.get("starts_at"))
        value = form.read(name, text, context)
        if value is form.INVALID:
            problems.append(f"{column}: cannot use {text!r}")
        else:
            fields[name] = value
    for column, name in (("ask_first_name", "ask_first_name"), ("ask_access", "ask_access")):
        answer = str(row.get(column) if row.get(column) is not None else "").strip().lower()
        if answer not in YES | NO:
            problems.append(f"{column}: say yes or no, not {answer!r}")
        fields[name] = answer in YES
    return fields, problems


def _read_roles(value: Any) -> tuple[list[tuple[str, str]], list[str]]:
    """YAML: a list of {en, cy}; CSV: 'Welcome desk|Desg groeso; Table host|Gwesteiwr'."""
    if value in (None, ""):
        return [], []
    if isinstance(value, str):
        value = [dict(zip(("en", "cy"), part.split("|"), strict=False))
                 for part in value.split(";") if part.strip()]
    roles, problems = [], []
    for item in value if isinstance(value, list) else [value]:
        en = form.read_name(str(item.get("en", ""))) if isinstance(item, dict) else form.INVALID
        cy = form.read_name(str(item.get("cy", ""))) if isinstance(item, dict) else form.INVALID
        if form.INVALID in (en, cy):
            problems.append(f"role {item!r} needs an English and a Welsh name")
        else:
            roles.append((en, cy))
    return roles, problems


async def save(planned: list[Planned], settings: Settings) -> tuple[list[int], int]:
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine)
        async with create_session_maker(engine).begin() as session:
            created, skipped = [], 0
            for item in planned:
                if await events.same_event_exists(session, item.fields["title_en"],
                                                  item.fields["starts_at"]):
                    skipped += 1
                    continue
                event = await events.create_event(session, **item.fields)
                for en, cy in item.roles:
                    await events.add_role(session, event, en, cy)
                created.append(event.id)
    finally:
        await engine.dispose()
    return created, skipped


def main(argv: list[str], settings: Settings) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot events",
                                     description="Import events from a YAML or CSV file.")
    parser.add_argument("action", choices=["import"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check the file, save nothing")
    args = parser.parse_args(argv)
    try:
        rows = read_rows(args.file)
    except uploads.UploadError as error:
        return _fail(f"cannot read {args.file}: {upload_files.in_english(error.problem)}\n"
                     + EXPECTED)
    except (OSError, ValueError) as error:
        return _fail(f"cannot read {args.file}: {error}\n" + EXPECTED)
    planned, problems = plan(rows, settings)
    if problems:
        for problem in problems:
            print(f"events: {problem}", file=sys.stderr)
        print(f"events: nothing imported ({len(problems)} problems)\n{EXPECTED}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    for note in welsh_gaps(rows):
        print(f"events: {upload_files.in_english(note)}")
    if args.dry_run:
        print(f"{len(planned)} events read; nothing saved (--dry-run)")
        return 0
    created, skipped = asyncio.run(save(planned, settings))
    print(f"imported {len(created)} events (ids {', '.join(map(str, created)) or '-'}); "
          f"{skipped} already there")
    return 0


def _fail(message: str) -> int:
    print(f"events: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
