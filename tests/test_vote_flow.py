"""Voting in the chat, in English and Welsh: one bid at a time, review, Confirm, receipt."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.callbacks import LanguageCb, Locale, MenuCb, MenuItem
from bot.vote_callbacks import VoteAction, VoteCb
from models.ballot import Ballot, round_ballots
from models.round import BallotKind, Round, RoundStatus
from tests.flow import alerts, texts
from tests.test_vote_ballots import GROUP_OWNER, voting_round

VOTER = 720_001


def cb(action: VoteAction, round_id: int, bid: int = 0, value: int = 0) -> str:
    return VoteCb(action=action, round=round_id, bid=bid, value=value).pack()


async def join(harness, user_id: int, locale: Locale) -> None:
    await harness.send(user_id, "/start")
    await harness.tap(user_id, LanguageCb(locale=locale).pack())


async def test_a_score_ballot_end_to_end_in_english(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, Locale.EN)
    sent = await harness.tap(VOTER, MenuCb(item=MenuItem.VOTE).pack())
    assert texts(sent) == ["Which vote would you like to take part in?"]
    sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0].startswith("Bid 1 of 3\n<b>Bid 1</b>")
    assert "score from 1 (low) to 5 (high)" in texts(sent)[0]
    await harness.tap(VOTER, cb(VoteAction.SET, round_id, a, 2))
    sent = await harness.tap(VOTER, cb(VoteAction.BACK, round_id, value=0))
    assert texts(sent)[0].startswith("Bid 1 of 3")
    await harness.tap(VOTER, cb(VoteAction.SET, round_id, a, 5))
    await harness.restart()  # progress is kept in the database
    await harness.tap(VOTER, cb(VoteAction.SET, round_id, b, 4))
    sent = await harness.tap(VOTER, cb(VoteAction.SET, round_id, c, 1))
    assert "5 · Bid 1" in texts(sent)[0] and "1 · Bid 3" in texts(sent)[0]
    sent = await harness.tap(VOTER, cb(VoteAction.CONFIRM, round_id))
    assert texts(sent)[-1].startswith("Your vote is in. Receipt: <b>")
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 5, b: 4, c: 1}]


async def test_a_score_ballot_in_welsh_and_a_change_of_mind(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, Locale.CY)
    for _ in range(2):
        sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
        assert texts(sent)[0].startswith("Cais 1 o 3")
        for bid in (a, b, c):
            await harness.tap(VOTER, cb(VoteAction.SET, round_id, bid, 3))
        sent = await harness.tap(VOTER, cb(VoteAction.CONFIRM, round_id))
    assert texts(sent)[-1].startswith("Mae eich pleidlais wedi newid. Derbynneb:")
    async with session_maker() as session:
        assert len(list(await session.scalars(select(Ballot)))) == 1


async def test_an_approval_ballot(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, kind=BallotKind.APPROVAL)
    await join(harness, VOTER, Locale.EN)
    await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    for bid, tick in ((a, 1), (b, 0), (c, 1)):
        await harness.tap(VOTER, cb(VoteAction.SET, round_id, bid, tick))
    sent = await harness.tap(VOTER, cb(VoteAction.CONFIRM, round_id))
    assert texts(sent)[-1].startswith("Your vote is in.")
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 1, c: 1}]


async def test_a_group_is_never_shown_its_own_bid_nor_can_forge_a_vote_for_it(harness,
                                                                              session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker)
    await join(harness, GROUP_OWNER, Locale.EN)
    sent = await harness.tap(GROUP_OWNER, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0].startswith("Bid 1 of 2\n<b>Bid 2</b>")
    sent = await harness.tap(GROUP_OWNER, cb(VoteAction.SET, round_id, own, 5))
    assert alerts(sent) == ["This button is out of date. Tap Vote in the menu to start again."]
    await harness.tap(GROUP_OWNER, cb(VoteAction.SET, round_id, b, 5))
    await harness.tap(GROUP_OWNER, cb(VoteAction.SET, round_id, c, 5))
    await harness.tap(GROUP_OWNER, cb(VoteAction.CONFIRM, round_id))
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


async def test_vote_with_no_round_open_says_so(harness):
    await join(harness, VOTER, Locale.CY)
    sent = await harness.tap(VOTER, MenuCb(item=MenuItem.VOTE).pack())
    assert alerts(sent)[0].startswith("Does dim pleidlais ar agor")
