"""The delivery worker's rate limiter (bot/jobs/delivery.py), on a virtual clock: Telegram's
limits a second, per chat and after a pause."""

from __future__ import annotations

import asyncio
import itertools
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.jobs.delivery import RateLimiter, exponential_backoff
from tests.support.delivery import VirtualClock


async def acquire_all(limiter: RateLimiter, clock: VirtualClock, chats: list[int]) -> list[float]:
    """Acquire for each chat concurrently; return when each acquire went through."""
    times: list[float] = []

    async def one(chat_id: int) -> None:
        await limiter.acquire(chat_id)
        times.append(clock.now)

    await clock.run(*(one(chat_id) for chat_id in chats))
    return sorted(times)


# Float rounding may let a send go a few nanoseconds early (RateLimiter.NEGLIGIBLE_WAIT).
ROUNDING = 1e-6


def most_in_one_second(times: list[float]) -> int:
    """Largest number of sends in any window [t, t + 1s)."""
    return max(
        sum(1 for other in times if start <= other < start + 1 - ROUNDING) for start in times
    )


def a_second_apart(times: list[float]) -> bool:
    return all(later - earlier >= 1 - ROUNDING for earlier, later in itertools.pairwise(times))


def limiter_on(clock: VirtualClock, **options: Any) -> RateLimiter:
    return RateLimiter(clock=clock, sleep=clock.sleep, **options)


async def test_limiter_keeps_every_second_within_the_rate() -> None:
    clock = VirtualClock()
    times = await acquire_all(limiter_on(clock, rate=25), clock, list(range(100)))

    assert most_in_one_second(times) == 25
    # And it does not dawdle: 100 messages take about 4 seconds (the window is a little over
    # a second), and not under 3, as every 25 come a second after the 25 before them.
    assert 3 <= times[-1] <= 99 / 25 * RateLimiter.WINDOW


async def test_a_late_sender_catches_up_within_the_window() -> None:
    """Every wake-up comes 5 ms late, as on a busy machine: the burst makes up for it."""

    class LateClock(VirtualClock):
        async def sleep(self, seconds: float) -> None:
            await super().sleep(seconds + 0.005)

    strict, lenient = LateClock(), LateClock()
    slow = await acquire_all(limiter_on(strict, rate=25, burst=1), strict, list(range(200)))
    quick = await acquire_all(limiter_on(lenient, rate=25), lenient, list(range(200)))

    assert slow[-1] > 199 / 25 * 1.1  # one token of room loses every late wake-up
    assert quick[-1] < 199 / 25 * (RateLimiter.WINDOW + 0.02)
    assert most_in_one_second(quick) == 25


async def test_ready_waits_for_a_token_and_for_a_pause_without_taking_one() -> None:
    clock = VirtualClock()
    limiter = limiter_on(clock, rate=10, burst=1)
    await clock.run(limiter.ready(), limiter.ready())
    assert clock.now == 0  # a token is free; looking twice takes nothing
    await clock.run(limiter.acquire(1))
    await clock.run(limiter.ready())
    assert clock.now == pytest.approx(0.1)
    limiter.pause(3)
    await clock.run(limiter.ready())
    assert clock.now == pytest.approx(3.1)


async def test_ready_can_look_ahead() -> None:
    clock = VirtualClock()
    limiter = limiter_on(clock, rate=10, burst=1)
    await clock.run(limiter.acquire(1))
    await clock.run(limiter.ready(lead=0.1))
    assert clock.now == 0  # the next token (at 0.1 s) is within the lead
    await clock.run(limiter.ready(lead=0.04))
    assert clock.now == pytest.approx(0.06)
    limiter.pause(3)
    await clock.run(limiter.ready(lead=0.1))
    assert clock.now == pytest.approx(3.06 - 0.1)  # a pause is honoured up to the lead


async def test_limiter_sends_at_most_one_message_a_second_per_chat() -> None:
    clock = VirtualClock()
    limiter = limiter_on(clock, rate=25)
    per_chat: dict[int, list[float]] = defaultdict(list)

    async def one(chat_id: int) -> None:
        await limiter.acquire(chat_id)
        per_chat[chat_id].append(clock.now)

    await clock.run(*(one(chat_id) for chat_id in [7] * 5 + list(range(100, 140)) + [8] * 3))

    for times in per_chat.values():
        assert a_second_apart(times)
    assert len(per_chat[7]) == 5


async def test_limiter_pause_holds_everyone_back() -> None:
    clock = VirtualClock()
    limiter = limiter_on(clock, rate=25)
    await limiter.acquire(1)
    limiter.pause(7)

    times = await acquire_all(limiter, clock, [2, 3, 4])

    assert min(times) >= 7


async def test_a_burst_never_breaks_the_one_second_window() -> None:
    clock = VirtualClock()
    times = await acquire_all(limiter_on(clock, rate=10, burst=4), clock, list(range(60)))

    assert times[:4] == [0.0] * 4
    assert most_in_one_second(times) == 10


def test_limiter_rejects_a_burst_beyond_one_second() -> None:
    with pytest.raises(ValueError):
        RateLimiter(rate=25, burst=26)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=60))
def test_limiter_limits_hold_for_any_mix_of_chats(chats: list[int]) -> None:
    async def scenario() -> dict[int, list[float]]:
        clock = VirtualClock()
        limiter = limiter_on(clock, rate=5)
        sent: dict[int, list[float]] = defaultdict(list)

        async def one(chat_id: int) -> None:
            await limiter.acquire(chat_id)
            sent[chat_id].append(clock.now)

        await clock.run(*(one(chat_id) for chat_id in chats))
        return sent

    sent = asyncio.run(scenario())

    assert most_in_one_second(sorted(itertools.chain(*sent.values()))) <= 5
    for times in sent.values():
        assert a_second_apart(times)


def test_backoff_doubles_up_to_a_minute() -> None:
    assert [exponential_backoff(n) for n in range(1, 10)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]
