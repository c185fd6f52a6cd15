"""Leader election for the scheduled jobs: one leader among contenders on PostgreSQL, a standby
takes over when the leader's connection closes, and SQLite simply leads."""

from __future__ import annotations

import asyncio
import time

import asyncpg
import pytest

from bot.jobs.leader import Leader, asyncpg_dsn
from tests.support.databases import EMPTY_SQLITE_ONLY

INTERVAL = 0.2
postgresql_only = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


class Contender:
    """A Leader with its elections and depositions counted, running as a task."""

    def __init__(self, database_url: str, name: str, **options) -> None:
        self.name = name
        self.elected = 0
        self.deposed = 0
        self.leader = Leader(database_url, on_elected=self._elected, on_deposed=self._deposed,
                             interval=INTERVAL, **options)
        self.task: asyncio.Task[None] | None = None

    def _elected(self) -> None:
        self.elected += 1

    async def _deposed(self) -> None:
        self.deposed += 1

    def start(self) -> Contender:
        self.task = asyncio.create_task(self.leader.run())
        return self

    async def stop(self) -> None:
        self.leader.stop()
        await asyncio.wait_for(self.task, 10)


async def until(predicate, timeout: float = 10) -> float:  # noqa: ASYNC109
    """Wait for `predicate()`; return how long it took."""
    started = time.monotonic()
    while not predicate():
        assert time.monotonic() - started < timeout, "timed out"
        await asyncio.sleep(0.02)
    return time.monotonic() - started


@postgresql_only
async def test_of_two_contenders_only_one_leads(database_url):
    a, b = Contender(database_url, "a").start(), Contender(database_url, "b").start()
    try:
        await until(lambda: a.leader.leading or b.leader.leading)
        await asyncio.sleep(INTERVAL * 5)  # several retries by the standby
        assert [a.leader.leading, b.leader.leading].count(True) == 1
        assert a.elected + b.elected == 1
        assert a.deposed == b.deposed == 0
    finally:
        await a.stop()
        await b.stop()
    assert a.elected == a.deposed and b.elected == b.deposed


@postgresql_only
async def test_standby_takes_over_when_the_leaders_connection_closes(database_url):
    a = Contender(database_url, "a").start()
    await until(lambda: a.leader.leading)
    b = Contender(database_url, "b").start()
    try:
        await asyncio.sleep(INTERVAL * 3)
        assert not b.leader.leading and b.elected == 0

        # The leader's session ends as it would when its process dies.
        pid = a.leader._connection.get_server_pid()
        admin = await asyncpg.connect(asyncpg_dsn(database_url))
        try:
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
        finally:
            await admin.close()

        took = await until(lambda: b.leader.leading)
        assert took < INTERVAL * 2 + 1  # within the retry interval (plus connection set-up)
        await until(lambda: a.deposed == 1)  # the old leader noticed and stood down
        await asyncio.sleep(INTERVAL * 3)
        assert not a.leader.leading and a.elected == 1
        assert b.elected == 1
    finally:
        await a.stop()
        await b.stop()


@postgresql_only
async def test_a_leader_that_stops_lets_go_at_once(database_url):
    a = Contender(database_url, "a").start()
    await until(lambda: a.leader.leading)
    b = Contender(database_url, "b").start()
    try:
        await a.stop()
        assert a.deposed == 1 and not a.leader.leading
        await until(lambda: b.leader.leading, timeout=INTERVAL * 2 + 1)
    finally:
        await b.stop()
    assert b.deposed == 1


@postgresql_only
async def test_a_failed_start_releases_the_lock_and_is_tried_again(database_url):
    attempts = []

    def flaky_start() -> None:
        attempts.append(time.monotonic())
        if len(attempts) == 1:
            raise RuntimeError("scheduler failed to start")

    leader = Leader(database_url, on_elected=flaky_start, on_deposed=lambda: None,
                    interval=INTERVAL)
    task = asyncio.create_task(leader.run())
    try:
        await until(lambda: len(attempts) == 2)
        assert leader.leading
    finally:
        leader.stop()
        await asyncio.wait_for(task, 10)


@postgresql_only
async def test_different_locks_do_not_exclude_each_other(database_url):
    a = Contender(database_url, "a", key=1).start()
    b = Contender(database_url, "b", key=2).start()
    try:
        await until(lambda: a.leader.leading and b.leader.leading)
    finally:
        await a.stop()
        await b.stop()


@EMPTY_SQLITE_ONLY
async def test_sqlite_has_one_process_so_it_simply_leads(empty_database_url):
    a = Contender(empty_database_url, "a").start()
    await until(lambda: a.leader.leading)
    await asyncio.sleep(INTERVAL * 3)
    assert a.elected == 1 and a.deposed == 0
    await a.stop()
    assert a.deposed == 1 and not a.leader.leading


def test_the_dsn_keeps_credentials_and_drops_the_driver():
    assert asyncpg_dsn("postgresql+asyncpg://bot:pw@db.example:5433/pb") == (
        "postgresql://bot:pw@db.example:5433/pb")
