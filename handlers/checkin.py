"""Check-in at the door, for organisers: type a code (or scan the resident's QR with a
keyboard-style scanner, which types it), and walk-ins are registered and checked in at once.

Attendance is the `checked_in_at` of a registration; event-only voting will rely on it.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.settings import Settings
from bot.ui import event_keyboards as kb
from bot.ui.callbacks import EventAdminAction as Adm
from bot.ui.callbacks import EventAdminCb
from bot.ui.event_texts import escape, title
from models import event as events
from models.base import utcnow
from models.event import CheckIn, Event
from models.event_rules import normalise_code
from models.when import show_local

router = Router(name=__name__)
# The organiser buttons this module answers; handlers/events_admin.py answers the others.
ACTIONS = (Adm.CHECKIN, Adm.WALKIN, Adm.CHECKOUT, Adm.SKIP)
RESULT_KEYS = {CheckIn.DONE: "ev-checked-in", CheckIn.ALREADY: "ev-checkin-already",
               CheckIn.CANCELLED: "ev-checkin-cancelled", CheckIn.UNKNOWN: "ev-checkin-unknown"}


class CheckingIn(StatesGroup):
    codes = State()
    walk_in_name = State()


@router.message(Command("checkin"))
async def checkin_command(message: Message, command: CommandObject, session: AsyncSession,
                          state: FSMContext, settings: Settings, i18n: I18nContext) -> None:
    if command.args and command.args.strip().isdigit():
        event = await events.get_event(session, int(command.args.strip()))
        if event is not None and event.is_open:
            await _start(message, session, state, i18n, event)
            return
    found = [e for e in await events.for_organisers(session, utcnow()) if e.is_open]
    if not found:
        await message.answer(i18n.get("ev-admin-none"))
        return
    await message.answer(i18n.get("ev-checkin-which"),
                         reply_markup=kb.admin_list(i18n, found, settings.tz, Adm.CHECKIN))


@router.callback_query(EventAdminCb.filter(F.action == Adm.CHECKIN))
async def checkin_button(query: CallbackQuery, callback_data: EventAdminCb,
                         session: AsyncSession, state: FSMContext, i18n: I18nContext) -> None:
    event = await events.get_event(session, callback_data.event_id)
    if event is None or not event.is_open:
        await query.answer(i18n.get("ev-gone"), show_alert=True)
        return
    await query.answer()
    await _start(query.message, session, state, i18n, event)


async def _start(message: Message, session: AsyncSession, state: FSMContext,
                 i18n: I18nContext, event: Event) -> None:
    await state.set_state(CheckingIn.codes)
    await state.set_data({"event_id": event.id})
    counts = await events.counts(session, event.id)
    await message.answer(i18n.get("ev-checkin-start", title=title(i18n, event),
                                  checked=counts.checked_in, expected=counts.confirmed),
                         reply_markup=kb.checkin(i18n, event.id))


@router.message(CheckingIn.codes, F.text, IS_ANSWER)
async def code_typed(message: Message, session: AsyncSession, state: FSMContext,
                     settings: Settings, i18n: I18nContext) -> None:
    event = await _event(message, session, state, i18n)
    if event is None:
        return
    code = normalise_code(message.text)
    if code is None:
        await message.answer(i18n.get("ev-checkin-bad-code"), reply_markup=kb.checkin(i18n,
                                                                                      event.id))
        return
    result, registration = await events.check_in(session, event, code, utcnow())
    counts = await events.counts(session, event.id)
    at = (show_local(registration.checked_in_at, settings.tz, i18n.locale)
          if registration and registration.checked_in_at else "")
    lines = [i18n.get(RESULT_KEYS[result], code=code, at=at, checked=counts.checked_in)]
    if result is CheckIn.DONE and registration.first_name:
        lines.append(f"<b>{escape(registration.first_name)}</b>")
    if result is CheckIn.DONE and registration.access_needs:
        # Said at the door, so whoever greets them can help straight away.
        lines.append(i18n.get("ev-needs", needs=escape(registration.access_needs)))
    await message.answer("\n".join(lines), reply_markup=kb.checkin(i18n, event.id))


@router.callback_query(CheckingIn.codes, EventAdminCb.filter(F.action == Adm.WALKIN))
async def walk_in(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
                  state: FSMContext, i18n: I18nContext) -> None:
    event = await _checking(query, session, state, callback_data, i18n)
    if event is None:
        return
    await query.answer()
    if event.ask_first_name:
        await state.set_state(CheckingIn.walk_in_name)
        await query.message.answer(i18n.get("ev-walkin-name"),
                                   reply_markup=kb.admin_skip(i18n, "ev-skip", event.id))
        return
    await _walk_in(query.message, session, i18n, event, None)


@router.message(CheckingIn.walk_in_name, F.text, IS_ANSWER)
async def walk_in_name(message: Message, session: AsyncSession, state: FSMContext,
                       i18n: I18nContext) -> None:
    event = await _event(message, session, state, i18n)
    if event is None:
        return
    await state.set_state(CheckingIn.codes)
    name = message.text.strip()
    await _walk_in(message, session, i18n, event, name[:64] if name and name[0] != "/" else None)


@router.callback_query(CheckingIn.walk_in_name, EventAdminCb.filter(F.action == Adm.SKIP))
async def walk_in_no_name(query: CallbackQuery, callback_data: EventAdminCb,
                          session: AsyncSession, state: FSMContext, i18n: I18nContext) -> None:
    event = await _checking(query, session, state, callback_data, i18n)
    if event is None:
        return
    await query.answer()
    await state.set_state(CheckingIn.codes)
    await _walk_in(query.message, session, i18n, event, None)


async def _walk_in(message: Message, session: AsyncSession, i18n: I18nContext, event: Event,
                   first_name: str | None) -> None:
    registration = await events.walk_in(session, event, now=utcnow(), first_name=first_name)
    counts = await events.counts(session, event.id)
    await message.answer(i18n.get("ev-walkin-done", code=registration.code,
                                  checked=counts.checked_in),
                         reply_markup=kb.checkin(i18n, event.id))


@router.callback_query(EventAdminCb.filter(F.action == Adm.CHECKOUT))
async def finish(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
                 state: FSMContext, i18n: I18nContext) -> None:
    data = await state.get_data()
    if data.get("event_id") == callback_data.event_id:
        await state.set_state(None)
    event = await events.get_event(session, callback_data.event_id)
    if event is None:
        await query.answer(i18n.get("ev-gone"), show_alert=True)
        return
    await query.answer()
    counts = await events.counts(session, event.id)
    await query.message.answer(i18n.get("ev-checkin-finished", title=title(i18n, event),
                                        checked=counts.checked_in))


@router.callback_query(EventAdminCb.filter(F.action.in_(ACTIONS)))
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    """A check-in button from a check-in that has finished (or another one)."""
    await query.answer(i18n.get("button-stale"), show_alert=True)


async def _event(message: Message, session: AsyncSession, state: FSMContext,
                 i18n: I18nContext) -> Event | None:
    event = await events.get_event(session, (await state.get_data()).get("event_id", 0))
    if event is None or not event.is_open:
        await state.set_state(None)
        await message.answer(i18n.get("ev-gone"))
        return None
    return event


async def _checking(query: CallbackQuery, session: AsyncSession, state: FSMContext,
                    callback_data: EventAdminCb, i18n: I18nContext) -> Event | None:
    """The event of the check-in in progress, if the button belongs to it."""
    data = await state.get_data()
    event = await events.get_event(session, callback_data.event_id)
    if event is None or not event.is_open or data.get("event_id") != event.id:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return None
    return event
