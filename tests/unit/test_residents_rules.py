"""The pure rules behind residents' ways on: one entry per event, a typed area, a bounded list."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace as Row

from models.bid_questions import area_typed
from models.event_rules import fit_lines, one_per_event

SOON, LATER = datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 9, tzinfo=UTC)


def test_an_event_with_a_place_and_a_role_is_one_entry_soonest_first():
    later, soon = Row(id=2, starts_at=LATER), Row(id=1, starts_at=SOON)
    place, helper, role = Row(status="confirmed"), Row(status="offered"), Row(name="Desk")
    entries = one_per_event([(place, later)], [(helper, role, later), (helper, role, soon)])
    assert entries == [(soon, None, (helper, role)), (later, place, (helper, role))]
    assert one_per_event([], []) == []


def test_a_typed_area_ignores_case_and_spaces_in_either_language():
    areas = [Row(name_en="Speke", name_cy="Speke"), Row(name_en="Garston", name_cy="Garstwn")]
    for typed in ("garston", " GARSTWN ", "Gar ston", "gar\tstwn"):
        assert area_typed(areas, typed) is areas[1]
    for typed in ("", "   ", None, "Garst", "Woolton", "x" * 10_000):
        assert area_typed(areas, typed) is None


def test_fit_lines_keeps_whole_lines_within_the_room():
    assert fit_lines(["aaaa", "bbbb", "cccc"], 12) == ["aaaa", "bbbb"]
    assert fit_lines(["a" * 50], 10) == []
