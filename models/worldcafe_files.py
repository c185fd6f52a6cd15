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

import yaml

from models.bid_export import FORMULA_STARTS
from models.worldcafe import ReportRow, clean_label, clean_question

MAX_FILE_BYTES = 200_000
MAX_QUESTIONS = 60
GROUP_KEYS = ("group", "table", "round")
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
    text_cy: str


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        if row.get(key) not in (None, ""):
            return str(row[key])
    return ""


def read_questions(file_name: str, data: bytes) -> tuple[list[NewQuestion], list[str]]:
    """Questions from a YAML list (`questions:` with group, en, cy) or a CSV with the columns
    group, en, cy. Returns the questions and one line per problem (then save nothing)."""
    if len(data) > MAX_FILE_BYTES:
        return [], ["the file is too big"]
    try:
        text = data.decode("utf-8-sig")
        if file_name.lower().endswith(".csv"):
            rows: Any = list(csv.DictReader(text.splitlines()))
        else:
            rows = yaml.safe_load(text)
            if isinstance(rows, dict):
                rows = rows.get("questions")
    except (UnicodeDecodeError, yaml.YAMLError, csv.Error):
        return [], ["the file could not be read as UTF-8 YAML or CSV"]
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        return [], ["no questions found: a list of questions with group, en and cy is expected"]
    if len(rows) > MAX_QUESTIONS:
        return [], [f"more than {MAX_QUESTIONS} questions"]
    questions, problems = [], []
    for number, raw in enumerate(rows, start=1):
        row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
        group = clean_label(_first(row, GROUP_KEYS))
        en = clean_question(_first(row, EN_KEYS))
        cy = clean_question(_first(row, CY_KEYS))
        for value, what in ((group, "group (table or round, up to 40 characters)"),
                            (en, "English question (up to 500 characters)"),
                            (cy, "Welsh question (up to 500 characters)")):
            if value is None:
                problems.append(f"question {number}: {what} is missing or too long")
        if group and en and cy:
            questions.append(NewQuestion(group, en, cy))
    return (questions, []) if not problems else ([], problems)


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
