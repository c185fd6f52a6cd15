"""Periodic upkeep on APScheduler, whose job store lives in the bot's own database.

Only recurring chores run here. One-off sends at a set time (scheduled broadcasts, reminders)
are rows with a due time in `broadcasts` / `outbox`, claimed by the delivery loop: they need no
pickled job, and several processes can share them safely (see docs/decisions.md).
"""

from __future__ import annotations

import logging
from datetime import UTC

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from models.db import create_engine, create_session_maker, sync_url
from models.processed_update import prune_processed

log = logging.getLogger(__name__)
PRUNE_JOB = "prune-processed-updates"


def start_scheduler(database_url: str, *, paused: bool = False) -> AsyncIOScheduler:
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
    return scheduler


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
