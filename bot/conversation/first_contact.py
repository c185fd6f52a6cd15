"""The first time someone writes or taps, by whatever path (/start, a deep link or QR code,
/code, /help, a plain message, a button), the short privacy notice comes just before the
answer, in the language already stored for them (bot/i18n.py `first_locale`), with one
button to switch to the other language. Nothing is asked before what they came for."""

from __future__ import annotations

from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram_i18n import I18nContext

from bot.middlewares import Handler
from bot.ui.keyboards import language_switch
from models.user import User, mark_privacy_seen

# Handlers may take `first_contact: bool = False` (handlers/start.py keeps a deep link, so
# a switch of language opens it again in the language chosen).
FIRST_CONTACT = "first_contact"


class FirstContactMiddleware(BaseMiddleware):
    """Outer middleware of messages and button presses; runs after the language is known."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]):
        user: User | None = data.get("user")
        i18n: I18nContext | None = data.get("i18n")
        if user is not None and i18n is not None and mark_privacy_seen(user):
            data[FIRST_CONTACT] = True
            await send_notice(event, i18n)
        return await handler(event, data)


def notice_text(i18n: I18nContext) -> str:
    return f'{i18n.get("privacy-short")}\n\n{i18n.get("language-switch-hint")}'


async def send_notice(event: TelegramObject, i18n: I18nContext) -> None:
    markup = language_switch(i18n.locale)
    if isinstance(event, Message):
        await event.answer(notice_text(i18n), reply_markup=markup)
    elif isinstance(event, CallbackQuery):
        await event.bot.send_message(event.from_user.id, notice_text(i18n), reply_markup=markup)
