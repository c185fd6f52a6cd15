"""Conversation state lives in the database by default and in Redis when REDIS_URL is set."""

from __future__ import annotations

import asyncio
import uuid

from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage

from bot import storage as bot_storage
from bot.dispatcher import create_storage
from bot.storage import DatabaseStorage
from tests.conftest import make_settings
from tests.support.databases import SQLITE_ONLY, require_redis, unavailable
from tests.support.spies import asked_for


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


@SQLITE_ONLY
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


async def read_with_the_state(storage, other, reads: list[str]) -> None:
    """`other` is a second storage on the same store (another process); `reads` lists the
    storage's reads as they happen."""
    person = key(uuid.uuid4().int % 10**9)
    await storage.set_data(person, {"draft": {"title": "Youth club"}})
    reads.clear()
    assert await storage.get_state(person) is None  # as the FSM middleware does
    data = await storage.get_data(person)
    assert len(reads) == 1 and data == {"draft": {"title": "Youth club"}}
    data["draft"]["title"] = "changed by the caller, not saved"
    assert await storage.get_data(person) == {"draft": {"title": "Youth club"}}
    await storage.update_data(person, {"amount": 900})
    assert await storage.get_data(person) == {"draft": {"title": "Youth club"}, "amount": 900}
    assert await other.get_data(person) == {"draft": {"title": "Youth club"}, "amount": 900}
    assert len(reads) == 1
    # Between two updates another process (here: another task) moves the conversation on;
    # the next update starts with a state read, which brings the new data.
    await asyncio.create_task(other.set_data(person, {"draft": {"title": "Football kit"}}))
    await storage.get_state(person)
    assert await storage.get_data(person) == {"draft": {"title": "Football kit"}}
    assert await storage.get_data(key(78)) == {}  # someone else's: read, not taken from ours
    await storage.set_data(person, {})


async def test_database_storage_reads_the_data_with_the_state(session_maker, monkeypatch):
    reads = asked_for(monkeypatch, bot_storage, "load_state")
    await read_with_the_state(DatabaseStorage(session_maker), DatabaseStorage(session_maker),
                              reads)


@SQLITE_ONLY
async def test_redis_storage_reads_the_data_with_the_state(database_url, session_maker):
    settings = make_settings(database_url, redis_url=await require_redis())
    storage, other = (create_storage(settings, session_maker) for _ in range(2))
    reads: list[str] = []
    real = storage.redis.execute_command

    async def counted(*args, **options):
        if args[0] in ("GET", "MGET"):
            reads.append(args[0])
        return await real(*args, **options)

    storage.redis.execute_command = counted
    try:
        await read_with_the_state(storage, other, reads)
        assert reads[0] == "MGET"
    finally:
        await storage.close()
        await other.close()
