"""Counting a round, publishing its results, and exporting it so anyone can recount it."""

from __future__ import annotations

from sqlalchemy import select

from bot.cli.tally import count
from models.bid import Bid, BidStatus
from models.outbox import OutboxMessage
from models.pabulib import parse_pb
from models.round import AllocationRule, BallotKind, Round, RoundStatus
from models.user import User
from models.voting import count_round, export_pb, publish_results
from tests.support.bid_scenario import SPEKE
from tests.support.factories import GROUP_OWNER, cast, voting_round

VOTERS = range(710_000, 710_009)


def bidder_note(locale, bid, won):
    return f"{locale}:{bid.reference}:{'funded' if won else 'not funded'}"


def resident_note(locale):
    return f"{locale}:results are out"


async def vote_score_round(session_maker, **fields):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, **fields)
    async with session_maker.begin() as session:
        session.add_all(User(telegram_id=t, locale="cy" if t % 2 else "en")
                        for t in (*VOTERS, GROUP_OWNER, 800_001, 800_002))
    for n, voter in enumerate(VOTERS):
        await cast(session_maker, round_id, voter, {a: 1 + n % 5, b: 5 - n % 3, c: 3})
    return round_id, (a, b, c)


async def test_publishing_funds_down_the_ranking_and_tells_every_bidder(session_maker):
    round_id, (a, b, c) = await vote_score_round(session_maker)
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        counts = await publish_results(session, round_, bidder_note=bidder_note,
                                       resident_note=resident_note)
        assert round_.status == RoundStatus.RESULTS
        again = await publish_results(session, round_, bidder_note=bidder_note,
                                      resident_note=resident_note)
        assert again is None
    (area,) = counts
    # Support: b 37, a 27, c 27; pot £20,000 covers all three (£4,500).
    assert set(area.result.selected) == {"SPK-001", "SPK-002", "SPK-003"}
    assert area.money_left == SPEKE.pot_pence - 4_500_00
    async with session_maker() as session:
        statuses = {bid.id: bid.status for bid in await session.scalars(select(Bid))}
        assert [statuses[i] for i in (a, b, c)] == [BidStatus.FUNDED] * 3
        notes = {row.chat_id: row.payload["text"]
                 for row in await session.scalars(select(OutboxMessage))}
    assert notes[GROUP_OWNER] == "cy:SPK-001:funded"
    assert notes[800_002] == "en:SPK-003:funded"
    assert notes[VOTERS[0]] == "en:results are out"
    assert len(notes) == len(VOTERS) + 3


async def test_a_small_pot_leaves_the_least_supported_bid_unfunded(session_maker):
    round_id, (a, b, c) = await vote_score_round(session_maker)
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        round_.areas[0].pot_pence = 3_000_00
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        (area,) = await publish_results(session, round_, bidder_note=bidder_note,
                                        resident_note=resident_note)
    assert area.result.selected == ("SPK-002", "SPK-003")
    async with session_maker() as session:
        assert (await session.get(Bid, a)).status == BidStatus.NOT_FUNDED


async def test_the_export_recounts_to_the_rounds_own_result(session_maker):
    for rule, kind in ((AllocationRule.GREEDY, BallotKind.SCORE),
                       (AllocationRule.MES_ADD1, BallotKind.APPROVAL),
                       (AllocationRule.MES_ADD1_GREEDY, BallotKind.KNAPSACK)):
        round_id, (a, b, c, _d) = await voting_round(session_maker, kind=kind,
                                                     allocation_rule=rule)
        async with session_maker.begin() as session:
            (await session.get(Round, round_id)).areas[0].pot_pence = 3_500_00
        for n, voter in enumerate(VOTERS):
            choices = ({a: 1 + n % 5, b: 2, c: 5 - n % 4} if kind == BallotKind.SCORE
                       else {[a, b, c][n % 3]: 1, c: 1})
            assert (await cast(session_maker, round_id, voter, choices)).ok
        async with session_maker() as session:
            counts = await count_round(session, await session.get(Round, round_id))
        for area_count, text in zip(counts, export_pb(counts).values(), strict=True):
            recount = count(parse_pb(text), rule.value)
            assert recount.selected == area_count.result.selected
            assert recount.cost == area_count.result.cost
            for voter in (*VOTERS, GROUP_OWNER):
                assert str(voter) not in text
