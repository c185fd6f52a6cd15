"""Reminders through the real bot process and the Bot API stand-in: a resident registers from
a deep link, the bot is restarted before the first reminder and again between the two, and
each reminder arrives exactly once, on time, with its "Can't come? Cancel" button working.

The bot's clock is moved forward through TEST_CLOCK_FILE (bot/clock.py) instead of waiting for
the reminders in real time; `elapsed()` is the time since seeding on the bot's clock.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from bot.ui.callbacks import EventAction, EventCb
from models import event as events
from models.base import utcnow
from models.event_rules import OFFERED_PLACE
from tests.support.bot_process import ClockFile
from tests.support.databases import SQLITE_ONLY
from tests.support.e2e import bot_env
from tests.support.e2e import start_polling_bot as started
from tests.support.telegram_stub import TelegramStub

RESIDENT = 424242
# The event starts STARTS_IN seconds after seeding; reminders go OFFSETS before it.
STARTS_IN, OFFSETS = 130, "85s,45s"
FIRST_DUE, SECOND_DUE = STARTS_IN - 85, STARTS_IN - 45


async def seed_event(session_maker) -> int:
    start = utcnow() + timedelta(seconds=STARTS_IN)
    async with session_maker.begin() as session:
        event = await events.create_event(
            session, kind="cafe", title_en="Ringland World Café", title_cy="Caffi'r Byd",
            description_en="Talk and tea", description_cy="Sgwrs a phaned", area="Ringland",
            venue="Hall", address="1 Road", starts_at=start,
            ends_at=start + timedelta(hours=2))
        return event.id


def reminders(stub: TelegramStub) -> list:
    return [m for m in stub.messages_to(RESIDENT)
            if (m.text or "").startswith("<b>Reminder</b> ⏰")]


@SQLITE_ONLY
async def test_reminders_fire_once_each_across_restarts(tmp_path, database_url, session_maker):
    clock = ClockFile(tmp_path / "clock")
    moved = 0.0  # seconds the bot's clock is ahead of the real one

    def elapsed() -> float:
        return time.monotonic() - seeded_at + moved

    def move_to(seconds_after_seeding: float) -> None:
        nonlocal moved
        moved += seconds_after_seeding - elapsed()
        clock.move(moved)

    async with TelegramStub() as stub:
        seeded_at = time.monotonic()
        event_id = await seed_event(session_maker)
        env = bot_env(stub, database_url, REMINDER_OFFSETS=OFFSETS, STALE_AFTER_SECONDS="3",
                      **clock.env)
        process = await started(stub, env)

        # From the poster: the link (the privacy notice, then the event), then Register.
        stub.push_message(RESIDENT, f"/start ev_{event_id}")
        card = (await stub.wait_for_messages(RESIDENT, 2))[-1]
        register = EventCb(action=EventAction.REGISTER, event_id=event_id,
                           value=OFFERED_PLACE).pack()
        assert (("Register ✅", register) in stub.buttons(card)), card.text
        stub.push_callback(RESIDENT, register)
        sent = await stub.wait_for_messages(RESIDENT, 4)
        assert sent[2].method == "sendPhoto" and "You're registered" in sent[2].text
        assert sent[3].method == "sendDocument"

        # Down and up again before the first reminder is due.
        assert await process.stop() == 0, process.log_tail()
        assert elapsed() < FIRST_DUE - 2, "too slow to test a restart"
        process = await started(stub, env)
        move_to(FIRST_DUE - 4)
        await asyncio.sleep(3)  # the delivery loop looks every second: nothing is due yet
        assert reminders(stub) == [], "first reminder early"
        move_to(FIRST_DUE)
        await stub.wait_for(lambda: len(reminders(stub)) >= 1, timeout=30)
        first_at = elapsed()
        assert first_at >= FIRST_DUE - 2, f"first reminder early: {first_at:.1f}s"

        # And again between the two reminders.
        assert await process.stop() == 0, process.log_tail()
        process = await started(stub, env)
        move_to(SECOND_DUE - 4)
        await asyncio.sleep(3)
        assert len(reminders(stub)) == 1, "second reminder early"
        move_to(SECOND_DUE)
        await stub.wait_for(lambda: len(reminders(stub)) >= 2, timeout=30)
        await asyncio.sleep(3)  # a repeat would show up now
        got = reminders(stub)
        assert len(got) == 2, [m.text for m in got]
        assert all("Ringland World Café" in m.text for m in got)
        cancel = EventCb(action=EventAction.CANCEL, event_id=event_id).pack()
        assert stub.buttons(got[-1]) == [("Can't come? Cancel", cancel)]

        # The button in the reminder works.
        count = len(stub.messages_to(RESIDENT))
        stub.push_callback(RESIDENT, cancel, message_id=got[-1].message_id)
        asked = (await stub.wait_for_messages(RESIDENT, count + 1))[-1]
        assert asked.text.startswith("Cancel your place?")
        assert await process.stop() == 0, process.log_tail()
        assert "Traceback" not in process.log_text()
