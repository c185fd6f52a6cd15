"""A broadcast report names who could not be reached and why, by a short reference (never a
Telegram id), and offers "Try again for these" for the messages the bot is not sure about;
chosen once, it sends them again and reports again; a second try is refused."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.jobs.broadcast_monitor import BroadcastMonitor
from bot.jobs.delivery import RateLimiter
from bot.ui.callbacks import BroadcastAction as Act
from bot.ui.callbacks import Locale
from models.outbox import OutboxMessage, Status
from models.unreached import short_reference
from tests.conftest import ORGANISER_ID
from tests.support.broadcasts import RESIDENTS, outbox_by_chat, write_broadcast
from tests.support.factories import broadcast_cb as cb
from tests.support.factories import join, outbox_rows
from tests.support.flow import alerts, texts


def monitor_for(harness, session_maker) -> BroadcastMonitor:
    return BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                            limiter=RateLimiter(1000), wake_sender=lambda: None,
                            ballots=harness.dp["ballots"])


async def finish_with(session_maker, outcomes: dict[int, Status]) -> None:
    async with session_maker.begin() as session:
        for row in await session.scalars(select(OutboxMessage).where(
                OutboxMessage.broadcast_id.is_not(None))):
            row.status = outcomes.get(row.chat_id, Status.SENT)


async def reports(session_maker) -> list[OutboxMessage]:
    return await outbox_rows(session_maker, "bcreport")


async def a_broadcast_with_failures(harness, session_maker, locale=Locale.EN):
    await write_broadcast(harness)
    await join(harness, ORGANISER_ID, locale)
    await harness.tap(ORGANISER_ID, cb(Act.SEND))
    monitor = monitor_for(harness, session_maker)
    await monitor.tick()
    await finish_with(session_maker, {7001: Status.BLOCKED, 7002: Status.UNCERTAIN,
                                      7003: Status.FAILED})
    await monitor.tick()
    [report] = await reports(session_maker)
    return monitor, report


async def test_the_report_names_each_failure_by_reference_and_offers_a_retry(harness,
                                                                             session_maker):
    _monitor, report = await a_broadcast_with_failures(harness, session_maker)
    text, key = report.payload["text"], harness.settings.ballot_key
    assert "<b>Could not be reached:</b>" in text
    assert f"• {short_reference(key, 7001)} — blocked the bot" in text
    assert (f"• {short_reference(key, 7002)} — not sure it arrived (the bot stopped while "
            "sending)") in text
    assert f"• {short_reference(key, 7003)} — Telegram would not take the message" in text
    for telegram_id in RESIDENTS:  # never an id in the organiser's chat
        assert str(telegram_id) not in text
    assert re.fullmatch(r"P-[A-Z2-7]{4}", short_reference(key, 7001))
    [[button]] = report.payload["reply_markup"]["inline_keyboard"]
    assert button["text"] == "Try again for these (1) 🔁"


async def test_try_again_resends_only_the_uncertain_once(harness, session_maker):
    monitor, report = await a_broadcast_with_failures(harness, session_maker)
    retry = report.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    sent = await harness.tap(ORGANISER_ID, retry)
    assert texts(sent)[-1] == ("Trying again for 1 person. You will get a new report when it "
                               "is done.")
    statuses = {row.chat_id: row.status for row in await outbox_by_chat(session_maker)
                if row.broadcast_id is not None and row.chat_id != ORGANISER_ID}
    assert statuses == {7001: Status.BLOCKED, 7002: Status.PENDING, 7003: Status.FAILED}
    again = await harness.tap(ORGANISER_ID, retry)
    assert alerts(again) == ["This has been tried again already, or there is nothing left to "
                             "try. Nothing was sent."]
    await finish_with(session_maker, {7001: Status.BLOCKED, 7002: Status.UNCERTAIN,
                                      7003: Status.FAILED})
    await monitor.tick()
    first, second = await reports(session_maker)
    assert second.dedupe_key.endswith(":again")
    assert "reply_markup" not in second.payload  # offered once only
    assert alerts(await harness.tap(ORGANISER_ID, retry))[0].startswith("This has been tried")


async def test_in_welsh(harness, session_maker):
    _monitor, report = await a_broadcast_with_failures(harness, session_maker, Locale.CY)
    text = report.payload["text"]
    assert "<b>Doedd dim modd cyrraedd:</b>" in text
    assert "wedi rhwystro'r bot" in text and "ddim yn siŵr a gyrhaeddodd" in text
    [[button]] = report.payload["reply_markup"]["inline_keyboard"]
    assert button["text"] == "Rhoi cynnig arall ar y rhain (1) 🔁"
    sent = await harness.tap(ORGANISER_ID, button["callback_data"])
    assert texts(sent)[-1].startswith("Rhoi cynnig arall arni (pobl: 1).")


async def test_a_resident_cannot_trigger_a_retry(harness, session_maker):
    _monitor, report = await a_broadcast_with_failures(harness, session_maker)
    retry = report.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert alerts(await harness.tap(7001, retry)) == ["Sorry, this is for organisers."]
    statuses = {row.chat_id: row.status for row in await outbox_by_chat(session_maker)
                if row.broadcast_id is not None and row.chat_id != ORGANISER_ID}
    assert statuses[7002] == Status.UNCERTAIN
