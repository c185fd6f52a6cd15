"""Ballots in the database: one per person per round, anonymous, validated, own bids refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from models.ballot import (
    RECEIPT_ALPHABET,
    Ballot,
    BallotEntry,
    RollEntry,
    ballot_choices,
    cards_offered,
    find_ballot,
    has_voted,
    new_receipt,
    roll_key,
    round_ballots,
    turnout,
    votable_cards,
    voter_key,
)
from models.round import BallotKind, Round, RoundStatus
from tests.support.factories import GROUP_OWNER, SECRET, cast, voting_round

VOTER = 700_002
OTHER = 700_003


def test_voter_key_is_a_keyed_hash_not_the_id():
    key = voter_key(SECRET, VOTER)
    assert len(key) == 64 and str(VOTER) not in key
    assert key == voter_key(SECRET, VOTER) != voter_key(b"another secret", VOTER)


def test_receipts_are_easy_to_read_aloud():
    receipt = new_receipt()
    assert len(receipt) == 7 and receipt[3] == "-"
    assert all(c in RECEIPT_ALPHABET for c in receipt.replace("-", ""))


async def test_a_score_ballot_is_stored_without_the_voters_id(session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker)
    result = await cast(session_maker, round_id, VOTER, {own: 5, b: 4, c: 2})
    assert result.ok and not result.replaced
    async with session_maker() as session:
        ballot = (await session.scalars(select(Ballot))).one()
        entry = (await session.scalars(select(RollEntry))).one()  # who voted, apart from how
        assert entry.receipt == result.receipt
        assert str(VOTER) not in {ballot.voter_key, entry.roll_key, entry.receipt}
        assert voter_key(SECRET, VOTER) not in {ballot.voter_key, entry.roll_key}
        assert await ballot_choices(session, ballot.id) == {own: 5, b: 4, c: 2}
        assert await has_voted(session, round_id, VOTER, secret=SECRET)
        assert not await has_voted(session, round_id, OTHER, secret=SECRET)
        assert await turnout(session, round_id) == 1


async def test_score_every_bid_is_required_when_the_round_says_so(session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker)
    assert (await cast(session_maker, round_id, VOTER, {b: 4})).problems == ["missing-score"]
    assert (await cast(session_maker, round_id, VOTER, {b: 4}, require_all=False)).ok
    assert (await cast(session_maker, round_id, OTHER, {b: 6, c: 1, own: 1})).problems == [
        "score-out-of-range"]


async def test_own_bid_is_never_offered_nor_recorded(session_maker):
    round_id, (own, b, c, draft) = await voting_round(session_maker)
    async with session_maker() as session:
        cards = await votable_cards(session, round_id)
        assert [bid.id for bid in cards_offered(cards, GROUP_OWNER)] == [b, c]
        assert [bid.id for bid in cards_offered(cards, VOTER)] == [own, b, c]
    refused = await cast(session_maker, round_id, GROUP_OWNER, {own: 5, b: 1, c: 1})
    assert refused.problems == ["own-bid"]
    assert (await cast(session_maker, round_id, GROUP_OWNER, {b: 1, c: 1})).ok
    assert (await cast(session_maker, round_id, VOTER, {own: 1, b: 1, c: 1, draft: 5})
            ).problems == ["unknown-bid"]


async def test_a_second_ballot_replaces_the_first_when_changes_are_allowed(session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker)
    first = await cast(session_maker, round_id, VOTER, {own: 1, b: 1, c: 1})
    second = await cast(session_maker, round_id, VOTER, {own: 5, b: 5, c: 5})
    assert second.ok and second.replaced and second.receipt == first.receipt
    async with session_maker() as session:
        assert await turnout(session, round_id) == 1
        assert await round_ballots(session, round_id) == [{own: 5, b: 5, c: 5}]


async def test_a_second_ballot_is_refused_when_changes_are_not_allowed(session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker)
    await cast(session_maker, round_id, VOTER, {own: 1, b: 1, c: 1}, changes_allowed=False)
    again = await cast(session_maker, round_id, VOTER, {own: 5, b: 5, c: 5},
                       changes_allowed=False)
    assert again.problems == ["already-voted"]
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{own: 1, b: 1, c: 1}]


async def test_the_database_refuses_a_second_ballot_even_from_a_direct_insert(session_maker):
    round_id, _bids = await voting_round(session_maker)
    key = roll_key(voter_key(SECRET, VOTER))
    async with session_maker.begin() as session:
        session.add(RollEntry(round_id=round_id, roll_key=key, receipt="AAA-AAA"))
        session.add(Ballot(round_id=round_id, voter_key="k" * 64))
    for row in (RollEntry(round_id=round_id, roll_key=key, receipt="CCC-CCC"),
                Ballot(round_id=round_id, voter_key="k" * 64)):
        with pytest.raises(IntegrityError):
            async with session_maker.begin() as session:
                session.add(row)


async def test_nothing_is_recorded_once_voting_has_closed(session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker)
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(status=RoundStatus.RESULTS.value))
    assert (await cast(session_maker, round_id, VOTER, {own: 1, b: 1, c: 1})).problems == [
        "voting-closed"]
    async with session_maker() as session:
        assert await find_ballot(session, round_id, voter_key(SECRET, VOTER)) is None


async def test_knapsack_ballots_must_fit_the_pot(session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker, kind=BallotKind.KNAPSACK)
    async with session_maker.begin() as session:  # a £4,000 pot: all three cost £4,500
        round_ = await session.get(Round, round_id)
        round_.areas[0].pot_pence = 4_000_00
    assert (await cast(session_maker, round_id, VOTER, {own: 1, b: 1, c: 1})).problems == [
        "over-pot"]
    assert (await cast(session_maker, round_id, VOTER, {own: 1, b: 1})).ok
    async with session_maker() as session:
        values = set(await session.scalars(select(BallotEntry.value)))
        assert values == {1}


async def test_top_n_ballots_tick_at_most_n(session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker, kind=BallotKind.TOP_N,
                                                       ballot_n=2)
    assert (await cast(session_maker, round_id, VOTER, {own: 1, b: 1, c: 1})).problems == [
        "too-many"]
    assert (await cast(session_maker, round_id, VOTER, {b: 1, c: 1})).ok
