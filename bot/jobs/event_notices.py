"""Messages about events that the bot sends on its own: reminders, volunteer briefings,
waiting-list offers, and notices of a change or a cancellation.

Every one is an outbox row (models/outbox.py; keys start with `models.event.OUTBOX_PREFIXES`),
rendered in the recipient's language and sent by the delivery worker at the rate limit; a
unique dedupe key means planning twice sends once.
Reminders and briefings are rows with a future `due_at` ("scheduled sends are rows", see
docs/decisions.md). `sync_reminders` makes the pending rows of an event match what should be
planned now, so registering, cancelling, moving or cancelling the event are all one call.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.ui import event_keyboards as kb
from bot.ui.event_texts import LocaleTexts, summary, when
from models import event as events
from models.event import Event, Helper, HelperStatus, Registration, Role
from models.event_rules import reminder_times
from models.outbox import NewMessage, OutboxMessage, Status, enqueue

if TYPE_CHECKING:
    from bot.jobs.notifier import Notifier

HELPERS_ARRIVE_BEFORE = timedelta(hours=1)


def reminder_key(event_id: int, offset: int, telegram_id: int) -> str:
    return f"rem:{event_id}:{offset}:u:{telegram_id}"


def briefing_key(event_id: int, telegram_id: int) -> str:
    return f"brief:{event_id}:u:{telegram_id}"


def helpers_arrive_at(event: Event) -> datetime:
    return event.helpers_arrive_at or event.starts_at - HELPERS_ARRIVE_BEFORE


def _stamp(moment: datetime) -> int:
    return int(moment.timestamp())


class EventNotices:
    """The event notices of the one Notifier (bot/jobs/notifier.py): `notifier.events`."""

    def __init__(self, notifier: Notifier) -> None:
        self._notifier = notifier

    @property
    def tz(self) -> ZoneInfo:
        return self._notifier.tz

    def texts(self, locale: str | None) -> LocaleTexts:
        return self._notifier.texts(locale)

    async def _locales(self, session: AsyncSession, ids: Iterable[int]) -> dict[int, str]:
        return await self._notifier.languages(session, ids)

    def _text(self, key: str, chat_id: int, text: str, due_at: datetime,
              markup: dict | None = None) -> NewMessage:
        return self._notifier.message(key, chat_id, text, due_at, markup)

    # --- reminders and briefings, kept in step with the event ---------------------------------

    async def sync_reminders(self, session: AsyncSession, event: Event, now: datetime,
                             telegram_id: int | None = None) -> None:
        """Make the event's pending reminders (of one person, or everyone) what they should be.

        Wanted: one reminder per confirmed registration and offset still ahead, one briefing
        per confirmed volunteer. Pending rows no longer wanted are cancelled; pending rows
        still wanted get the new time and text (the event moved); a cancelled row wanted again
        (cancelled, then registered again) comes back; rows already sent are never touched.
        """
        wanted = await self._wanted(session, event, now, telegram_id)
        for row in await self._planned(session, event.id, telegram_id):
            message = wanted.pop(row.dedupe_key, None)
            if message is None:
                await _set_status(session, row.id, Status.PENDING, Status.CANCELLED)
            elif row.status in (Status.PENDING, Status.CANCELLED):
                # Guarded by status: a row the worker claimed meanwhile is left alone.
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == row.id, OutboxMessage.status == row.status)
                    .values(status=Status.PENDING.value, due_at=message.due_at,
                            payload=message.payload)
                    .execution_options(synchronize_session=False)
                )
        await enqueue(session, wanted.values())

    async def _wanted(self, session: AsyncSession, event: Event, now: datetime,
                      telegram_id: int | None) -> dict[str, NewMessage]:
        if not event.is_open:
            return {}
        offsets = event.offsets(self._notifier.reminder_offsets)
        people = await events.confirmed_people(session, event.id, telegram_id)
        helpers = [(helper, role) for helper, role in
                   await events.helpers_of(session, event.id, HelperStatus.CONFIRMED)
                   if telegram_id is None or helper.telegram_id == telegram_id]
        locales = await self._locales(session, [r.telegram_id for r in people]
                                      + [h.telegram_id for h, _ in helpers])
        wanted: dict[str, NewMessage] = {}
        for registration in people:
            i18n = self.texts(locales[registration.telegram_id])
            for offset, due in reminder_times(event.starts_at, offsets, now):
                key = reminder_key(event.id, offset, registration.telegram_id)
                wanted[key] = self._reminder(i18n, key, event, registration, due)
        # Volunteers hear at the time of the earliest reminder, with their arrival time.
        briefing_due = event.starts_at - timedelta(seconds=max(offsets))
        for helper, role in helpers:
            if briefing_due > now:
                key = briefing_key(event.id, helper.telegram_id)
                wanted[key] = self._briefing(self.texts(locales[helper.telegram_id]), key,
                                             event, helper, role, briefing_due)
        return wanted

    async def _planned(self, session: AsyncSession, event_id: int,
                       telegram_id: int | None) -> list[OutboxMessage]:
        query = select(OutboxMessage).where(or_(
            OutboxMessage.dedupe_key.like(f"rem:{event_id}:%"),
            OutboxMessage.dedupe_key.like(f"brief:{event_id}:%"),
        ))
        if telegram_id is not None:
            query = query.where(OutboxMessage.chat_id == telegram_id)
        return list(await session.scalars(query.execution_options(populate_existing=True)))

    def _reminder(self, i18n: LocaleTexts, key: str, event: Event, registration: Registration,
                  due: datetime) -> NewMessage:
        text = i18n.get("ev-reminder", summary=summary(i18n, event, self.tz),
                        code=registration.code)
        return self._text(key, registration.telegram_id, text, due,
                          kb.as_payload(kb.reminder(i18n, event.id)))

    def _briefing(self, i18n: LocaleTexts, key: str, event: Event, helper: Helper, role: Role,
                  due: datetime) -> NewMessage:
        text = i18n.get("ev-briefing", summary=summary(i18n, event, self.tz),
                        role=role.name(i18n.locale),
                        arrive=when(helpers_arrive_at(event), self.tz, i18n.locale))
        return self._text(key, helper.telegram_id, text, due,
                          kb.as_payload(kb.briefing(i18n, event.id)))

    # --- one-off notices ------------------------------------------------------------------------

    async def event_cancelled(self, session: AsyncSession, event: Event,
                              people: Iterable[tuple[int, bool]], now: datetime) -> int:
        people = list(people)
        locales = await self._locales(session, [tid for tid, _ in people])
        messages = []
        for telegram_id, _ in people:
            i18n = self.texts(locales[telegram_id])
            text = i18n.get("ev-cancelled-notice", summary=summary(i18n, event, self.tz))
            messages.append(self._text(f"evx:{event.id}:u:{telegram_id}", telegram_id, text, now))
        return await enqueue(session, messages)

    async def event_changed(self, session: AsyncSession, event: Event, now: datetime) -> int:
        """Tell everyone registered or waiting (and volunteers) the new time or place."""
        ids = {r.telegram_id for r in await events.registrations_of(session, event.id)
               if r.telegram_id is not None and r.status in events.ACTIVE}
        ids |= {h.telegram_id for h, _ in await events.helpers_of(session, event.id)}
        locales = await self._locales(session, ids)
        messages = []
        for telegram_id in sorted(ids):
            i18n = self.texts(locales[telegram_id])
            text = i18n.get("ev-changed-notice", summary=summary(i18n, event, self.tz))
            key = f"evm:{event.id}:{_stamp(now)}:u:{telegram_id}"
            messages.append(self._text(key, telegram_id, text, now))
        return await enqueue(session, messages)

    async def offered(self, session: AsyncSession, event: Event,
                      registrations: Iterable[Registration], now: datetime) -> int:
        registrations = [r for r in registrations if r.telegram_id is not None]
        locales = await self._locales(session, [r.telegram_id for r in registrations])
        messages = []
        for registration in registrations:
            i18n = self.texts(locales[registration.telegram_id])
            text = i18n.get("ev-offer", summary=summary(i18n, event, self.tz),
                            until=when(registration.offered_until, self.tz, i18n.locale))
            key = f"offer:{registration.id}:{_stamp(registration.offered_until)}"
            messages.append(self._text(key, registration.telegram_id, text, now,
                                       kb.as_payload(kb.offer(i18n, event.id))))
        return await enqueue(session, messages)

    async def offer_lapsed(self, session: AsyncSession, event: Event,
                           registration: Registration, now: datetime) -> int:
        if registration.telegram_id is None:
            return 0
        locales = await self._locales(session, [registration.telegram_id])
        i18n = self.texts(locales[registration.telegram_id])
        text = i18n.get("ev-offer-lapsed", summary=summary(i18n, event, self.tz))
        key = f"lapse:{registration.id}:{_stamp(now)}"
        return await enqueue(session, [self._text(key, registration.telegram_id, text, now)])

    async def helper_confirmed(self, session: AsyncSession, event: Event, helper: Helper,
                               role: Role, now: datetime) -> int:
        locales = await self._locales(session, [helper.telegram_id])
        i18n = self.texts(locales[helper.telegram_id])
        text = i18n.get("ev-helper-confirmed", summary=summary(i18n, event, self.tz),
                        role=role.name(i18n.locale),
                        arrive=when(helpers_arrive_at(event), self.tz, i18n.locale))
        key = f"vconf:{helper.id}:{_stamp(now)}"
        return await enqueue(session, [self._text(key, helper.telegram_id, text, now)])

    async def message_helpers(self, session: AsyncSession, event: Event, body_html: str,
                              message_id: int, now: datetime) -> int:
        """The organiser's own words to the confirmed volunteers, under a line saying who
        it is from in each volunteer's language."""
        people = [h for h, _ in await events.helpers_of(session, event.id,
                                                        HelperStatus.CONFIRMED)]
        locales = await self._locales(session, [h.telegram_id for h in people])
        messages = []
        for helper in people:
            i18n = self.texts(locales[helper.telegram_id])
            text = i18n.get("ev-helpers-message", summary=summary(i18n, event, self.tz),
                            body=body_html)
            key = f"vmsg:{event.id}:{message_id}:u:{helper.telegram_id}"
            messages.append(self._text(key, helper.telegram_id, text, now))
        return await enqueue(session, messages)


async def _set_status(session: AsyncSession, row_id: int, old: Status, new: Status) -> None:
    await session.execute(
        update(OutboxMessage).where(OutboxMessage.id == row_id, OutboxMessage.status == old)
        .values(status=new.value).execution_options(synchronize_session=False)
    )

