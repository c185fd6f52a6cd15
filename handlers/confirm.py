"""No under any confirmation (bot/ui/confirm_keyboards.py): nothing changes, and the buttons go."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from bot.ui.callbacks.organiser import ConfirmCb, Say

router = Router(name=__name__)


@router.callback_query(ConfirmCb.filter(F.say == Say.NO))
async def said_no(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("cf-nothing-changed"))
    await query.message.edit_reply_markup(reply_markup=None)


@router.callback_query(ConfirmCb.filter())
async def unknown(query: CallbackQuery, i18n: I18nContext) -> None:
    """A confirmation no handler took (a step its message no longer fits): out of date."""
    await query.answer(i18n.get("cf-stale"), show_alert=True)
