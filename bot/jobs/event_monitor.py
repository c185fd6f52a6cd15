"""Keeps waiting lists moving: an offer nobody took in time lapses and the place goes to the
next person waiting; a place freed any other way (a /forget, a bigger capacity) is offered too.

Handlers offer a freed place at once; this loop is the safety net and the only thing that
notices time passing. It reads and writes the database only, so after a restart it simply
carries on: an offer that lapsed while the bot was down is handled at the first tick.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs.notifier import Notifier
from bot.jobs.periodic import Periodic
from models import event as events
from models.base import utcnow
from models.event import Event, EventStatus, Registration, RegStatus

log = logging.getLogger(__name__)


class EventMonitor(Periodic):
    def __init__(self, session_maker: async_sessionmaker[AsyncSession], notifier: Notifier, *,
                 wake_sender: Callable[[], None] = lambda: None, interval: float = 30.0) -> None:
        super().__init__(interval)
        self._session_maker = session_maker
        self._notices = notifier.events
        self._wake_sender = wake_sender

    async def tick(self, now: datetime | None = None) -> int:
        """Lapse late offers and offer free places; returns how many people were messaged."""
        now = now or utcnow()
        told = 0
        async with self._session_maker.begin() as session:
            for registration in await events.lapsed_offers(session, now):
                event = await events.get_event(session, registration.event_id)
                told += await self._notices.offer_lapsed(session, event, registration, now)
            for event in await _with_waiting_list(session, now):
                offered = await events.offer_free_places(session, event, now)
                told += await self._notices.offered(session, event, offered, now)
        if told:
            log.info("waiting lists: %s people told", told)
            self._wake_sender()
        return told


async def _with_waiting_list(session: AsyncSession, now: datetime) -> list[Event]:
    waiting = select(Registration.event_id).where(Registration.status == RegStatus.WAITING)
    return list(await session.scalars(
        select(Event).where(Event.id.in_(waiting), Event.status == EventStatus.OPEN,
                            Event.starts_at > now).order_by(Event.id)
    ))
