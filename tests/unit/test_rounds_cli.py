"""`python -m bot rounds import FILE`: a round from a YAML file, checked like /newround."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import select

from bot.__main__ import main as bot_main
from bot.cli.rounds import RoundFileError, import_round, main, spec_from_mapping
from models.round import Round
from tests.conftest import make_settings
from tests.support.databases import EMPTY_SQLITE_ONLY
from tests.support.factories import ROUND_FILE

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def read(text: str):
    return spec_from_mapping(yaml.safe_load(text), LONDON, NOW)


def problems(text: str) -> list[str]:
    with pytest.raises(RoundFileError) as caught:
        read(text)
    return caught.value.problems


def test_the_readme_example_reads_as_written():
    spec = read(ROUND_FILE)
    assert (spec.name_en, spec.name_cy, spec.status) == ("Safer Speke 2026",
                                                         "Speke Mwy Diogel 2026", "open")
    assert [(a.code, a.name_en, a.name_cy, a.pot_pence) for a in spec.areas] == [
        ("SPK", "Speke", "Speke", 2_000_000), ("GAR", "Garston", "Garstwn", 600_000)]
    assert spec.max_bid_pence == 200_000
    assert spec.bid_deadline == datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # GMT in December
    assert spec.voting_opens == datetime(2027, 1, 17, 13, 0, tzinfo=UTC)
    assert spec.priorities == (("Things for young people to do in the evenings",
                                "Pethau i bobl ifanc eu gwneud gyda'r nos"),)


def test_summer_times_are_uk_time():
    spec = read(ROUND_FILE.replace("2026-12-12 17:00", "2027-06-12 17:00")
                .replace("2027-01-17", "2027-07-17"))
    assert spec.bid_deadline == datetime(2027, 6, 12, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(("change", "problem"), [
    (("max_bid: £2,000", "max_bid: lots"), "max_bid: 'lots' is not an amount of money"),
    (("max_bid: £2,000", "max_bid: £25,000"), "the maximum bid is more than the largest pot"),
    (("code: gar", "code: SPK"), "area code SPK is used twice"),
    (("code: gar", "code: G-A-R"), "area code 'G-A-R' must be 2 to 5 capital letters or digits"),
    (("pot: 6000", "pot: nothing"), "areas[2].pot: 'nothing' is not an amount of money"),
    (("bid_deadline: 2026-12-12 17:00", "bid_deadline: 2026-12-12"),
     "bid_deadline: needs a time as well as a date"),
    (("bid_deadline: 2026-12-12 17:00", "bid_deadline: soon"),
     "bid_deadline: 'soon' is not a date and time"),
    (("bid_deadline: 2026-12-12 17:00", "bid_deadline: 2026-01-01 10:00"),
     "the bid deadline has already passed"),
    (("opens: 2027-01-17 13:00", "opens: 2026-12-01 13:00"),
     "voting opens before the bid deadline"),
    (("closes: 2027-01-17 16:00", "closes: 2027-01-17 12:00"), "voting closes before it opens"),
    (("kind: score", "kind: top_n"), "a top_n ballot needs n"),
    (("kind: score", "kind: ranked"), "ballot.kind: 'ranked' is not one of"),
    (("rule: greedy", "rule: lottery"), "allocation.rule: 'lottery' is not one of"),
    (("questions: [group, title, description, benefits, amount, area, contact]",
      "questions: [group, title, area]"), "question 'amount' is required"),
    (("questions: [group, title, description, benefits, amount, area, contact]",
      "questions: [title, amount, colour]"), "unknown question 'colour'"),
    # No Welsh is named after the import (bot/cli/rounds.py welsh_gaps); no English is wrong.
    (("en: Safer Speke 2026", "en: ''"), "name.en: needs some text"),
    (("status: open", "status: results"), "a new round starts as draft or open"),
    (("status: open", "stauts: open"), "stauts: unknown setting (a typo?)"),
    (("status: open", "status: open\nupdate_days: 90, 30"), "update_days: '90, 30': the days "
                                                            "must rise"),
    (("status: open", "status: open\nupdate_days: [30, 9000]"), "update_days: '30,9000': each "
                                                               "is a whole number of days"),
    (("status: open", "status: open\nupdate_days: 1,2,3,4,5,6,7"), "give 1 to 6 numbers"),
])
def test_each_mistake_is_named(change, problem):
    old, new = change
    assert old in ROUND_FILE
    found = problems(ROUND_FILE.replace(old, new))
    assert any(problem in line for line in found), found


def test_not_a_mapping_at_all():
    assert problems("- just\n- a list\n")[0].startswith("the file should be a mapping")


async def test_importing_writes_the_round(database_url, session_maker):
    round_id = await import_round(database_url, read(ROUND_FILE))
    async with session_maker() as session:
        round_ = await session.scalar(select(Round).where(Round.id == round_id))
        assert (round_.name_cy, round_.status, round_.pot_pence) == (
            "Speke Mwy Diogel 2026", "open", 2_600_000)
        assert [area.code for area in round_.areas] == ["SPK", "GAR"]


@EMPTY_SQLITE_ONLY
def test_the_command_line(tmp_path, capsys, monkeypatch, empty_database_url):
    url = empty_database_url
    settings = make_settings(url)
    good = tmp_path / "round.yaml"
    good.write_text(ROUND_FILE.replace("2026-12-12", "2099-12-12").replace("2027-01-17",
                                                                        "2100-01-17"))
    assert main(["import", str(good)], settings) == 0
    assert capsys.readouterr().out.strip() == (
        "imported round 1: Safer Speke 2026 (open) · 2 areas · pot £26,000 · max bid £2,000")
    bad = tmp_path / "bad.yaml"
    bad.write_text(ROUND_FILE.replace("max_bid: £2,000", "max_bid: lots"))
    assert main(["import", str(bad)], settings) == 2
    err = capsys.readouterr().err
    assert "bad.yaml: line 12: max_bid: 'lots' is not an amount of money" in err
    assert "expected keys: age_band, allocation, areas, ballot" in err
    assert main(["import", str(tmp_path / "missing.yaml")], settings) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["export"], settings) == 2
    # Wired into `python -m bot`.
    monkeypatch.setenv("BOT_TOKEN", settings.bot_token.get_secret_value())
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    assert bot_main(["rounds", "import", str(good)]) == 0
    assert "imported round 2" in capsys.readouterr().out


@pytest.mark.parametrize("written", ["30, 90, 365", "[30, 90, 365]", "30 · 90 · 365"])
def test_a_round_file_sets_its_own_update_schedule(written):
    spec = read(ROUND_FILE + f"update_days: {written}\n")
    assert spec.update_days == (30, 90, 365)
    assert read(ROUND_FILE).update_days is None  # left out: the setting's days


async def test_the_update_schedule_is_stored_with_the_round(database_url, session_maker):
    round_id = await import_round(database_url, read(ROUND_FILE + "update_days: 14, 60\n"))
    async with session_maker() as session:
        assert (await session.get(Round, round_id)).update_days == "14,60"
