"""Throwaway databases for tests: an SQLite file, or a fresh database on the local PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import queue
import shutil
import threading
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import psycopg2
import pytest

PG_HOST = os.environ.get("PGHOST", "127.0.0.1")
PG_ADMIN_DSN = f"postgresql://postgres@{PG_HOST}:5432/test"
BACKENDS = ("sqlite", "postgresql")
# The PostgreSQL runs keep conversation state in Redis too (production's scale path); each
# test uses keys of its own (a prefix, or a bot id of its own in end-to-end tests).
REDIS_URL = os.environ.get("PBCHAT_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
# On a test: its `database_url` (and so `engine`, `session_maker`, `harness`) on SQLite alone.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
# Its `empty_database_url` (no migration yet: what the bot or a command starts from) on SQLite.
EMPTY_SQLITE_ONLY = pytest.mark.parametrize("empty_database_url", ["sqlite"], indirect=True)


def unavailable(reason: str) -> None:
    """Skip on a laptop without the server; on CI (CI=true) the run must happen, so fail."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: this test must run, not skip)")
    pytest.skip(reason)


async def require_redis(url: str = REDIS_URL) -> str:
    """`url` if a Redis server answers there; otherwise skip (fail with CI=true)."""
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_connect_timeout=5)
    try:
        await client.ping()
    except Exception as exc:  # noqa: BLE001 - any connection failure means "no server"
        unavailable(f"Redis at {url} unreachable: {exc}")
    finally:
        await client.aclose()
    return url


@asynccontextmanager
async def temporary_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """Yield an async SQLAlchemy URL of an empty database that is removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'pbchat-test.db'}"
        return
    async with _postgres_database() as url:
        yield url


class MigratedTemplates:
    """One migrated database per backend per test run; every test gets its own copy.

    Running every migration for each of hundreds of tests dominated the suite's time; copying
    a file (SQLite) or cloning a template database (PostgreSQL) takes milliseconds.
    """

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._made: dict[str, str] = {}
        self._spares: _Spares | None = None

    @asynccontextmanager
    async def copy(self, backend: str, tmp_path: Path) -> AsyncIterator[str]:
        if backend == "sqlite":
            target = tmp_path / "pbchat-test.db"
            shutil.copyfile(await self._template("sqlite"), target)
            yield f"sqlite+aiosqlite:///{target}"
            return
        if self._spares is None:
            self._spares = _Spares(await self._template("postgresql"))
        name = await asyncio.to_thread(self._spares.take)
        try:
            yield f"postgresql+asyncpg://postgres@{PG_HOST}:5432/{name}"
        finally:
            self._spares.drop_later(name)

    async def _template(self, backend: str) -> str:
        if backend not in self._made:
            if backend == "sqlite":
                path = self._folder / "template.db"
                await _migrate(f"sqlite+aiosqlite:///{path}")
                self._made[backend] = str(path)
            else:
                name = f"pbchat_template_{uuid.uuid4().hex[:12]}"
                admin = await _admin()
                try:
                    await admin.execute(f'CREATE DATABASE "{name}"')
                finally:
                    await admin.close()
                await _migrate(f"postgresql+asyncpg://postgres@{PG_HOST}:5432/{name}")
                self._made[backend] = name
        return self._made[backend]

    def drop(self) -> None:
        if self._spares is not None:
            self._spares.close()
        if name := self._made.get("postgresql"):
            _drop_now(name)


class _Spares:
    """PostgreSQL copies of the template, made on a thread of their own one test ahead.

    Cloning a migrated database takes 0.2-0.4 s, mostly the server writing files; made while the
    previous test runs, a test finds its copy ready. Used copies are dropped the same way.
    """

    AHEAD = 2

    def __init__(self, template: str) -> None:
        self._template = template
        self._jobs: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._ready: queue.Queue[str | BaseException] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="pbchat-test-databases",
                                        daemon=True)
        self._thread.start()
        for _ in range(self.AHEAD):
            self._jobs.put(("create", ""))

    def take(self) -> str:
        made = self._ready.get(timeout=120)
        if isinstance(made, BaseException):
            raise made
        self._jobs.put(("create", ""))
        return made

    def drop_later(self, name: str) -> None:
        self._jobs.put(("drop", name))

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=120)
        while not self._ready.empty():
            if isinstance(name := self._ready.get(), str):
                _drop_now(name)

    def _work(self) -> None:
        connection = None
        while (job := self._jobs.get()) is not None:
            verb, name = job
            try:
                if connection is None:
                    connection = psycopg2.connect(host=PG_HOST, user="postgres", dbname="test",
                                                  connect_timeout=5)
                    connection.autocommit = True
                with connection.cursor() as cursor:
                    if verb == "create":
                        name = f"pbchat_test_{uuid.uuid4().hex[:12]}"
                        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')
                        self._ready.put(name)
                    else:
                        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as exc:  # noqa: BLE001 - handed to the test that waits for it
                if connection is not None and connection.closed:
                    connection = None
                if verb == "create":
                    self._ready.put(exc)
        if connection is not None:
            connection.close()


def _drop_now(name: str) -> None:
    connection = psycopg2.connect(host=PG_HOST, user="postgres", dbname="test")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


async def _migrate(url: str) -> None:
    from bot.cli.migrate import migrate
    from models.db import create_engine

    engine = create_engine(url)
    try:
        await migrate(engine)
    finally:
        await engine.dispose()


async def _admin() -> asyncpg.Connection:
    try:
        return await asyncpg.connect(PG_ADMIN_DSN, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        unavailable(f"PostgreSQL at {PG_HOST}:5432 unreachable: {exc}")


@asynccontextmanager
async def _postgres_database(template: str | None = None) -> AsyncIterator[str]:
    name = f"pbchat_test_{uuid.uuid4().hex[:12]}"
    admin = await _admin()
    try:
        clause = f' TEMPLATE "{template}"' if template else ""
        await admin.execute(f'CREATE DATABASE "{name}"{clause}')
        yield f"postgresql+asyncpg://postgres@{PG_HOST}:5432/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
