"""A flood from one person is slowed, then dropped; other people are not held up."""

from __future__ import annotations

import asyncio

from aiogram.types import User

from bot.throttling import ThrottlingMiddleware


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def run(middleware, user_id: int) -> bool:
    handled = []

    async def handler(event, data):
        handled.append(event)

    data = {"event_from_user": User(id=user_id, is_bot=False, first_name="x")}
    await middleware(handler, object(), data)
    return bool(handled)


async def test_burst_passes_then_waits_then_drops(monkeypatch):
    clock = Clock()
    slept: list[float] = []

    async def fake_sleep(seconds):
        slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    middleware = ThrottlingMiddleware(rate=2, burst=3, max_wait=1.0, clock=clock)
    assert [await run(middleware, 1) for _ in range(3)] == [True, True, True]
    assert slept == []
    assert await run(middleware, 1) and slept == [0.5]  # slowed
    assert await run(middleware, 1) and slept[-1] == 1.0
    assert not await run(middleware, 1)  # beyond max_wait: dropped
    assert await run(middleware, 2)  # someone else is not affected
    clock.now += 10
    slept.clear()
    assert await run(middleware, 1) and slept == []


async def test_a_flood_through_the_dispatcher_does_not_crash(harness):
    from bot.dispatcher import create_dispatcher
    from tests.conftest import make_settings

    harness.dp = create_dispatcher(
        make_settings(harness.settings.database_url, throttle_rate=1, throttle_burst=5),
        harness.session_maker)
    await harness.dp.emit_startup(bot=harness.bot, dispatcher=harness.dp, bots=[harness.bot],
                                  **harness.dp.workflow_data)
    await asyncio.gather(*(harness.send(4444, "/help") for _ in range(40)))
    replies = [getattr(r, "text", "") or "" for r in harness.telegram.requests]
    answered = sum(1 for text in replies if "<b>pbchat</b> helps" in text)
    assert 5 <= answered < 40  # the burst went through, the flood did not
    assert not any(text.startswith("Sorry, something went wrong") for text in replies)
