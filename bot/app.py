"""Start-up and shut-down of the running bot: database, migrations, delivery, polling."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.fsm.storage.redis import RedisStorage
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli.migrate import migrate
from bot.clock import install_test_clock
from bot.dispatcher import create_bot, create_dispatcher
from bot.jobs.broadcast_monitor import BroadcastMonitor
from bot.jobs.delivery import DeliveryWorker, RateLimiter
from bot.jobs.event_monitor import EventMonitor
from bot.jobs.housekeeping import start_scheduler
from bot.jobs.leader import Leader
from bot.jobs.notifier import Notifier
from bot.jobs.shared_limit import SharedRateLimiter
from bot.jobs.vote_notices import FinishReminders
from bot.jobs.voting_monitor import VotingMonitor
from bot.settings import Settings
from bot.webhook import create_web_app, serve
from models.db import create_engine, create_session_maker

log = logging.getLogger(__name__)
T = TypeVar("T")


class TokenRefused(Exception):
    """Telegram answered that BOT_TOKEN is not a bot's token (401, or 404 for a token that was
    revoked or mistyped). Trying again cannot help, so the bot stops and says which setting."""


async def reach_telegram(call: Callable[[], Awaitable[T]], *, first_wait: float = 1.0,
                         longest_wait: float = 60.0,
                         sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> T:
    """The bot's first request to Telegram, tried until it gets through.

    A server often starts the bot before its network is up, or while Telegram has a bad
    minute; crashing then would leave the bot down until someone notices. Waits double from
    `first_wait` up to `longest_wait`, each logged in one line.
    """
    wait = first_wait
    while True:
        try:
            return await call()
        except (TelegramUnauthorizedError, TelegramNotFound) as exc:
            raise TokenRefused(str(exc)) from None
        except TelegramRetryAfter as exc:
            log.warning("Telegram asks to wait %s s before the first request", exc.retry_after)
            await sleep(exc.retry_after)
        except (TelegramNetworkError, TelegramServerError) as exc:
            log.warning("Telegram cannot be reached yet (%s); trying again in %.0f s", exc, wait)
            await sleep(wait)
            wait = min(wait * 2, longest_wait)


async def migrate_only(settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine)
    finally:
        await engine.dispose()
    log.info("database is up to date")
    return 0


def create_limiter(bot: Bot, dp: Dispatcher, settings: Settings) -> RateLimiter:
    """With Redis, every process of the bot shares one send rate (bot/jobs/shared_limit.py)."""
    if isinstance(dp.storage, RedisStorage):
        return SharedRateLimiter(dp.storage.redis, f"pbchat:send:{bot.id}", settings.send_rate)
    return RateLimiter(settings.send_rate)


class Background:
    """Delivery worker, monitors and housekeeping: started and stopped with the bot."""

    def __init__(self, bot: Bot, dp: Dispatcher, settings: Settings,
                 session_maker: async_sessionmaker[AsyncSession]) -> None:
        limiter = create_limiter(bot, dp, settings)
        self.worker = DeliveryWorker(
            bot, session_maker, limiter,
            worker_id=f"{socket.gethostname()}-{os.getpid()}",
            stale_after=timedelta(seconds=settings.stale_after_seconds),
        )
        notifier: Notifier = dp["notifier"]
        self.monitor = BroadcastMonitor(bot, session_maker, notifier,
                                        limiter=limiter, wake_sender=self.worker.wake,
                                        ballots=dp["ballots"],
                                        wake=dp["broadcast_wake"])
        self.events = EventMonitor(session_maker, notifier, wake_sender=self.worker.wake)
        self.voting = VotingMonitor(session_maker, notifier,
                                    organiser_ids=settings.organiser_ids,
                                    wake_sender=self.worker.wake)
        self.finish = FinishReminders(session_maker, notifier,
                                      after=timedelta(hours=settings.ballot_reminder_hours),
                                      ballots=dp["ballots"], wake_sender=self.worker.wake)
        self._database_url = settings.database_url
        self._retention_days = settings.retention_days
        self.scheduler: AsyncIOScheduler | None = None
        # One process runs the scheduled chores (bot/jobs/leader.py); the others stand by.
        self.leader = Leader(settings.database_url, on_elected=self._start_scheduler,
                             on_deposed=self._stop_scheduler)
        self._tasks: list[asyncio.Task[None]] = []

    def _start_scheduler(self) -> None:
        self.scheduler = start_scheduler(self._database_url, retention_days=self._retention_days)

    def _stop_scheduler(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None

    async def start(self) -> None:
        self._tasks = [asyncio.create_task(self.worker.run(), name="delivery"),
                       asyncio.create_task(self.monitor.run(), name="broadcasts"),
                       asyncio.create_task(self.events.run(), name="waiting-lists"),
                       asyncio.create_task(self.voting.run(), name="voting-windows"),
                       asyncio.create_task(self.finish.run(), name="finish-reminders"),
                       asyncio.create_task(self.leader.run(), name="leader")]

    async def stop(self) -> None:
        # Finish what is in flight so nothing sent is left unrecorded (exactly once).
        self.leader.stop()  # its loop ends by shutting the scheduler down and letting go
        self.monitor.stop()
        self.events.stop()
        self.voting.stop()
        self.finish.stop()
        await self.worker.stop()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def settle_heap() -> None:
    """Freeze what start-up built (aiogram's and pydantic's types, translations, SQLAlchemy's
    mappers): it lives until exit, and the cyclic garbage collector then stops walking it on
    every full collection. Unfrozen, those took 100-300 ms under load, stalling every update
    in flight (they were the p99 of bench/load.py)."""
    gc.collect()
    gc.freeze()


async def run(settings: Settings) -> int:
    if settings.test_clock_file:
        install_test_clock(settings.test_clock_file)
    engine = create_engine(settings.database_url, pool_size=settings.pool_size)
    await migrate(engine)
    session_maker = create_session_maker(engine)
    bot = create_bot(settings)
    dp = create_dispatcher(settings, session_maker)
    background = Background(bot, dp, settings, session_maker)
    dp["delivery"] = background.worker
    dp.startup.register(background.start)
    dp.startup.register(settle_heap)  # last: after the translations and workers are loaded
    dp.shutdown.register(background.stop)
    try:
        if settings.webhook_url:
            await reach_telegram(lambda: bot.set_webhook(
                settings.webhook_url, secret_token=settings.webhook_secret.get_secret_value(),
                max_connections=settings.webhook_max_connections,
                allowed_updates=dp.resolve_used_update_types()))
            await serve(create_web_app(bot, dp, settings, session_maker), settings.port)
        else:
            await reach_telegram(lambda: bot.delete_webhook(drop_pending_updates=False))
            await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types())
    finally:
        await dp.storage.close()
        await bot.session.close()
        await engine.dispose()
    return 0
