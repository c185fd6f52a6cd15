"""Starting the real bot process when Telegram is not there yet, or refuses the token.

A server often starts the bot before its network is up: the bot waits and tries again, then
serves as usual, instead of crashing and staying down. A token Telegram refuses (mistyped,
revoked) cannot get better by waiting: one line naming BOT_TOKEN, exit code 2, no traceback,
and the token itself never in the output (logs get pasted into help requests)."""

from __future__ import annotations

import asyncio
import time

from tests.support.bot_process import BotProcess
from tests.support.databases import EMPTY_SQLITE_ONLY
from tests.support.e2e import free_port, stub_token
from tests.support.telegram_stub import TelegramStub

RESIDENT = 5150


async def wait_for_log(process: BotProcess, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while text not in process.log_text():
        assert process.returncode is None, f"the bot stopped:\n{process.log_tail()}"
        assert time.monotonic() < deadline, f"{text!r} never appeared\n{process.log_tail()}"
        await asyncio.sleep(0.05)


@EMPTY_SQLITE_ONLY
async def test_a_refused_token_is_one_line_naming_the_setting(empty_database_url):
    async with TelegramStub(stub_token()) as stub:
        wrong = stub_token()  # another bot's token: the stand-in answers 401 Unauthorized
        env = {"BOT_TOKEN": wrong, "TELEGRAM_API_URL": stub.base_url,
               "DATABASE_URL": empty_database_url}
        process = BotProcess(env)
        await process.start()
        assert await process.wait(timeout=60) == 2, process.log_tail()
    log = process.log_text()
    assert "pbchat: Telegram refused BOT_TOKEN" in log
    assert "Traceback" not in log
    assert wrong.split(":", 1)[1] not in log, "the token's secret part was printed"


@EMPTY_SQLITE_ONLY
async def test_the_bot_waits_for_telegram_then_serves(empty_database_url):
    port = free_port()  # nothing listens here yet: the network is "down"
    stub = TelegramStub(stub_token())
    env = {"BOT_TOKEN": stub.token, "TELEGRAM_API_URL": f"http://127.0.0.1:{port}",
           "DATABASE_URL": empty_database_url}
    async with BotProcess(env) as process:
        await wait_for_log(process, "Telegram cannot be reached yet")
        await asyncio.sleep(1.5)  # long enough for a crash to show
        assert process.returncode is None, process.log_tail()
        stub.reset_polling_marker()
        await stub.start(port)
        try:
            await stub.wait_polling(timeout=60)
            stub.push_message(RESIDENT, "/start", language_code="cy")
            answer = await stub.wait_for_message(RESIDENT, 1, timeout=30)
            assert answer.text
            assert await process.stop() == 0, process.log_tail()
        finally:
            await stub.stop()
    assert "Traceback" not in process.log_text()
    assert stub.token.split(":", 1)[1] not in process.log_text()
