"""The rules of funded projects that need no database: the update schedule a round sets (and
what an operator's bad setting is told), the weeks of the followers' round-ups, who is late,
and a round-up's size."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from bot.ui.project_view import DIGEST_ITEMS, digest
from models.project import (
    Project,
    ProjectUpdate,
    ask_times,
    is_late,
    parse_ask_days,
    week_of,
)
from models.update_schedule import round_ask_days, schedule_problems, shown, stored

START = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)  # a Saturday


class English:
    def get(self, key: str, /, **kwargs) -> str:
        return f"{key}{sorted(kwargs.items())}"


def project(**fields) -> Project:
    values = {"id": 1, "round_id": 1, "bid_id": 1, "award_pence": 100_00, "spent_pence": 0,
              "status": "started", "ask_days": "30,90,180", "created_at": START}
    return Project(**(values | fields))


def test_the_schedule_is_rising_whole_days_and_bounded():
    assert parse_ask_days("30, 90,180") == (30, 90, 180)
    for bad, problem in (("", "1 to 6"), ("1,2,3,4,5,6,7", "1 to 6"), ("30,x", "whole number"),
                         ("0", "whole number"), ("99999", "whole number"),
                         ("90,30", "rise"), ("30,30", "rise"), ("-5", "whole number")):
        with pytest.raises(ValueError, match=problem):
            parse_ask_days(bad)


def test_an_operator_setting_a_bad_schedule_is_told_which_variable():
    with pytest.raises(ValidationError, match="project_update_days"):
        Settings(_env_file=None, bot_token="1:x", project_update_days="90,30")


def test_asks_fall_on_the_days_after_results():
    assert ask_times(project()) == [(1, START + timedelta(days=30)),
                                    (2, START + timedelta(days=90)),
                                    (3, START + timedelta(days=180))]


def test_round_up_weeks_run_monday_9am_to_monday_9am():
    start, end = week_of(START)
    assert (start, end) == (datetime(2026, 11, 30, 9, tzinfo=UTC),
                            datetime(2026, 12, 7, 9, tzinfo=UTC))
    assert week_of(datetime(2026, 12, 7, 8, 59, tzinfo=UTC)) == (start, end)
    assert week_of(datetime(2026, 12, 7, 9, tzinfo=UTC))[0] == end


def test_late_means_an_ask_unanswered_for_two_weeks():
    first_ask = START + timedelta(days=30)
    assert not is_late(project(), None, first_ask + timedelta(days=13))
    assert is_late(project(), None, first_ask + timedelta(days=14))
    assert is_late(project(), first_ask - timedelta(days=1), first_ask + timedelta(days=14))
    assert not is_late(project(), first_ask + timedelta(days=1), first_ask + timedelta(days=20))
    assert not is_late(project(status="done"), None, first_ask + timedelta(days=100))


def test_a_round_up_shows_at_most_six_updates_and_says_how_many_more():
    items = [(ProjectUpdate(text=f"news {n}", created_at=START), project(id=n))
             for n in range(DIGEST_ITEMS + 3)]
    text = digest(English(), items, {}, {1: "Round"})
    assert "news 5" in text and "news 6" not in text
    assert "pj-digest-more[('count', 3)]" in text


def test_every_message_fits_in_telegram_whatever_the_groups_write():
    from bot.ui.project_view import MESSAGE_LIMIT, project_page, round_page
    from models.bid import Bid

    long = "ẃ" * 1000
    made = [project(id=n, bid_id=n) for n in range(1, 41)]
    bids = {n: Bid(id=n, reference=f"SPK-{n:03d}", title="T" * 80) for n in range(1, 41)}
    latest = {p.id: ProjectUpdate(text=long, created_at=START) for p in made}
    pages = round_page(English(), "R" * 100, made, bids, latest, {p.id for p in made})
    assert len(pages) > 1 and all(len(page) <= MESSAGE_LIMIT for page in pages)
    assert sum(page.count("SPK-") for page in pages) == 40  # every project, once
    updates = [ProjectUpdate(text=long, created_at=START, spent_pence=1, status="delayed")
               for _ in range(12)]
    page = project_page(English(), made[0], bids[1], updates, UTC, "en")
    assert len(page) <= MESSAGE_LIMIT and "pj-newest[('count', 12), ('shown', 5)]" in page
    items = [(ProjectUpdate(text=long, created_at=START), p) for p in made]
    assert len(digest(English(), items, bids, {1: "R" * 100})) <= MESSAGE_LIMIT


def test_a_schedule_may_be_written_as_the_bot_shows_it():
    assert parse_ask_days("14 · 30 · 90") == parse_ask_days("14 30 90") == (14, 30, 90)
    assert shown((14, 30, 90)) == "14 · 30 · 90" and stored((14, 30, 90)) == "14,30,90"
    assert round_ask_days(None, (30, 90, 180)) == (30, 90, 180)
    assert round_ask_days("14,60", (30, 90, 180)) == (14, 60)
    assert schedule_problems((60, 14)) == ["update_days: the days must rise, like 30,90,180"]
