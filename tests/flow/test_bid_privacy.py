"""A bidder sees their bids in /mydata; /forget erases drafts and the person behind sent bids."""

from __future__ import annotations

import json

from aiogram.methods import SendDocument
from sqlalchemy import select

from bot.ui.callbacks import ForgetCb, Locale
from bot.ui.callbacks.bids import BidAction, ReviewAction, ReviewCb
from models.bid import Bid
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import (
    join,
    latest_bid,
    make_round,
    media_update,
    start_bid,
    submit,
    tap_data,
    write_bid,
)
from tests.support.factories import rows_mentioning

GROUP = 7_771_234


async def a_sent_bid_and_a_draft(harness, session_maker) -> Bid:
    round_id = await make_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.EN)
    await join(harness, GROUP, Locale.EN)
    await write_bid(harness, session_maker, GROUP, round_id)
    await submit(harness, session_maker, GROUP)
    sent = await latest_bid(session_maker, GROUP)
    await harness.tap(GROUP, tap_data(BidAction.EDIT, bid=sent.id, value="description"))
    await harness.feed(media_update(GROUP, "voice", "my-voice"))
    await harness.tap(ORGANISER_ID, ReviewCb(action=ReviewAction.ELIGIBLE, round=round_id,
                                             bid=sent.id, rev=sent.revision + 1).pack())
    await start_bid(harness, GROUP, round_id)
    await harness.send(GROUP, "Second group")
    return sent


async def test_mydata_lists_sent_bids_and_drafts(harness, session_maker):
    await a_sent_bid_and_a_draft(harness, session_maker)
    sent = await harness.send(GROUP, "/mydata")
    document = next(r for r in sent if isinstance(r, SendDocument))
    bids = json.loads(document.document.data)["bids"]
    assert [(b["reference"], b["status"]) for b in bids] == [("SPK-001", "eligible"),
                                                            (None, "draft")]
    assert bids[0]["contact"] == "07700 900123" and bids[0]["voice_note"] is True
    assert bids[1]["group"] == "Second group"


async def test_forget_keeps_the_sent_bid_without_the_person(harness, session_maker):
    sent = await a_sent_bid_and_a_draft(harness, session_maker)
    await harness.send(GROUP, "/forget")
    await harness.tap(GROUP, ForgetCb(confirm=True).pack())
    assert await rows_mentioning(session_maker, GROUP) == []
    async with session_maker() as session:
        kept = list(await session.scalars(select(Bid)))
    assert [(b.id, b.reference, b.status) for b in kept] == [(sent.id, "SPK-001", "eligible")]
    assert (kept[0].owner_telegram_id, kept[0].contact, kept[0].voice_file_id) == (None, None,
                                                                                   None)
    assert kept[0].title == "Football after school"
