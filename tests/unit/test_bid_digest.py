"""Bids sent or changed at the same moment by two groups all reach the organiser's digest."""

from __future__ import annotations

import asyncio

from models.bid import Bid, save_answer, start_draft, submit
from models.bid_notify import notify_organisers
from models.round import get_round
from tests.support.bid_scenario import make_round, outbox_rows

ORGANISER = 900


async def render(session, organiser_id, bids, since) -> dict:
    return {"text": ", ".join(sorted(bid.reference for bid in bids))}


async def complete_draft(session_maker, round_id: int, owner: int) -> int:
    async with session_maker.begin() as session:
        round_ = await get_round(session, round_id)
        bid = await start_draft(session, round_, owner)
        bid.title, bid.amount_pence, bid.area_id = "T", 100_00, round_.areas[0].id
        return bid.id


async def change(session_maker, round_id: int, bid_id: int, *, hold: asyncio.Event | None = None,
                 started: asyncio.Event | None = None) -> None:
    """Send a draft, or edit a sent bid, and tell the organiser; `hold` delays the commit."""
    async with session_maker.begin() as session:
        bid = await session.get(Bid, bid_id)
        if started is not None:
            started.set()
        if bid.status == "draft":
            assert await submit(session, bid, await get_round(session, round_id))
        else:
            await save_answer(session, bid, "title", "A new title")
        await notify_organisers(session, [ORGANISER], render)
        if hold is not None:
            await hold.wait()


async def test_a_change_while_another_bid_is_being_sent_is_not_lost(session_maker):
    round_id = await make_round(session_maker)
    earlier = await complete_draft(session_maker, round_id, 3)
    await change(session_maker, round_id, earlier)  # SPK-001; its digest is pending
    first = await complete_draft(session_maker, round_id, 1)
    hold, started = asyncio.Event(), asyncio.Event()
    sending = asyncio.create_task(change(session_maker, round_id, first, hold=hold))
    await asyncio.sleep(0.3)  # SPK-002 is in the digest but not committed yet
    editing = asyncio.create_task(change(session_maker, round_id, earlier, started=started))
    await started.wait()
    await asyncio.sleep(0.3)
    hold.set()
    await asyncio.gather(sending, editing)
    digests = await outbox_rows(session_maker, "bidsnew")
    assert [row.payload["text"] for row in digests] == ["SPK-001, SPK-002"]
