"""One place where a failed update ends: logged for organisers, a kind line for the user."""

from __future__ import annotations

import logging
from contextlib import suppress
from typing import Any

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent, InlineKeyboardButton, InlineKeyboardMarkup, Update
from aiogram_i18n import I18nContext, I18nMiddleware

from bot.log_ids import pseudonym
from bot.ui.callbacks import MenuCb, MenuItem

router = Router(name=__name__)
log = logging.getLogger(__name__)


def _chat_id(update: Update) -> int | None:
    if update.message:
        return update.message.chat.id
    if update.callback_query:
        return update.callback_query.from_user.id
    return None


def _menu(i18n: I18nContext | None, i18n_middleware: I18nMiddleware) -> InlineKeyboardMarkup:
    """A way on after the apology: the main menu."""
    core = i18n_middleware.core
    label = i18n.get("menu-again") if i18n else core.get("menu-again", core.default_locale)
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
        text=label, callback_data=MenuCb(item=MenuItem.MENU).pack())]])


@router.errors()
async def on_error(event: ErrorEvent, bot: Bot, i18n_middleware: I18nMiddleware,
                   **data: Any) -> None:
    update = event.update
    log.error("update %s failed", update.update_id, exc_info=event.exception)
    i18n: I18nContext | None = data.get("i18n")
    text = (i18n.get("error-generic") if i18n
            else i18n_middleware.core.get("error-generic", i18n_middleware.core.default_locale))
    chat_id = _chat_id(update)
    if update.callback_query:
        with suppress(TelegramAPIError):  # the handler may have answered before it failed
            await update.callback_query.answer()
    if chat_id is None:
        return
    try:
        await bot.send_message(chat_id, text, reply_markup=_menu(i18n, i18n_middleware))
    except TelegramAPIError:
        log.warning("could not tell %s about the failure of update %s",
                    pseudonym(chat_id), update.update_id)
