"""Housekeeping jobs live in the bot's database, so their schedule survives a restart."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.jobs.housekeeping import PRUNE_JOB, RETENTION_JOB, prune_processed_updates, start_scheduler
from models.base import utcnow
from models.processed_update import ProcessedUpdate


async def test_the_schedule_is_stored_and_survives_a_restart(engine, database_url):
    scheduler = start_scheduler(database_url, paused=True)
    first = scheduler.get_job(PRUNE_JOB).next_run_time
    scheduler.shutdown(wait=False)

    restarted = start_scheduler(database_url, paused=True)
    try:
        assert restarted.get_job(PRUNE_JOB).next_run_time == first
        assert {job.id for job in restarted.get_jobs()} == {PRUNE_JOB, RETENTION_JOB}
    finally:
        restarted.shutdown(wait=False)


async def test_prune_job_removes_only_old_update_ids(session_maker, database_url):
    async with session_maker.begin() as session:
        session.add_all([ProcessedUpdate(update_id=1, seen_at=utcnow() - timedelta(days=4)),
                         ProcessedUpdate(update_id=2, seen_at=utcnow())])
    assert await prune_processed_updates(database_url) == 1
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(ProcessedUpdate)) == 1
