"""A background loop that calls `tick()` every `interval` seconds until stopped.

Monitors subclass it and implement `tick()`. A failing tick is logged and the loop goes on:
one bad row must not stop reminders or broadcasts for good.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from contextlib import suppress

log = logging.getLogger(__name__)


class Periodic(ABC):
    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._stopping = asyncio.Event()

    @abstractmethod
    async def tick(self) -> object:
        """One round of work; called again `interval` seconds after it returns."""

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.tick()
            except Exception:
                log.exception("%s tick failed", type(self).__name__)
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._interval)

    def stop(self) -> None:
        self._stopping.set()
