"""The bid digest is true when it arrives: it lists only bids still waiting for review, is not
sent when none are, and never arrives after a round's bidding has closed (issue 19)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from bot.ui.callbacks import Locale
from bot.ui.callbacks.bids import ReviewAction, RoundAction, RoundCb
from models.base import utcnow
from models.outbox import OutboxMessage, Status
from models.round import Round
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import (
    GROUP,
    RESIDENT,
    join,
    latest_bid,
    outbox_rows,
    review,
    sent_bids,
    submit,
    write_bid,
)
from tests.support.flow import tap_and_confirm


async def pending_digests(session_maker) -> list[OutboxMessage]:
    return [row for row in await outbox_rows(session_maker, "bidsnew")
            if row.status == Status.PENDING]


async def test_reviewing_every_bid_cancels_the_digest(harness, session_maker):
    _round_id, english, welsh = await sent_bids(harness, session_maker)
    [digest] = await pending_digests(session_maker)
    assert digest.payload["text"].startswith("<b>2 bids have come in or changed.</b>")
    await harness.tap(ORGANISER_ID, review(ReviewAction.ELIGIBLE, english))
    [digest] = await pending_digests(session_maker)
    assert digest.payload["text"].startswith("<b>1 bid has come in or changed.</b>")
    assert "SPK-001" not in digest.payload["text"] and "GAR-002" in digest.payload["text"]
    await harness.tap(ORGANISER_ID, review(ReviewAction.ELIGIBLE, welsh))
    assert await pending_digests(session_maker) == []
    [row] = await outbox_rows(session_maker, "bidsnew")
    assert row.status == Status.CANCELLED  # never sent: nothing waits for review


async def test_a_new_bid_after_a_cancelled_digest_gets_one(harness, session_maker):
    round_id, english, welsh = await sent_bids(harness, session_maker)
    for bid in (english, welsh):
        await harness.tap(ORGANISER_ID, review(ReviewAction.ELIGIBLE, bid))
    await join(harness, RESIDENT, Locale.EN)
    await write_bid(harness, session_maker, RESIDENT, round_id)
    await submit(harness, session_maker, RESIDENT)
    [digest] = await pending_digests(session_maker)
    assert digest.payload["text"].startswith("<b>1 bid has come in or changed.</b>")
    assert "SPK-003" in digest.payload["text"] and "SPK-001" not in digest.payload["text"]


async def test_the_welsh_digest_counts_what_still_waits(harness, session_maker):
    round_id, english, _welsh = await sent_bids(harness, session_maker)
    await join(harness, ORGANISER_ID, Locale.CY)
    await join(harness, RESIDENT, Locale.EN)
    await write_bid(harness, session_maker, RESIDENT, round_id)
    await submit(harness, session_maker, RESIDENT)
    [digest] = await pending_digests(session_maker)
    assert digest.payload["text"].startswith("<b>Mae 3 chais wedi dod i mewn neu wedi newid.</b>")
    await harness.tap(ORGANISER_ID, review(ReviewAction.NOT_ELIGIBLE, english))
    await harness.send(ORGANISER_ID, "Not in the area")
    [digest] = await pending_digests(session_maker)
    assert digest.payload["text"].startswith("<b>Mae 2 gais wedi dod i mewn neu wedi newid.</b>")


async def test_closing_bids_cancels_the_digest(harness, session_maker):
    round_id, _english, _welsh = await sent_bids(harness, session_maker)
    assert len(await pending_digests(session_maker)) == 1
    await tap_and_confirm(harness, ORGANISER_ID, RoundCb(action=RoundAction.MOVE, round=round_id,
                                                         value="closed").pack())
    assert await pending_digests(session_maker) == []


async def test_a_digest_never_arrives_after_the_deadline(harness, session_maker):
    round_id, _english, _welsh = await sent_bids(harness, session_maker)
    # The first digest went out just now; the deadline is in three minutes.
    now = utcnow()
    deadline = now + timedelta(minutes=3)
    async with session_maker.begin() as session:
        await session.execute(update(OutboxMessage).values(
            status=Status.SENT, due_at=now, claimed_at=now))
        await session.execute(update(Round).values(bid_deadline=deadline))
    await join(harness, RESIDENT, Locale.EN)
    await write_bid(harness, session_maker, RESIDENT, round_id)
    await submit(harness, session_maker, RESIDENT)
    [digest] = await pending_digests(session_maker)
    # Ten minutes after the last one would be after the deadline: it goes before it instead.
    assert digest.due_at <= deadline - timedelta(minutes=1)
    # Once the deadline has passed, a refresh finds nothing still open for bids: cancelled.
    async with session_maker.begin() as session:
        await session.execute(update(Round).values(bid_deadline=utcnow() - timedelta(seconds=1)))
    await harness.tap(ORGANISER_ID, review(ReviewAction.ELIGIBLE,
                                           await latest_bid(session_maker, GROUP)))
    assert await pending_digests(session_maker) == []
