"""Voting in the chat, in English and Welsh: one bid at a time, review, Confirm, receipt
(the ballot message itself: tests/flow/test_ballot_message.py)."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.ui.callbacks import Locale, MenuCb, MenuItem
from bot.ui.callbacks.vote import VoteAction
from models.ballot import Ballot, round_ballots
from models.round import BallotKind, Round, RoundStatus
from tests.support.ballot_screen import Screen, answer_cards, find, start, vote_in_chat
from tests.support.factories import GROUP_OWNER, OUT_OF_DATE, join, voting_round
from tests.support.factories import vote_cb as cb
from tests.support.flow import alerts

VOTER = 720_001


async def test_a_score_ballot_end_to_end_in_english(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, Locale.EN)
    screen = Screen(harness, VOTER)
    await screen.vote()  # the only round open: straight to its first card
    assert screen.text.startswith("Bid 1 of 3\n<b>Bid ")
    assert "score from 1 (low) to 5 (high)" in screen.text
    first = screen.card_bid()
    await screen.press("2")
    await screen.press("Back ◀")
    assert screen.text.startswith("Bid 1 of 3") and screen.card_bid() == first
    await screen.press("5")
    await harness.restart()  # progress is kept in the database
    second = screen.card_bid()
    await screen.press("4")
    third = screen.card_bid()
    await screen.press("1")
    assert f"5 · Bid {[a, b, c].index(first) + 1}" in screen.text
    assert f"1 · Bid {[a, b, c].index(third) + 1}" in screen.text
    await screen.press("Confirm my vote")
    assert screen.text.startswith("Your vote is in. Receipt: <b>")
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{first: 5, second: 4, third: 1}]


async def test_a_score_ballot_in_welsh_and_a_change_of_mind(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, Locale.CY)
    screen = await vote_in_chat(harness, VOTER, round_id, {}, default=3)
    assert screen.text.startswith("Mae eich pleidlais i mewn. Derbynneb:")
    screen = await start(harness, VOTER, round_id)  # their vote, ready to change
    assert screen.text.startswith("<b>Eich pleidlais</b>") and "3 · Bid 2" in screen.text
    await screen.tap(find(screen, VoteAction.OPEN, bid=b))
    await screen.press("5")
    await screen.press("Cadarnhau fy mhleidlais")
    assert screen.text.startswith("Mae eich pleidlais wedi newid. Derbynneb:")
    async with session_maker() as session:
        assert len(list(await session.scalars(select(Ballot)))) == 1
        assert await round_ballots(session, round_id) == [{a: 3, b: 5, c: 3}]


async def test_an_approval_ballot(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, kind=BallotKind.APPROVAL)
    await join(harness, VOTER, Locale.EN)
    screen = await vote_in_chat(harness, VOTER, round_id, {a: 1, b: 0, c: 1})
    assert screen.text.startswith("Your vote is in.")
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 1, c: 1}]


async def test_a_group_is_never_shown_its_own_bid_nor_can_forge_a_vote_for_it(harness,
                                                                              session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker)
    await join(harness, GROUP_OWNER, Locale.EN)
    screen = await start(harness, GROUP_OWNER, round_id)
    assert screen.text.startswith("Bid 1 of 2\n<b>Bid ")
    rev = screen.actions()[0].rev
    await screen.tap(cb(VoteAction.SET, round_id, own, 5, rev=rev))
    assert screen.alerts == [OUT_OF_DATE]
    await answer_cards(screen, {}, default=5)
    assert own not in screen.listed_bids()
    await screen.tap(find(screen, VoteAction.CONFIRM))
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{b: 5, c: 5}]


async def test_buttons_after_voting_closed_say_so(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, Locale.EN)
    await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(status=RoundStatus.RESULTS.value))
    for data in (cb(VoteAction.SET, round_id, a, 3), cb(VoteAction.CONFIRM, round_id),
                 cb(VoteAction.ROUND, 999)):
        assert alerts(await harness.tap(VOTER, data)) == ["Voting has closed."]
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == []


async def test_vote_with_no_round_open_says_so_and_offers_to_tell_them(harness):
    await join(harness, VOTER, Locale.CY)
    screen = Screen(harness, VOTER)
    await screen.vote()
    assert screen.text.startswith("Does dim pleidlais ar agor ar hyn o bryd. Hoffech chi")
    await screen.press("Rhowch wybod i mi pan fydd yn agor 🔔")
    assert screen.text == ("Diolch. Byddwn yn anfon neges atoch chi pan fydd y bleidlais yn "
                           "agor.")
    assert screen.buttons == [("Dewislen ☰", MenuCb(item=MenuItem.MENU).pack())]
