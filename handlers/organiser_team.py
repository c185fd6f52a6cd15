"""/organisers: see who organises, add someone (pick them from contacts or type their id),
remove someone added here. People in ORGANISER_IDS are managed in the configuration."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import OrganiserAction, OrganiserCb
from bot.commands import hide_organiser_menu, show_organiser_menu
from bot.filters import IS_ANSWER
from bot.keyboards import organiser_list, pick_a_person
from bot.settings import Settings
from models.organiser import add_organiser, added_organisers, remove_organiser
from models.user import find_user

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
    removed = await remove_organiser(session, callback_data.telegram_id)
    await query.answer(i18n.get("org-removed" if removed else "button-stale"), show_alert=True)
    if removed:
        await hide_organiser_menu(query.bot, callback_data.telegram_id)
        await query.message.edit_reply_markup(reply_markup=organiser_list(
            i18n, [o.telegram_id for o in await added_organisers(session)]))


async def _add(message: Message, state: FSMContext, session: AsyncSession, i18n: I18nContext,
               telegram_id: int) -> None:
    await state.clear()
    new = await add_organiser(session, telegram_id, added_by=message.from_user.id)
    person = await find_user(session, telegram_id)
    await show_organiser_menu(message.bot, i18n.core, telegram_id,
                              (person and person.locale) or i18n.locale)
    await message.answer(i18n.get("org-added" if new else "org-already", id=str(telegram_id)),
                         reply_markup=ReplyKeyboardRemove())
