"""Several processes share one send rate through Redis (bot/jobs/shared_limit.py).

Two limiters stand for two processes: same Redis keys, nothing else in common."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid

import pytest
from redis.asyncio import Redis

from bot.jobs.shared_limit import SharedRateLimiter
from tests.support.databases import require_redis


@pytest.fixture
async def redis():
    client = Redis.from_url(await require_redis())
    yield client
    await client.aclose()


@pytest.fixture
async def key(redis):
    prefix = f"pbchat-test-{uuid.uuid4().hex[:10]}:send"
    yield prefix
    keys = [k async for k in redis.scan_iter(f"{prefix}:*")]
    if keys:
        await redis.delete(*keys)


def busiest_window(times: list[float], window: float) -> int:
    times = sorted(times)
    return max(sum(1 for t in times[i:] if t - start < window) for i, start in enumerate(times))


async def test_two_processes_together_keep_one_rate(redis, key):
    rate = 20
    processes = [SharedRateLimiter(redis, key, rate) for _ in range(2)]
    sent: list[float] = []

    async def send(limiter: SharedRateLimiter, chat: int) -> None:
        await limiter.acquire(chat)
        sent.append(time.monotonic())

    started = time.monotonic()
    await asyncio.gather(*(send(processes[n % 2], 1000 + n) for n in range(60)))
    # Each alone would allow 20 a second, 40 together; shared, 60 take about three seconds.
    # Redis counts in windows of 1.05 s; 0.95 s here leaves room for answers arriving late.
    assert busiest_window(sent, 0.95) <= rate
    assert time.monotonic() - started >= 60 / rate - 1.2


async def test_one_message_per_chat_per_interval_across_processes(redis, key):
    first, second = (SharedRateLimiter(redis, key, 20, chat_interval=0.4) for _ in range(2))
    sent: list[float] = []
    for limiter in (first, second, first):
        await limiter.acquire(42)
        sent.append(time.monotonic())
    gaps = [b - a for a, b in zip(sent, sent[1:], strict=False)]
    assert min(gaps) >= 0.3  # 0.4 in Redis, less whatever delayed the first answer


async def test_a_429_in_one_process_pauses_the_other(redis, key):
    hit, other = (SharedRateLimiter(redis, key, 20) for _ in range(2))
    started = time.monotonic()
    hit.pause(0.6)
    for _ in range(200):  # the pause is written to Redis in the background
        if await redis.exists(f"{key}:pause"):
            break
        await asyncio.sleep(0.01)
    await other.acquire(7)
    assert time.monotonic() - started >= 0.55


async def test_without_redis_each_process_keeps_its_own_limit(key, caplog):
    gone = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    limiter = SharedRateLimiter(gone, key, 20)
    with caplog.at_level(logging.WARNING):
        await limiter.acquire(1)
        await limiter.acquire(2)
    warnings = [r for r in caplog.records if "shared send limit unavailable" in r.message]
    assert len(warnings) == 1  # once, not per message
    await gone.aclose()
