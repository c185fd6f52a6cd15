"""A broadcast driven through the real bot process, shared by the e2e test and the benchmark."""

from __future__ import annotations

import asyncio
import random
import re
from collections import Counter

from bot.cli.migrate import migrate
from bot.ui.callbacks import BroadcastAction as Act
from bot.ui.callbacks import BroadcastCb
from models.db import create_engine, create_session_maker
from models.user import User
from tests.support.telegram_stub import TelegramStub

ORGANISER = 900
FIRST_RESIDENT = 100_000


async def seed_residents(database_url: str, count: int, *, seed: int = 7) -> list[int]:
    """Residents who have used the bot before: a Telegram id and a language, as /start leaves."""
    engine = create_engine(database_url)
    await migrate(engine)
    chooser = random.Random(seed)
    ids = list(range(FIRST_RESIDENT, FIRST_RESIDENT + count))
    async with create_session_maker(engine).begin() as session:
        session.add_all(User(telegram_id=i, locale=chooser.choice(["en", "cy"])) for i in ids)
    await engine.dispose()
    return ids


async def organiser_sends(stub: TelegramStub, english: str, welsh: str | None,
                          reads_preview: float = 0.0) -> None:
    """The organiser's taps and messages, exactly as they would arrive from Telegram, with
    `reads_preview` seconds between the preview and Send (the rest as fast as a script)."""
    stub.push_message(ORGANISER, "/start")  # the first-contact notice, then the menu
    await stub.wait_for_messages(ORGANISER, 2, timeout=30)
    answers = len(stub.callback_answers)
    stub.push_message(ORGANISER, "/broadcast")
    await stub.wait_for_messages(ORGANISER, 3, timeout=30)
    stub.push_callback(ORGANISER, BroadcastCb(action=Act.AUDIENCE, value="all").pack())
    await stub.wait_for(lambda: len(stub.callback_answers) >= answers + 1, timeout=30)
    stub.push_message(ORGANISER, english)
    await stub.wait_for_messages(ORGANISER, 4, timeout=30)
    if welsh:
        stub.push_message(ORGANISER, welsh)
    else:
        stub.push_callback(ORGANISER, BroadcastCb(action=Act.SKIP_WELSH).pack())
    await stub.wait_for_messages(ORGANISER, 5, timeout=30)
    assert "When should it go?" in stub.messages_to(ORGANISER)[-1].text, [
        m.text for m in stub.messages_to(ORGANISER)]
    stub.push_callback(ORGANISER, BroadcastCb(action=Act.NOW).pack())
    preview = await stub.wait_for_messages(ORGANISER, 7 + bool(welsh), timeout=30)
    assert "To: Everyone" in preview[-1].text, preview[-1].text
    await asyncio.sleep(reads_preview)
    stub.push_callback(ORGANISER, BroadcastCb(action=Act.SEND).pack())


def deliveries(stub: TelegramStub, recipients: list[int], *texts: str) -> Counter[int]:
    """How many times each recipient was sent one of the broadcast's `texts`."""
    wanted = set(recipients)
    return Counter(m.chat_id for m in stub.sent
                   if m.method == "sendMessage" and m.chat_id in wanted and m.text in texts)


def report_of(stub: TelegramStub) -> str | None:
    for message in reversed(stub.messages_to(ORGANISER)):
        if message.text and "Broadcast finished" in message.text:
            return message.text
    return None


def report_counts(report: str) -> dict[str, int]:
    return {label: int(n) for label, n in re.findall(r"(\w[\w ]*): (\d+)", report)}
