"""/broadcast as an organiser writes it, and as everyone else is refused it."""

from __future__ import annotations

import logging

from aiogram.methods import EditMessageText, SendMessage
from sqlalchemy import func, select

from bot.jobs.broadcast_monitor import BroadcastMonitor
from bot.jobs.delivery import RateLimiter
from bot.ui.callbacks import BroadcastAction as Act
from bot.ui.callbacks import Locale
from models.broadcast import Broadcast
from models.outbox import OutboxMessage, Status
from tests.conftest import ORGANISER_ID
from tests.support.broadcasts import RESIDENTS, outbox_by_chat, write_broadcast
from tests.support.factories import broadcast_cb as cb
from tests.support.factories import join, outbox_rows
from tests.support.flow import alerts, texts


async def test_preview_shows_the_message_and_the_count(harness):
    sent = await write_broadcast(harness)
    shown = texts(sent)
    # The organiser's text is escaped: it is shown exactly as typed.
    assert shown[0] == "Vote on Saturday at the &lt;community centre&gt; &amp; bring a friend"
    assert shown[1] == "Helo &lt;b&gt;bawb&lt;/b&gt;"
    assert "To: Everyone — 4 people" in shown[2] and "When: now" in shown[2]


async def test_sending_plans_one_message_per_person_in_their_language(harness, session_maker):
    await write_broadcast(harness, welsh="Helo bawb")
    sent = await harness.tap(ORGANISER_ID, cb(Act.SEND))
    assert texts(sent)[-1] == "Starting to send to 4 people…"
    monitor = BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                               limiter=RateLimiter(1000), wake_sender=lambda: None,
                               ballots=harness.dp["ballots"])
    await monitor.tick()
    rows = await outbox_by_chat(session_maker)
    by_chat = {row.chat_id: row.payload["text"] for row in rows}
    assert by_chat[7002] == by_chat[7003] == "Helo bawb"
    assert by_chat[7001].startswith("Vote on Saturday")
    assert len(rows) == 4
    await monitor.tick()  # planning again adds nobody twice
    assert len(await outbox_by_chat(session_maker)) == 4


async def test_without_welsh_everyone_gets_english(harness, session_maker):
    await write_broadcast(harness, welsh=None)
    await harness.tap(ORGANISER_ID, cb(Act.SEND))
    monitor = BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                               limiter=RateLimiter(1000), wake_sender=lambda: None,
                               ballots=harness.dp["ballots"])
    await monitor.tick()
    # Welsh readers are told first, in Welsh, that it is only in English.
    note = "<i>(Dim ond yn Saesneg mae hwn ar gael)</i>\n"
    assert {row.chat_id: row.payload["text"].removeprefix(note)[:4]
            for row in await outbox_by_chat(session_maker)} == dict.fromkeys(
                [*RESIDENTS, ORGANISER_ID], "Vote")
    assert [row.chat_id for row in await outbox_by_chat(session_maker)
            if row.payload["text"].startswith(note)] == [7002, 7003]


async def test_progress_and_a_single_report(harness, session_maker):
    await write_broadcast(harness)
    await harness.tap(ORGANISER_ID, cb(Act.SEND))
    monitor = BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                               limiter=RateLimiter(1000), wake_sender=lambda: None,
                               ballots=harness.dp["ballots"])
    await monitor.tick()
    async with session_maker.begin() as session:
        rows = list(await session.scalars(select(OutboxMessage)))
        for row, status in zip(rows, [Status.SENT, Status.SENT, Status.BLOCKED, Status.SENT],
                               strict=True):
            row.status = status
    before = len(harness.telegram.requests)
    await monitor.tick()
    await monitor.tick()
    edits = [r for r in harness.telegram.requests[before:] if isinstance(r, EditMessageText)]
    assert edits[-1].text == "Sending… 4 / 4 · 1 could not be reached"
    reports = await outbox_rows(session_maker, "bcreport")
    assert len(reports) == 1
    assert reports[0].chat_id == ORGANISER_ID
    assert "Delivered: 3" in reports[0].payload["text"]
    assert "Blocked the bot: 1" in reports[0].payload["text"]


async def test_progress_edits_are_spaced_out_but_the_last_one_is_not(harness, session_maker):
    await write_broadcast(harness)
    await harness.tap(ORGANISER_ID, cb(Act.SEND))
    monitor = BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                               limiter=RateLimiter(1000), wake_sender=lambda: None,
                               ballots=harness.dp["ballots"], progress_every=60)
    before = len(harness.telegram.requests)
    await monitor.tick()  # planned: "0 / 4" is shown
    async with session_maker.begin() as session:
        first = await session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
        first.status = Status.SENT
    await monitor.tick()  # "1 / 4" would be a new line, but it is too soon
    async with session_maker.begin() as session:
        for row in await session.scalars(select(OutboxMessage)):
            row.status = Status.SENT
    await monitor.tick()  # finished: shown at once
    edits = [r.text for r in harness.telegram.requests[before:] if isinstance(r, EditMessageText)]
    assert edits == ["Sending… 0 / 4 · about 1 second left", "Sending… 4 / 4"]


async def test_scheduled_then_stopped(harness, session_maker):
    for user_id, locale in RESIDENTS.items():
        await join(harness, user_id, locale)
    await join(harness, ORGANISER_ID, Locale.CY)
    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
    await harness.send(ORGANISER_ID, "Later")
    await harness.tap(ORGANISER_ID, cb(Act.SKIP_WELSH))
    await harness.tap(ORGANISER_ID, cb(Act.LATER))
    assert texts(await harness.send(ORGANISER_ID, "yfory"))[0].startswith("Doeddwn i ddim")
    assert texts(await harness.send(ORGANISER_ID, "01/01/2020 10:00"))[0].startswith("Mae'r amser")
    sent = await harness.send(ORGANISER_ID, "31/12/2099 18:30")
    assert "Pryd: Iau 31 Rhag 2099, 18:30" in texts(sent)[-1]
    sent = await harness.tap(ORGANISER_ID, cb(Act.SEND))
    assert texts(sent)[-1].startswith(
        "Wedi'i drefnu ar gyfer Iau 31 Rhag 2099, 18:30. Heddiw, 4 o bobl")
    monitor = BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                               limiter=RateLimiter(1000), wake_sender=lambda: None,
                               ballots=harness.dp["ballots"])
    await monitor.tick()
    assert await outbox_by_chat(session_maker) == []  # not due yet
    async with session_maker() as session:
        broadcast_id = await session.scalar(select(func.max(Broadcast.id)))
    sent = await harness.tap(ORGANISER_ID, cb(Act.STOP, str(broadcast_id)))
    assert texts(sent)[-1].startswith("Wedi stopio.")
    again = await harness.tap(ORGANISER_ID, cb(Act.STOP, str(broadcast_id)))
    assert alerts(again) == ["Mae'r darllediad hwn eisoes wedi gorffen neu wedi'i stopio."]


async def test_bad_input_gets_a_kind_reply_and_the_same_question(harness):
    await join(harness, ORGANISER_ID, Locale.EN)
    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
    sent = await harness.send(ORGANISER_ID, "x" * 5000)
    assert texts(sent) == ["That's 5,000 characters; Telegram allows 4,096. "
                           "Please shorten it and send it again."]
    sent = await harness.send(ORGANISER_ID, "Fine now")
    assert texts(sent)[0].startswith("Now send the Welsh version")


async def test_buttons_out_of_order_or_forged_change_nothing(harness, session_maker):
    await join(harness, ORGANISER_ID, Locale.EN)
    for data in (cb(Act.SEND), cb(Act.NOW), cb(Act.STOP, "999"), cb(Act.STOP, "abc"),
                 "bc:zz:1"):
        sent = await harness.tap(ORGANISER_ID, data)
        assert alerts(sent), data
    await harness.send(ORGANISER_ID, "/broadcast")
    sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "martians"))
    assert alerts(sent) == ["That button is out of date. Here's the current menu."]
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Broadcast)) == 0


async def test_residents_are_refused_and_it_is_logged(harness, session_maker, caplog):
    await join(harness, 7001, Locale.CY)
    with caplog.at_level(logging.WARNING):
        sent = await harness.send(7001, "/broadcast")
        assert texts(sent) == ["Mae'n ddrwg gennym, mae hyn ar gyfer trefnwyr."]
        for action in Act:
            sent = await harness.tap(7001, cb(action, "1"))
            assert alerts(sent) == ["Mae'n ddrwg gennym, mae hyn ar gyfer trefnwyr."]
    assert "refused organiser command" in caplog.text
    assert "refused organiser button" in caplog.text
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Broadcast)) == 0
    assert not any(isinstance(r, SendMessage) and r.chat_id != 7001
                   for r in harness.telegram.requests)
