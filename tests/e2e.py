"""Shared steps of the end-to-end tests: the real bot process against the Bot API stand-in."""

from __future__ import annotations

from pathlib import Path

from tests.bot_process import BotProcess
from tests.telegram_stub import DEFAULT_TOKEN, TelegramStub


def bot_env(stub: TelegramStub, database: Path, **extra: str) -> dict[str, str]:
    return {"BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": stub.base_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{database}", "ORGANISER_IDS": "900", **extra}


async def start_polling_bot(stub: TelegramStub, env: dict[str, str]) -> BotProcess:
    """Start `python -m bot` and return once it is asking the stand-in for updates."""
    stub.reset_polling_marker()
    process = BotProcess(env)
    await process.start()
    try:
        await stub.wait_polling(timeout=60)
    except AssertionError:
        raise AssertionError(f"bot did not start polling:\n{process.log_tail()}") from None
    return process
