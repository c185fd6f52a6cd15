"""The .ics file: UTC times (so clock changes cannot move the event), escaping, folding."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.ui.calendar import escape_text, event_ics, fold

STAMP = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def ics(starts_at, ends_at, **overrides) -> str:
    values = {"uid": "event-7@pbchat", "title": "World Café, Ringland; all welcome",
              "description": "Line one\nLine two \\ end", "location": "Hall, 1 Road",
              "starts_at": starts_at, "ends_at": ends_at,
              "url": "https://t.me/pbchat_bot?start=ev_7", "stamp": STAMP} | overrides
    return event_ics(**values).decode()


def test_summer_event_is_written_an_hour_earlier_in_utc():
    # 18:30-20:30 in London on 20 June (BST, UTC+1).
    body = ics(datetime(2026, 6, 20, 17, 30, tzinfo=UTC), datetime(2026, 6, 20, 19, 30, tzinfo=UTC))
    assert "DTSTART:20260620T173000Z\r\n" in body and "DTEND:20260620T193000Z\r\n" in body


def test_times_in_another_zone_are_converted_to_utc():
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    body = ics(datetime(2026, 11, 28, 18, 30, tzinfo=london),
               datetime(2026, 11, 28, 20, 30, tzinfo=london))
    assert "DTSTART:20261128T183000Z" in body  # winter: London is UTC


def test_structure_escaping_and_line_endings():
    body = ics(datetime(2026, 6, 20, 17, 30, tzinfo=UTC), datetime(2026, 6, 20, 19, 30, tzinfo=UTC))
    lines = body.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "SUMMARY:World Café\\, Ringland\\; all welcome" in lines
    assert "DESCRIPTION:Line one\\nLine two \\\\ end" in lines
    assert "UID:event-7@pbchat" in lines and "DTSTAMP:20260101T090000Z" in lines
    assert "\n" not in body.replace("\r\n", "")


def test_long_lines_fold_at_75_octets_without_splitting_a_letter():
    line = "DESCRIPTION:" + "ŵ" * 100
    folded = fold(line)
    pieces = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in pieces[:1])
    assert all(len(p.encode()) <= 74 for p in pieces[1:])
    assert "".join(pieces) == line


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        ics(datetime(2026, 6, 20, 17, 30), datetime(2026, 6, 20, 19, 30))


def test_escape_text():
    assert escape_text("a,b;c\\d\r\ne") == "a\\,b\\;c\\\\d\\ne"
