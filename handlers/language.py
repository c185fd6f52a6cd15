"""Choosing English or Cymraeg: one tap under the first-contact notice, or any time with
/language (or the menu's Language button)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from bot.ui.callbacks import LanguageCb, LanguageSwitchCb
from bot.ui.keyboards import language_choice
from handlers.start import PENDING_PAYLOAD, open_start
from models.ballot import Ballots
from models.user import User

router = Router(name=__name__)


@router.message(Command("language"))
async def ask(message: Message, i18n: I18nContext) -> None:
    await message.answer(
        i18n.get("choose-language"), reply_markup=language_choice(i18n.locale == "cy")
    )


@router.callback_query(LanguageCb.filter())
async def chosen(
    query: CallbackQuery, callback_data: LanguageCb, user: User, state: FSMContext,
    i18n: I18nContext, session: AsyncSession, settings: Settings, ballots: Ballots,
) -> None:
    await i18n.set_locale(callback_data.locale.value)
    await query.answer()
    await query.message.edit_text(i18n.get("language-set"))
    await _open_pending(query, i18n, state, session=session, user=user, settings=settings,
                        ballots=ballots)


@router.callback_query(LanguageSwitchCb.filter())
async def switched(
    query: CallbackQuery, callback_data: LanguageSwitchCb, user: User, state: FSMContext,
    i18n: I18nContext, session: AsyncSession, settings: Settings, ballots: Ballots,
) -> None:
    """The switch under the first notice: the notice again in the new language, then what
    they had asked for (a deep link kept by /start) or the menu."""
    await i18n.set_locale(callback_data.locale.value)
    await query.answer()
    await query.message.edit_text(i18n.get("privacy-short"))
    await query.message.answer(i18n.get("language-set"))
    await _open_pending(query, i18n, state, session=session, user=user, settings=settings,
                        ballots=ballots)


async def _open_pending(query: CallbackQuery, i18n: I18nContext, state: FSMContext, *,
                        session: AsyncSession, user: User, settings: Settings,
                        ballots: Ballots) -> None:
    data = await state.get_data()
    await state.update_data({PENDING_PAYLOAD: None})
    await open_start(query.message, i18n, data.get(PENDING_PAYLOAD), session=session, user=user,
                     settings=settings, ballots=ballots)
