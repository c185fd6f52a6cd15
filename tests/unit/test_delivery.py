"""The delivery worker and its rate limiter, against a fake Bot and a virtual clock."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage
from aiogram.types import InlineKeyboardMarkup
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.jobs.delivery import DeliveryWorker, RateLimiter, exponential_backoff
from models import outbox
from models.db import create_session_maker
from models.outbox import Kind, NewMessage, OutboxMessage, Status
from models.user import User

METHOD = SendMessage(chat_id=1, text="hello")


# --- fakes -------------------------------------------------------------------------------


class VirtualClock:
    """Time that moves only when every task is asleep on it, straight to the next wake-up."""

    def __init__(self) -> None:
        self.now = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + seconds, next(self._order), future))
        await future

    async def run(self, *coroutines: Coroutine[Any, Any, Any]) -> None:
        tasks = [asyncio.create_task(coroutine) for coroutine in coroutines]
        while not all(task.done() for task in tasks):
            await asyncio.sleep(0)  # lets woken tasks run up to their next sleep
            if self._sleepers:
                wake_at, _, future = heapq.heappop(self._sleepers)
                self.now = max(self.now, wake_at)
                future.set_result(None)
        await asyncio.gather(*tasks)


class FakeBot:
    """Stands in for aiogram.Bot: records every call and raises errors scripted per chat."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.delivered: list[tuple[str, dict[str, Any]]] = []
        self.errors: dict[int, list[BaseException]] = defaultdict(list)
        self.gate: asyncio.Event | None = None  # when set up, sends wait for it
        self.in_progress = 0
        self.max_in_progress = 0
        self._message_ids = itertools.count(1000)

    async def send_message(self, **kwargs: Any) -> SimpleNamespace:
        return await self._send("send_message", kwargs)

    async def send_photo(self, **kwargs: Any) -> SimpleNamespace:
        return await self._send("send_photo", kwargs)

    async def send_document(self, **kwargs: Any) -> SimpleNamespace:
        return await self._send("send_document", kwargs)

    async def _send(self, method: str, kwargs: dict[str, Any]) -> SimpleNamespace:
        self.calls.append((method, kwargs))
        self.in_progress += 1
        self.max_in_progress = max(self.max_in_progress, self.in_progress)
        try:
            if self.gate is not None:
                await self.gate.wait()
            await asyncio.sleep(self.delay)
            if self.errors[kwargs["chat_id"]]:
                raise self.errors[kwargs["chat_id"]].pop(0)
        finally:
            self.in_progress -= 1
        self.delivered.append((method, kwargs))
        return SimpleNamespace(message_id=next(self._message_ids))

    def texts(self) -> list[str]:
        return [kwargs["text"] for _, kwargs in self.delivered]


class FakeLimiter:
    """No waiting, but remembers pauses; chats in `hold` wait until released."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self.hold: set[int] = set()

    async def ready(self, *, lead: float = 0.0) -> None:
        pass

    @property
    def rate(self) -> float:
        return 1000.0

    async def acquire(self, chat_id: int) -> None:
        if chat_id in self.hold:
            await asyncio.Event().wait()

    def pause(self, seconds: float) -> None:
        self.pauses.append(seconds)


# --- helpers -----------------------------------------------------------------------------


def text(key: str, chat_id: int, **overrides: Any) -> NewMessage:
    fields = {
        "dedupe_key": key,
        "chat_id": chat_id,
        "kind": Kind.TEXT,
        "payload": {"text": key},
        "due_at": datetime.now(UTC) - timedelta(seconds=1),
    }
    return NewMessage(**(fields | overrides))


async def enqueue(sessions: async_sessionmaker[AsyncSession], *messages: NewMessage) -> None:
    async with sessions() as session:
        await outbox.enqueue(session, messages)
        await session.commit()


async def statuses(sessions: async_sessionmaker[AsyncSession]) -> dict[str, OutboxMessage]:
    async with sessions() as session:
        return {row.dedupe_key: row for row in await session.scalars(select(OutboxMessage))}


async def count_in(sessions: async_sessionmaker[AsyncSession], *wanted: Status) -> int:
    async with sessions() as session:
        statement = select(func.count()).where(OutboxMessage.status.in_(wanted))
        return await session.scalar(statement) or 0


async def has_count(
    sessions: async_sessionmaker[AsyncSession], expected: int, *wanted: Status
) -> bool:
    return await count_in(sessions, *wanted) == expected


async def eventually(check: Callable[[], Awaitable[bool] | bool], within: float = 5.0) -> None:
    """Poll `check` until it holds; a TimeoutError means it never did."""
    async with asyncio.timeout(within):
        while True:
            result = check()
            if await result if isinstance(result, Awaitable) else result:
                return
            await asyncio.sleep(0.01)


async def deliver_everything(worker: DeliveryWorker, sessions: async_sessionmaker) -> None:
    """Run the worker until no row is pending or sending, then stop it."""
    running = asyncio.create_task(worker.run())
    await eventually(lambda: _settled(sessions))
    await worker.stop()
    await running


def _settled(sessions: async_sessionmaker[AsyncSession]) -> Awaitable[bool]:
    return has_count(sessions, 0, Status.PENDING, Status.SENDING)


@pytest.fixture
def sessions(sqlite_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_maker(sqlite_engine)


@pytest.fixture
def bot() -> FakeBot:
    return FakeBot()


@pytest.fixture
def limiter() -> FakeLimiter:
    return FakeLimiter()


def make_worker(bot: FakeBot, sessions, limiter, **options: Any) -> DeliveryWorker:
    options = {"worker_id": "test", "backoff": lambda attempt: 0.0, "poll_interval": 0.05} | options
    return DeliveryWorker(bot, sessions, limiter, **options)


# --- rate limiter ------------------------------------------------------------------------


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


# --- worker outcomes ---------------------------------------------------------------------


async def test_sends_each_kind_from_its_payload(bot, sessions, limiter) -> None:
    keyboard = {"inline_keyboard": [[{"text": "Vote", "callback_data": "vote:3"}]]}
    await enqueue(
        sessions,
        text("t", 1, payload={"text": "Hi", "parse_mode": "HTML", "reply_markup": keyboard}),
        text("p", 2, kind=Kind.PHOTO, payload={"photo": "AgAC-file-id", "caption": "Map"}),
        text("d", 3, kind=Kind.DOCUMENT, payload={"document": "BQAC-file-id"}),
    )

    await deliver_everything(make_worker(bot, sessions, limiter), sessions)

    calls = {method: kwargs for method, kwargs in bot.delivered}
    assert calls["send_message"]["text"] == "Hi"
    assert calls["send_message"]["reply_markup"] == InlineKeyboardMarkup.model_validate(keyboard)
    assert calls["send_photo"] == {"chat_id": 2, "photo": "AgAC-file-id", "caption": "Map"}
    assert calls["send_document"] == {"chat_id": 3, "document": "BQAC-file-id"}
    rows = await statuses(sessions)
    assert {row.status for row in rows.values()} == {"sent"}
    assert all(row.telegram_message_id >= 1000 and row.sent_at for row in rows.values())


async def test_planning_twice_sends_once(bot, sessions, limiter) -> None:
    await enqueue(sessions, text("rem:7:24h:u:1", 1))
    await enqueue(sessions, text("rem:7:24h:u:1", 1))

    await deliver_everything(make_worker(bot, sessions, limiter), sessions)

    assert bot.texts() == ["rem:7:24h:u:1"]


async def test_flood_control_pauses_everyone_and_resends_without_counting(
    bot, sessions, limiter
) -> None:
    bot.errors[1].append(TelegramRetryAfter(METHOD, "Too Many Requests", retry_after=3))
    await enqueue(sessions, text("flooded", 1))

    await deliver_everything(make_worker(bot, sessions, limiter), sessions)

    assert limiter.pauses == [3]
    assert len(bot.calls) == 2
    row = (await statuses(sessions))["flooded"]
    assert (row.status, row.attempts) == ("sent", 0)


async def test_forbidden_blocks_the_user_and_skips_their_later_rows(bot, sessions, limiter) -> None:
    async with sessions() as session:
        session.add(User(telegram_id=1))
        await session.commit()
    bot.errors[1].append(TelegramForbiddenError(METHOD, "Forbidden: bot was blocked by the user"))
    now = datetime.now(UTC)
    await enqueue(
        sessions,
        text("first", 1, due_at=now - timedelta(seconds=2)),
        text("second", 1, due_at=now - timedelta(seconds=1)),
        text("other", 2),
    )

    # One at a time, so "second" is claimed only after "first" has been recorded.
    await deliver_everything(make_worker(bot, sessions, limiter, concurrency=1), sessions)

    rows = await statuses(sessions)
    assert (rows["first"].status, rows["second"].status, rows["other"].status) == (
        "blocked",
        "blocked",
        "sent",
    )
    assert [kwargs["chat_id"] for _, kwargs in bot.calls] == [1, 2]
    async with sessions() as session:
        assert (await session.scalar(select(User.blocked_at))) is not None


async def test_users_who_blocked_the_bot_get_nothing(bot, sessions, limiter) -> None:
    async with sessions() as session:
        session.add(User(telegram_id=1, blocked_at=datetime.now(UTC)))
        await session.commit()
    await enqueue(sessions, text("to-blocked", 1), text("to-active", 2))

    await deliver_everything(make_worker(bot, sessions, limiter), sessions)

    assert bot.texts() == ["to-active"]
    assert (await statuses(sessions))["to-blocked"].status == Status.BLOCKED


@pytest.mark.parametrize(
    "error",
    [
        TelegramServerError(METHOD, "Bad Gateway"),
        TelegramNetworkError(METHOD, "Connection reset"),
        TimeoutError(),
    ],
    ids=["server", "network", "timeout"],
)
async def test_transient_errors_are_retried(bot, sessions, limiter, error) -> None:
    bot.errors[1].extend([error, error])
    await enqueue(sessions, text("flaky", 1))

    await deliver_everything(make_worker(bot, sessions, limiter), sessions)

    row = (await statuses(sessions))["flaky"]
    assert (row.status, row.attempts, len(bot.calls)) == ("sent", 2, 3)


async def test_transient_errors_give_up_after_max_attempts(bot, sessions, limiter) -> None:
    bot.errors[1].extend(TelegramServerError(METHOD, "Bad Gateway") for _ in range(10))
    delays: list[int] = []

    def backoff(attempt: int) -> float:
        delays.append(attempt)
        return 0.0

    await enqueue(sessions, text("down", 1))

    worker = make_worker(bot, sessions, limiter, max_attempts=3, backoff=backoff)
    await deliver_everything(worker, sessions)

    row = (await statuses(sessions))["down"]
    assert (row.status, row.attempts, len(bot.calls)) == ("failed", 3, 3)
    assert "gave up after 3 attempts" in row.last_error and "Bad Gateway" in row.last_error
    assert delays == [1, 2]


async def test_backoff_postpones_the_retry(bot, sessions, limiter) -> None:
    bot.errors[1].append(TelegramServerError(METHOD, "Bad Gateway"))
    await enqueue(sessions, text("later", 1))
    worker = make_worker(bot, sessions, limiter, backoff=lambda n: 3600.0)
    running = asyncio.create_task(worker.run())

    await eventually(lambda: has_count(sessions, 1, Status.PENDING) if bot.calls else False)
    await asyncio.sleep(0.2)  # several polls
    await worker.stop()
    await running

    row = (await statuses(sessions))["later"]
    assert (row.status, row.attempts, len(bot.calls)) == ("pending", 1, 1)
    assert row.due_at > datetime.now(UTC) + timedelta(minutes=59)


async def test_bad_request_fails_at_once(bot, sessions, limiter) -> None:
    bot.errors[1].append(TelegramBadRequest(METHOD, "Bad Request: message text is empty"))
    await enqueue(sessions, text("broken", 1))

    await deliver_everything(make_worker(bot, sessions, limiter), sessions)

    row = (await statuses(sessions))["broken"]
    assert (row.status, len(bot.calls)) == ("failed", 1)
    assert "message text is empty" in row.last_error


async def test_a_crashing_row_is_failed_and_logged_and_the_rest_go_out(
    bot, sessions, limiter, caplog
) -> None:
    bot.errors[1].append(RuntimeError("boom"))
    await enqueue(sessions, text("crash", 1), text("fine", 2))

    with caplog.at_level(logging.ERROR, logger="bot.jobs.delivery"):
        await deliver_everything(make_worker(bot, sessions, limiter), sessions)

    rows = await statuses(sessions)
    assert (rows["crash"].status, rows["fine"].status) == ("failed", "sent")
    assert rows["crash"].last_error == "RuntimeError: boom"
    assert f"outbox row {rows['crash'].id}" in caplog.text


async def test_progress_is_reported_per_broadcast_row(bot, sessions, limiter) -> None:
    reported: list[int] = []

    async def on_progress(broadcast_id: int) -> None:
        reported.append(broadcast_id)
        raise RuntimeError("a broken progress message must not stop delivery")

    await enqueue(
        sessions,
        *(text(f"bc:5:u:{n}", n, broadcast_id=5) for n in range(3)),
        text("reminder", 9),
    )

    await deliver_everything(make_worker(bot, sessions, limiter, on_progress=on_progress), sessions)

    assert reported == [5, 5, 5]
    assert len(bot.delivered) == 4


# --- lifecycle and concurrency -----------------------------------------------------------


async def test_recovered_rows_are_marked_uncertain_and_never_resent(bot, sessions, limiter) -> None:
    await enqueue(sessions, text("in-flight-when-killed", 1), text("waiting", 2))
    async with sessions() as session:
        # A worker claimed the first row five minutes ago and was then killed.
        row = await outbox.claim_next(session, "dead-worker", datetime.now(UTC))
        row.claimed_at = datetime.now(UTC) - timedelta(minutes=5)
        await session.commit()

    await deliver_everything(make_worker(bot, sessions, limiter), sessions)

    rows = await statuses(sessions)
    assert rows["in-flight-when-killed"].status == Status.UNCERTAIN
    assert bot.texts() == ["waiting"]


async def test_rows_in_sending_never_exceed_concurrency(bot, sessions, limiter) -> None:
    bot.gate = asyncio.Event()
    await enqueue(sessions, *(text(f"m{n}", n) for n in range(20)))
    worker = make_worker(bot, sessions, limiter, concurrency=3)
    running = asyncio.create_task(worker.run())

    await eventually(lambda: bot.in_progress == 3)
    await asyncio.sleep(0.2)  # the dispatcher polls meanwhile but must not claim more
    assert await count_in(sessions, Status.SENDING) == 3
    bot.gate.set()
    await eventually(lambda: _settled(sessions))
    await worker.stop()
    await running

    assert bot.max_in_progress == 3
    assert sorted(bot.texts()) == sorted(f"m{n}" for n in range(20))


async def test_at_most_one_claimed_row_waits_for_a_token(bot, sessions) -> None:
    """Rows are claimed just ahead of their token: one waits, the rest stay pending."""
    bot.gate = asyncio.Event()  # Telegram never answers: every sent row stays in flight
    await enqueue(sessions, *(text(f"m{n}", n) for n in range(20)))
    worker = make_worker(bot, sessions, RateLimiter(rate=5), concurrency=8)
    running = asyncio.create_task(worker.run())

    waiting = []
    for _ in range(8):
        await asyncio.sleep(0.1)
        waiting.append(await count_in(sessions, Status.SENDING) - bot.in_progress)
    on_the_wire = bot.in_progress
    await worker.stop(drain_timeout=0.1)
    await running

    assert 2 <= on_the_wire <= 6  # about five a second
    assert max(waiting) == 1 and min(waiting) >= 0, waiting


async def test_stop_lets_in_flight_rows_finish_and_claims_no_more(bot, sessions, limiter) -> None:
    bot.gate = asyncio.Event()
    await enqueue(sessions, *(text(f"m{n}", n) for n in range(10)))
    worker = make_worker(bot, sessions, limiter, concurrency=4)
    running = asyncio.create_task(worker.run())
    await eventually(lambda: bot.in_progress == 4)

    stopping = asyncio.create_task(worker.stop(drain_timeout=5))
    await asyncio.sleep(0.1)
    assert not stopping.done()
    bot.gate.set()
    await stopping
    await running

    assert len(bot.delivered) == len(bot.calls) == 4
    assert await count_in(sessions, Status.SENT) == 4
    assert await count_in(sessions, Status.PENDING) == 6
    assert await count_in(sessions, Status.SENDING) == 0


async def test_stop_after_drain_timeout_requeues_unsent_and_flags_unanswered(
    bot, sessions, limiter
) -> None:
    bot.gate = asyncio.Event()  # never opened: Telegram does not answer
    limiter.hold.add(2)  # chat 2 never gets its turn
    await enqueue(sessions, text("unanswered", 1), text("unsent", 2))
    worker = make_worker(bot, sessions, limiter)
    running = asyncio.create_task(worker.run())
    await eventually(lambda: bot.in_progress == 1)
    await eventually(lambda: has_count(sessions, 2, Status.SENDING))

    await worker.stop(drain_timeout=0.1)
    await running

    rows = await statuses(sessions)
    assert rows["unanswered"].status == Status.UNCERTAIN
    assert rows["unsent"].status == Status.PENDING


async def test_wake_finds_new_rows_without_waiting_for_the_poll(bot, sessions, limiter) -> None:
    worker = make_worker(bot, sessions, limiter, poll_interval=60)
    running = asyncio.create_task(worker.run())
    await asyncio.sleep(0.05)  # the worker found nothing and is waiting

    await enqueue(sessions, text("urgent", 1))
    worker.wake()
    await eventually(lambda: bot.texts() == ["urgent"], within=2)
    await worker.stop()
    await running


async def test_two_workers_never_send_a_row_twice(engine: AsyncEngine) -> None:
    sessions = create_session_maker(engine)
    bot = FakeBot(delay=0.001)
    await enqueue(sessions, *(text(f"m{n}", n) for n in range(60)))
    workers = [make_worker(bot, sessions, FakeLimiter(), worker_id=f"w{n}") for n in (1, 2)]

    running = [asyncio.create_task(worker.run()) for worker in workers]
    await eventually(lambda: _settled(sessions), within=10)
    await asyncio.gather(*(worker.stop() for worker in workers))
    await asyncio.gather(*running)

    assert sorted(bot.texts()) == sorted(f"m{n}" for n in range(60))
    assert len(bot.calls) == 60


async def test_throughput_is_well_above_telegrams_limit(sessions, limiter) -> None:
    """A 5 ms Bot API on SQLite: in-flight concurrency, not one row at a time."""
    bot = FakeBot(delay=0.005)
    await enqueue(sessions, *(text(f"m{n}", n) for n in range(100)))
    worker = make_worker(bot, sessions, limiter)

    started = time.perf_counter()
    await deliver_everything(worker, sessions)
    elapsed = time.perf_counter() - started

    assert len(bot.delivered) == 100
    assert bot.max_in_progress > 1
    # The requirement is Telegram's 25/s; an idle laptop manages several times that.
    assert 100 / elapsed > 25
