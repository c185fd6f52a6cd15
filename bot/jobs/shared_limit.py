"""The send-rate limit shared by every process of one bot, kept in Redis (with REDIS_URL).

Telegram's limits are per bot, not per process: two processes each keeping `SEND_RATE` on
their own would send twice as fast, and meet 429s. So each process still paces itself with
its own `RateLimiter`, and before a message goes it also takes a slot in Redis, where one
Lua script (atomic, on Redis's own clock, so the processes need not agree on the time)
checks all three rules for every process at once:

- no more than `rate` (rounded down) sends in any `WINDOW` (a sorted set of send times);
- one message per chat per `chat_interval` (a key per chat that expires);
- nobody sends while a 429's `retry_after` runs (a key holding the end of the pause).

If Redis cannot be reached the process carries on with its own limit (and says so in the
log): a slower broadcast is better than none.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import time
import uuid
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.jobs.delivery import RateLimiter

log = logging.getLogger(__name__)

# Returns 0 when the message may go (and counts it), else the milliseconds to wait.
_TAKE = """
local now_parts = redis.call('TIME')
local now = now_parts[1] * 1000 + math.floor(now_parts[2] / 1000)
local paused_until = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused_until > now then return paused_until - now end
local chat_wait = redis.call('PTTL', KEYS[2])
if chat_wait > 0 then return chat_wait end
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
return 0
"""

# Extends the shared pause to now + ARGV[1] ms (never shortens one already longer).
_PAUSE = """
local now_parts = redis.call('TIME')
local now = now_parts[1] * 1000 + math.floor(now_parts[2] / 1000)
local wanted = now + tonumber(ARGV[1])
if wanted > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], wanted, 'PX', ARGV[1])
end
return wanted
"""


class SharedRateLimiter(RateLimiter):
    # A warning at most this often while Redis is away, not one per message.
    WARN_EVERY = 60.0

    def __init__(self, redis: Redis, key: str, rate: float, **kwargs: Any) -> None:
        """`key`: the prefix of this bot's keys, e.g. `pbchat:send:<bot id>`."""
        super().__init__(rate, **kwargs)
        self._redis = redis
        self._sends, self._pause_key, self._chat_prefix = (
            f"{key}:sends", f"{key}:pause", f"{key}:chat:")
        self._take = redis.register_script(_TAKE)
        self._hold = redis.register_script(_PAUSE)
        self._limit = max(1, math.floor(rate))
        self._member = (f"{uuid.uuid4().hex[:8]}:{n}" for n in itertools.count())
        self._pausing: set[asyncio.Task[Any]] = set()
        self._warned_at = -math.inf

    async def acquire(self, chat_id: int) -> None:
        await super().acquire(chat_id)
        while (wait_ms := await self._shared_wait(chat_id)) > 0:
            await self._sleep(wait_ms / 1000)

    def pause(self, seconds: float) -> None:
        super().pause(seconds)
        task = asyncio.get_running_loop().create_task(self._share_pause(seconds))
        self._pausing.add(task)
        task.add_done_callback(self._pausing.discard)

    async def _shared_wait(self, chat_id: int) -> int:
        try:
            return int(await self._take(
                keys=[self._sends, f"{self._chat_prefix}{chat_id}", self._pause_key],
                args=[self._limit, math.ceil(self.WINDOW * 1000),
                      math.ceil(self._chat_interval * 1000), next(self._member)]))
        except RedisError as exc:
            self._warn(exc)
            return 0

    async def _share_pause(self, seconds: float) -> None:
        try:
            await self._hold(keys=[self._pause_key], args=[math.ceil(seconds * 1000)])
        except RedisError as exc:
            self._warn(exc)

    def _warn(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._warned_at >= self.WARN_EVERY:
            self._warned_at = now
            log.warning("shared send limit unavailable (%s); this process keeps its own", exc)
