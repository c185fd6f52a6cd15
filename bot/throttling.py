"""Per-person flood control: a burst of taps or messages is slowed, then dropped.

Each person has a small token bucket. A short burst waits its turn (so a quick typist loses
nothing); beyond `max_wait` the update is dropped, so one flooder can't queue up work that
starves everyone else. In memory, per process: with several processes each applies it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from aiogram.types import User as TelegramUser

from bot.log_ids import pseudonym

log = logging.getLogger(__name__)


class ThrottlingMiddleware(BaseMiddleware):
    FORGET_AFTER = 60.0  # seconds of quiet before a person's bucket is dropped

    def __init__(self, rate: float = 3.0, burst: float = 8.0, max_wait: float = 2.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._rate, self._burst, self._max_wait, self._clock = rate, burst, max_wait, clock
        self._buckets: dict[int, tuple[float, float]] = {}  # user -> (tokens, at)

    def _wait_for(self, user_id: int) -> float:
        """Seconds until this person's update may run; reserves its token."""
        now = self._clock()
        tokens, at = self._buckets.get(user_id, (self._burst, now))
        tokens = min(self._burst, tokens + (now - at) * self._rate) - 1
        self._buckets[user_id] = (tokens, now)
        if len(self._buckets) > 10_000:
            self._forget_quiet(now)
        return 0.0 if tokens >= 0 else -tokens / self._rate

    def _forget_quiet(self, now: float) -> None:
        for user_id, (_, at) in list(self._buckets.items()):
            if now - at > self.FORGET_AFTER:
                del self._buckets[user_id]

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        user: TelegramUser | None = data.get("event_from_user")
        if user is None:
            return await handler(event, data)
        wait = self._wait_for(user.id)
        if wait > self._max_wait:
            # Give the token back: a dropped update shouldn't make the next one wait longer.
            tokens, at = self._buckets[user.id]
            self._buckets[user.id] = (tokens + 1, at)
            log.warning("flood from %s: update %s dropped", pseudonym(user.id),
                        event.update_id if isinstance(event, Update) else "?")
            return None
        if wait > 0:
            await asyncio.sleep(wait)
        return await handler(event, data)
