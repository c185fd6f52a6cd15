"""A group submits a bid in a conversation, in English and in Welsh, and can always pick it up.

Every test runs on SQLite and PostgreSQL (the `harness` fixture) through the real dispatcher.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram.methods import SendMessage
from sqlalchemy import func, select, update

from bot.ui.callbacks import Locale, MenuCb, MenuItem
from bot.ui.callbacks.bids import BidAction
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.outbox import Status
from models.round import Round, RoundStatus
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import (
    GARSTON,
    SPEKE,
    area_id,
    join,
    last_text,
    latest_bid,
    make_round,
    media_update,
    outbox_rows,
    shown_buttons,
    start_bid,
    submit,
    tap_data,
    write_bid,
)
from tests.support.flow import alerts, texts

GROUP, WELSH_GROUP, STRANGER = 5151, 5252, 5353


async def test_the_whole_conversation_in_english(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    sent = await harness.tap(GROUP, MenuCb(item=MenuItem.BID).pack())
    assert texts(sent)[0].startswith("<b>Safer Speke 2026</b>\nLocal groups can ask for a grant "
                                     "of up to £2,000.")
    assert "• Things for young people to do" in texts(sent)[0]
    start = tap_data(BidAction.START, round_=round_id)
    assert shown_buttons(sent) == [("Start a new bid ▶", start)]

    sent = await harness.tap(GROUP, tap_data(BidAction.START, round_=round_id))
    assert last_text(sent).startswith("<i>Question 1 of 7</i>\n<b>What is your group called?</b>")
    sent = await harness.send(GROUP, "Speke Youth")
    assert last_text(sent).startswith("<i>Question 2 of 7</i>\n<b>What is your project called?")
    await harness.send(GROUP, "Football")
    sent = await harness.send(GROUP, "Coached sessions")
    assert last_text(sent).startswith("<i>Question 4 of 7</i>\n<b>Who will benefit")
    sent = await harness.send(GROUP, "40 young people")
    assert last_text(sent).startswith("<i>Question 5 of 7</i>\n<b>How much money")
    assert "Up to £2,000." in last_text(sent)
    sent = await harness.send(GROUP, "1.5k")
    assert last_text(sent).startswith("<i>Question 6 of 7</i>\n<b>Which area")
    assert [text for text, _ in shown_buttons(sent)] == ["Speke", "Garston"]
    bid = await latest_bid(session_maker, GROUP)
    garston = await area_id(session_maker, round_id, "GAR")
    sent = await harness.tap(GROUP, tap_data(BidAction.AREA, bid=bid.id, value=str(garston)))
    assert last_text(sent).startswith("<i>Question 7 of 7</i>\n<b>How can the organisers")
    sent = await harness.send(GROUP, "youth@example.org")
    summary = last_text(sent)
    assert summary.startswith("<b>Check your bid</b>")
    assert "<b>Amount:</b> £1,500" in summary and "<b>Area:</b> Garston" in summary
    labels = [text for text, _ in shown_buttons(sent)]
    assert labels[:7] == ["Edit: Group ✏️", "Edit: Project ✏️", "Edit: What it will do ✏️",
                          "Edit: Who benefits ✏️", "Edit: Amount ✏️", "Edit: Area ✏️",
                          "Edit: Contact ✏️"]
    assert labels[7:] == ["Add a photo 📷", "Send my bid ✅", "Delete this draft 🗑", "Done ✔"]

    sent = await submit(harness, session_maker, GROUP)
    assert texts(sent)[0].startswith("<b>Sent!</b> Your reference is <b>GAR-001</b>.")
    assert texts(sent)[-1] == "What would you like to do?"
    bid = await latest_bid(session_maker, GROUP)
    assert (bid.status, bid.reference, bid.amount_pence) == ("submitted", "GAR-001", 150_000)


async def test_the_whole_conversation_in_welsh(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, WELSH_GROUP, Locale.CY)
    sent = await harness.tap(WELSH_GROUP, MenuCb(item=MenuItem.BID).pack())
    assert texts(sent)[0].startswith("<b>Speke Mwy Diogel 2026</b>\nGall grwpiau lleol ofyn")
    assert "• Pethau i bobl ifanc eu gwneud" in texts(sent)[0]
    assert [text for text, _ in shown_buttons(sent)] == ["Dechrau cais newydd ▶"]
    sent = await harness.tap(WELSH_GROUP, tap_data(BidAction.START, round_=round_id))
    assert last_text(sent).startswith("<i>Cwestiwn 1 o 7</i>\n<b>Beth yw enw eich grŵp?</b>")
    for answer in ("Clwb Ieuenctid", "Pêl-droed", "Sesiynau hyfforddi"):
        sent = await harness.send(WELSH_GROUP, answer)
    assert last_text(sent).startswith("<i>Cwestiwn 4 o 7</i>\n<b>Pwy fydd yn elwa")
    await harness.send(WELSH_GROUP, "40 o bobl ifanc")
    sent = await harness.send(WELSH_GROUP, "dwy fil")
    assert texts(sent)[0].startswith("Doeddwn i ddim yn gallu darllen “dwy fil” fel swm o arian.")
    assert last_text(sent).startswith("<i>Cwestiwn 5 o 7</i>\n<b>Faint o arian")
    sent = await harness.send(WELSH_GROUP, "£3,000")
    assert texts(sent)[0] == ("Mae hynny'n £3,000, ond gall cais ofyn am £2,000 ar y mwyaf. "
                              "Rhowch swm llai, os gwelwch yn dda.")
    sent = await harness.send(WELSH_GROUP, "£1,200")
    assert [text for text, _ in shown_buttons(sent)] == ["Speke", "Garstwn"]
    sent = await harness.send(WELSH_GROUP, "Woolton")
    assert texts(sent)[0] == ("Mae'n ddrwg gen i, dydw i ddim yn adnabod yr ardal \"Woolton\". "
                              "Tapiwch fotwm, neu teipiwch un o'r rhain: Speke, Garstwn.")
    bid = await latest_bid(session_maker, WELSH_GROUP)
    speke = await area_id(session_maker, round_id, "SPK")
    await harness.tap(WELSH_GROUP, tap_data(BidAction.AREA, bid=bid.id, value=str(speke)))
    sent = await harness.send(WELSH_GROUP, "01234 567890")
    assert last_text(sent).startswith("<b>Gwiriwch eich cais</b> cyn ei anfon.")
    assert "<b>Swm:</b> £1,200" in last_text(sent)
    assert "Anfon fy nghais ✅" in [text for text, _ in shown_buttons(sent)]
    sent = await submit(harness, session_maker, WELSH_GROUP)
    assert texts(sent)[0].startswith("<b>Wedi'i anfon!</b> Eich cyfeirnod yw <b>SPK-001</b>.")
    assert texts(sent)[-1] == "Beth hoffech chi ei wneud?"


@pytest.mark.parametrize(("key", "answer", "reply"), [
    ("group", "x" * 101, "That's 101 characters, and the limit here is 100. Please shorten it "
                         "and send it again."),
    ("group", "   ", "Please type your answer as a message."),
    ("amount", "lots", "I couldn't read “lots” as an amount of money. Please write it like "
                       "£1,500 or 1500."),
    ("amount", "<b>9</b>", "I couldn't read “&lt;b&gt;9&lt;/b&gt;” as an amount of money. "
                           "Please write it like £1,500 or 1500."),
    ("amount", "£2,000.01", "That's £2,000.01, but a bid can ask for £2,000 at most. Please give "
                            "a smaller amount."),
    ("amount", "0", "The amount needs to be more than £0."),
    ("amount", "1,50", "I couldn't read “1,50” as an amount of money. Please write it like "
                       "£1,500 or 1500."),
    ("area", "Woolton", "Sorry, I don't know the area \"Woolton\". Please tap a button, or "
                        "type one of these: Speke, Garston."),
    ("contact", "y" * 201, "That's 201 characters, and the limit here is 200. Please shorten it "
                           "and send it again."),
])
async def test_every_bad_input_gets_a_clear_reply_and_the_same_question(
        harness, session_maker, key, answer, reply):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await start_bid(harness, GROUP, round_id)
    order = ["group", "title", "description", "benefits", "amount", "area", "contact"]
    for earlier in order[:order.index(key)]:
        if earlier == "area":
            bid = await latest_bid(session_maker, GROUP)
            speke = await area_id(session_maker, round_id, "SPK")
            await harness.tap(GROUP, tap_data(BidAction.AREA, bid=bid.id, value=str(speke)))
        else:
            await harness.send(GROUP, {"amount": "£100"}.get(earlier, "fine"))
    sent = await harness.send(GROUP, answer)
    assert texts(sent)[0] == reply
    assert f"Question {order.index(key) + 1} of 7" in texts(sent)[1]
    bid = await latest_bid(session_maker, GROUP)
    assert getattr(bid, {"group": "group_name", "amount": "amount_pence", "area": "area_id",
                         "contact": "contact"}[key]) is None


async def test_commands_typed_mid_question_are_not_taken_as_answers(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await start_bid(harness, GROUP, round_id)
    sent = await harness.send(GROUP, "/help")
    assert texts(sent)[0].startswith("<b>pbchat</b> helps")
    sent = await harness.send(GROUP, "/bids")
    assert texts(sent) == ["Sorry, this is for organisers."]
    assert (await latest_bid(session_maker, GROUP)).group_name is None
    sent = await harness.send(GROUP, "Speke Youth")
    assert "Question 2 of 7" in texts(sent)[0]


async def test_photos_and_voice_where_text_is_wanted_and_a_voice_description(
        harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await start_bid(harness, GROUP, round_id)
    sent = await harness.feed(media_update(GROUP, "photo", "photo-1"))
    assert texts(sent)[0] == "Please type your answer as a message."
    sent = await harness.feed(media_update(GROUP, "voice", "voice-0"))
    assert texts(sent)[0] == "Please type your answer as a message."
    await harness.send(GROUP, "Speke Youth")
    await harness.send(GROUP, "Football")
    sent = await harness.feed(media_update(GROUP, "photo", "photo-1"))
    assert texts(sent)[0] == "Please type your answer, or send it as a voice note."
    sent = await harness.feed(media_update(GROUP, "voice", "voice-1"))
    assert "Question 4 of 7" in texts(sent)[0]
    bid = await latest_bid(session_maker, GROUP)
    assert (bid.description, bid.voice_file_id) == (None, "voice-1")


async def test_a_restart_and_cancel_mid_draft_lose_nothing(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await start_bid(harness, GROUP, round_id)
    await harness.send(GROUP, "Speke Youth")
    await harness.send(GROUP, "Football")
    await harness.restart()
    sent = await harness.send(GROUP, "Coached sessions")
    assert "Question 4 of 7" in texts(sent)[0]
    await harness.send(GROUP, "/cancel")
    assert texts(await harness.send(GROUP, "40 people"))[0].startswith("Sorry, I didn't")
    await harness.restart()
    sent = await harness.tap(GROUP, MenuCb(item=MenuItem.BID).pack())
    bid = await latest_bid(session_maker, GROUP)
    assert shown_buttons(sent)[0] == ("Carry on: Football ✏️", tap_data(BidAction.OPEN, bid=bid.id))
    sent = await harness.tap(GROUP, tap_data(BidAction.OPEN, bid=bid.id))
    assert texts(sent)[0].startswith("<i>Question 4 of 7</i>")
    assert (bid.group_name, bid.title, bid.description) == ("Speke Youth", "Football",
                                                           "Coached sessions")


async def test_a_week_away_then_a_nudge_48_hours_before_the_deadline(harness, session_maker):
    deadline = utcnow() + timedelta(days=9)
    round_id = await make_round(session_maker, deadline=deadline)
    await join(harness, GROUP, Locale.CY)
    await start_bid(harness, GROUP, round_id)
    await harness.send(GROUP, "Clwb")
    [nudge] = await outbox_rows(session_maker, "bidnudge")
    assert nudge.chat_id == GROUP and nudge.status == Status.PENDING
    assert abs(nudge.due_at - (deadline - timedelta(hours=48))) < timedelta(seconds=1)
    assert nudge.payload["text"].startswith("<b>Nodyn atgoffa:</b>")
    bid = await latest_bid(session_maker, GROUP)
    assert nudge.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == \
        tap_data(BidAction.OPEN, bid=bid.id)
    # The nudge's button opens the draft at the next question, even a week later.
    sent = await harness.tap(GROUP, tap_data(BidAction.OPEN, bid=bid.id))
    assert texts(sent)[0].startswith("<i>Cwestiwn 2 o 7</i>")


async def test_submitting_cancels_the_nudge_and_a_late_draft_gets_none(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await write_bid(harness, session_maker, GROUP, round_id)
    await submit(harness, session_maker, GROUP)
    [nudge] = await outbox_rows(session_maker, "bidnudge")
    assert nudge.status == Status.CANCELLED
    late = await make_round(session_maker, deadline=utcnow() + timedelta(hours=30))
    await harness.tap(GROUP, tap_data(BidAction.START, round_=late))
    assert len(await outbox_rows(session_maker, "bidnudge")) == 1


async def test_double_tap_on_send_makes_one_bid(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await write_bid(harness, session_maker, GROUP, round_id)
    first = await submit(harness, session_maker, GROUP)
    second = await submit(harness, session_maker, GROUP)
    assert texts(first)[0].startswith("<b>Sent!</b> Your reference is <b>SPK-001</b>")
    assert alerts(second) == ["This bid has already been sent: SPK-001."]
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Bid)) == 1
        assert await session.scalar(select(Round.last_bid_number)) == 1
    digests = await outbox_rows(session_maker, "bidsnew")
    assert len(digests) == 1


async def test_references_number_the_round_and_name_the_area(harness, session_maker):
    round_id = await make_round(session_maker)
    for user_id, area in ((GROUP, "SPK"), (WELSH_GROUP, "GAR"), (STRANGER, "SPK")):
        await join(harness, user_id, Locale.EN)
        await write_bid(harness, session_maker, user_id, round_id, area=area)
        await submit(harness, session_maker, user_id)
    async with session_maker() as session:
        references = list(await session.scalars(select(Bid.reference).order_by(Bid.number)))
    assert references == ["SPK-001", "GAR-002", "SPK-003"]


async def test_editing_after_sending_and_a_photo(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await write_bid(harness, session_maker, GROUP, round_id)
    await submit(harness, session_maker, GROUP)
    bid = await latest_bid(session_maker, GROUP)
    sent = await harness.tap(GROUP, tap_data(BidAction.OPEN, bid=bid.id))
    assert texts(sent)[0].startswith("<b>Your bid SPK-001</b> · sent, waiting for the organisers")
    labels = [text for text, _ in shown_buttons(sent)]
    assert "Withdraw my bid ↩" in labels and "Send my bid ✅" not in labels
    sent = await harness.tap(GROUP, tap_data(BidAction.EDIT, bid=bid.id, value="amount"))
    assert texts(sent)[0].startswith("<i>Question 5 of 7</i>")
    sent = await harness.send(GROUP, "£3k")
    assert texts(sent)[0].startswith("That's £3,000, but a bid can ask for £2,000 at most.")
    sent = await harness.send(GROUP, "£1,800")
    assert texts(sent)[0].startswith("Saved. The organisers will see the change")
    assert "<b>Amount:</b> £1,800" in texts(sent)[1]
    await harness.tap(GROUP, tap_data(BidAction.PHOTO, bid=bid.id))
    sent = await harness.send(GROUP, "here it is")
    assert texts(sent) == ["Please send a photo, or tap Back."]
    sent = await harness.feed(media_update(GROUP, "photo", "team-photo"))
    assert "A photo is attached. 📷" in last_text(sent)
    bid = await latest_bid(session_maker, GROUP)
    assert (bid.status, bid.reference, bid.amount_pence, bid.photo_file_id) == (
        "submitted", "SPK-001", 180_000, "team-photo")
    await harness.tap(GROUP, tap_data(BidAction.PHOTO, bid=bid.id))
    sent = await harness.tap(GROUP, tap_data(BidAction.NO_PHOTO, bid=bid.id))
    assert "A photo is attached. 📷" not in last_text(sent)
    # The organisers hear about the change in their digest.
    [digest] = await outbox_rows(session_maker, "bidsnew")
    assert digest.chat_id == ORGANISER_ID and "SPK-001" in digest.payload["text"]


async def test_withdrawing_and_deleting_a_draft(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await write_bid(harness, session_maker, GROUP, round_id)
    await submit(harness, session_maker, GROUP)
    bid = await latest_bid(session_maker, GROUP)
    sent = await harness.tap(GROUP, tap_data(BidAction.WITHDRAW, bid=bid.id))
    assert texts(sent)[0].startswith("Withdraw SPK-001?")
    assert [t for t, _ in shown_buttons(sent)] == ["Yes, withdraw it", "No, keep it"]
    sent = await harness.tap(GROUP, tap_data(BidAction.WITHDRAW_YES, bid=bid.id))
    assert texts(sent)[0] == "Withdrawn. SPK-001 won't go to the vote."
    sent = await harness.tap(GROUP, tap_data(BidAction.EDIT, bid=bid.id, value="title"))
    assert alerts(sent) == ["This bid can't be changed any more."]
    sent = await harness.tap(GROUP, tap_data(BidAction.WITHDRAW_YES, bid=bid.id))
    assert alerts(sent) == ["This bid can't be changed any more."]
    assert (await latest_bid(session_maker, GROUP)).status == BidStatus.WITHDRAWN

    await start_bid(harness, GROUP, round_id)
    draft = await latest_bid(session_maker, GROUP)
    sent = await harness.tap(GROUP, tap_data(BidAction.DELETE, bid=draft.id))
    assert texts(sent)[0].startswith("Delete this draft")
    sent = await harness.tap(GROUP, tap_data(BidAction.DELETE_YES, bid=draft.id))
    assert texts(sent)[0] == "Draft deleted."
    assert (await latest_bid(session_maker, GROUP)).id == bid.id
    nudges = {row.dedupe_key: row.status for row in await outbox_rows(session_maker, "bidnudge")}
    assert nudges[f"bidnudge:{draft.id}"] == Status.CANCELLED


async def test_a_passed_deadline_stops_answers_sending_and_changes(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await join(harness, WELSH_GROUP, Locale.CY)
    await write_bid(harness, session_maker, GROUP, round_id)
    await write_bid(harness, session_maker, WELSH_GROUP, round_id)
    await submit(harness, session_maker, WELSH_GROUP)
    sent_bid = await latest_bid(session_maker, WELSH_GROUP)
    await harness.tap(WELSH_GROUP, tap_data(BidAction.EDIT, bid=sent_bid.id, value="title"))
    async with session_maker.begin() as session:
        await session.execute(update(Round).values(bid_deadline=utcnow() - timedelta(minutes=1)))
    sent = await submit(harness, session_maker, GROUP)
    assert alerts(sent) == ["The deadline for bids has passed, so bids can't be sent or "
                            "changed any more."]
    sent = await harness.send(WELSH_GROUP, "Teitl newydd")
    assert texts(sent)[0].startswith("Mae'r dyddiad cau ar gyfer ceisiadau wedi mynd heibio")
    assert (await latest_bid(session_maker, WELSH_GROUP)).title == "Football after school"
    sent = await harness.tap(WELSH_GROUP, tap_data(BidAction.WITHDRAW_YES, bid=sent_bid.id))
    assert alerts(sent)[0].startswith("Mae'r dyddiad cau")
    sent = await harness.tap(GROUP, MenuCb(item=MenuItem.BID).pack())
    assert texts(sent)[0].startswith("No round is taking bids at the moment.")
    sent = await harness.tap(GROUP, tap_data(BidAction.START, round_=round_id))
    assert alerts(sent)[0].startswith("The deadline for bids has passed")
    # The sent bid can still be read, without buttons to change it.
    sent = await harness.tap(WELSH_GROUP, tap_data(BidAction.OPEN, bid=sent_bid.id))
    assert [t for t, _ in shown_buttons(sent)] == ["Wedi gorffen ✔"]
    assert (await latest_bid(session_maker, GROUP)).status == BidStatus.DRAFT


async def test_a_closed_or_draft_round_takes_nothing(harness, session_maker):
    closed = await make_round(session_maker, status=RoundStatus.CLOSED)
    draft = await make_round(session_maker, status=RoundStatus.DRAFT)
    await join(harness, GROUP, Locale.EN)
    for round_id in (closed, draft):
        sent = await harness.tap(GROUP, tap_data(BidAction.START, round_=round_id))
        assert alerts(sent)[0].startswith("The deadline for bids has passed")
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Bid)) == 0


async def test_one_area_is_not_asked_and_questions_follow_the_round(harness, session_maker):
    round_id = await make_round(session_maker, areas=(SPEKE,),
                                questions=("title", "amount", "group"))
    await join(harness, GROUP, Locale.EN)
    sent = await start_bid(harness, GROUP, round_id)
    assert texts(sent)[0].startswith("<i>Question 1 of 3</i>\n<b>What is your project called?")
    await harness.send(GROUP, "Football")
    await harness.send(GROUP, "£900")
    sent = await harness.send(GROUP, "Speke Youth")
    assert "<b>Area:</b>" not in last_text(sent) and "<b>Contact:</b>" not in last_text(sent)
    sent = await submit(harness, session_maker, GROUP)
    assert "<b>SPK-001</b>" in texts(sent)[0]


async def test_several_open_rounds_are_offered_to_choose_from(harness, session_maker):
    first = await make_round(session_maker)
    second = await make_round(session_maker, areas=(GARSTON,))
    await join(harness, GROUP, Locale.EN)
    sent = await harness.tap(GROUP, MenuCb(item=MenuItem.BID).pack())
    assert texts(sent) == ["Which round is your bid for?"]
    assert [data for _, data in shown_buttons(sent)] == [
        tap_data(BidAction.ROUND, round_=first), tap_data(BidAction.ROUND, round_=second)]
    sent = await harness.tap(GROUP, tap_data(BidAction.ROUND, round_=second))
    assert texts(sent)[0].startswith("<b>Safer Speke 2026</b>")


@pytest.mark.parametrize("action", [BidAction.OPEN, BidAction.EDIT, BidAction.SUBMIT,
                                    BidAction.PHOTO, BidAction.NO_PHOTO, BidAction.WITHDRAW,
                                    BidAction.WITHDRAW_YES, BidAction.DELETE,
                                    BidAction.DELETE_YES, BidAction.SUMMARY, BidAction.AREA])
async def test_someone_elses_bid_cannot_be_touched(harness, session_maker, action):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await join(harness, STRANGER, Locale.EN)
    await write_bid(harness, session_maker, GROUP, round_id)
    bid = await latest_bid(session_maker, GROUP)
    sent = await harness.tap(STRANGER, tap_data(action, bid=bid.id, value="title"))
    assert alerts(sent) == ["That button is out of date. Here's the current menu."]
    assert not [r for r in sent if isinstance(r, SendMessage)]
    after = await latest_bid(session_maker, GROUP)
    assert (after.status, after.revision, after.title) == ("draft", bid.revision, bid.title)


@pytest.mark.parametrize("data", ["b:e:1:0:nonsense", "b:a:1:0:999", "b:a:1:0:x", "b:zz",
                                  "b:o:999999:0:", "b:s:abc:0:", "b:new:0:999:"])
async def test_forged_or_old_buttons_change_nothing(harness, session_maker, data):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.CY)
    await write_bid(harness, session_maker, GROUP, round_id)
    before = await latest_bid(session_maker, GROUP)
    sent = await harness.tap(GROUP, data)
    assert alerts(sent), data
    after = await latest_bid(session_maker, GROUP)
    assert (after.status, after.revision, after.area_id) == (before.status, before.revision,
                                                             before.area_id)


async def test_an_area_button_after_the_question_has_moved_on(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await write_bid(harness, session_maker, GROUP, round_id)
    bid = await latest_bid(session_maker, GROUP)
    garston = await area_id(session_maker, round_id, "GAR")
    sent = await harness.tap(GROUP, tap_data(BidAction.AREA, bid=bid.id, value=str(garston)))
    assert alerts(sent) == ["That button is out of date. Here's the current menu."]
    assert (await latest_bid(session_maker, GROUP)).area_id != garston


async def test_my_things_shows_each_bid_and_where_it_stands(harness, session_maker):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, Locale.EN)
    await write_bid(harness, session_maker, GROUP, round_id)
    await submit(harness, session_maker, GROUP)
    await start_bid(harness, GROUP, round_id)
    await harness.send(GROUP, "Second group")
    await harness.send(GROUP, "<Garden> & more")
    sent = await harness.tap(GROUP, MenuCb(item=MenuItem.MINE).pack())
    shown = texts(sent)[0]
    assert "<b>Your bids</b>" in shown
    assert "SPK-001 · Football after school · £1,500 — sent, waiting for the organisers" in shown
    assert "Draft · &lt;Garden&gt; &amp; more — questions answered: 2 of 7" in shown
    assert ("SPK-001 📝", tap_data(BidAction.OPEN, bid=(await latest_bid(session_maker,
                                                                         GROUP)).id - 1)) \
        in shown_buttons(sent)
