"""Organisers review bids (/bids), groups hear at once in their language, others are refused."""

from __future__ import annotations

import csv
import io
import logging
from datetime import timedelta

import pytest
from aiogram.methods import SendDocument, SendPhoto, SendVoice
from sqlalchemy import func, select, update

from bot.ui.callbacks import Locale
from bot.ui.callbacks.bids import BidAction, ReviewAction, ReviewCb, RoundAction, RoundCb
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.bid_notify import DIGEST_GAP
from models.outbox import OutboxMessage, Status
from models.round import Round, RoundStatus
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import (
    GROUP,
    RESIDENT,
    WELSH_GROUP,
    join,
    latest_bid,
    make_round,
    media_update,
    outbox_rows,
    review,
    sent_bids,
    shown_buttons,
    submit,
    tap_data,
    write_bid,
)
from tests.support.flow import alerts, texts


async def notices_to(session_maker, chat_id: int) -> list[OutboxMessage]:
    return [row for row in await outbox_rows(session_maker, "bidnote") if row.chat_id == chat_id]


async def test_overview_counts_and_money_at_a_glance(harness, session_maker):
    round_id, _, _ = await sent_bids(harness, session_maker)
    await harness.tap(RESIDENT, "noop")  # a resident with a draft counts as "being written"
    await join(harness, RESIDENT, Locale.EN)
    await harness.tap(RESIDENT, tap_data(BidAction.START, round_=round_id))
    sent = await harness.send(ORGANISER_ID, "/bids")
    overview = texts(sent)[0]
    assert overview.startswith("<b>Safer Speke 2026</b> · bids\nTo review: 2 · Needs changes: 0")
    assert "Drafts being written: 1" in overview
    assert "Asked for: £2,100 of £26,000 (eligible bids: £0)" in overview
    assert "SPK: 1 bid, £1,500 asked of £20,000" in overview
    assert "GAR: 1 bid, £600 asked of £6,000" in overview
    assert [t for t, _ in shown_buttons(sent)] == ["Review the next one (2 waiting) ▶",
                                                  "All bids 📋", "Download as CSV ⬇"]


async def test_eligible_and_the_group_is_told_in_its_language(harness, session_maker):
    round_id, english, welsh = await sent_bids(harness, session_maker)
    sent = await harness.tap(ORGANISER_ID, review(ReviewAction.NEXT, round_id=round_id))
    card = texts(sent)[0]
    assert card.startswith("<b>SPK-001</b> · Speke · sent, waiting for the organisers")
    assert "<b>Group:</b> Speke &lt;Youth&gt; &amp; Friends" in card
    assert "<b>Contact:</b> 07700 900123" in card and "<i>Bid 1 of 2</i>" in card
    assert [t for t, _ in shown_buttons(sent)] == ["Eligible ✅", "Needs changes ✏️",
                                                  "Not eligible ⛔", "Next ▶"]
    sent = await harness.tap(ORGANISER_ID, review(ReviewAction.ELIGIBLE, english))
    assert texts(sent)[0] == ("SPK-001 is now “eligible: it will go to the vote”. "
                              "The group has been told.")
    assert texts(sent)[1].startswith("<b>GAR-002</b>")  # the next one waiting
    [notice] = await notices_to(session_maker, GROUP)
    assert notice.payload["text"].startswith("Good news: your bid <b>SPK-001</b> “Football after "
                                             "school” can go to the vote.")
    assert notice.status == Status.PENDING and notice.due_at <= utcnow()

    await harness.tap(ORGANISER_ID, review(ReviewAction.ELIGIBLE, welsh))
    [notice] = await notices_to(session_maker, WELSH_GROUP)
    assert notice.payload["text"].startswith("Newyddion da: gall eich cais <b>GAR-002</b> "
                                             "“Gardd &lt;gymunedol&gt;” fynd i'r bleidlais.")
    sent = await harness.send(ORGANISER_ID, "/bids")
    assert "Eligible: 2" in texts(sent)[0] and "(eligible bids: £2,100)" in texts(sent)[0]


async def test_needs_changes_with_a_message_then_the_group_changes_it(harness, session_maker):
    round_id, english, welsh = await sent_bids(harness, session_maker)
    sent = await harness.tap(ORGANISER_ID, review(ReviewAction.CHANGES, welsh))
    assert texts(sent)[0].startswith("What should GAR-002 change?")
    sent = await harness.send(ORGANISER_ID, "x" * 1001)
    assert texts(sent) == ["That's 1,001 characters; please keep it to 1,000."]
    await harness.send(ORGANISER_ID, "Please add what the <money> buys & when")
    [notice] = await notices_to(session_maker, WELSH_GROUP)
    text = notice.payload["text"]
    assert text.startswith("Mae angen gwneud rhai newidiadau i'ch cais <b>GAR-002</b>")
    assert "<i>Please add what the &lt;money&gt; buys &amp; when</i>" in text
    button = notice.payload["reply_markup"]["inline_keyboard"][0][0]
    assert button == {"text": "Agor fy nghais 📝",
                      "callback_data": tap_data(BidAction.OPEN, bid=welsh.id)}
    sent = await harness.tap(WELSH_GROUP, button["callback_data"])
    assert texts(sent)[0].startswith("<b>Eich cais GAR-002</b> · angen newidiadau")
    assert "Dywedodd y trefnwyr: <i>Please add what the &lt;money&gt; buys &amp; when</i>" \
        in texts(sent)[0]
    await harness.tap(WELSH_GROUP, tap_data(BidAction.EDIT, bid=welsh.id, value="description"))
    await harness.send(WELSH_GROUP, "Offer a £500 a phlanhigion, mis Mawrth")
    assert (await latest_bid(session_maker, WELSH_GROUP)).status == BidStatus.SUBMITTED
    sent = await harness.send(ORGANISER_ID, "/bids")
    assert "To review: 2" in texts(sent)[0] and "Needs changes: 0" in texts(sent)[0]


async def test_not_eligible_with_a_reason_is_final_for_the_group(harness, session_maker):
    _, english, _ = await sent_bids(harness, session_maker)
    await harness.tap(ORGANISER_ID, review(ReviewAction.NOT_ELIGIBLE, english))
    sent = await harness.send(ORGANISER_ID, "   ")
    assert texts(sent) == ["Please type the message as text."]
    await harness.send(ORGANISER_ID, "The project is outside the area.")
    [notice] = await notices_to(session_maker, GROUP)
    assert ("can't go to the vote. The organisers' reason:\n<i>The project is outside the "
            "area.</i>") in notice.payload["text"]
    sent = await harness.tap(GROUP, tap_data(BidAction.EDIT, bid=english.id, value="title"))
    assert alerts(sent) == ["This bid can't be changed any more."]
    sent = await harness.tap(GROUP, "m:mine")
    assert ("SPK-001 · Football after school · £1,500 — not eligible\n   The organisers said: "
            "<i>The project is outside the area.</i>") in texts(sent)[0]


async def test_an_old_card_cannot_decide_on_a_changed_bid(harness, session_maker):
    _, english, _ = await sent_bids(harness, session_maker)
    old_card = review(ReviewAction.ELIGIBLE, english)
    await harness.tap(GROUP, tap_data(BidAction.EDIT, bid=english.id, value="amount"))
    await harness.send(GROUP, "£1,999")
    sent = await harness.tap(ORGANISER_ID, old_card)
    assert alerts(sent) == ["This bid has changed since that card was shown. Here it is as it "
                            "is now."]
    assert "<b>Amount:</b> £1,999" in texts(sent)[-1]
    assert (await latest_bid(session_maker, GROUP)).status == BidStatus.SUBMITTED
    # A double tap on Eligible decides once.
    fresh = await latest_bid(session_maker, GROUP)
    await harness.tap(ORGANISER_ID, review(ReviewAction.ELIGIBLE, fresh))
    again = await harness.tap(ORGANISER_ID, review(ReviewAction.ELIGIBLE, fresh))
    assert alerts(again)[0].startswith("This bid has changed since that card was shown")
    assert len(await notices_to(session_maker, GROUP)) == 1


async def test_a_decision_typed_after_the_bid_changed_is_not_applied(harness, session_maker):
    _, english, _ = await sent_bids(harness, session_maker)
    await harness.tap(ORGANISER_ID, review(ReviewAction.CHANGES, english))
    await harness.tap(GROUP, tap_data(BidAction.EDIT, bid=english.id, value="title"))
    await harness.send(GROUP, "Football and netball")
    sent = await harness.send(ORGANISER_ID, "Please lower the amount")
    assert texts(sent)[0].startswith("This bid has changed since")
    assert (await latest_bid(session_maker, GROUP)).status == BidStatus.SUBMITTED
    assert await notices_to(session_maker, GROUP) == []


async def test_no_decisions_once_voting_has_started(harness, session_maker):
    _, english, _ = await sent_bids(harness, session_maker)
    async with session_maker.begin() as session:
        await session.execute(update(Round).values(status=RoundStatus.VOTING))
    sent = await harness.tap(ORGANISER_ID, review(ReviewAction.ELIGIBLE, english))
    assert alerts(sent) == ["Voting has started in this round, so decisions on bids can't "
                            "change now."]
    assert (await latest_bid(session_maker, GROUP)).status == BidStatus.SUBMITTED


async def test_browsing_listening_and_the_csv_file(harness, session_maker):
    round_id, english, welsh = await sent_bids(harness, session_maker)
    await harness.tap(WELSH_GROUP, tap_data(BidAction.EDIT, bid=welsh.id, value="description"))
    await harness.feed(media_update(WELSH_GROUP, "voice", "voice-note-1"))
    await harness.tap(WELSH_GROUP, tap_data(BidAction.PHOTO, bid=welsh.id))
    await harness.feed(media_update(WELSH_GROUP, "photo", "garden-photo"))
    sent = await harness.tap(ORGANISER_ID, review(ReviewAction.SHOW, round_id=round_id))
    assert texts(sent)[0].startswith("<b>SPK-001</b>")
    sent = await harness.tap(ORGANISER_ID, review(ReviewAction.SHOW, welsh))
    card = texts(sent)[0]
    assert "<b>What it will do:</b> voice note 🎤" in card and "<i>Bid 2 of 2</i>" in card
    assert [t for t, _ in shown_buttons(sent)][-3:] == ["Listen 🔊", "Photo 📷", "Previous ◀"]
    sent = await harness.tap(ORGANISER_ID, review(ReviewAction.LISTEN, welsh))
    [voice] = [r for r in sent if isinstance(r, SendVoice)]
    assert voice.voice == "voice-note-1" and voice.caption == "GAR-002"
    sent = await harness.tap(ORGANISER_ID, review(ReviewAction.PHOTO, welsh))
    assert [r.photo for r in sent if isinstance(r, SendPhoto)] == ["garden-photo"]
    sent = await harness.tap(ORGANISER_ID, review(ReviewAction.CSV, round_id=round_id))
    [document] = [r for r in sent if isinstance(r, SendDocument)]
    rows = list(csv.DictReader(io.StringIO(document.document.data.decode("utf-8-sig"))))
    assert [(r["reference"], r["area"], r["amount"], r["voice note"]) for r in rows] == [
        ("SPK-001", "SPK", "£1,500", ""), ("GAR-002", "GAR", "£600", "yes")]
    assert rows[0]["group"] == "Speke <Youth> & Friends"
    assert rows[0]["contact"] == "07700 900123"


@pytest.mark.parametrize("action", list(ReviewAction))
async def test_forged_review_buttons_change_nothing(harness, session_maker, action):
    _, english, _ = await sent_bids(harness, session_maker)
    forged = [ReviewCb(action=action, round=999, bid=english.id, rev=english.revision).pack()]
    if action not in (ReviewAction.ROUND, ReviewAction.NEXT, ReviewAction.CSV):
        forged.append(ReviewCb(action=action, round=english.round_id, bid=99999).pack())
    for data in forged:
        sent = await harness.tap(ORGANISER_ID, data)
        assert alerts(sent), data
    assert (await latest_bid(session_maker, GROUP)).status == BidStatus.SUBMITTED
    assert await notices_to(session_maker, GROUP) == []


async def test_residents_are_refused_every_organiser_command_and_button(
        harness, session_maker, caplog):
    _, english, _ = await sent_bids(harness, session_maker)
    with caplog.at_level(logging.WARNING):
        for command in ("/bids", "/newround", "/rounds"):
            assert texts(await harness.send(GROUP, command)) == ["Sorry, this is for organisers."]
        for action in ReviewAction:
            sent = await harness.tap(GROUP, review(action, english))
            assert alerts(sent) == ["Sorry, this is for organisers."]
        for action in RoundAction:
            sent = await harness.tap(WELSH_GROUP, RoundCb(action=action, round=1,
                                                          value="open").pack())
            assert alerts(sent) == ["Mae'n ddrwg gennym, mae hyn ar gyfer trefnwyr."]
    assert "refused organiser command '/bids'" in caplog.text
    bid = await latest_bid(session_maker, GROUP)
    assert (bid.status, bid.revision) == (BidStatus.SUBMITTED, english.revision)
    async with session_maker() as session:
        assert await session.scalar(select(Round.status)) == RoundStatus.OPEN


async def test_many_bids_close_together_make_one_digest(harness, session_maker):
    _, _, _ = await sent_bids(harness, session_maker)
    [digest] = await outbox_rows(session_maker, "bidsnew")
    text = digest.payload["text"]
    assert text.startswith("<b>2 bids have come in or changed.</b> Review them with /bids.")
    assert "SPK-001 · Football after school · £1,500 — new" in text
    assert "GAR-002 · Gardd &lt;gymunedol&gt; · £600 — new" in text


async def test_after_a_digest_is_sent_the_next_waits_for_the_gap(harness, session_maker):
    round_id, english, _ = await sent_bids(harness, session_maker)
    # Three minutes on: the bids came in, then the digest went out, claimed a second after it
    # was due.
    earlier = utcnow() - timedelta(minutes=3)
    async with session_maker.begin() as session:
        before = earlier - timedelta(seconds=30)
        await session.execute(update(Bid).values(updated_at=before, submitted_at=before))
        await session.execute(update(OutboxMessage).values(
            status=Status.SENT, due_at=earlier, claimed_at=earlier + timedelta(seconds=1)))
    # A withdrawal leaves nothing waiting for review: no digest about it.
    await harness.tap(GROUP, tap_data(BidAction.WITHDRAW, bid=english.id))
    await harness.tap(GROUP, tap_data(BidAction.WITHDRAW_YES, bid=english.id))
    assert len(await outbox_rows(session_maker, "bidsnew")) == 1
    await join(harness, RESIDENT, Locale.EN)
    await write_bid(harness, session_maker, RESIDENT, round_id)
    await submit(harness, session_maker, RESIDENT)
    first, second = await outbox_rows(session_maker, "bidsnew")
    assert second.status == Status.PENDING
    assert abs(second.due_at - (first.due_at + DIGEST_GAP)) < timedelta(seconds=1)
    assert second.payload["text"].startswith("<b>1 bid has come in or changed.</b>")
    assert "SPK-003 · Football after school · £1,500 — new" in second.payload["text"]


async def test_the_organisers_welsh_digest(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.CY)
    for user_id in (GROUP, WELSH_GROUP, RESIDENT):
        await join(harness, user_id, Locale.EN)
        await write_bid(harness, session_maker, user_id, round_id)
        await submit(harness, session_maker, user_id)
    [digest] = await outbox_rows(session_maker, "bidsnew")
    assert digest.payload["text"].startswith("<b>Mae 3 chais wedi dod i mewn neu wedi newid.</b>")
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Bid)) == 3
