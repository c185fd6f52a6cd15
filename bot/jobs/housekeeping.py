"""Periodic upkeep on APScheduler, whose job store lives in the bot's own database.

Only recurring chores run here. One-off sends at a set time (scheduled broadcasts, reminders)
are rows with a due time in `broadcasts` / `outbox`, claimed by the delivery loop: they need no
pickled job, and several processes can share them safely (see docs/decisions.md).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from models.db import create_engine, create_session_maker, sync_url
from models.personal_data import checkpoint_after_erasure
from models.processed_update import prune_processed
from models.retention import DEFAULT_RETENTION_DAYS, apply_retention

log = logging.getLogger(__name__)
PRUNE_JOB = "prune-processed-updates"
RETENTION_JOB = "erase-personal-data-of-closed-rounds"
T = TypeVar("T")


def chore(job: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T | None]]:
    """A chore the bot may stop part-way: stopping the bot cancels a chore in flight (APScheduler
    cancels its jobs at shutdown), which APScheduler would log as a failure with a traceback.
    Each chore runs in its own transactions and simply runs again next time, so a stop is one
    line in the log, not an error. (functools.wraps keeps the name APScheduler stores.)"""
    @functools.wraps(job)
    async def run(*args: Any, **kwargs: Any) -> T | None:
        try:
            return await job(*args, **kwargs)
        except asyncio.CancelledError:
            log.info("%s stopped part-way as the bot stopped; it runs again next time",
                     job.__name__)
            return None
    return run


def start_scheduler(database_url: str, *, paused: bool = False,
                    retention_days: int = DEFAULT_RETENTION_DAYS) -> AsyncIOScheduler:
    """Start the scheduler and add any chore not yet in the store.

    Adding only missing jobs keeps their stored next run time: replacing them at every start
    would push a six-hourly chore back at each restart, so it might never run.
    """
    scheduler = AsyncIOScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=sync_url(database_url))},
        timezone=UTC,
        # After downtime, run a missed chore once, not once per missed interval.
        job_defaults={"coalesce": True, "misfire_grace_time": 24 * 3600, "max_instances": 1},
    )
    scheduler.start(paused=paused)
    if scheduler.get_job(PRUNE_JOB) is None:
        scheduler.add_job(prune_processed_updates, "interval", hours=6, id=PRUNE_JOB,
                          kwargs={"database_url": database_url})
    retention = {"database_url": database_url, "days": retention_days}
    if (job := scheduler.get_job(RETENTION_JOB)) is None:
        scheduler.add_job(erase_expired_personal_data, "interval", hours=6, id=RETENTION_JOB,
                          kwargs=retention, next_run_time=datetime.now(UTC))
    elif job.kwargs != retention:  # RETENTION_DAYS changed: keep the time of the next run
        scheduler.modify_job(RETENTION_JOB, kwargs=retention)
    return scheduler


@chore
async def prune_processed_updates(database_url: str) -> int:
    # Jobs are stored by reference and must not hold live objects, so open our own engine.
    engine = create_engine(database_url)
    try:
        async with create_session_maker(engine).begin() as session:
            pruned = await prune_processed(session)
    finally:
        await engine.dispose()
    log.info("pruned %s processed update ids", pruned)
    return pruned


@chore
async def erase_expired_personal_data(database_url: str, days: int) -> str:
    """Retention (models/retention.py): erase what ties people to rounds closed `days` ago."""
    engine = create_engine(database_url)
    try:
        async with create_session_maker(engine).begin() as session:
            erased = await apply_retention(session, datetime.now(UTC), days)
        await checkpoint_after_erasure(engine)  # no copy left in SQLite's write-ahead log
    finally:
        await engine.dispose()
    log.info("retention (%s days): erased %s", days, erased.describe())
    return erased.describe()

