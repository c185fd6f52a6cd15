"""Who may vote (check-in, area, both), every bid scored, final votes, in English and Welsh."""

from __future__ import annotations

import json

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select, update

from bot.ui.callbacks import ForgetCb, Locale
from bot.ui.callbacks.vote import VoteAction
from models.ballot import cast_ballot, round_ballots
from models.bid import Bid, BidStatus
from models.eligibility import VoterArea, area_named, may_vote
from models.round import Eligibility, Round
from tests.support.ballot_screen import answer_cards, find, start, vote_in_chat
from tests.support.event_fixtures import check_in, make_event, register_only, vote_event
from tests.support.factories import join, rows_mentioning, voting_round
from tests.support.factories import vote_cb as cb
from tests.support.flow import alerts, buttons, texts

VOTER = 740_001
STALE = {
    Locale.EN: "This button is out of date. Tap Vote in the menu to start again.",
    Locale.CY: "Mae'r botwm hwn yn hen. Tapiwch Pleidleisio yn y ddewislen i ddechrau eto.",
}
NOT_AT_EVENT = {
    Locale.EN: "This vote is for people at the vote event for Safer Speke 2026.",
    Locale.CY: ("Mae'r bleidlais hon ar gyfer pobl sydd yn y digwyddiad pleidleisio ar gyfer "
                "Speke Mwy Diogel 2026."),
}
NOT_IN_AREA = {
    Locale.EN: "This vote is for people who live in Speke.",
    Locale.CY: "Mae'r bleidlais hon ar gyfer pobl sy'n byw yn yr ardaloedd hyn: Speke.",
}
NOT_EITHER = {
    Locale.EN: "This vote is for people who live in Speke, or who check in at the vote event",
    Locale.CY: ("Mae'r bleidlais hon ar gyfer pobl sy'n byw yn yr ardaloedd hyn: Speke; neu sy'n "
                "cofrestru yn y"),
}
FIRST_CARD = {Locale.EN: "Bid 1 of 3", Locale.CY: "Cais 1 o 3"}
RECEIPT = {Locale.EN: "Your vote is in. Receipt:", Locale.CY: "Mae eich pleidlais i mewn."}
BOTH = [Locale.EN, Locale.CY]


async def vote_all(harness, user_id: int, round_id: int, bids: list[int], score: int = 4):
    """Every card scored `score` (in the voter's own order); the review is showing."""
    return await vote_in_chat(harness, user_id, round_id, dict.fromkeys(bids, score),
                              confirm=False)


async def confirm(screen) -> list[str]:
    return texts(await screen.tap(find(screen, VoteAction.CONFIRM)))


def test_the_rule_table():
    for rule, event, area, expected in [
        (Eligibility.ANYONE, False, False, True),
        (Eligibility.CHECKED_IN, True, False, True), (Eligibility.CHECKED_IN, False, True, False),
        (Eligibility.AREA, False, True, True), (Eligibility.AREA, True, False, False),
        (Eligibility.BOTH, True, False, True), (Eligibility.BOTH, False, True, True),
        (Eligibility.BOTH, False, False, False),
    ]:
        assert may_vote(rule, has_code=False, checked_in=event, in_area=area) is expected
        assert may_vote(rule, has_code=True, checked_in=event, in_area=area) is True


async def test_area_names_match_in_either_language(session_maker):
    round_id, _ = await voting_round(session_maker)
    async with session_maker() as session:
        round_ = await session.get(Round, round_id)
        assert area_named(round_, " speke ").code == "SPK"
        assert area_named(round_, "Garston") is None and area_named(round_, None) is None


@pytest.mark.parametrize("locale", BOTH)
async def test_checked_in_rule(harness, session_maker, locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker,
                                                     eligibility=Eligibility.CHECKED_IN)
    event_id = await vote_event(session_maker, round_id)
    await join(harness, VOTER, locale)
    await register_only(session_maker, event_id, VOTER)  # registered is not enough
    sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0].startswith(NOT_AT_EVENT[locale])
    # Forged or remembered buttons are checked too: nothing is recorded. A score for a
    # ballot never begun is out of date; Confirm says why they may not vote.
    sent = await harness.tap(VOTER, cb(VoteAction.SET, round_id, b, 5))
    assert alerts(sent) == [STALE[locale]]
    sent = await harness.tap(VOTER, cb(VoteAction.CONFIRM, round_id))
    assert texts(sent)[0].startswith(NOT_AT_EVENT[locale])
    await check_in(session_maker, event_id, VOTER)
    sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0].startswith(FIRST_CARD[locale])
    screen = await vote_all(harness, VOTER, round_id, [a, b, c])
    assert (await confirm(screen))[-1].startswith(RECEIPT[locale])
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 4, b: 4, c: 4}]


async def test_checking_in_at_another_rounds_event_does_not_count(harness, session_maker):
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.CHECKED_IN)
    other_event = await vote_event(session_maker, round_id + 1000)
    await join(harness, VOTER, Locale.EN)
    await check_in(session_maker, other_event, VOTER)
    sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0].startswith(NOT_AT_EVENT[Locale.EN])


@pytest.mark.parametrize("locale", BOTH)
async def test_area_rule_asks_once_and_keeps_the_answer(harness, session_maker, locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, eligibility=Eligibility.AREA)
    async with session_maker() as session:
        speke = (await session.get(Round, round_id)).areas[0].id
    await join(harness, VOTER, locale)
    sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    assert [label for label, _ in buttons(sent[-1])][0] == "Speke"
    assert [data for _, data in buttons(sent[-1])] == [
        cb(VoteAction.AREA, round_id, value=speke), cb(VoteAction.AREA, round_id, value=0)]
    sent = await harness.tap(VOTER, cb(VoteAction.AREA, round_id, value=0))
    assert texts(sent)[0].startswith(NOT_IN_AREA[locale])
    # A score sent without an area is not taken: no ballot was begun.
    assert alerts(await harness.tap(VOTER, cb(VoteAction.SET, round_id, b, 5))) == [
        STALE[locale]]
    # An area id from another round is refused.
    assert alerts(await harness.tap(VOTER, cb(VoteAction.AREA, round_id, value=speke + 99)))
    sent = await harness.tap(VOTER, cb(VoteAction.AREA, round_id, value=speke))
    assert texts(sent)[0].startswith(FIRST_CARD[locale])
    sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))  # not asked again
    assert texts(sent)[0].startswith(FIRST_CARD[locale])
    screen = await vote_all(harness, VOTER, round_id, [a, b, c], score=2)
    assert (await confirm(screen))[-1].startswith(RECEIPT[locale])
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 2, b: 2, c: 2}]
        assert [(row.telegram_id, row.area_id) for row in
                await session.scalars(select(VoterArea))] == [(VOTER, speke)]


async def test_an_area_known_from_event_registrations_is_enough(harness, session_maker):
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.AREA)
    elsewhere = await make_event(session_maker, area="Ringland")
    in_speke = await make_event(session_maker, area="speke")
    await join(harness, VOTER, Locale.EN)
    await join(harness, VOTER + 1, Locale.EN)
    await register_only(session_maker, in_speke, VOTER)
    await register_only(session_maker, elsewhere, VOTER + 1)
    sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0].startswith("Bid 1 of 3")
    sent = await harness.tap(VOTER + 1, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0] == ("Safer Speke 2026 is for people who live in its areas. "
                              "Which area do you live in?")


@pytest.mark.parametrize("locale", BOTH)
async def test_both_rule(harness, session_maker, locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, eligibility=Eligibility.BOTH)
    async with session_maker() as session:
        speke = (await session.get(Round, round_id)).areas[0].id
    event_id = await vote_event(session_maker, round_id, area="Vote hall")
    at_event, online, neither = VOTER, VOTER + 1, VOTER + 2
    for person in (at_event, online, neither):
        await join(harness, person, locale)
    await check_in(session_maker, event_id, at_event)
    assert texts(await harness.tap(at_event, cb(VoteAction.ROUND, round_id)))[0].startswith(
        FIRST_CARD[locale])
    await harness.tap(online, cb(VoteAction.ROUND, round_id))
    assert texts(await harness.tap(online, cb(VoteAction.AREA, round_id, value=speke)))[
        0].startswith(FIRST_CARD[locale])
    await harness.tap(neither, cb(VoteAction.ROUND, round_id))
    sent = await harness.tap(neither, cb(VoteAction.AREA, round_id, value=0))
    assert texts(sent)[0].startswith(NOT_EITHER[locale])
    for person in (at_event, online):
        await confirm(await vote_all(harness, person, round_id, [a, b, c], score=3))
    await harness.tap(neither, cb(VoteAction.CONFIRM, round_id))
    async with session_maker() as session:
        assert len(await round_ballots(session, round_id)) == 2


async def test_the_area_told_is_in_mydata_and_gone_after_forget(harness, session_maker):
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.AREA)
    async with session_maker() as session:
        speke = (await session.get(Round, round_id)).areas[0].id
    await join(harness, VOTER, Locale.EN)
    await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    await harness.tap(VOTER, cb(VoteAction.AREA, round_id, value=speke))
    sent = await harness.send(VOTER, "/mydata")
    data = json.loads(next(r for r in sent if isinstance(r, SendDocument)).document.data)
    assert [entry["area"] for entry in data["areas_told_for_voting"]] == ["SPK"]
    await harness.send(VOTER, "/forget")
    await harness.tap(VOTER, ForgetCb(confirm=True).pack())
    assert await rows_mentioning(session_maker, VOTER) == []


@pytest.mark.parametrize("locale", BOTH)
async def test_every_bid_must_be_scored_before_confirm(harness, session_maker, locale):
    round_id, (a, b, c, draft) = await voting_round(session_maker)  # score_all by default
    await join(harness, VOTER, locale)
    screen = await vote_all(harness, VOTER, round_id, [a, b, c], score=3)
    # A bid found eligible while the voter was at the review: it needs a score too.
    async with session_maker.begin() as session:
        await session.execute(update(Bid).where(Bid.id == draft)
                              .values(status=BidStatus.ELIGIBLE.value))
    await screen.tap(find(screen, VoteAction.CONFIRM))
    assert screen.alerts == [{
        Locale.EN: "Please score every bid before you confirm: one bid still needs a score.",
        Locale.CY: "Rhowch sgôr i bob cais cyn cadarnhau: mae un cais heb sgôr eto."}[locale]]
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == []
    screen = await start(harness, VOTER, round_id)  # Vote again: the card still to score
    assert screen.card_bid() == draft
    await answer_cards(screen, {draft: 1})
    assert (await confirm(screen))[-1].startswith(RECEIPT[locale])
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 3, b: 3, c: 3, draft: 1}]


async def test_a_round_may_let_people_leave_bids_unscored(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, score_all=False)
    await join(harness, VOTER, Locale.EN)
    screen = await vote_in_chat(harness, VOTER, round_id, {a: 5})  # the others skipped
    assert screen.text.startswith(RECEIPT[Locale.EN])
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 5}]


@pytest.mark.parametrize("locale", BOTH)
async def test_a_final_vote_cannot_be_changed(harness, session_maker, locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, changes_allowed=False)
    await join(harness, VOTER, locale)
    await confirm(await vote_all(harness, VOTER, round_id, [a, b, c], score=5))
    sent = await harness.tap(VOTER, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0].startswith({
        Locale.EN: "You have already voted in this round. Thank you! In this round a confirmed "
                   "vote can't be changed.",
        Locale.CY: "Rydych chi wedi pleidleisio yn y rownd hon yn barod. Diolch!"}[locale])
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 5, b: 5, c: 5}]


async def test_a_final_vote_is_refused_on_confirm_too(harness, session_maker):
    """Two ballots started side by side: the second Confirm is refused by the server."""
    round_id, (a, b, c, _draft) = await voting_round(session_maker, changes_allowed=False)
    await join(harness, VOTER, Locale.EN)
    screen = await vote_all(harness, VOTER, round_id, [a, b, c], score=1)
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        first = await cast_ballot(session, round_, VOTER, {a: 5, b: 5, c: 5},
                                  secret=harness.settings.ballot_key)
        assert first.ok
    assert "votes can't be changed" in (await confirm(screen))[-1]
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 5, b: 5, c: 5}]


async def test_changing_the_rule_takes_effect_at_once(harness, session_maker):
    """Eligibility is read again at Confirm, not remembered from the start of the ballot."""
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, Locale.EN)
    await vote_all(harness, VOTER, round_id, [a, b, c])
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(eligibility=Eligibility.CHECKED_IN.value))
    sent = await harness.tap(VOTER, cb(VoteAction.CONFIRM, round_id))
    assert texts(sent)[0].startswith(NOT_AT_EVENT[Locale.EN])
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == []
