"""Throw-away databases for tests: a SQLite file per test, and a PostgreSQL schema per test.

Use them from a test module with `pytest_plugins = ["tests.db_fixtures"]`.
PostgreSQL is expected at 127.0.0.1:5432 (user postgres, trust auth, database `test`;
override with PBCHAT_TEST_POSTGRES_URL). When it is unreachable the PostgreSQL variants
are skipped locally but fail under CI=true, so CI cannot go green without them.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

import models.outbox  # noqa: F401  (registers the outbox table on Base.metadata)
import models.user  # noqa: F401  (registers the users table on Base.metadata)
from models.base import Base
from models.db import create_engine

POSTGRES_URL = os.environ.get(
    "PBCHAT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


async def create_tables(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)


@asynccontextmanager
async def sqlite_database(directory: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{directory / 'test.db'}")
    try:
        await create_tables(engine)
        yield engine
    finally:
        await engine.dispose()


@asynccontextmanager
async def postgres_database() -> AsyncIterator[AsyncEngine]:
    """A fresh schema in the test database, dropped afterwards, whatever happens."""
    schema = f"pbchat_test_{uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, connect_args={"timeout": 5})
    try:
        await _execute(admin, f'CREATE SCHEMA "{schema}"')
    except (OSError, DBAPIError) as exc:
        await admin.dispose()
        _postgres_unavailable(exc)
    engine = create_engine(POSTGRES_URL, connect_args={"server_settings": {"search_path": schema}})
    try:
        await create_tables(engine)
        yield engine
    finally:
        await engine.dispose()
        await _execute(admin, f'DROP SCHEMA "{schema}" CASCADE')
        await admin.dispose()


async def _execute(engine: AsyncEngine, sql: str) -> None:
    async with engine.begin() as conn:
        await conn.execute(text(sql))


def _postgres_unavailable(exc: Exception) -> None:
    reason = f"PostgreSQL at {POSTGRES_URL} is unreachable: {exc}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture
async def sqlite_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    async with sqlite_database(tmp_path) as engine:
        yield engine


@pytest.fixture
async def postgres_engine() -> AsyncIterator[AsyncEngine]:
    async with postgres_database() as engine:
        yield engine


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """The same test on both backends the bot supports."""
    database = sqlite_database(tmp_path) if request.param == "sqlite" else postgres_database()
    async with database as engine:
        yield engine
