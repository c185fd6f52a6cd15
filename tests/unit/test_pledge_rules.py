"""Festival of learning rules that need no database: periods and the exports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from models.pledge import (
    EXPORT_COLUMNS,
    Pledge,
    clean_answer,
    format_period,
    parse_period,
    pledges_csv,
    pledges_markdown,
)

TZ = ZoneInfo("Europe/London")
DAY = 86400


@pytest.mark.parametrize(("text", "seconds"), [
    ("6 weeks", 42 * DAY), ("6w", 42 * DAY), ("42 days", 42 * DAY), ("42d", 42 * DAY),
    ("1 week", 7 * DAY), ("6 wythnos", 42 * DAY), ("10 diwrnod", 10 * DAY), ("12h", 12 * 3600),
    ("  3 Weeks ", 21 * DAY), ("30s", 30), ("90 minutes", 5400), ("52 weeks", 364 * DAY),
])
def test_periods_are_read_like_people_write_them(text, seconds):
    assert parse_period(text) == seconds


@pytest.mark.parametrize("text", ["", "six weeks", "6", "weeks", "0 weeks", "-2w", "6 fortnights",
                                  "53 weeks", "400d", "6w 2d"])
def test_anything_else_is_not_a_period(text):
    assert parse_period(text) is None


@pytest.mark.parametrize("seconds", [42 * DAY, 10 * DAY, 12 * 3600, 5400, 30])
def test_format_period_reads_back(seconds):
    assert parse_period(format_period(seconds)) == seconds


def test_format_period_prefers_weeks():
    assert format_period(42 * DAY) == "6w"
    assert format_period(10 * DAY) == "10d"


def test_answers_are_trimmed_and_blank_is_none():
    assert clean_answer("  Listen more \n") == "Listen more"
    assert clean_answer("   ") is None
    assert clean_answer(None) is None
    assert len(clean_answer("x" * 5000)) == 2000


def _row(**values) -> Pledge:
    base = {"telegram_id": 987654321, "locale": "cy", "learned": "Gwrando",
            "pledge": "=HYPERLINK(1)",
            "pledged_at": datetime(2026, 11, 20, 12, tzinfo=UTC), "outcome": "partly",
            "outcome_note": "-half | done\nnext line",
            "followed_up_at": datetime(2027, 1, 1, 9, tzinfo=UTC)}
    return Pledge(**(base | values))


def test_csv_is_formula_safe_and_carries_no_id():
    body = pledges_csv("Festival of learning", [_row()], TZ)
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert rows[1] == ["Festival of learning", "cy", "Gwrando", "'=HYPERLINK(1)", "2026-11-20",
                       "partly", "'-half | done\nnext line", "2027-01-01"]
    assert "987654321" not in text


def test_markdown_is_one_table_row_per_person_with_no_id():
    text = pledges_markdown("Gŵyl <ddysgu>", [_row(), _row(pledge=None, outcome=None,
                                                          followed_up_at=None)], TZ).decode()
    lines = text.splitlines()
    assert lines[0] == "# Gŵyl &lt;ddysgu&gt;"
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 4  # header, rule, two people
    assert "-half \\| done next line" in table[2]
    assert table[3].count("|") == table[2].count("|")
    assert "987654321" not in text
