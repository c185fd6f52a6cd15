"""BotProcess (tests/support/bot_process.py) with trivial child processes, and the Bot API
stand-in run standalone as a process."""

from __future__ import annotations

import asyncio
import signal
import sys
import time

import pytest

from tests.support.api_client import USER, client
from tests.support.bot_process import REPO_ROOT, BotProcess
from tests.support.e2e import free_port

# --- BotProcess and the standalone server -------------------------------------------------


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


# A child that says it is ready, then waits; SIGTERM makes it exit with code 3.
WAITS_FOR_SIGTERM = python(
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))\n"
    "print('ready')\n"
    "time.sleep(30)\n"
)


async def wait_for_log(process: BotProcess, text: str, seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while text not in process.log_text():
        assert time.monotonic() < deadline, f"{text!r} never appeared\n{process.log_tail()}"
        await asyncio.sleep(0.02)


async def test_bot_process_passes_env_and_captures_output() -> None:
    code = (
        "import os, sys\n"
        "print('probe', os.environ['PBCHAT_PROBE'], os.getcwd())\n"
        "print('to stderr', file=sys.stderr)\n"
    )
    process = BotProcess({"PBCHAT_PROBE": "42"}, argv=python(code))
    await process.start()
    assert await process.wait(timeout=5) == 0
    assert f"probe 42 {REPO_ROOT}" in process.log_text()
    assert "to stderr" in process.log_text()


async def test_bot_process_stop_sends_sigterm() -> None:
    async with BotProcess({}, argv=WAITS_FOR_SIGTERM) as process:
        await wait_for_log(process, "ready")
        assert process.returncode is None
        assert await process.stop() == 3


async def test_bot_process_that_ignores_sigterm_is_killed() -> None:
    stubborn = python(
        "import signal, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "print('ready')\n"
        "time.sleep(30)\n"
    )
    process = BotProcess({}, argv=stubborn)
    await process.start()
    await wait_for_log(process, "ready")
    with pytest.raises(TimeoutError, match="still running"):
        await process.stop(timeout=0.3)
    assert process.returncode == -signal.SIGKILL


async def test_failing_test_gets_the_bot_log_attached() -> None:
    with pytest.raises(ValueError, match="test failed") as raised:
        async with BotProcess({}, argv=WAITS_FOR_SIGTERM) as process:
            await wait_for_log(process, "ready")
            raise ValueError("test failed")
    assert process.returncode == -signal.SIGKILL  # no graceful wait after a failure
    assert "ready" in "\n".join(raised.value.__notes__)




async def test_stub_runs_standalone() -> None:
    port = free_port()
    argv = [sys.executable, "-m", "tests.support.telegram_stub", "--port", str(port)]
    async with BotProcess({}, argv=argv + ["--global-rate", "30"]) as server:
        await wait_for_log(server, "Telegram stand-in on")
        async with client(f"http://127.0.0.1:{port}") as bot:
            await bot.send_message(USER, "benchmark")
        assert await server.stop(signal.SIGINT) == 0
    assert "1 messages accepted, 0 answered 429" in server.log_text()
