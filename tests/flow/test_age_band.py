"""The age band (issue #8): asked only when a round needs it; under-13s are told kindly."""

from __future__ import annotations

import json

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select

from bot.ui.callbacks import Locale
from bot.ui.callbacks.vote import VoteAction
from models.ballot import Ballot, round_ballots
from models.eligibility import AgeBand, may_take_part
from tests.support.ballot_screen import answer_cards, find, start, vote_in_chat
from tests.support.factories import join, voting_round
from tests.support.factories import vote_cb as cb
from tests.support.flow import alerts, buttons, texts

VOTER = 780_001
ASK = {Locale.EN: "Before you vote: which age group are you in?",
       Locale.CY: "Cyn i chi bleidleisio: ym mha grŵp oedran ydych chi?"}
TOO_YOUNG = {
    Locale.EN: ("Thank you for wanting to have your say! People under 13 can't vote here "
                "themselves. A parent or carer can take part for you"),
    Locale.CY: ("Diolch am fod eisiau dweud eich dweud! Dydy pobl dan 13 oed ddim yn gallu "
                "pleidleisio yma eu hunain. Gall rhiant neu ofalwr gymryd rhan ar eich rhan"),
}
FIRST_CARD = {Locale.EN: "Bid 1 of 3", Locale.CY: "Cais 1 o 3"}
BANDS = list(AgeBand)


def age(round_id: int, band: AgeBand) -> str:
    return cb(VoteAction.AGE, round_id, value=BANDS.index(band))


def test_only_under_13s_are_turned_away():
    assert [band for band in AgeBand if not may_take_part(band)] == [AgeBand.UNDER_13]


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_under_13s_are_told_kindly_and_cannot_vote(harness, session_maker, locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, age_band_required=True)
    await join(harness, VOTER, locale)
    sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0].startswith(ASK[locale])
    labels = [label for label, _ in buttons(sent[-1])]
    assert len(labels) == 6
    assert labels[0] == {Locale.EN: "Under 13", Locale.CY: "Dan 13"}[locale]
    sent = await harness.tap(VOTER, age(round_id, AgeBand.UNDER_13))
    assert texts(sent)[0].startswith(TOO_YOUNG[locale])
    # Buttons of the ballot they never got, and Confirm, record nothing.
    assert alerts(await harness.tap(VOTER, cb(VoteAction.SET, round_id, a, 5)))
    assert alerts(await harness.tap(VOTER, cb(VoteAction.CONFIRM, round_id)))
    # Starting again asks again: the answer "under 13" is not stored anywhere.
    assert texts(await harness.tap(VOTER, cb(VoteAction.ROUND, round_id)))[0].startswith(
        ASK[locale])
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == []


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_the_band_is_kept_with_the_ballot_only(harness, session_maker, locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, age_band_required=True)
    await join(harness, VOTER, locale)
    screen = await start(harness, VOTER, round_id)
    await screen.tap(age(round_id, AgeBand.FROM_16))
    assert screen.text.startswith(FIRST_CARD[locale])
    await answer_cards(screen, {}, default=3)
    await screen.tap(find(screen, VoteAction.CONFIRM))
    # Confirmed: the conversation keeps no copy of the band next to the person.
    sent = await harness.send(VOTER, "/mydata")
    document = next(r for r in sent if isinstance(r, SendDocument))
    conversation = json.loads(document.document.data)["conversation_in_progress"]
    assert "16-17" not in json.dumps(conversation)
    # Changing the vote later: not asked again, and the band stays.
    screen = await start(harness, VOTER, round_id)
    assert screen.text.startswith({Locale.EN: "<b>Your vote</b>",
                                   Locale.CY: "<b>Eich pleidlais</b>"}[locale])
    for bid in (a, b, c):
        await screen.tap(find(screen, VoteAction.OPEN, bid=bid))
        await screen.tap(find(screen, VoteAction.SET, value=4))
    await screen.tap(find(screen, VoteAction.CONFIRM))
    async with session_maker() as session:
        ballots = list(await session.scalars(select(Ballot)))
        assert [ballot.age_band for ballot in ballots] == ["16-17"]
        assert await round_ballots(session, round_id) == [{a: 4, b: 4, c: 4}]


async def test_rounds_that_do_not_ask_never_ask(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, Locale.EN)
    assert texts(await harness.tap(VOTER, cb(VoteAction.ROUND, round_id)))[0].startswith(
        "Bid 1 of 3")
    assert alerts(await harness.tap(VOTER, age(round_id, AgeBand.FROM_25)))  # a forged answer
    await vote_in_chat(harness, VOTER, round_id, {}, default=2)
    async with session_maker() as session:
        assert [b.age_band for b in await session.scalars(select(Ballot))] == [None]


async def test_a_forged_band_or_a_skipped_question_changes_nothing(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, age_band_required=True)
    await join(harness, VOTER, Locale.EN)
    await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    assert alerts(await harness.tap(VOTER, cb(VoteAction.AGE, round_id, value=99)))
    # Scores sent without answering (forged) are refused; a forged Confirm carrying the
    # question's own revision asks the question instead of recording.
    for bid in (a, b, c):
        assert alerts(await harness.tap(VOTER, cb(VoteAction.SET, round_id, bid, 5, rev=1)))
    sent = await harness.tap(VOTER, cb(VoteAction.CONFIRM, round_id, rev=1))
    assert texts(sent)[-1].startswith(ASK[Locale.EN])
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == []
