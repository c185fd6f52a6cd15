"""Yes / No under a preview of an irreversible step (bot/ui/callbacks/organiser.py)."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.ui.callbacks.organiser import ConfirmCb, Say


def yes_no(i18n: Any, asked: ConfirmCb) -> InlineKeyboardMarkup:
    """Yes repeats everything the preview was made from; No only says which step."""
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("cf-yes"), callback_data=asked.model_copy(update={"say": Say.YES}))
    builder.button(text=i18n.get("cf-no"), callback_data=ConfirmCb(
        step=asked.step, round=asked.round, person=asked.person, say=Say.NO))
    builder.adjust(2)
    return builder.as_markup()
