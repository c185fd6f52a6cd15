"""Run the real bot (`python -m bot`) as a child process for end-to-end tests.

Usage:
    async with BotProcess({"BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": stub.base_url}):
        await stub.wait_polling()
        ...

Output (stdout and stderr together) goes to a log file that outlives the process, so a
failing test can show what the bot said; `__aexit__` attaches its tail to the failure.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from signal import SIGTERM
from types import TracebackType

from bot.clock import move_clock

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
LOG_TAIL_LINES = 40


class ClockFile:
    """The bot's clock as a test moves it: pass `env` to the process, then `move(seconds)`
    puts the bot that far ahead of the real time (TEST_CLOCK_FILE, bot/clock.py)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def env(self) -> dict[str, str]:
        return {"TEST_CLOCK_FILE": str(self.path)}

    def move(self, seconds: float) -> None:
        move_clock(self.path, seconds)


class BotProcess:
    def __init__(
        self,
        env: Mapping[str, str],
        cwd: str | Path = REPO_ROOT,
        *,
        argv: Sequence[str] | None = None,
    ) -> None:
        self.env = dict(env)
        self.cwd = Path(cwd)
        self.argv = list(argv) if argv is not None else [sys.executable, "-m", "bot"]
        self.log_path: Path | None = None
        self._process: asyncio.subprocess.Process | None = None

    @property
    def returncode(self) -> int | None:
        """None while running (or before start); negative -N if killed by signal N."""
        return self._process.returncode if self._process else None

    async def start(self) -> None:
        if self._process is not None:
            raise RuntimeError("the process was started already")
        log_fd, log_name = tempfile.mkstemp(prefix="pbchat-bot-", suffix=".log")
        self.log_path = Path(log_name)
        # Unbuffered, so that log_text() shows what the bot said up to now, not at exit.
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        try:
            self._process = await asyncio.create_subprocess_exec(
                *self.argv,
                cwd=self.cwd,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log_fd,
                stderr=asyncio.subprocess.STDOUT,
            )
        finally:
            os.close(log_fd)  # the child holds its own copy

    async def wait(self, timeout: float = 15) -> int:  # noqa: ASYNC109 (reads well in tests)
        """Wait for the process to exit on its own; return its exit code."""
        process = self._started()
        try:
            return await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            raise TimeoutError(
                f"{self._name()} still running after {timeout}s\n{self.log_tail()}"
            ) from None

    async def stop(self, signal: int = SIGTERM, timeout: float = 15) -> int:  # noqa: ASYNC109 (reads well in tests)
        """Send `signal` and wait for the exit code. A process that outlasts `timeout` is
        killed and TimeoutError raised: shutting down slowly is a bug worth a failure."""
        process = self._started()
        if process.returncode is None:
            process.send_signal(signal)
        try:
            return await self.wait(timeout)
        except TimeoutError:
            self.kill()
            await process.wait()
            raise

    def kill(self) -> None:
        """SIGKILL, as a crash or an out-of-memory kill would end the bot."""
        process = self._started()
        if process.returncode is None:
            process.kill()

    def log_text(self) -> str:
        if self.log_path is None:
            return ""
        return self.log_path.read_text(errors="replace")

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        tail = "\n".join(self.log_text().splitlines()[-lines:])
        return f"--- last lines of {self.log_path} ---\n{tail}"

    async def __aenter__(self) -> BotProcess:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc is None:
            await self.stop()
            return
        # The test failed already: don't wait for a graceful exit, but show the bot's log.
        self.kill()
        await self._started().wait()
        exc.add_note(self.log_tail())

    def _started(self) -> asyncio.subprocess.Process:
        if self._process is None:
            raise RuntimeError("the process has not been started")
        return self._process

    def _name(self) -> str:
        return " ".join(self.argv)
