"""Last in line: anything no other router took. Old or forged buttons land here too."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.log_ids import pseudonym
from handlers.menu import show_menu

router = Router(name=__name__)
log = logging.getLogger(__name__)


@router.message()
async def unknown_message(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("unknown-message"))
    await show_menu(message, i18n)


@router.callback_query()
async def stale_button(query: CallbackQuery, i18n: I18nContext) -> None:
    log.info("unmatched callback data %r from %s", query.data, pseudonym(query.from_user.id))
    await query.answer(i18n.get("button-stale"))
    if query.message is not None:
        await show_menu(query.message, i18n)
