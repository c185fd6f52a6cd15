"""The flow harness runs every conversation on SQLite with state in the database, and on
PostgreSQL with state in Redis and each person's turn in PostgreSQL, each test under keys of
its own."""

from __future__ import annotations

import asyncio

import pytest
from aiogram.fsm.storage.memory import DisabledEventIsolation, SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy import func, select

from bot.storage import DatabaseStorage
from models.conversation import ConversationState
from tests.support.flow import texts

RESIDENT = 5150


async def test_state_lives_where_the_backend_says(harness, database_url):
    await harness.send(RESIDENT, "/start")
    context = harness.dp.fsm.get_context(harness.bot, RESIDENT, RESIDENT)
    await context.set_state("Bid:title")
    await context.update_data(title="Youth club")
    await harness.restart()
    context = harness.dp.fsm.get_context(harness.bot, RESIDENT, RESIDENT)
    assert await context.get_state() == "Bid:title"
    async with harness.session_maker() as session:
        rows = await session.scalar(select(func.count()).select_from(ConversationState))
    storage = harness.dp.storage
    if database_url.startswith("postgresql"):
        assert isinstance(storage, RedisStorage)
        # The person's turn is DatabaseMiddleware's advisory lock (test_resilience.py).
        assert isinstance(harness.dp.fsm.events_isolation, DisabledEventIsolation)
        assert rows == 0
        keys = [key async for key in storage.redis.scan_iter(f"{harness.redis_prefix}:*")]
        assert any(key.endswith(b":state") for key in keys), keys
        assert any(key.endswith(b":data") for key in keys), keys
    else:
        assert isinstance(storage, DatabaseStorage)
        assert isinstance(harness.dp.fsm.events_isolation, SimpleEventIsolation)
        assert rows >= 1


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_harnesses_do_not_see_each_others_state(harness, database_url):
    from tests.conftest import make_settings
    from tests.support.flow import Harness

    context = harness.dp.fsm.get_context(harness.bot, RESIDENT, RESIDENT)
    await context.set_state("Bid:amount")
    other = Harness(make_settings(database_url, redis_url=harness.settings.redis_url),
                    harness.session_maker)
    async with other:
        context = other.dp.fsm.get_context(other.bot, RESIDENT, RESIDENT)
        assert await context.get_state() is None
        await context.set_state("Bid:title")
    redis = harness.dp.storage.redis
    assert [key async for key in redis.scan_iter(f"{other.redis_prefix}:*")] == []
    context = harness.dp.fsm.get_context(harness.bot, RESIDENT, RESIDENT)
    assert await context.get_state() == "Bid:amount"


async def test_an_update_in_flight_at_shutdown_is_finished_first(harness):
    """Shutting down closes the FSM storage (with Redis, its connections): an update still
    being handled must finish first, not fail half-way."""
    in_flight = asyncio.create_task(harness.send(RESIDENT, "/start"))
    await asyncio.sleep(0)  # the update has started
    await harness.dp.emit_shutdown(bot=harness.bot, dispatcher=harness.dp, bots=[harness.bot],
                                   **harness.dp.workflow_data)
    sent = await in_flight
    assert not any(text.startswith("Sorry, something went wrong") for text in texts(sent))
    assert texts(sent)[-1] == "What would you like to do?"
