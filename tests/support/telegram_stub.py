"""The Bot API stand-in for end-to-end tests and benchmarks (the code is in tests/support/stub/).

Run standalone for benchmarks:  python -m tests.support.telegram_stub --port 8081 --global-rate 30
"""

from __future__ import annotations

import argparse
import asyncio
import signal

from tests.support.stub.api import (
    BAD_MARKUP,
    BLOCKED,
    CALLBACK_DATA_LIMIT,
    CAPTION_LIMIT,
    DEFAULT_TOKEN,
    MAX_UPLOAD,
    NOT_MODIFIED,
    QUERY_INVALID,
    TEXT_LIMIT,
    ApiError,
    Json,
    Params,
)
from tests.support.stub.html_entities import HtmlParseError, parse_html
from tests.support.stub.records import SentMessage, StoredFile, Upload
from tests.support.stub.requests import form_fields
from tests.support.stub.server import TelegramStub

__all__ = [
    "BAD_MARKUP",
    "BLOCKED",
    "CALLBACK_DATA_LIMIT",
    "CAPTION_LIMIT",
    "DEFAULT_TOKEN",
    "MAX_UPLOAD",
    "NOT_MODIFIED",
    "QUERY_INVALID",
    "TEXT_LIMIT",
    "ApiError",
    "HtmlParseError",
    "Json",
    "Params",
    "SentMessage",
    "StoredFile",
    "TelegramStub",
    "Upload",
    "form_fields",
    "main",
    "parse_html",
]


# --- standalone server ------------------------------------------------------------------


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Telegram Bot API stand-in")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--global-rate", type=float, help="sends per second, all chats")
    parser.add_argument("--per-chat-rate", type=float, help="sends per second, per chat")
    parser.add_argument("--retry-after", type=int, default=1)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds added to each send")
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    stub = TelegramStub(
        args.token,
        global_rate=args.global_rate,
        per_chat_rate=args.per_chat_rate,
        retry_after=args.retry_after,
    )
    stub.delay = args.delay
    url = await stub.start(args.port)
    print(f"Telegram stand-in on {url} for token {stub.token}", flush=True)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
    await stub.stop()
    print(
        f"{len(stub.sent)} messages accepted, {stub.retry_after_hits} answered 429, "
        f"{len(stub.calls)} calls in all",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    asyncio.run(_serve(_parse_args(argv)))


if __name__ == "__main__":
    main()
