"""Broadcast throughput through the real bot process against a Telegram stand-in at 30 msg/s.

    python -m bench.broadcast [--recipients N] [--rate R]

The stand-in answers 429 (retry_after 1 s) beyond 30 messages in any one-second window, as
Telegram does; pbchat's SEND_RATE is set to match. The clock runs from the organiser's Send
tap to the last broadcast message accepted. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from tests.support.bot_process import BotProcess
from tests.support.broadcast_scenario import (
    ORGANISER,
    deliveries,
    organiser_sends,
    report_of,
    seed_residents,
)
from tests.support.telegram_stub import DEFAULT_TOKEN, TelegramStub

ROOT = Path(__file__).resolve().parent.parent

TEXT, TEXT_CY = "Bench broadcast", "Darllediad mainc"


async def bench(recipients: int, rate: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite+aiosqlite:///{folder}/bench.db"
        residents = await seed_residents(database_url, recipients)
        async with TelegramStub(global_rate=30, retry_after=1) as stub:
            env = {"BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": stub.base_url,
                   "DATABASE_URL": database_url, "ORGANISER_IDS": str(ORGANISER),
                   "SEND_RATE": str(rate), "LOG_LEVEL": "WARNING"}
            async with BotProcess(env) as process:
                await stub.wait_polling(timeout=60)
                await organiser_sends(stub, TEXT, TEXT_CY)
                started = time.monotonic()
                await stub.wait_for(lambda: report_of(stub) is not None,
                                    timeout=recipients / 10 + 120)
                finished = max(m.at for m in stub.sent if m.text in (TEXT, TEXT_CY))
                await asyncio.sleep(1)
                got = deliveries(stub, residents, TEXT, TEXT_CY)
                await process.stop()
    seconds = finished - started
    delivered = sum(got.values())
    return {
        "recipients": recipients,
        "seconds": round(seconds, 2),
        "rate": round(delivered / seconds, 2),
        "retry_after_hits": stub.retry_after_hits,
        "duplicates": delivered - len(got),
        "lost": recipients - len(got),
        "send_rate_setting": rate,
        "machine": (f"{platform.machine()}, {os.cpu_count()} cores, "
                    f"Python {platform.python_version()}"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0, help="pbchat's SEND_RATE")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(bench(args.recipients, args.rate))))


if __name__ == "__main__":
    main()
