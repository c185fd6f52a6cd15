"""Events for residents: the list, an event's page, registering (with only the questions the
organiser chose), the waiting list, cancelling, and offering to volunteer.

From a deep link or a poster's QR code, a person who has chosen their language registers
with one tap when the organiser asks no questions. Every button is checked against the
database again: an old or forged one changes nothing and gets a short answer.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import event_keyboards as kb
from bot.ui.calendar import event_ics
from bot.ui.callbacks import EventAction as Act
from bot.ui.callbacks import EventCb, MenuCb, MenuItem
from bot.ui.event_texts import card, event_link, list_text, summary, title, when_range
from bot.ui.poster import code_card
from models import event as events
from models.base import utcnow
from models.event import Event, HelperStatus, Registration, RegStatus
from models.event_rules import area_first, one_per_event, places_left, stale_register
from models.user import User

router = Router(name=__name__)
NAME_LIMIT, NEEDS_LIMIT = 64, 500
STALE_KEYS = {"registered": "ev-stale-registered", "full": "ev-stale-full"}


class Joining(StatesGroup):
    first_name = State()
    access = State()


class Helping(StatesGroup):
    first_name = State()


# --- finding events -------------------------------------------------------------------------

@router.callback_query(MenuCb.filter(F.item == MenuItem.EVENTS))
@router.callback_query(EventCb.filter(F.action == Act.LIST))
async def list_events(query: CallbackQuery, session: AsyncSession, user: User,
                      settings: Settings, i18n: I18nContext) -> None:
    await query.answer()
    await show_list(query.message, session, user, settings, i18n)


async def show_list(message: Message, session: AsyncSession, user: User, settings: Settings,
                    i18n: I18nContext) -> None:
    home = await events.home_area(session, user.telegram_id)
    found = area_first(await events.upcoming(session, utcnow()), lambda e: e.area,
                       lambda e: e.starts_at, home)
    if not found:
        await message.answer(i18n.get("ev-list-empty"))
        return
    await message.answer(list_text(i18n, found, settings.tz),
                         reply_markup=kb.events_list(i18n, found, settings.tz))


@router.callback_query(EventCb.filter(F.action == Act.SHOW))
async def show(query: CallbackQuery, callback_data: EventCb, session: AsyncSession, user: User,
               settings: Settings, i18n: I18nContext) -> None:
    event = await events.get_event(session, callback_data.event_id)
    if event is None:
        await query.answer(i18n.get("ev-gone"), show_alert=True)
        return
    await query.answer()
    await send_card(query.message, session, user, settings, i18n, event)


async def open_from_link(message: Message, session: AsyncSession, user: User,
                         settings: Settings, i18n: I18nContext, event_id: int) -> bool:
    """A deep link or poster QR (`ev_<id>`): the event's page, one tap from registering.
    False when there is no such event to show (the caller says the link is unknown)."""
    event = await events.open_event(session, event_id, utcnow())
    if event is None:
        return False
    await send_card(message, session, user, settings, i18n, event)
    return True


async def send_card(message: Message, session: AsyncSession, user: User, settings: Settings,
                    i18n: I18nContext, event: Event) -> None:
    registration = await events.find_registration(session, event.id, user.telegram_id)
    if registration is not None and registration.status == RegStatus.CANCELLED:
        registration = None
    counts = await events.counts(session, event.id)
    position = (await events.waiting_position(session, registration)
                if registration and registration.status == RegStatus.WAITING else None)
    helper = await events.find_helper(session, event.id, user.telegram_id)
    if helper is not None and helper.status == HelperStatus.WITHDRAWN:
        helper = None
    has_roles = bool(await events.roles_of(session, event.id))
    full = places_left(event.capacity, counts.taken) == 0
    await message.answer(card(i18n, event, settings.tz, counts, registration, position),
                         reply_markup=kb.event_card(i18n, event, registration, full, has_roles,
                                                    helper))


# --- registering ----------------------------------------------------------------------------

@router.callback_query(EventCb.filter(F.action == Act.REGISTER))
async def register(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                   user: User, state: FSMContext, settings: Settings, notifier: Notifier, bot: Bot,
                   i18n: I18nContext) -> None:
    event = await events.open_event(session, callback_data.event_id, utcnow())
    if event is None:
        await query.answer(i18n.get("ev-gone"), show_alert=True)
        return
    if stale := await _stale_register(session, user, event, callback_data.value):
        await query.answer(i18n.get(STALE_KEYS[stale]), show_alert=True)
        await send_card(query.message, session, user, settings, i18n, event)
        return
    await query.answer()
    await state.set_data({"event_id": event.id})
    if event.ask_first_name:
        await state.set_state(Joining.first_name)
        await query.message.answer(i18n.get("ev-ask-first-name"))
    elif event.ask_access:
        await _ask_access(query.message, state, i18n, event.id)
    else:
        await _complete(query.message, session, user, state, settings, notifier, bot, i18n, event)


@router.message(Joining.first_name, F.text, IS_ANSWER)
async def first_name(message: Message, session: AsyncSession, user: User, state: FSMContext,
                     settings: Settings, notifier: Notifier, bot: Bot, i18n: I18nContext) -> None:
    name = _short_text(message.text, NAME_LIMIT)
    if name is None:
        await message.answer(i18n.get("ev-bad-first-name", limit=NAME_LIMIT))
        return
    await state.update_data(first_name=name)
    event = await _form_event(message, state, session, i18n)
    if event is not None and event.ask_access:
        await _ask_access(message, state, i18n, event.id)
    elif event is not None:
        await _complete(message, session, user, state, settings, notifier, bot, i18n, event)


@router.message(Joining.access, F.text, IS_ANSWER)
async def access_needs(message: Message, session: AsyncSession, user: User, state: FSMContext,
                       settings: Settings, notifier: Notifier, bot: Bot, i18n: I18nContext) -> None:
    needs = _short_text(message.text, NEEDS_LIMIT)
    if needs is None:
        await message.answer(i18n.get("ev-bad-access", limit=NEEDS_LIMIT))
        return
    await state.update_data(access_needs=needs)
    if event := await _form_event(message, state, session, i18n):
        await _complete(message, session, user, state, settings, notifier, bot, i18n, event)


@router.callback_query(Joining.access, EventCb.filter(F.action == Act.SKIP))
async def no_access_needs(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                          user: User, state: FSMContext, settings: Settings,
                          notifier: Notifier, bot: Bot,
                          i18n: I18nContext) -> None:
    if callback_data.event_id != (await state.get_data()).get("event_id"):
        # From an earlier form, for another event: it would complete this one.
        await query.answer(i18n.get("ev-stale-form"), show_alert=True)
        return
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    if event := await _form_event(query.message, state, session, i18n):
        await _complete(query.message, session, user, state, settings, notifier, bot, i18n, event)


async def _stale_register(session: AsyncSession, user: User, event: Event,
                          offered: int) -> str | None:
    """Why the card this Register came from no longer tells the truth (models.event_rules)."""
    full = places_left(event.capacity, (await events.counts(session, event.id)).taken) == 0
    return stale_register(offered, await _on_the_list(session, user, event), full)


async def _on_the_list(session: AsyncSession, user: User, event: Event) -> bool:
    registration = await events.find_registration(session, event.id, user.telegram_id)
    return registration is not None and registration.status in events.ACTIVE


async def _ask_access(message: Message, state: FSMContext, i18n: I18nContext,
                      event_id: int) -> None:
    await state.set_state(Joining.access)
    await message.answer(i18n.get("ev-ask-access"),
                         reply_markup=kb.skip(i18n, "ev-no-access-needs", event_id))


async def _form_event(message: Message, state: FSMContext, session: AsyncSession,
                      i18n: I18nContext) -> Event | None:
    """The event the form is for, if registering is still possible; else say so and stop."""
    event = await events.open_event(session, (await state.get_data()).get("event_id", 0),
                                    utcnow())
    if event is None:
        await state.set_state(None)
        await message.answer(i18n.get("ev-gone"))
    return event


async def _complete(message: Message, session: AsyncSession, user: User, state: FSMContext,
                    settings: Settings, notifier: Notifier, bot: Bot, i18n: I18nContext,
                    event: Event) -> None:
    # Only what this event asked, and nothing left behind in the conversation state.
    answers = await state.get_data() if event.ask_first_name or event.ask_access else {}
    await state.set_state(None)
    await state.set_data({})
    if (event.ask_first_name or event.ask_access) and await _on_the_list(session, user, event):
        # Registered meanwhile (another card's form): these answers would change nothing.
        await message.answer(i18n.get(STALE_KEYS["registered"]))
        await send_card(message, session, user, settings, i18n, event)
        return
    now = utcnow()
    registration = await events.register(
        session, event, user.telegram_id, now=now, first_name=answers.get("first_name"),
        access_needs=answers.get("access_needs"))
    if registration.status == RegStatus.CONFIRMED:
        await notifier.events.sync_reminders(session, event, now,
                                                             user.telegram_id)
        await send_ticket(message, settings, bot, i18n, event, registration)
    elif registration.status == RegStatus.WAITING:
        position = await events.waiting_position(session, registration)
        await message.answer(i18n.get("ev-waiting", title=title(i18n, event),
                                      position=position),
                             reply_markup=kb.after_registration(i18n, event.id, waiting=True))
    else:
        await send_card(message, session, user, settings, i18n, event)


async def send_ticket(message: Message, settings: Settings, bot: Bot, i18n: I18nContext,
                      event: Event, registration: Registration) -> None:
    """The confirmation: the door code as a QR picture, and a calendar file."""
    code_png = code_card(registration.code, i18n.get("ev-code-caption"))
    await message.answer_photo(
        BufferedInputFile(code_png, filename=f"code-{registration.code}.png"),
        caption=i18n.get("ev-registered", summary=summary(i18n, event, settings.tz),
                         code=registration.code),
        reply_markup=kb.after_registration(i18n, event.id),
    )
    link = event_link((await bot.me()).username, event.id)
    ics = event_ics(uid=f"event-{event.id}@pbchat", title=event.title(i18n.locale),
                    description=f"{event.description(i18n.locale)}\n\n{link}",
                    location=f"{event.venue}, {event.address}", starts_at=event.starts_at,
                    ends_at=event.ends_at, url=link, stamp=utcnow())
    await message.answer_document(BufferedInputFile(ics, filename=f"event-{event.id}.ics"),
                                  caption=i18n.get("ev-ics-caption"))


@router.callback_query(EventCb.filter(F.action == Act.TICKET))
async def ticket(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                 user: User, settings: Settings, bot: Bot, i18n: I18nContext) -> None:
    event, registration = await _mine(session, callback_data.event_id, user)
    if event is None or registration.status != RegStatus.CONFIRMED:
        await query.answer(i18n.get("ev-not-registered"), show_alert=True)
        return
    await query.answer()
    await send_ticket(query.message, settings, bot, i18n, event, registration)


# --- cancelling and the waiting list --------------------------------------------------------

@router.callback_query(EventCb.filter(F.action == Act.CANCEL))
async def cancel_ask(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                     user: User, settings: Settings, i18n: I18nContext) -> None:
    event, registration = await _mine(session, callback_data.event_id, user)
    if event is None:
        await query.answer(i18n.get("ev-not-registered"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(
        i18n.get("ev-cancel-ask", summary=summary(i18n, event, settings.tz)),
        reply_markup=kb.cancel_confirm(i18n, event.id))


@router.callback_query(EventCb.filter(F.action == Act.CANCEL_YES))
async def cancel_yes(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                     user: User, settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    event, registration = await _mine(session, callback_data.event_id, user)
    if event is None:
        await query.answer(i18n.get("ev-not-registered"), show_alert=True)
        return
    await query.answer()
    await events.cancel_registration(session, registration)
    await _place_freed(session, settings, notifier, i18n, event, user.telegram_id)
    await query.message.edit_text(i18n.get("ev-cancelled-place", title=title(i18n, event)))


@router.callback_query(EventCb.filter(F.action == Act.KEEP))
async def keep(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer()
    await query.message.edit_text(i18n.get("ev-kept-place"))


@router.callback_query(EventCb.filter(F.action == Act.ACCEPT))
async def accept(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                 user: User, settings: Settings, notifier: Notifier, bot: Bot,
                 i18n: I18nContext) -> None:
    event, registration = await _mine(session, callback_data.event_id, user)
    now = utcnow()
    if event is None or not await events.accept_offer(session, registration, now):
        await query.answer(i18n.get("ev-offer-gone"), show_alert=True)
        return
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await notifier.events.sync_reminders(session, event, now, user.telegram_id)
    await send_ticket(query.message, settings, bot, i18n, event, registration)


@router.callback_query(EventCb.filter(F.action == Act.DECLINE))
async def decline(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                  user: User, settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    event, registration = await _mine(session, callback_data.event_id, user)
    if event is None or registration.status != RegStatus.OFFERED:
        await query.answer(i18n.get("ev-offer-gone"), show_alert=True)
        return
    await query.answer()
    await events.cancel_registration(session, registration)
    await _place_freed(session, settings, notifier, i18n, event, user.telegram_id)
    await query.message.edit_text(i18n.get("ev-declined", title=title(i18n, event)))


async def _mine(session: AsyncSession, event_id: int,
                user: User) -> tuple[Event | None, Registration | None]:
    """The event and the person's active registration for it, if both still stand."""
    event = await events.open_event(session, event_id, utcnow())
    registration = (await events.find_registration(session, event_id, user.telegram_id)
                    if event else None)
    if registration is None or registration.status not in events.ACTIVE:
        return None, None
    return event, registration


async def _place_freed(session: AsyncSession, settings: Settings, notifier: Notifier,
                      i18n: I18nContext,
                      event: Event, telegram_id: int) -> None:
    """Their reminders are withdrawn and the place goes to the next person waiting."""
    now = utcnow()
    notices = notifier.events
    await notices.sync_reminders(session, event, now, telegram_id)
    await notices.offered(session, event, await events.offer_free_places(session, event, now),
                          now)


# --- volunteering ---------------------------------------------------------------------------

@router.callback_query(EventCb.filter(F.action == Act.HELP))
async def help_roles(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                     i18n: I18nContext) -> None:
    event = await events.open_event(session, callback_data.event_id, utcnow())
    roles = await events.roles_of(session, event.id) if event else []
    if not roles:
        await query.answer(i18n.get("ev-gone"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(i18n.get("ev-help-ask", title=title(i18n, event)),
                               reply_markup=kb.roles(i18n, event.id, roles))


@router.callback_query(EventCb.filter(F.action == Act.ROLE))
async def role_chosen(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                      state: FSMContext, i18n: I18nContext) -> None:
    event = await events.open_event(session, callback_data.event_id, utcnow())
    role = await events.get_role(session, callback_data.value)
    if event is None or role is None or role.event_id != event.id:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    await state.set_state(Helping.first_name)
    await state.set_data({"event_id": event.id, "role_id": role.id})
    await query.message.answer(i18n.get("ev-help-name", role=role.name(i18n.locale)))


@router.message(Helping.first_name, F.text, IS_ANSWER)
async def helper_name(message: Message, session: AsyncSession, user: User, state: FSMContext,
                      i18n: I18nContext) -> None:
    name = _short_text(message.text, NAME_LIMIT)
    if name is None:
        await message.answer(i18n.get("ev-bad-first-name", limit=NAME_LIMIT))
        return
    data = await state.get_data()
    await state.set_state(None)
    event = await events.open_event(session, data.get("event_id", 0), utcnow())
    role = await events.get_role(session, data.get("role_id", 0))
    if event is None or role is None:
        await message.answer(i18n.get("ev-gone"))
        return
    await events.offer_help(session, event, role, user.telegram_id, name, utcnow())
    await message.answer(i18n.get("ev-help-thanks", title=title(i18n, event),
                                  role=role.name(i18n.locale)))


@router.callback_query(EventCb.filter(F.action == Act.UNHELP))
async def unhelp(query: CallbackQuery, callback_data: EventCb, session: AsyncSession,
                 user: User, settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    event = await events.get_event(session, callback_data.event_id)
    helper = (await events.find_helper(session, event.id, user.telegram_id)
              if event else None)
    if helper is None or helper.status == HelperStatus.WITHDRAWN:
        await query.answer(i18n.get("ev-not-helping"), show_alert=True)
        return
    await query.answer()
    await events.withdraw_help(session, helper)
    await notifier.events.sync_reminders(session, event, utcnow(),
                                                         user.telegram_id)
    await query.message.answer(i18n.get("ev-unhelped", title=title(i18n, event)))


# --- My things ------------------------------------------------------------------------------

async def mine_section(session: AsyncSession, user: User, settings: Settings,
                       i18n: I18nContext) -> tuple[list[str], list[list[InlineKeyboardButton]]]:
    """Lines and button rows for the "My things" screen (handlers/mine.py)."""
    now = utcnow()
    registrations = await events.mine(session, user.telegram_id, now)
    helping = await events.helping(session, user.telegram_id, now)
    if not registrations and not helping:
        return [], []
    lines = [i18n.get("mine-events")]
    entries = one_per_event(registrations, helping)
    for event, registration, helper_role in entries:
        details = []
        if registration is not None:
            details.append(await _registration_detail(session, i18n, registration))
        if helper_role is not None:
            helper, role = helper_role
            details.append(i18n.get(
                "mine-helping", role=role.name(i18n.locale),
                confirmed="yes" if helper.status == HelperStatus.CONFIRMED else "no"))
        lines.append(_mine_line(i18n, event, settings, "; ".join(details)))
    rows = [[InlineKeyboardButton(text=text, callback_data=data.pack()) for text, data in row]
            for row in kb.mine(i18n, entries)]
    return lines, rows


async def _registration_detail(session: AsyncSession, i18n: I18nContext,
                               registration: Registration) -> str:
    status = RegStatus(registration.status)
    if status is RegStatus.WAITING:
        return i18n.get("mine-waiting",
                        position=await events.waiting_position(session, registration))
    if status is RegStatus.OFFERED:
        return i18n.get("mine-offered")
    return i18n.get("mine-registered", code=registration.code)


def _mine_line(i18n: I18nContext, event: Event, settings: Settings, detail: str) -> str:
    return f"• <b>{title(i18n, event)}</b>, {when_range(event, settings.tz, i18n.locale)}: {detail}"


def _short_text(text: str | None, limit: int) -> str | None:
    """A typed answer: not empty, not a command, not too long."""
    cleaned = (text or "").strip()
    if not cleaned or cleaned.startswith("/") or len(cleaned) > limit:
        return None
    return cleaned

