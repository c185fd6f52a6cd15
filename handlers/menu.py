"""The main menu: what a resident sees after /start and after anything finishes."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.ui.callbacks import MenuCb, MenuItem
from bot.ui.keyboards import language_choice, main_menu

router = Router(name=__name__)

# Menu entries whose feature has not landed yet answer politely instead of doing nothing.
# Events, bids, Vote and My things are answered by handlers/events.py, bids.py, vote.py and
# mine.py.
NOT_READY: set[MenuItem] = set()


async def show_menu(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("menu-title"), reply_markup=main_menu(i18n))


@router.callback_query(MenuCb.filter(F.item.in_(NOT_READY)))
async def not_ready(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("not-ready"), show_alert=True)


@router.callback_query(MenuCb.filter(F.item == MenuItem.LANGUAGE))
async def language(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer()
    await query.bot.send_message(
        query.from_user.id, i18n.get("choose-language"),
        reply_markup=language_choice(welsh_first=i18n.locale == "cy"),
    )


@router.callback_query(MenuCb.filter(F.item == MenuItem.HELP))
async def help_(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer()
    await query.bot.send_message(query.from_user.id, i18n.get("help"))


@router.callback_query(MenuCb.filter(F.item == MenuItem.MENU))
async def menu_again(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer()
    await query.bot.send_message(query.from_user.id, i18n.get("menu-title"),
                                 reply_markup=main_menu(i18n))
