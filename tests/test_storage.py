"""Conversation state lives in the database by default and in Redis when REDIS_URL is set."""

from __future__ import annotations

import uuid

import pytest
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage

from bot.dispatcher import create_storage
from bot.storage import DatabaseStorage
from tests.conftest import make_settings
from tests.databases import unavailable


def key(user_id: int = 77) -> StorageKey:
    return StorageKey(bot_id=123456789, chat_id=user_id, user_id=user_id)


async def round_trip(storage) -> None:
    assert await storage.get_state(key()) is None
    assert await storage.get_data(key()) == {}
    await storage.set_state(key(), "Bid:title")
    await storage.set_data(key(), {"title": "Youth club", "amount": 1500})
    assert await storage.get_state(key()) == "Bid:title"
    assert await storage.get_data(key()) == {"title": "Youth club", "amount": 1500}
    await storage.set_state(key(), None)
    assert await storage.get_state(key()) is None
    assert await storage.get_data(key()) == {"title": "Youth club", "amount": 1500}
    assert await storage.get_data(key(78)) == {}


async def test_database_storage_round_trip(session_maker):
    await round_trip(DatabaseStorage(session_maker))


async def test_database_storage_is_the_default(database_url, session_maker):
    assert isinstance(create_storage(make_settings(database_url), session_maker), DatabaseStorage)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_redis_storage_with_redis_url(database_url, session_maker):
    settings = make_settings(database_url, redis_url="redis://127.0.0.1:6379/0")
    storage = create_storage(settings, session_maker)
    assert isinstance(storage, RedisStorage)
    try:
        await storage.redis.ping()
    except Exception as exc:  # noqa: BLE001 - any connection failure means "no server"
        await storage.close()
        unavailable(f"Redis at 127.0.0.1:6379 unreachable: {exc}")
    user_id = uuid.uuid4().int % 10**9
    try:
        await storage.set_state(key(user_id), "Bid:title")
        await storage.set_data(key(user_id), {"amount": 1500})
        assert await storage.get_state(key(user_id)) == "Bid:title"
        assert await storage.get_data(key(user_id)) == {"amount": 1500}
    finally:
        await storage.set_state(key(user_id), None)
        await storage.set_data(key(user_id), {})
        await storage.close()
