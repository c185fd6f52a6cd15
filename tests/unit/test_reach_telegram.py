"""bot.app.reach_telegram: the first request is tried until it gets through, waiting longer
each time up to a limit; a refused token stops at once. No real waiting: the sleep is injected."""

from __future__ import annotations

import pytest
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import DeleteWebhook

from bot.app import TokenRefused, reach_telegram

METHOD = DeleteWebhook()


def failing(*errors: Exception):
    left = list(errors)

    async def call() -> bool:
        if left:
            raise left.pop(0)
        return True
    return call


async def test_waits_double_up_to_the_limit_then_succeeds() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    down = [TelegramNetworkError(METHOD, "no route")] * 6 + [TelegramServerError(METHOD, "502")]
    assert await reach_telegram(failing(*down), first_wait=1, longest_wait=16, sleep=sleep)
    assert waits == [1, 2, 4, 8, 16, 16, 16]


async def test_obeys_retry_after() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    busy = TelegramRetryAfter(METHOD, "Too Many Requests", retry_after=7)
    assert await reach_telegram(failing(busy), sleep=sleep)
    assert waits == [7]


async def test_a_refused_token_stops_at_once() -> None:
    async def sleep(seconds: float) -> None:
        raise AssertionError("waited for a token that can never work")

    with pytest.raises(TokenRefused):
        await reach_telegram(failing(TelegramUnauthorizedError(METHOD, "Unauthorized")),
                             sleep=sleep)
