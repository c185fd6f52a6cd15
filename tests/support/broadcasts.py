"""A broadcast as an organiser writes it through the harness (/broadcast to everyone), and the
outbox rows it leaves. (tests/support/broadcast_scenario.py drives the real bot process.)"""

from __future__ import annotations

from bot.ui.callbacks import BroadcastAction as Act
from bot.ui.callbacks import Locale
from models.outbox import OutboxMessage
from tests.conftest import ORGANISER_ID
from tests.support.factories import broadcast_cb as cb
from tests.support.factories import join, outbox_rows
from tests.support.flow import buttons, texts

RESIDENTS = {7001: Locale.EN, 7002: Locale.CY, 7003: Locale.CY}


async def write_broadcast(harness, *, welsh: str | None = "Helo <b>bawb</b>") -> list:
    """RESIDENTS and the organiser say hello; the organiser writes to everyone (in Welsh too,
    unless `welsh` is None) and taps Send now. Returns what the last tap sent."""
    for user_id, locale in RESIDENTS.items():
        await join(harness, user_id, locale)
    await join(harness, ORGANISER_ID, Locale.EN)
    sent = await harness.send(ORGANISER_ID, "/broadcast")
    assert texts(sent) == ["Who should get this message?"]
    assert buttons(sent[0])[0][0] == "Everyone · 4 people"
    sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
    assert texts(sent)[0].startswith("Send the message in English")
    await harness.send(ORGANISER_ID, "Vote on Saturday at the <community centre> & bring a friend")
    if welsh:
        await harness.send(ORGANISER_ID, welsh)
    else:
        await harness.tap(ORGANISER_ID, cb(Act.SKIP_WELSH))
    return await harness.tap(ORGANISER_ID, cb(Act.NOW))


async def outbox_by_chat(session_maker) -> list[OutboxMessage]:
    """Every outbox row, by chat (oldest first within a chat)."""
    return sorted(await outbox_rows(session_maker), key=lambda row: row.chat_id)
