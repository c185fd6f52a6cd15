"""Fakes and helpers for tests of the delivery worker (bot/jobs/delivery.py): a virtual clock,
a fake Bot and rate limiter, and reading back the outbox."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs.delivery import DeliveryWorker
from models import outbox
from models.outbox import Kind, NewMessage, OutboxMessage, Status

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
    await eventually(lambda: settled(sessions))
    await worker.stop()
    await running


def settled(sessions: async_sessionmaker[AsyncSession]) -> Awaitable[bool]:
    """No row is waiting to go or on its way."""
    return has_count(sessions, 0, Status.PENDING, Status.SENDING)


def make_worker(bot: FakeBot, sessions, limiter, **options: Any) -> DeliveryWorker:
    """A worker that retries at once and polls often, for tests."""
    options = {"worker_id": "test", "backoff": lambda attempt: 0.0, "poll_interval": 0.05} | options
    return DeliveryWorker(bot, sessions, limiter, **options)
