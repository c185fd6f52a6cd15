"""Shared fixtures: databases on both backends, the bot's dispatcher wired to them, and the Bot
API stand-in with an aiogram client."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import timedelta

import pytest
from aiogram import Bot
from hypothesis import settings as hypothesis_settings
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.settings import Settings
from models.base import set_clock_offset
from models.db import create_engine, create_session_maker
from tests.support.api_client import client
from tests.support.databases import BACKENDS, MigratedTemplates, require_redis, temporary_database
from tests.support.flow import Harness
from tests.support.telegram_stub import TelegramStub

# Property-based tests draw the same examples on every run (no example database): a CI run is
# then a repeatable check, never a new random search that could fail or crawl on one clone
# only. HYPOTHESIS_PROFILE=explore draws fresh examples, for looking for new failures by hand.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

TOKEN = "123456789:AAH-test-token-for-the-stand-in-0000000"
ORGANISER_ID = 900


def make_settings(database_url: str, **overrides) -> Settings:
    # Flow tests type faster than any person; flood control has its own tests.
    values = {"bot_token": TOKEN, "database_url": database_url, "organiser_ids": {ORGANISER_ID},
              "throttle_rate": 10_000, "throttle_burst": 10_000}
    return Settings(_env_file=None, **(values | overrides))


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Iterator[MigratedTemplates]:
    templates = MigratedTemplates(tmp_path_factory.mktemp("templates"))
    yield templates
    templates.drop()


@pytest.fixture(params=BACKENDS)
async def database_url(request, tmp_path, templates) -> AsyncIterator[str]:
    """A database with every migration applied, of its own for this test."""
    async with templates.copy(request.param, tmp_path) as url:
        yield url


@pytest.fixture(params=BACKENDS)
async def empty_database_url(request, tmp_path) -> AsyncIterator[str]:
    async with temporary_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def sqlite_engine(tmp_path, templates) -> AsyncIterator[AsyncEngine]:
    """A migrated SQLite database alone, for tests of one process's own timing where a second
    backend adds nothing (the delivery worker's pacing)."""
    async with templates.copy("sqlite", tmp_path) as url:
        engine = create_engine(url)
        yield engine
        await engine.dispose()


@pytest.fixture
def session_maker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_maker(engine)


@pytest.fixture
async def harness(database_url, session_maker) -> AsyncIterator[Harness]:
    """The dispatcher on SQLite with conversation state in the database, and on PostgreSQL with
    state in Redis and each person's turn in PostgreSQL (several processes' setup)."""
    overrides = {}
    if database_url.startswith("postgresql"):
        overrides["redis_url"] = await require_redis()
    async with Harness(make_settings(database_url, **overrides), session_maker) as harness:
        yield harness


@pytest.fixture
async def stub() -> AsyncIterator[TelegramStub]:
    """The Bot API stand-in, on a port of its own."""
    async with TelegramStub() as running:
        yield running


@pytest.fixture
async def api(stub: TelegramStub) -> AsyncIterator[Bot]:
    """aiogram's HTTP client talking to `stub`."""
    async with client(stub.base_url) as bot:
        yield bot


@pytest.fixture
def clock() -> Iterator[Callable[[float], None]]:
    """Move the bot's clock (models.base.utcnow) instead of waiting: `clock(days)` puts it that
    many days ahead of the real time, for the rest of the test."""
    def move(days: float) -> None:
        set_clock_offset(lambda: timedelta(days=days))
    yield move
    set_clock_offset(None)


@pytest.fixture(scope="module", params=["compiled", "numpy"])
def each_pricing(request) -> Iterator[str]:
    """Bounded Equal Shares runs priced by the C code (where it was built) and by numpy's, the
    reference it stands in for (models/tally/native.py): modules that use it run twice."""
    from models.tally import native

    if request.param == "compiled" and native.pricing is None:
        pytest.skip("the C pricing was not built")
    with pytest.MonkeyPatch.context() as patched:
        if request.param == "numpy":
            patched.setattr(native, "pricing", None)
        yield request.param
