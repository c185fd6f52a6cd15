"""A background loop that calls `tick()` every `interval` seconds until stopped, or sooner when
woken.

Monitors subclass it and implement `tick()`. A failing tick is logged and the loop goes on:
one bad row must not stop reminders or broadcasts for good. `wake()` (or setting the
`asyncio.Event` given as `wake`) runs the next tick at once; a wake during a tick runs one
more tick right after it, so nothing written meanwhile waits for the next interval.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import suppress

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

log = logging.getLogger(__name__)


class Periodic(ABC):
    def __init__(self, interval: float, *, wake: asyncio.Event | None = None) -> None:
        self._interval = interval
        self._stopping = asyncio.Event()
        self._wake = wake if wake is not None else asyncio.Event()

    @abstractmethod
    async def tick(self) -> object:
        """One round of work; called again `interval` seconds after it returns."""

    async def run(self) -> None:
        while not self._stopping.is_set():
            # Cleared before the tick, so a wake during the tick is not lost.
            self._wake.clear()
            try:
                await self.tick()
            except Exception:
                log.exception("%s tick failed", type(self).__name__)
            if self._stopping.is_set():
                break
            with suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval)

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()


def after_commit(session: AsyncSession, callback: Callable[[], None]) -> None:
    """Call `callback` once this session's transaction has committed (not if it rolls back).

    For waking a loop about rows this update writes: woken earlier, the loop could look
    before the rows are there and go back to sleep for a whole interval.
    """
    event.listen(session.sync_session, "after_commit", lambda _session: callback(), once=True)
