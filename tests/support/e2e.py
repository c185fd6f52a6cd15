"""Shared steps of the end-to-end tests: the real bot process against the Bot API stand-in."""

from __future__ import annotations

import asyncio
import random
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
from redis.asyncio import Redis

from tests.support.bot_process import BotProcess
from tests.support.databases import require_redis
from tests.support.telegram_stub import TelegramStub


def bot_env(stub: TelegramStub, database: Path | str, **extra: str) -> dict[str, str]:
    """Environment of `python -m bot` against the stand-in; `database` is an SQLite file or
    a database URL."""
    url = database if isinstance(database, str) else f"sqlite+aiosqlite:///{database}"
    return {"BOT_TOKEN": stub.token, "TELEGRAM_API_URL": stub.base_url,
            "DATABASE_URL": url, "ORGANISER_IDS": "900", **extra}


def stub_token() -> str:
    """A token with a bot id of its own: Redis keys carry the bot id, so a test's state can't
    meet another test's (or another test run's) on a shared Redis."""
    return f"{random.randrange(10**9, 10**10)}:AAH-test-token-for-the-stand-in-0000000"


@asynccontextmanager
async def backend_env(stub: TelegramStub, database_url: str, **extra: str
                      ) -> AsyncIterator[dict[str, str]]:
    """bot_env for a database URL; on PostgreSQL with REDIS_URL too (the several-process
    setup), and the bot's Redis keys deleted afterwards. Use a stub made with stub_token()."""
    env = bot_env(stub, database_url, **extra)
    if not database_url.startswith("postgresql"):
        yield env
        return
    env["REDIS_URL"] = await require_redis()
    try:
        yield env
    finally:
        redis = Redis.from_url(env["REDIS_URL"])
        try:
            keys = [key async for key in redis.scan_iter(f"fsm:{stub.bot_id}:*")]
            if keys:
                await redis.delete(*keys)
        finally:
            await redis.aclose()


async def start_polling_bot(stub: TelegramStub, env: dict[str, str]) -> BotProcess:
    """Start `python -m bot` and return once it is asking the stand-in for updates."""
    stub.reset_polling_marker()
    process = BotProcess(env)
    await process.start()
    try:
        await stub.wait_polling(timeout=60)
    except AssertionError:
        raise AssertionError(f"bot did not start polling:\n{process.log_tail()}") from None
    return process


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def wait_healthy(http: aiohttp.ClientSession, base: str, process: BotProcess) -> None:
    """Wait until a webhook-mode bot answers GET /healthz with 200."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            async with http.get(f"{base}/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        if process.returncode is not None:
            break
        await asyncio.sleep(0.2)
    raise AssertionError(f"webhook server never became healthy:\n{process.log_tail()}")
