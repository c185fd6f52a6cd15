"""World Café files: questions read from YAML or CSV, and the report as Markdown and CSV.

Reading is all or nothing: every problem is listed (row by row) and nothing is saved unless the
whole file is right, as with `python -m bot events import`. The report never carries a Telegram
id, and a first name only where the person chose to give one; hidden answers are not in it
(`models.worldcafe.report_rows` leaves them out).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from models import uploads
from models.bid_export import FORMULA_STARTS
from models.uploads import Problem
from models.worldcafe import (
    GROUP_LIMIT,
    QUESTION_LIMIT,
    ReportRow,
    clean_label,
    clean_question,
)

MAX_FILE_BYTES = uploads.MAX_YAML_BYTES
MAX_QUESTIONS = 60
# What the template and the error message name; the other spellings are also read.
EXPECTED_KEYS = "group, group_cy, en, cy"
GROUP_KEYS = ("group", "table", "round")
GROUP_CY_KEYS = ("group_cy", "table_cy", "round_cy")
EN_KEYS = ("en", "text_en", "question_en")
CY_KEYS = ("cy", "text_cy", "question_cy")
LANGUAGES = {"en": "English", "cy": "Cymraeg"}
CSV_COLUMNS = ("table or round", "question", "question (Welsh)", "answer", "language", "time",
               "first name")
VOICE = "(voice note)"


@dataclass(frozen=True)
class NewQuestion:
    group: str
    text_en: str
    text_cy: str  # "" when the file has none: residents reading Welsh see the English
    group_cy: str | None = None  # None: the label has no Welsh of its own


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        if row.get(key) not in (None, ""):
            return str(row[key])
    return ""


def read_questions(file_name: str, data: bytes) -> tuple[list[NewQuestion], list[Problem]]:
    """The questions, or the problems with their lines (see `read_questions_noting`)."""
    questions, problems, _notes = read_questions_noting(file_name, data)
    return questions, problems


def read_questions_noting(file_name: str, data: bytes,
                          ) -> tuple[list[NewQuestion], list[Problem], list[Problem]]:
    """Questions from a YAML list (`questions:` with group, group_cy, en, cy) or a CSV with
    those columns. Returns the questions, or the problems with their lines (then save
    nothing); and, beside the questions, a note for each label or question with no Welsh
    (imported all the same, so a café is never held up by a missing translation).
    Read within the bounds of models/uploads.py."""
    try:
        uploads.check_size(len(data), MAX_FILE_BYTES)
        if file_name.lower().endswith(".csv"):
            header, rows = uploads.dict_rows(uploads.read_csv(data))
            if header and not any(key in header for key in GROUP_KEYS + EN_KEYS + CY_KEYS):
                return [], [Problem(1, "no-columns", {"found": ", ".join(header)[:200]})], []
            found: list[tuple[int, Any]] = rows
        else:
            loaded = uploads.load_yaml(data)
            if isinstance(loaded, dict):
                loaded = loaded.get("questions")
            found = ([(uploads.line_of(r), r) for r in loaded]
                     if isinstance(loaded, list) else [])
    except uploads.UploadError as error:
        return [], [error.problem], []
    if not found:
        return [], [Problem(0, "none-found")], []
    if len(found) > MAX_QUESTIONS:
        return [], [Problem(found[MAX_QUESTIONS][0], "too-many-items",
                            {"limit": MAX_QUESTIONS})], []
    questions: list[NewQuestion] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    for line, raw in found:
        if not isinstance(raw, dict):
            problems.append(Problem(line, "not-a-mapping"))
            continue
        row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
        group = clean_label(_first(row, GROUP_KEYS))
        en = clean_question(_first(row, EN_KEYS))
        # No Welsh is imported with a note; Welsh that is there must be usable.
        cy_given, group_cy_given = _first(row, CY_KEYS).strip(), _first(row, GROUP_CY_KEYS).strip()
        cy = clean_question(cy_given) if cy_given else ""
        group_cy = clean_label(group_cy_given) if group_cy_given else ""
        for value, key, limit in ((group, "group", GROUP_LIMIT),
                                  (group_cy, "group_cy", GROUP_LIMIT),
                                  (en, "en", QUESTION_LIMIT), (cy, "cy", QUESTION_LIMIT)):
            if value is None:
                problems.append(Problem(line, "missing-or-long", {"key": key, "limit": limit}))
        if group and en and cy is not None and group_cy is not None:
            notes += [uploads.welsh_missing(line, key)
                      for key, value in (("group_cy", group_cy), ("cy", cy)) if not value]
            questions.append(NewQuestion(group, en, cy, group_cy or None))
    return (questions, [], notes) if not problems else ([], problems, [])


# --- the report -----------------------------------------------------------------------------

def _cell(value: str) -> str:
    """Spreadsheets run cells starting with =, +, -, @ as formulas; an answer is text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _time(row: ReportRow, tz: ZoneInfo) -> str:
    return row.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _answer(row: ReportRow) -> str:
    return row.text if row.text is not None else VOICE


def report_csv(rows: list[ReportRow], tz: ZoneInfo) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Welsh letters (ŵ, ŷ) correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(v) for v in (
            row.group, row.question_en, row.question_cy, _answer(row),
            LANGUAGES.get(row.language, row.language), _time(row, tz), row.first_name or "")])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


MARKDOWN_SPECIAL = "\\`*_{}[]<>()#+-.!|~"


def md_escape(text: str) -> str:
    """Words as typed, shown as words: no Markdown, links or HTML of their own."""
    flat = " ".join(text.split())
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in flat)


def report_markdown(title: str, when: str, rows: list[ReportRow], tz: ZoneInfo) -> bytes:
    lines = [f"# World Café: {md_escape(title)}", "", md_escape(when), "",
             f"{len(rows)} answers. Names appear only where people chose to give them.", ""]
    group = question = None
    for row in rows:
        if row.group != group:
            group, question = row.group, None
            lines += [f"## {md_escape(row.group)}", ""]
        if row.question_en != question:
            question = row.question_en
            lines += [f"### {md_escape(row.question_en)}", "", f"*{md_escape(row.question_cy)}*",
                      ""]
        by = f" — {md_escape(row.first_name)}" if row.first_name else ""
        lines.append(f"- {md_escape(_answer(row))}{by} "
                     f"({LANGUAGES.get(row.language, row.language)}, {_time(row, tz)})")
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
