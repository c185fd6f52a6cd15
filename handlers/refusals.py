"""Organiser commands and buttons from anyone else: refused, logged, nothing changes."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.callbacks import BroadcastCb

router = Router(name=__name__)
log = logging.getLogger(__name__)
ORGANISER_COMMANDS = ("broadcast",)


@router.message(Command(*ORGANISER_COMMANDS))
async def refuse_command(message: Message, i18n: I18nContext) -> None:
    log.warning("refused organiser command %r from user %s", message.text, message.from_user.id)
    await message.answer(i18n.get("organisers-only"))


@router.callback_query(BroadcastCb.filter())
async def refuse_button(query: CallbackQuery, i18n: I18nContext) -> None:
    log.warning("refused organiser button %r from user %s", query.data, query.from_user.id)
    await query.answer(i18n.get("organisers-only"), show_alert=True)
