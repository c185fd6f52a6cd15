"""Sends outbox rows at Telegram's pace and records what happened to each one.

`DeliveryWorker` claims due rows (`models.outbox.claim_next`), waits for its turn at the
`RateLimiter`, sends through the aiogram Bot and records the outcome, with up to
`concurrency` rows in flight. Every row is claimed and recorded in its own committed
transaction, so a restart never sends a row twice: a row is either still pending (never
sent), finished, or `uncertain` (a worker died mid-send; see `outbox.recover_stale`).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from contextlib import suppress
from datetime import timedelta
from functools import partial

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.log_ids import pseudonym
from bot.settings import Settings
from models import outbox
from models.base import utcnow
from models.outbox import Kind, OutboxMessage
from models.user import mark_blocked as mark_user_blocked

logger = logging.getLogger(__name__)

DEFAULT_RATE: float = Settings.model_fields["send_rate"].default
# Tokens the bucket holds by default: room to make up for senders that woke late.
DEFAULT_BURST = 3.0
MAX_BACKOFF = 60.0
SEND_METHODS = {Kind.TEXT: "send_message", Kind.PHOTO: "send_photo", Kind.DOCUMENT: "send_document"}

# Writes one outcome into the session it is given; the caller commits.
Recorder = Callable[[AsyncSession], Awaitable[None]]


def exponential_backoff(attempt: int) -> float:
    """Seconds to wait after the `attempt`-th failure: 1, 2, 4, 8, ... at most 60."""
    return min(MAX_BACKOFF, 2.0 ** min(attempt - 1, 16))


class RateLimiter:
    """Keeps sends inside Telegram's limits, for every worker task in this process.

    The limits are per process: several worker processes must share `rate` between them.

    - Globally, a token bucket: `rate` tokens a second, holding at most `burst`.
    - And never more than `rate` (rounded down) sends in any one-second window: the send
      times of the last `rate` are kept, and the next waits until the oldest is `WINDOW`
      (a little over a second) old. That is Telegram's own rule (and the stand-in's),
      whatever the burst.
    - Per chat, at least `chat_interval` seconds between two messages.
    - After a 429, `pause(retry_after)` holds everyone back until the pause has passed.

    Why a burst above one token: a sender wakes a little after its token is due (the
    event loop is busy, timers round up to the millisecond). A bucket holding one token
    throws that lateness away on every message, about 10% of the rate on a busy machine.
    With a few tokens of room the next sends make up for it, and the window above keeps
    the catching up within the limit.
    """

    # Chats whose interval has passed are forgotten once the map grows past this, so a
    # 10,000-recipient broadcast does not leave 10,000 entries behind.
    CHAT_MEMORY = 1024
    # `ready()` re-checks at least this often, so a long 429 pause doesn't delay a stop.
    READY_POLL = 0.5
    # Float rounding can leave the bucket a hair short of a token (0.9999999999999999),
    # asking for a wait of attoseconds that no clock can advance by; waits this short
    # count as none rather than spinning.
    NEGLIGIBLE_WAIT = 1e-9
    # The window is a little longer than Telegram's second: requests take a varying time to
    # get there, and 30 sent exactly one second after the 30 before could arrive within one.
    WINDOW = 1.05

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        *,
        burst: float | None = None,
        chat_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if burst is None:
            burst = min(DEFAULT_BURST, max(rate, 1))
        if rate <= 0 or not 1 <= burst <= max(rate, 1):
            raise ValueError("need rate > 0 and 1 <= burst <= max(rate, 1)")
        self._rate = rate
        self._burst = burst
        self._chat_interval = chat_interval
        self._clock = clock
        self._sleep = sleep
        self._tokens = self._burst
        self._refilled_at = clock()
        self._recent: deque[float] = deque(maxlen=max(1, math.floor(rate)))
        self._paused_until = -math.inf
        self._chat_free_at: dict[int, float] = {}

    @property
    def rate(self) -> float:
        """Messages per second across all chats."""
        return self._rate

    async def acquire(self, chat_id: int) -> None:
        """Wait until a message to `chat_id` may go, and count it as gone."""
        while (delay := self._reserve(chat_id)) > 0:
            await self._sleep(delay)

    async def ready(self, *, lead: float = 0.0) -> None:
        """Wait until a message could go within `lead` seconds, without taking its token."""
        while (delay := self._wait_for_token(self._clock()) - lead) > self.NEGLIGIBLE_WAIT:
            await self._sleep(min(delay, self.READY_POLL))

    def _wait_for_token(self, now: float) -> float:
        self._refill(now)
        window_full = len(self._recent) == self._recent.maxlen
        return max(self._paused_until - now, (1 - self._tokens) / self._rate,
                   self._recent[0] + self.WINDOW - now if window_full else -math.inf)

    def pause(self, seconds: float) -> None:
        """Telegram asked for silence (429 retry_after): nobody sends for `seconds`."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def _reserve(self, chat_id: int) -> float:
        """Take a token and the chat's turn if both are free now, else say how long to wait.

        Synchronous on purpose: with no await between the check and the take, concurrent
        tasks cannot both take the last token.
        """
        now = self._clock()
        delay = max(self._wait_for_token(now), self._chat_free_at.get(chat_id, -math.inf) - now)
        if delay > self.NEGLIGIBLE_WAIT:
            return delay
        self._tokens -= 1
        self._recent.append(now)
        self._chat_free_at[chat_id] = now + self._chat_interval
        self._forget_idle_chats(now)
        return 0.0

    def _refill(self, now: float) -> None:
        elapsed = now - self._refilled_at
        self._tokens = min(self._burst, self._tokens + elapsed * self._rate)
        self._refilled_at = now

    def _forget_idle_chats(self, now: float) -> None:
        if len(self._chat_free_at) > self.CHAT_MEMORY:
            self._chat_free_at = {
                chat: free_at for chat, free_at in self._chat_free_at.items() if free_at > now
            }


class DeliveryWorker:
    """Delivers due outbox rows until stopped; see the module docstring."""

    def __init__(
        self,
        bot: Bot,
        session_maker: async_sessionmaker[AsyncSession],
        limiter: RateLimiter,
        *,
        worker_id: str,
        concurrency: int = 8,
        max_attempts: int = 5,
        backoff: Callable[[int], float] = exponential_backoff,
        poll_interval: float = 1.0,
        stale_after: timedelta = timedelta(seconds=60),
        on_progress: Callable[[int], Awaitable[object]] | None = None,
    ) -> None:
        self._bot = bot
        self._session_maker = session_maker
        self._limiter = limiter
        self._worker_id = worker_id
        self._concurrency = concurrency
        self._max_attempts = max_attempts
        self._backoff = backoff
        self._poll_interval = poll_interval
        self._stale_after = stale_after
        # Called with the broadcast id after each of its rows is recorded; it runs inside
        # the row's delivery slot, so it should be quick (debounce any message edits).
        self._on_progress = on_progress
        self._wake = asyncio.Event()
        self._stopping = False
        self._running = False
        self._finished = asyncio.Event()
        self._drain_timeout = 10.0
        self._in_flight: set[asyncio.Task[None]] = set()
        # Rows claimed and still waiting for their token (see _dispatch).
        self._queued = 0

    def wake(self) -> None:
        """Look for due rows now, e.g. right after enqueueing, instead of at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        """Deliver rows until `stop()`; returns once the rows in flight are recorded."""
        self._running = True
        try:
            await self._recover_stale()
            await self._dispatch()
            await self._drain()
        finally:
            # Only non-empty if run() itself was cancelled.
            await _cancel(self._in_flight)
            self._finished.set()

    async def stop(self, drain_timeout: float = 10.0) -> None:
        """Stop claiming rows and wait for `run()` to finish the ones in flight.

        Rows still unsent after `drain_timeout` seconds are cancelled: back to pending if
        they were still waiting for the rate limiter, `uncertain` if the request was out.
        """
        self._drain_timeout = drain_timeout
        self._stopping = True
        self._wake.set()
        if self._running:
            await self._finished.wait()

    async def _dispatch(self) -> None:
        loop = asyncio.get_running_loop()
        next_recovery = loop.time() + self._stale_after.total_seconds()
        while not self._stopping:
            # Cleared before looking, so a wake() or a finished send during the look is
            # not lost: the wait below then returns at once.
            self._wake.clear()
            if loop.time() >= next_recovery:
                # Also catches rows of other worker processes that died while we run.
                await self._recover_stale()
                next_recovery = loop.time() + self._stale_after.total_seconds()
            row = None
            if len(self._in_flight) < self._concurrency:
                # Claim only once a message could go: rows marked "sending" are then really
                # on their way, so a hard kill leaves as few as possible uncertain. But with
                # no claimed row waiting, claim one token interval early, so that the next
                # token never waits for the claim's round-trip to the database.
                lead = 0.0 if self._queued else 1 / self._limiter.rate
                await self._limiter.ready(lead=lead)
                row = None if self._stopping else await self._claim()
            if row is None:
                await self._wait_for_wake()
            else:
                self._start(row)

    async def _wait_for_wake(self) -> None:
        with suppress(TimeoutError):
            async with asyncio.timeout(self._poll_interval):
                await self._wake.wait()

    async def _drain(self) -> None:
        if not self._in_flight:
            return
        _, late = await asyncio.wait(self._in_flight, timeout=self._drain_timeout)
        if late:
            logger.warning(
                "%d outbox rows still in flight after %.1fs; cancelling them",
                len(late),
                self._drain_timeout,
            )
            await _cancel(late)

    async def _recover_stale(self) -> None:
        try:
            async with self._session_maker() as session:
                count = await outbox.recover_stale(session, utcnow() - self._stale_after)
                await session.commit()
        except Exception:
            logger.exception("could not recover stale outbox rows")
            return
        if count:
            logger.warning("%d outbox rows were left mid-send; marked uncertain, not resent", count)

    async def _claim(self) -> OutboxMessage | None:
        try:
            async with self._session_maker() as session:
                row = await outbox.claim_next(session, self._worker_id, utcnow())
                if row is not None:
                    # Detached before the commit so its attributes stay loaded even when
                    # the session maker expires objects on commit.
                    session.expunge(row)
                await session.commit()
        except Exception:
            # Whatever the database said, the loop lives on and tries again at the next poll.
            logger.exception("could not claim an outbox row")
            return None
        return row

    def _start(self, row: OutboxMessage) -> None:
        self._queued += 1
        task = asyncio.create_task(self._deliver(row), name=f"outbox-{row.id}")
        self._in_flight.add(task)
        task.add_done_callback(self._delivered)

    def _delivered(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._wake.set()  # a slot is free

    async def _deliver(self, row: OutboxMessage) -> None:
        try:
            await self._limiter.acquire(row.chat_id)
        except asyncio.CancelledError:
            # Nothing has reached Telegram, so the row can safely wait for the next worker.
            await self._record(row, partial(outbox.requeue, row_id=row.id, due_at=utcnow()))
            raise
        finally:
            self._queued -= 1
        try:
            recorder = await self._attempt(row)
        except asyncio.CancelledError:
            reason = "cancelled while sending"
            await self._record(row, partial(outbox.mark_uncertain, row_id=row.id, reason=reason))
            raise
        await self._record(row, recorder)
        await self._report_progress(row)

    async def _attempt(self, row: OutboxMessage) -> Recorder:
        """Send the row once and decide what to write down about it."""
        try:
            message_id = await self._send(row)
        except TelegramRetryAfter as exc:
            return self._flood_controlled(row, exc)
        except TelegramForbiddenError:
            return self._blocked(row)
        except TelegramEntityTooLarge as exc:
            # A TelegramNetworkError by class, but the file will not shrink by itself.
            return self._failed(row, _describe(exc))
        except (TelegramServerError, TelegramNetworkError, TimeoutError) as exc:
            return self._retry_or_fail(row, _describe(exc))
        except TelegramAPIError as exc:
            # Bad request, chat not found, ...: the same request would get the same answer.
            return self._failed(row, _describe(exc))
        except Exception as exc:
            logger.exception("outbox row %s could not be sent", row.id)
            return self._failed(row, f"{type(exc).__name__}: {exc}")
        logger.debug("outbox row %s sent as message %s", row.id, message_id)
        return partial(outbox.mark_sent, row_id=row.id, telegram_message_id=message_id)

    async def _send(self, row: OutboxMessage) -> int:
        kwargs = dict(row.payload)
        if (markup := kwargs.get("reply_markup")) is not None:
            kwargs["reply_markup"] = InlineKeyboardMarkup.model_validate(markup)
        send = getattr(self._bot, SEND_METHODS[Kind(row.kind)])
        message = await send(chat_id=row.chat_id, **kwargs)
        return message.message_id

    def _flood_controlled(self, row: OutboxMessage, exc: TelegramRetryAfter) -> Recorder:
        logger.warning("flood control: pausing all sends for %ss (row %s)", exc.retry_after, row.id)
        self._limiter.pause(exc.retry_after)
        # Telegram refused before delivering, so this is not a failed attempt.
        return partial(outbox.requeue, row_id=row.id, due_at=utcnow())

    def _blocked(self, row: OutboxMessage) -> Recorder:
        logger.info("%s has blocked the bot (row %s)", pseudonym(row.chat_id), row.id)

        async def record(session: AsyncSession) -> None:
            await outbox.mark_blocked(session, row.id)
            # Later rows to this user are then closed at claim time, without a request.
            await mark_user_blocked(session, row.chat_id)

        return record

    def _retry_or_fail(self, row: OutboxMessage, error: str) -> Recorder:
        attempts = row.attempts + 1
        if attempts >= self._max_attempts:
            return self._failed(row, f"gave up after {attempts} attempts: {error}")
        due_at = utcnow() + timedelta(seconds=self._backoff(attempts))
        logger.info("outbox row %s: %s; retrying at %s", row.id, error, due_at)
        return partial(outbox.mark_retry, row_id=row.id, error=error, due_at=due_at)

    def _failed(self, row: OutboxMessage, reason: str) -> Recorder:
        logger.warning("outbox row %s failed: %s", row.id, reason)
        return partial(outbox.mark_failed, row_id=row.id, reason=reason)

    async def _record(self, row: OutboxMessage, recorder: Recorder) -> None:
        try:
            async with self._session_maker() as session:
                await recorder(session)
                await session.commit()
        except Exception:
            # The row stays `sending` and is later recovered as `uncertain`: true enough.
            logger.exception("outbox row %s: could not record the outcome", row.id)

    async def _report_progress(self, row: OutboxMessage) -> None:
        if row.broadcast_id is None or self._on_progress is None:
            return
        try:
            await self._on_progress(row.broadcast_id)
        except Exception:
            logger.exception("progress callback failed for broadcast %s", row.broadcast_id)


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


async def _cancel(tasks: set[asyncio.Task[None]]) -> None:
    pending = list(tasks)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
