"""/organisers: see who organises, add someone (pick them from contacts or type their id),
remove someone added here; both ask first (who, Yes / No), and a new organiser is told in their
language. People in ORGANISER_IDS are managed in the configuration."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui.callbacks import OrganiserAction, OrganiserCb
from bot.ui.callbacks.organiser import ConfirmCb, Say, Step
from bot.ui.commands import hide_organiser_menu, show_organiser_menu
from bot.ui.confirm_keyboards import yes_no
from bot.ui.keyboards import organiser_list, pick_a_person
from models.audit import Event, record
from models.base import utcnow
from models.organiser import add_organiser, added_organisers, remove_organiser

router = Router(name=__name__)


class AddOrganiser(StatesGroup):
    who = State()


@router.message(Command("organisers"))
async def show(message: Message, session: AsyncSession, settings: Settings,
               i18n: I18nContext) -> None:
    added = [o.telegram_id for o in await added_organisers(session)]
    configured = ", ".join(str(i) for i in sorted(settings.organiser_ids)) or "—"
    await message.answer(i18n.get("org-list", configured=configured, added=len(added)),
                         reply_markup=organiser_list(i18n, added))


@router.callback_query(OrganiserCb.filter(F.action == OrganiserAction.ADD))
async def ask_who(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(AddOrganiser.who)
    await query.answer()
    await query.message.answer(i18n.get("org-ask"), reply_markup=pick_a_person(i18n))


@router.message(AddOrganiser.who, F.users_shared)
async def picked(message: Message, state: FSMContext, session: AsyncSession,
                 i18n: I18nContext) -> None:
    await _add(message, state, session, i18n, message.users_shared.users[0].user_id)


@router.message(AddOrganiser.who, F.text.regexp(r"^\s*\d{4,15}\s*$"))
async def typed(message: Message, state: FSMContext, session: AsyncSession,
                i18n: I18nContext) -> None:
    await _add(message, state, session, i18n, int(message.text))


@router.message(AddOrganiser.who, IS_ANSWER)
async def not_a_person(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("org-not-a-person"))


@router.callback_query(OrganiserCb.filter(F.action == OrganiserAction.REMOVE))
async def remove(query: CallbackQuery, callback_data: OrganiserCb, session: AsyncSession,
                 i18n: I18nContext) -> None:
    await query.answer()
    await query.message.answer(
        i18n.get("cf-ask-ro", id=str(callback_data.telegram_id)),
        reply_markup=yes_no(i18n, ConfirmCb(step=Step.REMOVE_ORGANISER,
                                            person=callback_data.telegram_id)))


@router.callback_query(ConfirmCb.filter((F.step == Step.REMOVE_ORGANISER) & (F.say == Say.YES)))
async def remove_yes(query: CallbackQuery, callback_data: ConfirmCb, session: AsyncSession,
                     i18n: I18nContext) -> None:
    removed = await remove_organiser(session, callback_data.person)
    await query.answer(i18n.get("org-removed" if removed else "cf-stale"), show_alert=True)
    if removed:
        await record(session, query.from_user.id, Event.ORGANISER_REMOVED,
                     actor_name=query.from_user.first_name)
        await hide_organiser_menu(query.bot, callback_data.person)
        await query.message.answer(i18n.get("org-list-after"), reply_markup=organiser_list(
            i18n, [o.telegram_id for o in await added_organisers(session)]))


@router.callback_query(ConfirmCb.filter((F.step == Step.ADD_ORGANISER) & (F.say == Say.YES)))
async def add_yes(query: CallbackQuery, callback_data: ConfirmCb, session: AsyncSession,
                  notifier: Notifier, i18n: I18nContext) -> None:
    telegram_id = callback_data.person
    new = await add_organiser(session, telegram_id, added_by=query.from_user.id)
    await query.answer()
    await query.message.answer(i18n.get("org-added" if new else "org-already",
                                         id=str(telegram_id)))
    if not new:
        return
    await record(session, query.from_user.id, Event.ORGANISER_ADDED,
                 actor_name=query.from_user.first_name)
    await _welcome(query, session, notifier, i18n, telegram_id)


async def _welcome(query: CallbackQuery, session: AsyncSession, notifier: Notifier,
                   i18n: I18nContext, telegram_id: int) -> None:
    """The organiser menu in their chat, and a note saying who made them an organiser, both in
    their language. Through the outbox: if they never started the bot, Telegram refuses it and
    the outbox records that, without holding up the organiser who added them."""
    await show_organiser_menu(query.bot, i18n.core, telegram_id,
                              await notifier.language(session, telegram_id))
    await notifier.tell(session, [telegram_id], "org-welcome",
                        dedupe=f"organiser-added:{{person}}:{utcnow().isoformat()}",
                        by=escape(query.from_user.first_name or ""))


async def _add(message: Message, state: FSMContext, session: AsyncSession, i18n: I18nContext,
               telegram_id: int) -> None:
    """Ask first: who, and what they will be able to do."""
    await state.clear()
    await message.answer(i18n.get("org-picked"), reply_markup=ReplyKeyboardRemove())
    await message.answer(i18n.get("cf-ask-ao", id=str(telegram_id)),
                         reply_markup=yes_no(i18n, ConfirmCb(step=Step.ADD_ORGANISER,
                                                             person=telegram_id)))
