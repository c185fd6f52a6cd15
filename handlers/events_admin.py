"""Events for organisers: /newevent, /manage (edit, cancel, registrations, CSV) and /poster;
the volunteers are in handlers/volunteers_admin.py. Behind the organiser filter
(handlers.organiser_router).

/newevent asks one thing at a time, with buttons where the answers are few; every typed
field is read by models/event_form.py, the same reader the file import and Edit use.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import event_keyboards as kb
from bot.ui.callbacks import EventAdminAction as Adm
from bot.ui.callbacks import EventAdminCb
from bot.ui.event_texts import (
    escape,
    event_link,
    kind_name,
    organiser_card,
    summary,
    title,
    when_range,
)
from bot.ui.poster import poster
from handlers import checkin
from models import event as events
from models import event_form as form
from models.base import utcnow
from models.event import Event, RegStatus
from models.event_rules import format_offsets, offsets_of
from models.when import show_local

router = Router(name=__name__)
TEXT_LIMIT = 4096
TELL_PEOPLE = {"starts_at", "ends_at", "venue", "address"}
STATUS_KEYS = {RegStatus.CONFIRMED: "ev-status-confirmed", RegStatus.WAITING: "ev-status-waiting",
               RegStatus.OFFERED: "ev-status-offered", RegStatus.CANCELLED: "ev-status-cancelled"}


class NewEvent(StatesGroup):
    kind = State()
    title_en = State()
    title_cy = State()
    description_en = State()
    description_cy = State()
    area = State()
    venue = State()
    address = State()
    starts_at = State()
    ends_at = State()
    capacity = State()
    questions = State()
    round_id = State()
    reminder_offsets = State()
    confirm = State()


class EditEvent(StatesGroup):
    value = State()


STATE_OF = {name: getattr(NewEvent, name) for name in form.NEW_EVENT_ORDER}
FIELD_OF = {state.state: name for name, state in STATE_OF.items()}
TYPED = [STATE_OF[name] for name in form.FIELDS if name in STATE_OF]


def _context(settings: Settings, starts_at: datetime | str | None) -> form.Context:
    """What reading a field needs: the zone, now, and the start (from the event or a draft)."""
    if isinstance(starts_at, str):
        starts_at = datetime.fromisoformat(starts_at)
    return form.Context(tz=settings.tz, now=utcnow(), starts_at=starts_at)


# --- /newevent ------------------------------------------------------------------------------

@router.message(Command("newevent"))
async def new_event(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(NewEvent.kind)
    await state.set_data({})
    await message.answer(i18n.get("ev-ask-kind"), reply_markup=kb.kinds(i18n))


@router.callback_query(NewEvent.kind, EventAdminCb.filter(F.action == Adm.KIND))
async def kind_chosen(query: CallbackQuery, callback_data: EventAdminCb, state: FSMContext,
                      settings: Settings, i18n: I18nContext) -> None:
    if not 0 <= callback_data.value < len(kb.KINDS):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    kind = kb.KINDS[callback_data.value]
    await state.update_data(kind=kind.value)
    await query.answer()
    await query.message.edit_text(i18n.get("ev-kind-chosen", kind=kind_name(i18n, kind)))
    await _ask(query.message, state, settings, i18n, form.next_step("kind", kind))


@router.message(StateFilter(*TYPED), F.text, IS_ANSWER)
async def typed(message: Message, state: FSMContext, settings: Settings,
                i18n: I18nContext) -> None:
    name = FIELD_OF[await state.get_state()]
    draft = await state.get_data()
    value = form.read(name, message.text, _context(settings, draft.get("starts_at")))
    if value is form.INVALID:
        await message.answer(i18n.get(form.FIELDS[name].bad))
        return
    await state.update_data({name: form.to_draft(name, value)})
    await _ask(message, state, settings, i18n, form.next_step(name, draft.get("kind")))


@router.callback_query(StateFilter(*TYPED), EventAdminCb.filter((F.action == Adm.SKIP)
                                                                & (F.event_id == 0)))
async def skipped(query: CallbackQuery, state: FSMContext, settings: Settings,
                  i18n: I18nContext) -> None:
    name = FIELD_OF[await state.get_state()]
    if form.FIELDS[name].skip is None:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await state.update_data({name: None})
    await _ask(query.message, state, settings, i18n,
               form.next_step(name, (await state.get_data()).get("kind")))


@router.callback_query(NewEvent.questions, EventAdminCb.filter((F.action == Adm.ASK)
                                                               & (F.event_id == 0)))
async def draft_question(query: CallbackQuery, callback_data: EventAdminCb, state: FSMContext,
                         i18n: I18nContext) -> None:
    field = {1: "ask_first_name", 2: "ask_access"}.get(callback_data.value)
    if field is None:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    draft = await state.get_data()
    await state.update_data({field: not draft.get(field, False)})
    draft = await state.get_data()
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=kb.questions(
        i18n, draft.get("ask_first_name", False), draft.get("ask_access", False)))


@router.callback_query(NewEvent.questions, EventAdminCb.filter((F.action == Adm.ASKED)
                                                               & (F.event_id == 0)))
async def draft_questions_done(query: CallbackQuery, state: FSMContext, settings: Settings,
                               i18n: I18nContext) -> None:
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await _ask(query.message, state, settings, i18n,
               form.next_step("questions", (await state.get_data()).get("kind")))


async def _ask(message: Message, state: FSMContext, settings: Settings, i18n: I18nContext,
               step: str | None) -> None:
    if step is None:
        await _preview(message, state, settings, i18n)
        return
    await state.set_state(STATE_OF[step])
    if step == "questions":
        draft = await state.get_data()
        await message.answer(i18n.get("ev-ask-questions"), reply_markup=kb.questions(
            i18n, draft.get("ask_first_name", False), draft.get("ask_access", False)))
        return
    field = form.FIELDS[step]
    await message.answer(i18n.get(field.ask),
                         reply_markup=kb.admin_skip(i18n, field.skip) if field.skip else None)


def _draft_event(draft: dict) -> Event:
    """An unsaved Event from the conversation's answers, to preview it like a real one."""
    fields = form.from_draft({k: v for k, v in draft.items() if k in events.EVENT_FIELDS})
    return Event(status=events.EventStatus.OPEN.value, **fields)


async def _preview(message: Message, state: FSMContext, settings: Settings,
                   i18n: I18nContext) -> None:
    event = _draft_event(await state.get_data())
    await state.set_state(NewEvent.confirm)
    await message.answer(_details(i18n, event, settings),
                         reply_markup=kb.create_confirm(i18n))


def _details(i18n: I18nContext, event: Event, settings: Settings) -> str:
    questions = [i18n.get(key) for key, asked in (("ev-q-first-name", event.ask_first_name),
                                                  ("ev-q-access", event.ask_access)) if asked]
    return i18n.get(
        "ev-preview", kind=kind_name(i18n, event.kind), title_en=escape(event.title_en),
        title_cy=escape(event.title_cy), description_en=escape(event.description_en),
        description_cy=escape(event.description_cy or i18n.get("ev-same-as-english")),
        area=escape(event.area), place=escape(f"{event.venue}, {event.address}"),
        when=when_range(event, settings.tz, i18n.locale),
        capacity=str(event.capacity) if event.capacity else i18n.get("ev-no-limit"),
        questions=", ".join(questions) or i18n.get("ev-q-none"),
        round=str(event.round_id) if event.round_id else "—",
        reminders=format_offsets(offsets_of(event.reminder_offsets,
                                            settings.reminder_offset_seconds)),
    )


@router.callback_query(NewEvent.confirm, EventAdminCb.filter(F.action == Adm.CREATE))
async def create(query: CallbackQuery, state: FSMContext, session: AsyncSession,
                 settings: Settings, bot: Bot, i18n: I18nContext) -> None:
    draft = await state.get_data()
    await state.clear()
    fields = form.from_draft({k: v for k, v in draft.items() if k in events.EVENT_FIELDS})
    event = await events.create_event(session, created_by=query.from_user.id, **fields)
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("ev-created"))
    await send_admin_card(query.message, session, settings, bot, i18n, event)


@router.callback_query(NewEvent.confirm, EventAdminCb.filter(F.action == Adm.DISCARD))
async def discard(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await state.clear()
    await query.answer()
    await query.message.edit_text(i18n.get("ev-discarded"))


# --- /manage and the organiser's card of an event -------------------------------------------

@router.message(Command("manage"))
async def manage(message: Message, session: AsyncSession, settings: Settings,
                 i18n: I18nContext) -> None:
    await _list(message, session, settings, i18n, Adm.OPEN)


@router.callback_query(EventAdminCb.filter(F.action == Adm.LIST))
async def manage_again(query: CallbackQuery, session: AsyncSession, settings: Settings,
                       i18n: I18nContext) -> None:
    await query.answer()
    await _list(query.message, session, settings, i18n, Adm.OPEN)


async def _list(message: Message, session: AsyncSession, settings: Settings, i18n: I18nContext,
                action: Adm) -> None:
    found = await events.for_organisers(session, utcnow())
    if not found:
        await message.answer(i18n.get("ev-admin-none"))
        return
    await message.answer(i18n.get("ev-admin-list"),
                         reply_markup=kb.admin_list(i18n, found, settings.tz, action))


@router.callback_query(EventAdminCb.filter(F.action == Adm.OPEN))
async def open_card(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
                    state: FSMContext, settings: Settings, bot: Bot, i18n: I18nContext) -> None:
    event = await events.get_event(session, callback_data.event_id)
    if event is None:
        await query.answer(i18n.get("ev-gone"), show_alert=True)
        return
    await query.answer()
    await state.set_state(None)
    await send_admin_card(query.message, session, settings, bot, i18n, event)


async def send_admin_card(message: Message, session: AsyncSession, settings: Settings, bot: Bot,
                          i18n: I18nContext, event: Event) -> None:
    counts = await events.counts(session, event.id)
    helpers = len(await events.helpers_of(session, event.id))
    offsets = format_offsets(event.offsets(settings.reminder_offset_seconds))
    link = event_link((await bot.me()).username, event.id)
    text = organiser_card(i18n, event, settings.tz, counts, helpers, offsets)
    await message.answer(f"{text}\n{i18n.get('ev-admin-link', link=link)}",
                         reply_markup=kb.admin_card(i18n, event), disable_web_page_preview=True)


async def event_to_change(query: CallbackQuery, session: AsyncSession, event_id: int,
                          i18n: I18nContext) -> Event | None:
    """The event an organiser button is about, if it can still be changed."""
    event = await events.get_event(session, event_id)
    if event is None or not event.is_open:
        await query.answer(i18n.get("ev-gone"), show_alert=True)
        return None
    return event


# --- edit -----------------------------------------------------------------------------------

@router.callback_query(EventAdminCb.filter(F.action == Adm.EDIT))
async def edit(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
               state: FSMContext, i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    number = callback_data.value
    if not 0 <= number <= len(kb.EDITABLE):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    if number == 0:
        await query.message.answer(i18n.get("ev-edit-which"),
                                   reply_markup=kb.edit_fields(i18n, event.id))
        return
    field = kb.EDITABLE[number - 1]
    if field == "questions":
        await query.message.answer(i18n.get("ev-ask-questions"), reply_markup=kb.questions(
            i18n, event.ask_first_name, event.ask_access, event.id))
        return
    await state.set_state(EditEvent.value)
    await state.set_data({"event_id": event.id, "field": field})
    skip = form.FIELDS[field].skip
    await query.message.answer(i18n.get(form.FIELDS[field].ask), reply_markup=(
        kb.admin_skip(i18n, skip, event.id) if skip else None))


@router.message(EditEvent.value, F.text, IS_ANSWER)
async def edited(message: Message, state: FSMContext, session: AsyncSession,
                 settings: Settings, notifier: Notifier, bot: Bot, i18n: I18nContext) -> None:
    data = await state.get_data()
    event = await events.get_event(session, data.get("event_id", 0))
    if event is None or not event.is_open:
        await state.set_state(None)
        await message.answer(i18n.get("ev-gone"))
        return
    value = form.read(data["field"], message.text, _context(settings, event.starts_at))
    if value is form.INVALID:
        await message.answer(i18n.get(form.FIELDS[data["field"]].bad))
        return
    await state.set_state(None)
    await _apply(message, session, settings, notifier, bot, i18n, event, data["field"], value)


@router.callback_query(EditEvent.value, EventAdminCb.filter(F.action == Adm.SKIP))
async def edited_to_default(query: CallbackQuery, callback_data: EventAdminCb,
                            state: FSMContext, session: AsyncSession, settings: Settings,
                            notifier: Notifier, bot: Bot, i18n: I18nContext) -> None:
    data = await state.get_data()
    if (callback_data.event_id != data.get("event_id")
            or form.FIELDS[data["field"]].skip is None):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    await query.answer()
    await state.set_state(None)
    await _apply(query.message, session, settings, notifier, bot, i18n, event, data["field"], None)


@router.callback_query(EventAdminCb.filter((F.action == Adm.ASK) & (F.event_id != 0)))
async def toggle_question(query: CallbackQuery, callback_data: EventAdminCb,
                          session: AsyncSession, i18n: I18nContext) -> None:
    field = {1: "ask_first_name", 2: "ask_access"}.get(callback_data.value)
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    if field is None:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    events.change_field(event, field, not getattr(event, field))
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=kb.questions(
        i18n, event.ask_first_name, event.ask_access, event.id))


@router.callback_query(EventAdminCb.filter((F.action == Adm.ASKED) & (F.event_id != 0)))
async def questions_done(query: CallbackQuery, callback_data: EventAdminCb,
                         session: AsyncSession, settings: Settings, bot: Bot,
                         i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await send_admin_card(query.message, session, settings, bot, i18n, event)


async def _apply(message: Message, session: AsyncSession, settings: Settings, notifier: Notifier,
                 bot: Bot, i18n: I18nContext, event: Event, field: str, value: object) -> None:
    """Change one field, then bring reminders, people and waiting lists in line with it."""
    events.change_field(event, field, value)
    now = utcnow()
    notices = notifier.events
    # Texts of pending reminders quote the title, time and place: re-render them all.
    await notices.sync_reminders(session, event, now)
    told = await notices.event_changed(session, event, now) if field in TELL_PEOPLE else 0
    if field == "capacity":
        await notices.offered(session, event, await events.offer_free_places(session, event, now),
                              now)
    await message.answer(i18n.get("ev-edited", told=told))
    await send_admin_card(message, session, settings, bot, i18n, event)


# --- cancel the event -----------------------------------------------------------------------

@router.callback_query(EventAdminCb.filter(F.action == Adm.CANCEL))
async def cancel_ask(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
                     settings: Settings, i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    people = await _to_tell(session, event.id)
    await query.answer()
    await query.message.answer(
        i18n.get("ev-admin-cancel-ask", summary=summary(i18n, event, settings.tz),
                 people=people),
        reply_markup=kb.cancel_event_confirm(i18n, event.id, people))


@router.callback_query(EventAdminCb.filter(F.action == Adm.CANCEL_YES))
async def cancel_yes(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
                     settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    if await _to_tell(session, event.id) != callback_data.value:  # people came or went since
        await query.answer(i18n.get("cf-stale"), show_alert=True)
        return
    now = utcnow()
    notices = notifier.events
    people = await events.cancel_event(session, event)
    await notices.sync_reminders(session, event, now)
    told = await notices.event_cancelled(session, event, people, now)
    await query.answer()
    await query.message.edit_text(i18n.get("ev-admin-cancelled", title=title(i18n, event),
                                           told=told))


async def _to_tell(session: AsyncSession, event_id: int) -> int:
    counts = await events.counts(session, event_id)
    return counts.confirmed + counts.waiting + counts.offered


# --- registrations, CSV, poster -------------------------------------------------------------

@router.callback_query(EventAdminCb.filter(F.action == Adm.REGS))
async def registrations(query: CallbackQuery, callback_data: EventAdminCb,
                        session: AsyncSession, settings: Settings, i18n: I18nContext) -> None:
    event = await events.get_event(session, callback_data.event_id)
    if event is None:
        await query.answer(i18n.get("ev-gone"), show_alert=True)
        return
    await query.answer()
    counts = await events.counts(session, event.id)
    lines = [summary(i18n, event, settings.tz),
             i18n.get("ev-admin-counts", confirmed=counts.confirmed, waiting=counts.waiting,
                      offered=counts.offered, checked=counts.checked_in,
                      helpers=len(await events.helpers_of(session, event.id))), ""]
    people = await events.registrations_of(session, event.id)
    shown = _fit(lines, [_registration_line(i18n, r) for r in people], i18n)
    await query.message.answer(shown or i18n.get("ev-admin-no-regs"),
                               reply_markup=kb.back_to_card(i18n, event.id))


def _registration_line(i18n: I18nContext, registration: events.Registration) -> str:
    parts = [f"<code>{registration.code}</code>",
             i18n.get(STATUS_KEYS[RegStatus(registration.status)])]
    if registration.first_name:
        parts.append(escape(registration.first_name))
    if registration.checked_in_at:
        parts.append(i18n.get("ev-status-checked"))
    if registration.walk_in:
        parts.append(i18n.get("ev-status-walk-in"))
    if registration.access_needs:
        parts.append(i18n.get("ev-needs", needs=escape(registration.access_needs)))
    return " · ".join(parts)


def _fit(head: list[str], lines: list[str], i18n: I18nContext) -> str:
    """As many lines as fit in one message; the CSV export has them all."""
    text = "\n".join(head)
    for shown, line in enumerate(lines):
        more = i18n.get("ev-admin-more", count=len(lines) - shown)
        if len(text) + len(line) + len(more) + 2 > TEXT_LIMIT:
            return f"{text}\n{more}"
        text = f"{text}\n{line}"
    return text if lines else ""


@router.callback_query(EventAdminCb.filter(F.action == Adm.EXPORT))
async def export(query: CallbackQuery, callback_data: EventAdminCb, session: AsyncSession,
                 settings: Settings, i18n: I18nContext) -> None:
    event = await events.get_event(session, callback_data.event_id)
    if event is None:
        await query.answer(i18n.get("ev-gone"), show_alert=True)
        return
    await query.answer()
    body = registrations_csv(i18n, await events.registrations_of(session, event.id), settings)
    await query.message.answer_document(
        BufferedInputFile(body, filename=f"event-{event.id}-registrations.csv"),
        caption=i18n.get("ev-admin-export-caption", title=title(i18n, event)))


def registrations_csv(i18n: I18nContext, people: list[events.Registration],
                      settings: Settings) -> bytes:
    """One row per registration; no Telegram ids (the organisers don't need them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(i18n.get("ev-csv-columns").split(","))
    for r in people:
        writer.writerow([
            r.code, i18n.get(STATUS_KEYS[RegStatus(r.status)]), r.first_name or "",
            r.access_needs or "", "1" if r.walk_in else "0",
            show_local(r.created_at, settings.tz, i18n.locale),
            show_local(r.checked_in_at, settings.tz, i18n.locale) if r.checked_in_at else "",
        ])
    # A byte-order mark, so Excel opens the file as UTF-8 (Welsh letters, accents).
    return out.getvalue().encode("utf-8-sig")


@router.message(Command("poster"))
async def poster_command(message: Message, command: CommandObject, session: AsyncSession,
                         settings: Settings, bot: Bot, i18n: I18nContext) -> None:
    if command.args and command.args.strip().isdigit():
        event = await events.get_event(session, int(command.args.strip()))
        if event is not None and event.is_open:
            await send_poster(message, settings, bot, i18n, event)
            return
    await _list(message, session, settings, i18n, Adm.POSTER)


@router.callback_query(EventAdminCb.filter(F.action == Adm.POSTER))
async def poster_button(query: CallbackQuery, callback_data: EventAdminCb,
                        session: AsyncSession, settings: Settings, bot: Bot,
                        i18n: I18nContext) -> None:
    if (event := await event_to_change(query, session, callback_data.event_id, i18n)) is None:
        return
    await query.answer()
    await send_poster(query.message, settings, bot, i18n, event)


async def send_poster(message: Message, settings: Settings, bot: Bot, i18n: I18nContext,
                      event: Event) -> None:
    """A bilingual A4 poster: English and Welsh side by side, whoever asks for it."""
    core, tz = i18n.core, settings.tz
    link = event_link((await bot.me()).username, event.id)
    image = poster(
        titles=[event.title_en, event.title_cy],
        when=[when_range(event, tz, "en"), when_range(event, tz, "cy")],
        place=f"{event.venue}, {event.address}", link=link,
        call_to_action=f'{core.get("ev-poster-scan", "en")} · {core.get("ev-poster-scan", "cy")}',
    )
    await message.answer_document(BufferedInputFile(image, filename=f"poster-event-{event.id}.png"),
                                  caption=i18n.get("ev-poster-caption", link=link))


@router.callback_query(EventAdminCb.filter(~F.action.in_(checkin.ACTIONS)))
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    """Last in this module: an organiser button from a step that is over (a draft already
    created, a form left) changes nothing. Check-in buttons are answered in checkin.py."""
    await query.answer(i18n.get("button-stale"), show_alert=True)
