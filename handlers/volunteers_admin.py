"""Volunteers for organisers: the roles an event needs, who offered to help, confirming them
and messaging the confirmed ones. Reached from the organiser's card of an event
(handlers/events_admin.py); behind the organiser filter (handlers.organiser_router).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import event_keyboards as kb
from bot.ui.callbacks import EventAdminAction as Adm
from bot.ui.callbacks import EventAdminCb
from bot.ui.event_texts import escape, title
from handlers.events_admin import event_to_change
from models import event as events
from models import event_form as form
from models.base import utcnow
from models.event import Event, HelperStatus

# Included before handlers/events_admin.py, whose last handler answers every other organiser
# event button as out of date.
router = Router(name=__name__)
# Room is left for the line above it saying which event it is about.
HELPER_MESSAGE_LIMIT = 3500


class RoleDraft(StatesGroup):
    name_en = State()
    name_cy = State()


class HelperMessage(StatesGroup):
    text = State()


@router.callback_query(EventAdminCb.filter(F.action == Adm.ROLES))
async def roles(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
                i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    await query.answer()
    await _show_roles(query.message, session, i18n, event)


async def _show_roles(message: Message, session: AsyncSession, i18n: I18nContext,
                      event: Event) -> None:
    names = [f"• {escape(r.name_en)} / {escape(r.name_cy)}"
             for r in await events.roles_of(session, event.id)]
    text = i18n.get("ev-admin-roles-title", title=title(i18n, event))
    await message.answer("\n".join([text, *names]) if names
                         else f"{text}\n{i18n.get('ev-admin-no-roles')}",
                         reply_markup=kb.role_admin(i18n, event.id))


@router.callback_query(EventAdminCb.filter(F.action == Adm.ADD_ROLE))
async def add_role(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
                   state: FSMContext, i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    await query.answer()
    await state.set_state(RoleDraft.name_en)
    await state.set_data({"event_id": event.id})
    await query.message.answer(i18n.get("ev-ask-role-en"))


@router.message(RoleDraft.name_en, F.text, IS_ANSWER)
async def role_english(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    name = form.read_name(message.text)
    if name is form.INVALID:
        await message.answer(i18n.get("ev-bad-text"))
        return
    await state.update_data(name_en=name)
    await state.set_state(RoleDraft.name_cy)
    await message.answer(i18n.get("ev-ask-role-cy"))


@router.message(RoleDraft.name_cy, F.text, IS_ANSWER)
async def role_welsh(message: Message, state: FSMContext, session: AsyncSession,
                     i18n: I18nContext) -> None:
    name = form.read_name(message.text)
    if name is form.INVALID:
        await message.answer(i18n.get("ev-bad-text"))
        return
    data = await state.get_data()
    await state.set_state(None)
    event = await events.get_event(session, data.get("event_id", 0))
    if event is None or not event.is_open:
        await message.answer(i18n.get("ev-gone"))
        return
    await events.add_role(session, event, data["name_en"], name)
    await _show_roles(message, session, i18n, event)


@router.callback_query(EventAdminCb.filter(F.action == Adm.HELPERS))
async def helpers(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
                  i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    await query.answer()
    await _show_helpers(query.message, session, i18n, event)


async def _show_helpers(message: Message, session: AsyncSession, i18n: I18nContext,
                        event: Event) -> None:
    people = await events.helpers_of(session, event.id)
    lines = [i18n.get("ev-admin-helpers-title", title=title(i18n, event))]
    lines += [i18n.get("ev-admin-helper-line", name=escape(h.first_name),
                       role=escape(r.name(i18n.locale)),
                       confirmed="yes" if h.status == HelperStatus.CONFIRMED else "no")
              for h, r in people] or [i18n.get("ev-admin-no-helpers")]
    await message.answer("\n".join(lines), reply_markup=kb.helpers(i18n, event.id, people))


@router.callback_query(EventAdminCb.filter(F.action == Adm.CONFIRM_HELPER))
async def confirm_helper(query: CallbackQuery, callback_data: EventAdminCb,
                         session: AsyncSession, settings: Settings, notifier: Notifier,
                         i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    helper = await events.get_helper(session, callback_data.value)
    if (helper is None or helper.event_id != event.id
            or not await events.confirm_helper(session, helper)):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    now = utcnow()
    notices = notifier.events
    await notices.helper_confirmed(session, event, helper,
                                   await events.get_role(session, helper.role_id), now)
    await notices.sync_reminders(session, event, now, helper.telegram_id)
    await _show_helpers(query.message, session, i18n, event)


@router.callback_query(EventAdminCb.filter(F.action == Adm.MESSAGE_HELPERS))
async def message_helpers(query: CallbackQuery, callback_data: EventAdminCb,
                          session: AsyncSession, state: FSMContext, i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    confirmed = await events.helpers_of(session, event.id, HelperStatus.CONFIRMED)
    if not confirmed:
        await query.answer(i18n.get("ev-admin-no-confirmed-helpers"), show_alert=True)
        return
    await query.answer()
    await state.set_state(HelperMessage.text)
    await state.set_data({"event_id": event.id})
    await query.message.answer(i18n.get("ev-ask-helper-message", people=len(confirmed)))


@router.message(HelperMessage.text, F.text, IS_ANSWER)
async def helper_message(message: Message, state: FSMContext, session: AsyncSession,
                         settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    if len(message.html_text) > HELPER_MESSAGE_LIMIT:
        await message.answer(i18n.get("ev-too-long", limit=HELPER_MESSAGE_LIMIT,
                                      length=len(message.html_text)))
        return
    data = await state.get_data()
    await state.set_state(None)
    event = await events.get_event(session, data.get("event_id", 0))
    if event is None or not event.is_open:
        await message.answer(i18n.get("ev-gone"))
        return
    sent = await notifier.events.message_helpers(
        session, event, message.html_text, message.message_id, utcnow())
    await message.answer(i18n.get("ev-admin-helpers-messaged", people=sent))
