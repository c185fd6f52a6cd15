"""Who may vote and the ballot's rules, set in /newround's preview and in round files."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import select

from bot.cli.rounds import RoundFileError, describe, spec_from_mapping
from bot.ui.callbacks import Locale
from bot.ui.callbacks.bids import RoundAction, RoundCb
from bot.ui.callbacks.vote import RoundSetting, RoundSettingCb
from handlers.rounds_admin import toggled
from models.round import Eligibility, Round
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import join, shown_buttons
from tests.support.factories import ROUND_FILE
from tests.support.flow import alerts, texts

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def setting(which: RoundSetting) -> str:
    return RoundSettingCb(setting=which).pack()


def test_the_who_button_goes_round_every_rule():
    data: dict = {}
    seen = []
    for _ in range(len(Eligibility)):
        data |= toggled(data, RoundSetting.WHO)
        seen.append(data["eligibility"])
    assert seen == ["checked_in", "area", "both", "anyone"]
    assert toggled({}, RoundSetting.SCORE_ALL) == {"score_all": False}
    assert toggled({"changes_allowed": False}, RoundSetting.CHANGES) == {"changes_allowed": True}
    assert toggled({}, RoundSetting.AGE) == {"age_band_required": True}


async def to_preview(harness, locale: Locale) -> list:
    await join(harness, ORGANISER_ID, locale)
    for answer in ("/newround", "Safer Speke", "Speke Mwy Diogel", "SPK Speke £26k", "£2k"):
        await harness.send(ORGANISER_ID, answer)
    await harness.tap(ORGANISER_ID, RoundCb(action=RoundAction.SKIP).pack())
    await harness.tap(ORGANISER_ID, RoundCb(action=RoundAction.QUESTIONS).pack())
    await harness.send(ORGANISER_ID, "12/12/2099 17:00")
    await harness.tap(ORGANISER_ID, RoundCb(action=RoundAction.SKIP).pack())
    await harness.tap(ORGANISER_ID, RoundCb(action=RoundAction.BALLOT, value="score").pack())
    return await harness.tap(ORGANISER_ID, RoundCb(action=RoundAction.RULE, value="mes").pack())


async def test_newround_preview_sets_who_may_vote_in_english(harness, session_maker):
    sent = await to_preview(harness, Locale.EN)
    preview = texts(sent)[0]
    assert "Who may vote: anyone (and anyone with a voting card)" in preview
    assert "Votes can be changed: yes" in preview and "Every bid must be scored: yes" in preview
    assert [label for label, _ in shown_buttons(sent)][:4] == [
        "Who may vote: anyone 👥", "Every bid must be scored: yes", "Votes can be changed: yes",
        "Ask voters their age group: no"]
    for which in (RoundSetting.WHO, RoundSetting.WHO, RoundSetting.SCORE_ALL,
                  RoundSetting.CHANGES, RoundSetting.AGE):
        sent = await harness.tap(ORGANISER_ID, setting(which))
    preview = texts(sent)[-1]
    assert "Who may vote: people living in the round's areas (online)" in preview
    assert "Age group asked: yes" in preview
    await harness.tap(ORGANISER_ID, RoundCb(action=RoundAction.CREATE, value="draft").pack())
    async with session_maker() as session:
        round_ = await session.scalar(select(Round))
    assert (round_.eligibility, round_.score_all, round_.changes_allowed,
            round_.age_band_required) == ("area", False, False, True)
    # The preview is spent: its setting buttons change nothing now.
    assert alerts(await harness.tap(ORGANISER_ID, setting(RoundSetting.AGE)))


async def test_newround_preview_in_welsh(harness, session_maker):
    sent = await to_preview(harness, Locale.CY)
    assert "Pwy sy'n cael pleidleisio: unrhyw un" in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, setting(RoundSetting.WHO))
    assert "Pwy sy'n cael pleidleisio: pobl sydd wedi cofrestru yn y digwyddiad pleidleisio" \
        in texts(sent)[-1]
    await harness.tap(ORGANISER_ID, RoundCb(action=RoundAction.CREATE, value="draft").pack())
    async with session_maker() as session:
        assert (await session.scalar(select(Round))).eligibility == "checked_in"


async def test_residents_cannot_press_the_setting_buttons(harness):
    await join(harness, 790_001, Locale.EN)
    assert alerts(await harness.tap(790_001, setting(RoundSetting.WHO))) == [
        "Sorry, this is for organisers."]


def test_round_files_set_who_may_vote():
    data = yaml.safe_load(ROUND_FILE + textwrap.dedent("""\
        who_may_vote: both
        age_band: yes
        """))
    data["ballot"] = {"kind": "score", "score_all": False, "changes_allowed": False}
    spec = spec_from_mapping(data, LONDON, NOW)
    assert (spec.eligibility, spec.score_all, spec.changes_allowed, spec.age_band_required) == (
        Eligibility.BOTH, False, False, True)
    assert describe(spec, 3).endswith(" · who may vote: both · scoring every bid is optional"
                                      " · votes can't be changed · age band asked")
    plain = spec_from_mapping(yaml.safe_load(ROUND_FILE), LONDON, NOW)
    assert (plain.eligibility, plain.score_all, plain.changes_allowed,
            plain.age_band_required) == (Eligibility.ANYONE, True, True, False)


def test_round_files_with_bad_settings_list_every_problem():
    data = yaml.safe_load(ROUND_FILE)
    data |= {"who_may_vote": "everyone", "age_band": "maybe"}
    data["ballot"] = {"kind": "score", "score_al": True, "changes_allowed": 2}
    with pytest.raises(RoundFileError) as error:
        spec_from_mapping(data, LONDON, NOW)
    assert error.value.problems == [
        "who_may_vote: 'everyone' is not one of anyone, checked_in, area, both",
        "ballot.changes_allowed: 2 should be yes or no",
        "age_band: 'maybe' should be yes or no",
        "ballot.score_al: unknown setting (a typo?)",
    ]
