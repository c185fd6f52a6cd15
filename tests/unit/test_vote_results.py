"""Counting a round, publishing its results, and exporting it so anyone can recount it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.cli.tally import count
from bot.i18n import create_i18n
from bot.jobs.notifier import Notifier
from models.bid import Bid, BidStatus
from models.outbox import OutboxMessage
from models.pabulib import parse_pb
from models.round import AllocationRule, BallotKind, Round, RoundStatus
from models.user import User
from models.voting import count_round, export_pb, publish_results
from tests.support.bid_scenario import SPEKE
from tests.support.factories import GROUP_OWNER, cast, voting_round

VOTERS = range(710_000, 710_009)


@pytest.fixture
async def notifier():
    """The bot's notifier, with its translations loaded, outside any dispatcher."""
    core = create_i18n("en").core
    await core.startup()
    return Notifier(core, default_locale="en", tz=ZoneInfo("Europe/London"),
                    reminder_offsets=(86_400,))


async def vote_score_round(session_maker, **fields):
    round_id, (a, b, c, _draft) = await voting_round(session_maker, **fields)
    async with session_maker.begin() as session:
        session.add_all(User(telegram_id=t, locale="cy" if t % 2 else "en")
                        for t in (*VOTERS, GROUP_OWNER, 800_001, 800_002))
    for n, voter in enumerate(VOTERS):
        await cast(session_maker, round_id, voter, {a: 1 + n % 5, b: 5 - n % 3, c: 3})
    return round_id, (a, b, c)


async def test_publishing_funds_down_the_ranking_and_tells_every_bidder(session_maker,
                                                                        notifier):
    round_id, (a, b, c) = await vote_score_round(session_maker)
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        counts = await publish_results(session, round_)
        assert round_.status == RoundStatus.RESULTS
        await notifier.votes.results(session, round_)
        again = await publish_results(session, round_)
        assert again is None
        assert await notifier.votes.results(session, round_) == 0  # told once
    (area,) = counts
    # Support: b 37, a 27, c 27; pot £20,000 covers all three (£4,500).
    assert set(area.result.selected) == {"SPK-001", "SPK-002", "SPK-003"}
    assert area.money_left == SPEKE.pot_pence - 4_500_00
    async with session_maker() as session:
        statuses = {bid.id: bid.status for bid in await session.scalars(select(Bid))}
        assert [statuses[i] for i in (a, b, c)] == [BidStatus.FUNDED] * 3
        title = {bid.reference: bid.title for bid in await session.scalars(select(Bid))}
        notes = {row.chat_id: row.payload["text"]
                 for row in await session.scalars(select(OutboxMessage))}
    # Each group hears about its own bid, in its own language; everyone else that the
    # results are out.
    assert notes[GROUP_OWNER] == (f"Newyddion da: bydd eich cais “{title['SPK-001']}” yn y "
                                  f"rownd {round_.name('cy')} yn cael ei ariannu.")
    assert notes[800_002] == (f"Good news: your bid “{title['SPK-003']}” in "
                              f"{round_.name('en')} will be funded.")
    assert notes[VOTERS[0]] == f"The results of {round_.name('en')} are out. Thank you for voting."
    assert len(notes) == len(VOTERS) + 3


async def test_a_small_pot_leaves_the_least_supported_bid_unfunded(session_maker):
    round_id, (a, b, c) = await vote_score_round(session_maker)
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        round_.areas[0].pot_pence = 3_000_00
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        (area,) = await publish_results(session, round_)
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
