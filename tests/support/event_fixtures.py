"""Helpers shared by the event tests: residents who chose a language, events in the database,
button data, and a look at the outbox."""

from __future__ import annotations

from datetime import timedelta

from bot.ui.callbacks import (
    EventAction,
    EventAdminAction,
    EventAdminCb,
    EventCb,
    Locale,
)
from models import event as events
from models.base import utcnow
from models.event import Event, Registration
from tests.support import factories
from tests.support.factories import outbox_rows as outbox  # noqa: F401  (what event tests import)

EN, CY = Locale.EN, Locale.CY
WELSH_TITLE = "Caffi'r Byd Ringland"


async def join(harness, user_id: int, locale: Locale) -> None:
    """A person whose Telegram app is set to `locale` says /start and picks it."""
    await factories.join(harness, user_id, locale, app_language=locale.value)


async def make_event(session_maker, *, starts_in: timedelta = timedelta(days=3),
                     **fields) -> int:
    start = (utcnow() + starts_in).replace(second=0, microsecond=0)
    values = {"kind": "cafe", "title_en": "Ringland World Café", "title_cy": WELSH_TITLE,
              "description_en": "Talk about <safety> & youth",
              "description_cy": "Siarad am ddiogelwch",
              "area": "Ringland", "venue": "Community Centre", "address": "1 Ringland Circle",
              "starts_at": start, "ends_at": start + timedelta(hours=2)} | fields
    async with session_maker.begin() as session:
        event = await events.create_event(session, created_by=900, **values)
        return event.id


def ev(action: EventAction, event_id: int = 0, value: int = 0) -> str:
    return EventCb(action=action, event_id=event_id, value=value).pack()


def eva(action: EventAdminAction, event_id: int = 0, value: int = 0) -> str:
    return EventAdminCb(action=action, event_id=event_id, value=value).pack()


async def registration(session_maker, event_id: int, telegram_id: int) -> Registration | None:
    async with session_maker() as session:
        return await events.find_registration(session, event_id, telegram_id)


async def event_row(session_maker, event_id: int) -> Event:
    async with session_maker() as session:
        return await session.get(Event, event_id)


async def vote_event(session_maker, round_id: int, area: str = "Speke") -> int:
    return await make_event(session_maker, starts_in=timedelta(hours=-1), kind="vote",
                            round_id=round_id, area=area)


async def check_in(session_maker, event_id: int, telegram_id: int) -> None:
    async with session_maker.begin() as session:
        event = await events.get_event(session, event_id)
        registration = await events.register(session, event, telegram_id, now=utcnow())
        await events.check_in(session, event, registration.code, utcnow())


async def register_only(session_maker, event_id: int, telegram_id: int) -> None:
    async with session_maker.begin() as session:
        await events.register(session, await events.get_event(session, event_id), telegram_id,
                              now=utcnow())
