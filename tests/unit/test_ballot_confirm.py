"""Confirm as models.ballot decides it (models/ballot/voter.py): the round copy's bids, one
look-up of the person, the age band and "may this be confirmed" before anything is written."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, select

from models.ballot import Ballot, Ballots, all_required, record, round_ballots, turnout
from models.ballot.box import look_up, voter_key
from models.round import BallotKind, Round
from models.round_cache import RoundCache
from tests.support.factories import GROUP_OWNER, SECRET, voting_round

VOTER = 700_102


@contextmanager
def statements(session):
    """The SQL the session sends while the block runs."""
    sent: list[str] = []

    def keep(_conn, _cursor, statement, *_args):
        sent.append(" ".join(statement.split()))

    engine = session.bind.sync_engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def reads(sent: list[str], table: str) -> int:
    return sum(1 for sql in sent if sql.startswith("SELECT") and f"FROM {table} " in sql + " ")


async def copy_of(session, round_id):
    return await RoundCache().voting(session, round_id, None)  # None: read afresh


async def test_confirm_records_from_the_round_copy_and_looks_the_voter_up_once(session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    ballots = Ballots(SECRET)
    for scores, replaced in (({a: 5, b: 4, c: 2}, False), ({a: 1, b: 1, c: 1}, True)):
        async with session_maker.begin() as session:
            copy = await copy_of(session, round_id)
            with statements(session) as sent:
                result = await ballots.confirm(session, copy, VOTER, scores, age_band=None)
            assert result.ok and result.replaced is replaced
            assert reads(sent, "bids") == 0  # the copy's cards, not read again
            assert reads(sent, "voting_roll") == 1 and reads(sent, "ballots") == int(replaced)
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 1, b: 1, c: 1}]


async def test_an_unfinished_draft_is_not_recorded(session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    async with session_maker.begin() as session:
        result = await Ballots(SECRET).confirm(session, await copy_of(session, round_id), VOTER,
                                               {b: 4}, age_band=None)
        assert not result.ok and result.unfinished.code == "score-all-left"
        assert result.unfinished.left == 2
        assert [card.id for card in result.cards][result.unfinished.position] in {a, c}
        assert await turnout(session, round_id) == 0


async def test_the_age_band_is_asked_first_then_kept_with_the_ballot(session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, age_band_required=True)
    ballots = Ballots(SECRET)
    scores = {a: 5, b: 4, c: 2}
    async with session_maker.begin() as session:
        copy = await copy_of(session, round_id)
        assert (await ballots.confirm(session, copy, VOTER, {b: 4}, age_band=None)).ask_age
        assert await turnout(session, round_id) == 0
        assert (await ballots.confirm(session, copy, VOTER, scores, age_band="18-24")).ok
        # A changed vote needs no band again: the ballot keeps the one it has.
        changed = await ballots.confirm(session, copy, VOTER, {a: 1, b: 1, c: 1}, age_band=None)
        assert changed.ok and changed.replaced
        assert (await session.scalars(select(Ballot.age_band))).all() == ["18-24"]
        recorded = await ballots.recorded(session, copy, VOTER)
        assert (recorded.age_band, recorded.choices) == ("18-24", {a: 1, b: 1, c: 1})


async def test_a_band_given_where_none_is_asked_is_not_stored(session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    async with session_maker.begin() as session:
        copy = await copy_of(session, round_id)
        assert (await Ballots(SECRET).confirm(session, copy, VOTER, {a: 5, b: 4, c: 2},
                                              age_band="18-24")).ok
        assert (await session.scalars(select(Ballot.age_band))).all() == [None]


async def test_own_bids_are_never_offered_and_refused_when_recorded(session_maker):
    round_id, (own, b, c, _draft) = await voting_round(session_maker)
    ballots = Ballots(SECRET)
    async with session_maker.begin() as session:
        copy = await copy_of(session, round_id)
        assert own not in {card.id for card in ballots.order(copy, GROUP_OWNER)}
        place = await look_up(session, round_id, voter_key(SECRET, GROUP_OWNER))
        forged = await record(session, copy.round, GROUP_OWNER, {own: 5, b: 4, c: 2}, place,
                              cards=copy.cards)
        assert forged.problems == ["own-bid"]
        # Through Confirm the own bid is left out of the draft, and the rest recorded.
        result = await ballots.confirm(session, copy, GROUP_OWNER, {own: 5, b: 4, c: 2},
                                       age_band=None)
        assert result.ok
        assert await round_ballots(session, round_id) == [{b: 4, c: 2}]


def test_which_kinds_must_answer_every_bid():
    def round_(kind, score_all=True):
        return Round(ballot_kind=kind, score_all=score_all)

    assert all_required(round_(BallotKind.SCORE)) is True
    assert all_required(round_(BallotKind.SCORE, score_all=False)) is False
    assert all_required(round_(BallotKind.TOKENS, score_all=False)) is True
    assert all_required(round_(BallotKind.APPROVAL)) is True
