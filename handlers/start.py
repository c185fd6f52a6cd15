"""/start, with or without a deep link: language first, then the privacy notice, then the menu."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram_i18n import I18nContext

from bot.deeplinks import parse_payload
from bot.keyboards import language_choice
from handlers.menu import show_menu
from models.user import User

router = Router(name=__name__)
PENDING_PAYLOAD = "start_payload"


@router.message(CommandStart())
async def start(
    message: Message, command: CommandObject, user: User, state: FSMContext, i18n: I18nContext
) -> None:
    if user.locale is None:
        # Keep the deep link until the language is chosen, then open it.
        await state.update_data({PENDING_PAYLOAD: command.args})
        await message.answer(
            i18n.get("choose-language"), reply_markup=language_choice(i18n.locale == "cy")
        )
        return
    await open_start(message, i18n, command.args)


async def open_start(message: Message, i18n: I18nContext, payload: str | None) -> None:
    """Where /start leads once the language is known."""
    if payload and parse_payload(payload) is None:
        await message.answer(i18n.get("link-unknown"))
    await show_menu(message, i18n)
