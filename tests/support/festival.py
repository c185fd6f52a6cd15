"""A festival of learning as its tests set it up: two residents checked in at an event that
started two hours ago, the organiser's /festival run through to Send, and the pledges it
leaves."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.ui.callbacks.pledges import FestivalAction, FestivalCb
from models.pledge import Pledge
from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import CY, EN, check_in, join, make_event
from tests.support.flow import buttons, texts

ANN, CERI, DAI = 7301, 7302, 7303  # ANN English, CERI Welsh, both came; DAI never came
ASK = {EN: "What did you learn?", CY: "Beth wnaethoch chi ei ddysgu?"}
NEXT = {EN: "What will you do next?", CY: "Beth wnewch chi nesaf?"}


async def pledge_of(session_maker, telegram_id: int) -> Pledge | None:
    async with session_maker() as session:
        return await session.scalar(select(Pledge).where(Pledge.telegram_id == telegram_id))


async def start_festival(harness, session_maker, locale, period: str) -> int:
    """Two residents (English, Welsh) checked in; the organiser asks that event's people."""
    event_id = await make_event(session_maker, starts_in=timedelta(hours=-2))
    for person, language in ((ANN, EN), (CERI, CY)):
        await join(harness, person, language)
        await check_in(session_maker, event_id, person)
    await join(harness, DAI, EN)  # started the bot, never came: not asked
    await join(harness, ORGANISER_ID, locale)
    sent = await harness.send(ORGANISER_ID, "/festival")
    assert ("Pwy ddylwn i" if locale is CY else "Who should I ask") in texts(sent)[0]
    audience = FestivalCb(action=FestivalAction.AUDIENCE, event=event_id).pack()
    assert audience in [data for _, data in buttons(sent[0])]
    sent = await harness.tap(ORGANISER_ID, audience)
    assert ("6 wythnos" if locale is CY else "6 weeks") in texts(sent)[0]
    sent = await harness.send(ORGANISER_ID, "soon")
    assert ("fel 6 wythnos" if locale is CY else "like 6 weeks") in texts(sent)[0]
    sent = await harness.send(ORGANISER_ID, period)
    assert ("Holi 2 berson" if locale is CY else "Ask 2 people") in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, FestivalCb(action=FestivalAction.SEND).pack())
    assert ("bydd 2 berson" if locale is CY else "2 people will be asked") in texts(sent)[0]
    return event_id
