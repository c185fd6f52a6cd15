"""Safeguarding: /help signposts 999, 101, Crimestoppers and Fearless in both languages, and
the screens that ask people to write about their area say this is no place to report a crime."""

from __future__ import annotations

import pytest

from bot.ui.callbacks import Locale, MenuCb, MenuItem
from bot.ui.callbacks.bids import BidAction
from tests.support.bid_scenario import join, make_round, tap_data
from tests.support.flow import texts

RESIDENT = 950_001
SIGNPOSTS = ("999", "101", "0800 555 111", "Fearless")
NOT_FOR_CRIME = {Locale.EN: "report a crime", Locale.CY: "roi gwybod am drosedd"}


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_help_shows_every_signpost(harness, locale):
    await join(harness, RESIDENT, locale)
    for sent in (await harness.send(RESIDENT, "/help"),
                 await harness.tap(RESIDENT, MenuCb(item=MenuItem.HELP).pack())):
        [help_text] = texts(sent)
        for signpost in SIGNPOSTS:
            assert signpost in help_text
        assert ("not for reporting crime" if locale is Locale.EN
                else "Nid yw'r sgwrs hon ar gyfer rhoi gwybod am drosedd") in help_text


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_the_bid_questions_about_the_area_do_not_invite_crime_reports(harness,
                                                                            session_maker,
                                                                            locale):
    round_id = await make_round(session_maker)
    await join(harness, RESIDENT, locale)
    [intro] = texts(await harness.tap(RESIDENT, MenuCb(item=MenuItem.BID).pack()))
    assert NOT_FOR_CRIME[locale] in intro and "101" in intro and "0800 555 111" in intro
    await harness.tap(RESIDENT, tap_data(BidAction.START, round_=round_id))
    await harness.send(RESIDENT, "Speke Youth")
    [question] = texts(await harness.send(RESIDENT, "Football"))
    assert question.startswith("<i>Question 3 of 7</i>" if locale is Locale.EN
                               else "<i>Cwestiwn 3 o 7</i>")
    assert NOT_FOR_CRIME[locale] in question and "/help" in question
