"""Event rules without a database: offsets, door codes, places, times across clock changes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.ui.event_texts import when_range
from models import event_rules as rules
from models.event import Event
from models.event_form import INVALID, Context, next_step, read
from models.when import parse_local, show_local

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "seconds"), [
    ("24h,2h", (86400, 7200)), ("2h, 24h", (86400, 7200)), ("1d 90m", (86400, 5400)),
    ("30s", (30,)), ("2H; 2h", (7200,)),
])
def test_offsets_are_read_longest_first(text, seconds):
    assert rules.parse_offsets(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0h", "31d", "2 hours", "1h,2h,3h,4h,5h,6h"])
def test_bad_offsets_say_why(text):
    with pytest.raises(ValueError):
        rules.parse_offsets(text)


def test_offsets_round_trip_and_default():
    assert rules.format_offsets((86400, 7200, 90, 5400)) == "24h, 2h, 90s, 90m"
    stored = rules.stored_offsets(rules.parse_offsets("48h,3h"))
    assert rules.offsets_of(stored, (1,)) == (172800, 10800)
    assert rules.offsets_of(None, (86400, 7200)) == (86400, 7200)


def test_reminders_whose_time_has_passed_are_not_planned():
    start = NOW + timedelta(hours=5)
    assert rules.reminder_times(start, (86400, 7200), NOW) == [(7200, start - timedelta(hours=2))]
    assert rules.reminder_times(start, (86400, 7200), start) == []


def test_codes_are_unique_readable_and_normalised():
    taken: set[str] = set()
    chooser = random.Random(4).choice
    for _ in range(20_000):
        code = rules.unused_code(taken.__contains__, chooser)
        assert len(code) == rules.CODE_LENGTH and set(code) <= set(rules.CODE_ALPHABET)
        taken.add(code)
    assert len(taken) == 20_000
    assert not set(rules.CODE_ALPHABET) & set("0O1IL5S2Z")
    assert rules.normalise_code(" k7p-q3x ") == "K7PQ3X"
    assert rules.normalise_code("K7PQ3") is None and rules.normalise_code("K7PQ30") is None


def test_a_clash_is_retried_and_an_exhausted_alphabet_fails():
    picks = iter("AAAAAA" "AAAAAA" "BBBBBB")
    assert rules.unused_code(lambda c: c == "AAAAAA", lambda _: next(picks)) == "BBBBBB"
    with pytest.raises(RuntimeError):
        rules.unused_code(lambda c: True, lambda _: "A", tries=3)


def test_capacity_and_places():
    assert rules.parse_capacity("1,200") == 1200
    assert [rules.parse_capacity(t) for t in ("0", "-3", "many", "1000001")] == [None] * 4
    assert rules.has_room(None, 10_000) and not rules.has_room(3, 3)
    assert rules.places_left(3, 5) == 0 and rules.places_left(None, 1) is None


def test_an_offer_is_held_twelve_hours_but_never_past_the_start():
    assert rules.offer_deadline(NOW, NOW + timedelta(days=2)) == NOW + timedelta(hours=12)
    assert rules.offer_deadline(NOW, NOW + timedelta(hours=3)) == NOW + timedelta(hours=3)
    assert rules.offer_deadline(NOW, NOW) is None


def test_their_area_comes_first_then_time():
    items = [("Alway", 3), ("Ringland", 5), ("alway", 1), ("Speke", 2)]
    ordered = rules.area_first(items, lambda i: i[0], lambda i: i[1], "ALWAY")
    assert ordered == [("alway", 1), ("Alway", 3), ("Speke", 2), ("Ringland", 5)]
    assert rules.area_first(items, lambda i: i[0], lambda i: i[1], None)[0] == ("alway", 1)


# --- clock changes: the last Sundays of March (29 March 2026) and October (25 October 2026)

def test_summer_and_winter_times_are_stored_in_utc():
    assert parse_local("28/03/2026 18:30", LONDON, NOW) == datetime(2026, 3, 28, 18, 30,
                                                                    tzinfo=UTC)
    assert parse_local("30/03/2026 18:30", LONDON, NOW) == datetime(2026, 3, 30, 17, 30,
                                                                    tzinfo=UTC)
    assert parse_local("24/10/2026 18:30", LONDON, NOW) == datetime(2026, 10, 24, 17, 30,
                                                                    tzinfo=UTC)
    assert parse_local("26/10/2026 18:30", LONDON, NOW) == datetime(2026, 10, 26, 18, 30,
                                                                    tzinfo=UTC)


def test_an_event_across_the_march_change_is_an_hour_shorter():
    start = parse_local("29/03/2026 00:30", LONDON, NOW)  # GMT
    end = rules.parse_end("03:30", start, LONDON, NOW)  # BST: 01:00-02:00 never happens
    assert start == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert end == datetime(2026, 3, 29, 2, 30, tzinfo=UTC)
    assert end - start == timedelta(hours=2)


def test_an_event_across_the_october_change_is_an_hour_longer():
    start = parse_local("25/10/2026 00:30", LONDON, NOW)  # BST
    end = rules.parse_end("03:30", start, LONDON, NOW)  # GMT
    assert start == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert end - start == timedelta(hours=4)
    event = Event(starts_at=start, ends_at=end)
    assert when_range(event, LONDON, "en") == "Sun 25 Oct 2026, 00:30–03:30"
    assert when_range(event, LONDON, "cy") == "Sul 25 Hyd 2026, 00:30–03:30"


def test_reminders_keep_real_hours_across_a_clock_change():
    # An event at 18:00 on Monday 30 March (BST); the 24 h reminder is on Sunday at 18:00 BST,
    # and the 48 h one is Saturday at 17:00 in London (GMT), 48 real hours earlier.
    start = parse_local("30/03/2026 18:00", LONDON, NOW)
    times = dict(rules.reminder_times(start, (172800, 86400), NOW))
    assert show_local(times[86400], LONDON, "en") == "Sun 29 Mar 2026, 18:00"
    assert show_local(times[172800], LONDON, "en") == "Sat 28 Mar 2026, 17:00"


def test_ambiguous_and_missing_local_times():
    # 01:30 on 25 October happens twice; we take the first (BST), as people mean the first.
    assert parse_local("25/10/2026 01:30", LONDON, NOW) == datetime(2026, 10, 25, 0, 30,
                                                                    tzinfo=UTC)
    # 01:30 on 29 March never happens on the clock; it is read as GMT (02:30 BST).
    assert parse_local("29/03/2026 01:30", LONDON, NOW) == datetime(2026, 3, 29, 1, 30,
                                                                    tzinfo=UTC)


def test_form_fields_are_read_the_same_everywhere():
    context = Context(tz=LONDON, now=NOW, starts_at=datetime(2026, 6, 1, 17, 0, tzinfo=UTC))
    assert read("capacity", "60", context) == 60
    assert read("capacity", "sixty", context) is INVALID
    assert read("reminder_offsets", "48h, 3h", context) == "172800,10800"
    assert read("round_id", "#4", context) == 4
    assert read("title_en", "/start", context) is INVALID
    assert read("ends_at", "20:00", context) == datetime(2026, 6, 1, 19, 0, tzinfo=UTC)
    assert read("helpers_arrive_at", "17:15", context) == datetime(2026, 6, 1, 16, 15,
                                                                    tzinfo=UTC)
    assert read("helpers_arrive_at", "19:00", context) is INVALID  # after the start
    assert read("starts_at", "01/01/2020 10:00", context) is INVALID
    assert next_step("capacity", "cafe") == "questions"
    assert next_step("questions", "cafe") == "reminder_offsets"
    assert next_step("questions", "vote") == "round_id"
    assert next_step("reminder_offsets", "vote") is None
