"""Send wakes the broadcast monitor at once, and only once the broadcast is committed."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import func, select

from bot.jobs.broadcast_monitor import BroadcastMonitor
from bot.jobs.delivery import RateLimiter
from bot.jobs.periodic import Periodic, after_commit
from bot.ui.callbacks import BroadcastAction as Act
from bot.ui.callbacks import BroadcastCb, LanguageCb, Locale
from models.outbox import OutboxMessage
from models.user import User
from tests.conftest import ORGANISER_ID


class Counter(Periodic):
    def __init__(self, **options) -> None:
        super().__init__(60.0, **options)
        self.ticks = 0
        self.ticked = asyncio.Event()

    async def tick(self) -> None:
        self.ticks += 1
        self.ticked.set()


async def next_tick(loop: Counter, within: float = 1.0) -> None:
    loop.ticked.clear()
    async with asyncio.timeout(within):
        await loop.ticked.wait()


async def test_a_wake_runs_the_next_tick_at_once_and_stop_ends_the_wait():
    wake = asyncio.Event()
    loop = Counter(wake=wake)
    running = asyncio.create_task(loop.run())
    await next_tick(loop)
    wake.set()  # as a handler does, through the dispatcher's workflow data
    await next_tick(loop)
    loop.wake()
    await next_tick(loop)
    assert loop.ticks == 3
    started = time.monotonic()
    loop.stop()
    await asyncio.wait_for(running, 1)
    assert time.monotonic() - started < 1


async def test_after_commit_runs_on_commit_only_and_once(session_maker):
    calls: list[str] = []
    async with session_maker() as session:
        after_commit(session, lambda: calls.append("rolled back"))
        session.add(User(telegram_id=1, locale="en"))
        await session.flush()
        await session.rollback()
    async with session_maker() as session:
        after_commit(session, lambda: calls.append("committed"))
        session.add(User(telegram_id=2, locale="en"))
        assert calls == []
        await session.commit()
        session.add(User(telegram_id=3, locale="en"))
        await session.commit()
    assert calls == ["committed"]


async def test_send_is_planned_without_waiting_for_the_monitors_interval(harness, session_maker):
    async with session_maker.begin() as session:
        session.add_all(User(telegram_id=tid, locale="cy") for tid in (7001, 7002))
    monitor = BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                               limiter=RateLimiter(1000), wake_sender=lambda: None,
                               ballots=harness.dp["ballots"], interval=60,
                               wake=harness.dp["broadcast_wake"])
    running = asyncio.create_task(monitor.run())
    try:
        await harness.send(ORGANISER_ID, "/start")
        await harness.tap(ORGANISER_ID, LanguageCb(locale=Locale.CY).pack())
        await harness.send(ORGANISER_ID, "/broadcast")
        await harness.tap(ORGANISER_ID, BroadcastCb(action=Act.AUDIENCE, value="all").pack())
        await harness.send(ORGANISER_ID, "Helo")
        await harness.tap(ORGANISER_ID, BroadcastCb(action=Act.SKIP_WELSH).pack())
        await harness.tap(ORGANISER_ID, BroadcastCb(action=Act.NOW).pack())
        await asyncio.sleep(0.2)  # the monitor's first look found nothing: it waits 60 s
        await harness.tap(ORGANISER_ID, BroadcastCb(action=Act.SEND).pack())
        await asyncio.sleep(1)  # far less than the monitor's 60 s
    finally:
        monitor.stop()
        await running
    assert await planned(session_maker) == 3


async def planned(session_maker) -> int:
    async with session_maker() as session:
        return await session.scalar(select(func.count()).select_from(OutboxMessage)
                                    .where(OutboxMessage.broadcast_id.is_not(None)))
