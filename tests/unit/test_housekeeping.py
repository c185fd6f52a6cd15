"""Housekeeping jobs live in the bot's database, so their schedule survives a restart."""

from __future__ import annotations

import asyncio
import logging
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


async def _stop_mid_job(caplog, wrap):
    """Start a scheduler, stop it while a job (`wrap`ped) runs; what was logged."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    started = asyncio.Event()

    async def slow(**_: object) -> str:
        started.set()
        await asyncio.sleep(60)
        return "finished"

    scheduler = AsyncIOScheduler()
    scheduler.start()
    scheduler.add_job(wrap(slow), id="slow")
    await asyncio.wait_for(started.wait(), 10)
    with caplog.at_level(logging.INFO):
        scheduler.shutdown(wait=False)
        for _ in range(3):  # the cancelled job ends on the next turns of the loop
            await asyncio.sleep(0)
    return caplog


async def test_stopping_the_bot_mid_chore_is_one_line_not_a_traceback(caplog) -> None:
    """APScheduler cancels a chore in flight at shutdown and would log it as a failure, with a
    traceback, on every stop that meets one (seen in the log of `python -m bot` stopped a few
    seconds after starting, while retention ran)."""
    from bot.jobs.housekeeping import chore

    logged = await _stop_mid_job(caplog, chore)
    assert "slow stopped part-way as the bot stopped" in logged.text
    assert not [r for r in logged.records if r.exc_info], "a traceback was logged"
    assert "raised an exception" not in logged.text


async def test_apscheduler_still_logs_a_cancelled_job_as_a_failure(caplog) -> None:
    """Why `chore` exists; if an APScheduler upgrade stops doing this, `chore` can go."""
    logged = await _stop_mid_job(caplog, lambda job: job)
    assert "raised an exception" in logged.text
