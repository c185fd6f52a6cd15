"""/mydata shows registrations and volunteering; /forget erases them and their messages,
and the freed place goes to the next person waiting."""

from __future__ import annotations

import json

from aiogram.methods import SendDocument

from bot.jobs.event_monitor import EventMonitor
from bot.ui.callbacks import EventAction as A
from bot.ui.callbacks import ForgetCb
from models import event as events
from tests.support.event_fixtures import EN, ev, join, make_event, outbox
from tests.support.factories import rows_mentioning

ANN, BEN = 8101, 8102


async def test_mydata_and_forget_cover_events(harness, session_maker):
    event_id = await make_event(session_maker, capacity=1, ask_first_name=True)
    async with session_maker.begin() as session:
        role = await events.add_role(session, await events.get_event(session, event_id),
                                     "Welcome desk", "Desg groeso")
    await join(harness, ANN, EN)
    await harness.tap(ANN, ev(A.REGISTER, event_id))
    await harness.send(ANN, "Ann")
    await harness.tap(ANN, ev(A.ROLE, event_id, role.id))
    await harness.send(ANN, "Ann")
    await join(harness, BEN, EN)
    await harness.tap(BEN, ev(A.REGISTER, event_id))
    await harness.send(BEN, "Ben")  # waiting

    sent = await harness.send(ANN, "/mydata")
    data = json.loads(next(r for r in sent if isinstance(r, SendDocument)).document.data)
    [mine] = data["event_registrations"]
    assert (mine["first_name"], mine["status"]) == ("Ann", "confirmed")
    assert data["volunteering"][0]["role"] == "Welcome desk"

    assert await outbox(session_maker, "rem:")
    await harness.send(ANN, "/forget")
    await harness.tap(ANN, ForgetCb(confirm=True).pack())
    assert await rows_mentioning(session_maker, ANN) == []
    await EventMonitor(session_maker, harness.dp["notifier"]).tick()
    assert [r.chat_id for r in await outbox(session_maker, "offer:")] == [BEN]


async def test_mydata_shows_the_conversation_in_progress_wherever_it_is_kept(harness,
                                                                            session_maker):
    """On PostgreSQL the conversation state is in Redis, not in a table: /mydata still shows
    it, and /forget still clears it."""
    event_id = await make_event(session_maker, capacity=5, ask_first_name=True)
    await join(harness, ANN, EN)
    await harness.tap(ANN, ev(A.REGISTER, event_id))  # the bot now asks for a first name

    async def in_progress() -> dict:
        sent = await harness.send(ANN, "/mydata")
        document = next(r for r in sent if isinstance(r, SendDocument))
        return json.loads(document.document.data)["conversation_in_progress"]

    shown = await in_progress()
    assert shown["step"] and ":" in shown["step"]
    await harness.send(ANN, "/forget")
    await harness.tap(ANN, ForgetCb(confirm=True).pack())
    assert await in_progress() == {"step": None, "answers": {}}
