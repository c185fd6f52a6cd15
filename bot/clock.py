"""A clock the end-to-end tests can move forward (TEST_CLOCK_FILE), so none waits real minutes.

The file holds one number: seconds to add to the real time. It is read again whenever it
changes (one `stat` per look at the clock), so a test moves time on while the bot runs, and
every process of the test reads the same file. Only `models.base.utcnow` moves: timeouts and
rate limits keep real (monotonic) time, as they pace real requests.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from pathlib import Path

from models.base import set_clock_offset

log = logging.getLogger(__name__)


class FileOffset:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._seen: tuple[int, int] | None = None
        self._offset = timedelta()

    def __call__(self) -> timedelta:
        try:
            stat = os.stat(self.path)
            changed = (stat.st_ino, stat.st_mtime_ns)  # a new file each time: see move_clock
        except FileNotFoundError:
            return timedelta()  # no file yet: the real time
        if changed != self._seen:
            text = self.path.read_text().strip()
            # A file caught half-written keeps the last offset; the next look reads it whole.
            try:
                self._offset = timedelta(seconds=float(text))
                self._seen = changed
            except ValueError:
                pass
        return self._offset


def install_test_clock(path: str | Path) -> None:
    log.warning("TEST_CLOCK_FILE is set: the clock is moved by %s (for tests only)", path)
    set_clock_offset(FileOffset(path))


def move_clock(path: str | Path, seconds: float) -> None:
    """What a test calls: from now on the bot's clock runs `seconds` ahead of the real one."""
    path = Path(path)
    part = path.with_name(path.name + ".part")
    part.write_text(f"{seconds!r}\n")
    part.replace(path)  # whole or not at all
