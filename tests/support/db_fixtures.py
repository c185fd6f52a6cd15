"""Throw-away databases for tests: a SQLite file per test, a PostgreSQL schema per test run.

Use them from a test module with `pytest_plugins = ["tests.support.db_fixtures"]`.
PostgreSQL is expected at 127.0.0.1:5432 (user postgres, trust auth, database `test`;
override with PBCHAT_TEST_POSTGRES_URL). When it is unreachable the PostgreSQL variants
are skipped locally but fail under CI=true, so CI cannot go green without them.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

import models.outbox  # noqa: F401  (registers the outbox table on Base.metadata)
import models.user  # noqa: F401  (registers the users table on Base.metadata)
from models.base import Base
from models.db import create_engine, sync_url
from tests.support.databases import unavailable

POSTGRES_URL = os.environ.get(
    "PBCHAT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


@asynccontextmanager
async def sqlite_database(directory: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{directory / 'test.db'}")
    try:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        yield engine
    finally:
        await engine.dispose()


@asynccontextmanager
async def postgres_database(schema: str) -> AsyncIterator[AsyncEngine]:
    """An engine on the run's schema, emptied first so every test starts from nothing."""
    engine = create_engine(POSTGRES_URL, connect_args={"server_settings": {"search_path": schema}})
    try:
        tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str]:
    """A uniquely named schema holding every table, dropped when the test run ends.

    Synchronous (psycopg2) because a session-wide asyncpg connection would be tied to
    one test's event loop; creating the tables once keeps each test at a TRUNCATE.
    """
    schema = f"pbchat_test_{uuid4().hex[:12]}"
    url = sync_url(POSTGRES_URL)
    admin = create_sync_engine(url, connect_args={"connect_timeout": 5})
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except (OSError, DBAPIError) as exc:
        admin.dispose()
        _postgres_unavailable(exc)
    try:
        tables = create_sync_engine(url, connect_args={"options": f"-c search_path={schema}"})
        with tables.begin() as conn:
            Base.metadata.create_all(conn)
        tables.dispose()
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _postgres_unavailable(exc: Exception) -> None:
    unavailable(f"PostgreSQL at {POSTGRES_URL} is unreachable: {exc}")


@pytest.fixture
async def sqlite_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    async with sqlite_database(tmp_path) as engine:
        yield engine


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """The same test on both backends the bot supports."""
    if request.param == "sqlite":
        database = sqlite_database(tmp_path)
    else:
        database = postgres_database(request.getfixturevalue("postgres_schema"))
    async with database as engine:
        yield engine
