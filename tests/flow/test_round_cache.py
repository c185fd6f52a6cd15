"""Each process's copy of the rounds being voted in (models/round_cache.py): the database
counts every change, a copy is only used for updates it is new enough for, and a score tap
in one process sees what another process changed."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import delete, select, update

import models.round_cache as round_cache
from bot.ui.callbacks import Locale
from bot.ui.callbacks.vote import VoteAction
from models.bid import Bid, BidStatus
from models.processed_update import claim_update_in_turn
from models.round import Area, Round, RoundStatus
from models.round_cache import RoundCache, RoundsVersion
from tests.support.ballot_screen import find, start
from tests.support.factories import OUT_OF_DATE, join, voting_round
from tests.support.flow import alerts
from tests.support.spies import asked_for

postgresql_only = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
VOTER = 700_101
CLOSED = "Voting has closed."
STALE = "This button is out of date. Tap Vote in the menu to start again."


@pytest.fixture
def reads(monkeypatch) -> list[int]:
    """The round ids the cache reads from the database, in order."""
    return asked_for(monkeypatch, round_cache, "_copy")


async def version(session_maker) -> int:
    async with session_maker() as session:
        return await session.scalar(select(RoundsVersion.version))


async def test_every_change_to_rounds_areas_and_bids_counts(session_maker):
    round_id, (a, b, _c, draft) = await voting_round(session_maker)
    changes = [
        update(Round).where(Round.id == round_id).values(name_en="Renamed"),
        update(Area).where(Area.round_id == round_id).values(name_en="Speke North"),
        update(Bid).where(Bid.id == a).values(title="New title"),
        delete(Bid).where(Bid.id == draft),
    ]
    seen = [await version(session_maker)]
    for change in changes:
        async with session_maker.begin() as session:
            await session.execute(change)
        seen.append(await version(session_maker))
    assert seen == sorted(set(seen)), f"each change must move the version on: {seen}"
    async with session_maker.begin() as session:  # a read changes nothing
        await session.get(Bid, b)
    assert await version(session_maker) == seen[-1]


@postgresql_only  # SQLite has one writer: nobody reads half-way through a change
async def test_a_change_counts_once_committed(session_maker):
    round_id, _ = await voting_round(session_maker)
    before = await version(session_maker)
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id).values(name_en="X"))
        assert await version(session_maker) == before  # another connection: not yet
    assert await version(session_maker) > before


@postgresql_only  # the person's turn is a PostgreSQL advisory lock
async def test_a_claim_reads_the_version_once_the_persons_turn_has_come(session_maker):
    """The claim waits for the person's turn inside its statement; the version it returns
    must include what the previous holder of the turn committed (a plain subquery would
    return the version as it was when the statement began)."""
    round_id, _ = await voting_round(session_maker)
    async with session_maker() as first:
        assert await claim_update_in_turn(first, 9_000_001, VOTER) is not None
        await first.execute(update(Round).where(Round.id == round_id)
                            .values(status=RoundStatus.CLOSED.value))

        async def second_claim():
            async with session_maker.begin() as second:
                return await claim_update_in_turn(second, 9_000_002, VOTER)

        waiting = asyncio.create_task(second_claim())
        await asyncio.sleep(0.3)
        assert not waiting.done()  # the turn is still the first update's
        await first.commit()
    claimed = await asyncio.wait_for(waiting, 5)
    assert claimed is not None and claimed.rounds_version == await version(session_maker)


async def test_a_copy_is_kept_for_its_version_and_replaced_by_a_newer(session_maker, reads):
    round_id, (_a, b, _c, _draft) = await voting_round(session_maker)
    cache = RoundCache()
    async with session_maker() as session:
        first = await cache.voting(session, round_id, 5)
        assert await cache.voting(session, round_id, 5) is first
        assert await cache.voting(session, round_id, 4) is first  # newer than that update needs
        assert reads == [round_id]
        assert first.round.status == RoundStatus.VOTING
        assert [card.id for card in first.offered_to(VOTER)] == [_a, b, _c]
        assert await cache.voting(session, 999_999, 5) is None  # no such round
        assert await cache.voting(session, round_id, 6) is not first
        assert reads == [round_id, 999_999, round_id]
    # The copy is detached: it outlives its session and nothing reloads it.
    assert first.round.name("en") and [area.name_en for area in first.round.areas] == ["Speke"]


async def test_a_round_that_does_not_exist_is_not_kept(session_maker, reads):
    """Forged buttons can name any round id: none of them may stay in the process."""
    cache = RoundCache()
    async with session_maker() as session:
        for _ in range(2):
            assert await cache.voting(session, 999_999, 5) is None
    assert reads == [999_999, 999_999]


async def test_a_copy_read_while_the_cache_moved_on_is_not_kept(session_maker, monkeypatch):
    round_id, _ = await voting_round(session_maker)
    other_id, _ = await voting_round(session_maker)
    cache = RoundCache()
    real_copy = round_cache._copy
    reads = []

    async def slow(session, wanted):
        reads.append(wanted)
        if wanted == round_id and len(reads) == 1:
            # While this read is under way, an update claimed at a newer version arrives.
            await cache.voting(session, other_id, 8)
        return await real_copy(session, wanted)

    monkeypatch.setattr(round_cache, "_copy", slow)
    async with session_maker() as session:
        assert (await cache.voting(session, round_id, 7)).round.id == round_id
        await cache.voting(session, round_id, 8)  # read again: the first read wasn't kept
    assert reads == [round_id, other_id, round_id]


async def test_a_score_tap_sees_what_another_process_changed(harness, session_maker):
    """Changes made elsewhere (another process, an organiser's tool): straight in the
    database, so nothing in this process could have told its cache."""
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, Locale.EN)
    screen = await start(harness, VOTER, round_id)
    assert screen.text.startswith("Bid 1 of 3")
    first = screen.card_bid()
    await screen.tap(find(screen, VoteAction.SET, value=3))  # the copy is made
    assert screen.text.startswith("Bid 2 of 3")
    second = screen.card_bid()

    async with session_maker.begin() as session:
        await session.execute(update(Bid).where(Bid.id == second)
                              .values(status=BidStatus.WITHDRAWN.value))
    await screen.tap(find(screen, VoteAction.SET, value=4))
    assert screen.alerts == [OUT_OF_DATE]
    screen = await start(harness, VOTER, round_id)
    assert screen.text.startswith("Bid 2 of 2")
    assert screen.card_bid() == ({a, b, c} - {first, second}).pop()

    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(status=RoundStatus.CLOSED.value))
    assert alerts(await harness.tap(VOTER, find(screen, VoteAction.SET, value=4))) == [CLOSED]
    assert alerts(await harness.tap(VOTER, find(screen, VoteAction.BACK))) == [CLOSED]
