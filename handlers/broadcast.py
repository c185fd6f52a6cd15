"""/broadcast: an organiser writes to an audience in English and Welsh, now or later."""

from __future__ import annotations

import asyncio
from datetime import datetime

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.periodic import after_commit
from bot.settings import Settings
from bot.ui.broadcast_keyboards import audience_label, audience_menu, target_menu, which_key
from bot.ui.broadcast_texts import length_with_note
from bot.ui.callbacks import BroadcastAction as Act
from bot.ui.callbacks import BroadcastCb
from bot.ui.keyboards import broadcast_confirm, broadcast_stop, broadcast_when, single_button
from models import audience as audiences
from models import broadcast as broadcasts
from models.audience import Audience, Choice
from models.audit import Event, record
from models.ballot import Ballots
from models.base import utcnow
from models.unreached import can_retry, retry_uncertain
from models.when import parse_local, show_local

router = Router(name=__name__)
TEXT_LIMIT, CAPTION_LIMIT = 4096, 1024


class Draft(StatesGroup):
    audience = State()
    english = State()
    welsh = State()
    when = State()
    at = State()
    confirm = State()


@router.message(Command("broadcast"))
async def start(message: Message, state: FSMContext, session: AsyncSession, ballots: Ballots,
                i18n: I18nContext) -> None:
    await state.set_state(Draft.audience)
    await state.set_data({})
    await message.answer(i18n.get("bc-audience"),
                         reply_markup=await _audience_menu(session, ballots, i18n))


@router.callback_query(Draft.audience, BroadcastCb.filter(F.action == Act.AUDIENCE))
async def audience(query: CallbackQuery, callback_data: BroadcastCb, state: FSMContext,
                   session: AsyncSession, settings: Settings, ballots: Ballots,
                   i18n: I18nContext) -> None:
    kind, has_target, value = callback_data.value.partition(".")
    if not kind:
        await query.answer()
        await query.message.edit_text(i18n.get("bc-audience"),
                                      reply_markup=await _audience_menu(session, ballots, i18n))
    elif not has_target and kind in audiences.TARGETED:
        await _ask_target(query, session, settings, i18n, Audience(kind))
    elif choice := await audiences.resolve(session, kind, value, utcnow(), i18n.locale):
        await state.update_data(audience=choice.kind.value, target_id=choice.target_id,
                                target_name=choice.target_name)
        await state.set_state(Draft.english)
        await query.answer()
        await query.message.edit_text(i18n.get("bc-ask-english"))
    else:
        await query.answer(i18n.get("button-stale"))


@router.message(Draft.english, IS_ANSWER)
async def english(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    if not await _take_text(message, state, i18n, "text_en"):
        return
    await state.set_state(Draft.welsh)
    await message.answer(i18n.get("bc-ask-welsh"),
                         reply_markup=single_button(i18n.get("bc-skip-welsh"),
                                                    BroadcastCb(action=Act.SKIP_WELSH)))


@router.message(Draft.welsh, IS_ANSWER)
async def welsh(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    if await _take_text(message, state, i18n, "text_cy"):
        await _ask_when(message, state, i18n)


@router.callback_query(Draft.welsh, BroadcastCb.filter(F.action == Act.SKIP_WELSH))
async def skip_welsh(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await query.answer()
    draft = await state.get_data()
    # Welsh readers get a line saying it is only in English: it must still fit.
    limit = CAPTION_LIMIT if draft.get("photo") else TEXT_LIMIT
    length = length_with_note(i18n.core, draft.get("length_en", 0))
    if length > limit:
        await query.message.answer(i18n.get("res-bc-no-room-for-note", length=length,
                                            limit=limit))
        return
    await query.message.edit_reply_markup(reply_markup=None)
    await _ask_when(query.message, state, i18n)


@router.callback_query(Draft.when, BroadcastCb.filter(F.action == Act.NOW))
async def now(query: CallbackQuery, state: FSMContext, session: AsyncSession,
              settings: Settings, ballots: Ballots, i18n: I18nContext) -> None:
    await query.answer()
    await state.update_data(send_at=None)
    await _preview(query.message, state, session, settings, ballots, i18n)


@router.callback_query(Draft.when, BroadcastCb.filter(F.action == Act.LATER))
async def later(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await query.answer()
    await state.set_state(Draft.at)
    await query.message.answer(i18n.get("bc-ask-time"))


@router.message(Draft.at, F.text, IS_ANSWER)
async def at(message: Message, state: FSMContext, session: AsyncSession, settings: Settings,
             ballots: Ballots, i18n: I18nContext) -> None:
    moment = parse_local(message.text, settings.tz, utcnow())
    if moment is None or moment <= utcnow():
        await message.answer(i18n.get("bc-bad-time" if moment is None else "bc-past-time"))
        return
    await state.update_data(send_at=moment.isoformat())
    await _preview(message, state, session, settings, ballots, i18n)


@router.callback_query(Draft.confirm, BroadcastCb.filter(F.action == Act.SEND))
async def send(query: CallbackQuery, state: FSMContext, session: AsyncSession,
               settings: Settings, ballots: Ballots, i18n: I18nContext,
               broadcast_wake: asyncio.Event) -> None:
    draft = await state.get_data()
    await state.clear()
    choice = _choice(draft)
    if not await audiences.still_there(session, choice):
        await query.answer(i18n.get("bc-gone"), show_alert=True)
        return
    await query.answer()
    # Counted again: people may have registered (or left) since the preview.
    reachable, _ = await ballots.audience_size(session, choice)
    broadcast = await broadcasts.create(
        session, audience=choice, text_en=draft.get("text_en"),
        text_cy=draft.get("text_cy"), photo_file_id=draft.get("photo"),
        send_at=_send_at(draft), organiser_chat_id=query.from_user.id,
    )
    when = show_local(broadcast.send_at, settings.tz, i18n.locale)
    key = "bc-scheduled" if draft.get("send_at") else "bc-starting"
    await query.message.edit_reply_markup(reply_markup=None)
    status = await query.message.answer(i18n.get(key, when=when, recipients=reachable),
                                        reply_markup=broadcast_stop(i18n, broadcast.id))
    broadcast.progress_message_id = status.message_id
    # Once the broadcast is committed the monitor plans it at once, not at its next look.
    after_commit(session, broadcast_wake.set)


@router.callback_query(Draft.confirm, BroadcastCb.filter(F.action == Act.DISCARD))
async def discard(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await state.clear()
    await query.answer()
    await query.message.edit_text(i18n.get("bc-discarded"))


@router.callback_query(BroadcastCb.filter(F.action == Act.STOP))
async def stop(query: CallbackQuery, callback_data: BroadcastCb, session: AsyncSession,
               i18n: I18nContext) -> None:
    found = (await broadcasts.get(session, int(callback_data.value))
             if callback_data.value.isdigit() else None)
    if found is None or found.status not in {broadcasts.BroadcastStatus.SCHEDULED,
                                             broadcasts.BroadcastStatus.SENDING}:
        await query.answer(i18n.get("bc-stop-too-late"), show_alert=True)
        return
    withdrawn = await broadcasts.cancel(session, found)
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("bc-stopped", withdrawn=withdrawn))


@router.callback_query(BroadcastCb.filter(F.action == Act.RETRY))
async def try_again(query: CallbackQuery, callback_data: BroadcastCb, session: AsyncSession,
                    ballots: Ballots, i18n: I18nContext,
                    broadcast_wake: asyncio.Event) -> None:
    """Send the uncertain ones again, on the organiser's choice, once (models/unreached.py)."""
    found = (await broadcasts.get(session, int(callback_data.value))
             if callback_data.value.isdigit() else None)
    people = 0
    if found is not None and can_retry(found, await ballots.unreached(session, found.id)):
        people = await retry_uncertain(session, found)
    if not people:
        await query.answer(i18n.get("bc-retry-stale"), show_alert=True)
        return
    await record(session, query.from_user.id, Event.BROADCAST_RETRIED,
                 actor_name=query.from_user.first_name, people=people)
    after_commit(session, broadcast_wake.set)
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("bc-retrying", people=people))


@router.callback_query(BroadcastCb.filter())
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("button-stale"), show_alert=True)


async def _take_text(message: Message, state: FSMContext, i18n: I18nContext, field: str) -> bool:
    """Keep the organiser's text (with its formatting) and photo; say why if it won't do."""
    text = message.html_text if (message.text or message.caption) else ""
    limit = CAPTION_LIMIT if message.photo or (await state.get_data()).get("photo") else TEXT_LIMIT
    if not text.strip():
        await message.answer(i18n.get("bc-need-text"))
        return False
    # Counted as Telegram counts it: "&lt;" in the HTML we keep is one character "<".
    length = broadcasts.telegram_length(message.text or message.caption or "")
    if length > limit:
        await message.answer(i18n.get("bc-too-long", limit=limit, length=length))
        return False
    values = {field: text, f"length_{field[-2:]}": length}
    if message.photo:
        values["photo"] = message.photo[-1].file_id
    await state.update_data(values)
    return True


async def _ask_when(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(Draft.when)
    await message.answer(i18n.get("bc-ask-when"), reply_markup=broadcast_when(i18n))


async def _audience_menu(session: AsyncSession, ballots: Ballots, i18n: I18nContext):
    everyone, _ = await ballots.audience_size(session, Choice(Audience.EVERYONE))
    return audience_menu(i18n, everyone)


async def _ask_target(query: CallbackQuery, session: AsyncSession, settings: Settings,
                      i18n: I18nContext, kind: Audience) -> None:
    """Which event, round or area? (If there is none, say so and keep the kinds.)"""
    targets = await audiences.targets(session, kind, utcnow())
    if not targets:
        await query.answer(i18n.get(f"bc-no-{which_key(kind)}"), show_alert=True)
        return
    await query.answer()
    await query.message.edit_text(i18n.get(f"bc-which-{which_key(kind)}"),
                                  reply_markup=target_menu(i18n, kind, targets, settings.tz))


def _choice(draft: dict) -> Choice:
    return Choice(Audience(draft["audience"]), draft.get("target_id"), draft.get("target_name"))


async def _preview(message: Message, state: FSMContext, session: AsyncSession,
                   settings: Settings, ballots: Ballots, i18n: I18nContext) -> None:
    draft = await state.get_data()
    choice = _choice(draft)
    reachable, blocked = await ballots.audience_size(session, choice)
    await state.set_state(Draft.confirm)
    for text in filter(None, (draft.get("text_en"), draft.get("text_cy"))):
        if draft.get("photo"):
            await message.answer_photo(draft["photo"], caption=text)
        else:
            await message.answer(text)
    when = show_local(_send_at(draft), settings.tz, i18n.locale)
    await message.answer(
        i18n.get("bc-preview", audience=audience_label(i18n, choice),
                 recipients=reachable, blocked=blocked,
                 when=when if draft.get("send_at") else i18n.get("bc-when-now")),
        reply_markup=broadcast_confirm(i18n),
    )


def _send_at(draft: dict) -> datetime:
    return datetime.fromisoformat(draft["send_at"]) if draft.get("send_at") else utcnow()
