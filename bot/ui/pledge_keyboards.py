"""Keyboards of the festival of learning and the programme report (their callback data:
bot/ui/callbacks/pledges.py)."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.callbacks.pledges import FestivalAction, FestivalCb, PledgeAction, PledgeCb
from bot.ui.event_texts import Texts


def as_payload(markup: InlineKeyboardMarkup) -> dict[str, Any]:
    return markup.model_dump(exclude_none=True)


def skip(i18n: Texts, pledge_id: int, stage: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
        text=i18n.get("fol-skip"),
        callback_data=PledgeCb(action=PledgeAction.SKIP, pledge=pledge_id, value=stage).pack())]])


def outcomes(i18n: Texts, pledge_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
        text=i18n.get(f"fol-outcome-{value}"),
        callback_data=PledgeCb(action=PledgeAction.OUTCOME, pledge=pledge_id,
                               value=value).pack())
        for value in ("done", "partly", "notyet")]])


def audiences(i18n: Texts, everyone: int,
              events: list[tuple[int, str, int]]) -> InlineKeyboardMarkup:
    """Everyone who took part, then recent events with check-ins: (id, title, people)."""
    rows = [[InlineKeyboardButton(
        text=i18n.get("fol-admin-everyone", count=everyone),
        callback_data=FestivalCb(action=FestivalAction.AUDIENCE).pack())]]
    rows += [[InlineKeyboardButton(
        text=i18n.get("fol-admin-event", title=title, count=count),
        callback_data=FestivalCb(action=FestivalAction.AUDIENCE, event=event_id).pack())]
        for event_id, title, count in events]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def confirm(i18n: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=i18n.get("fol-admin-send"),
                             callback_data=FestivalCb(action=FestivalAction.SEND).pack()),
        InlineKeyboardButton(text=i18n.get("fol-admin-discard"),
                             callback_data=FestivalCb(action=FestivalAction.DISCARD).pack())]])


def exports(i18n: Texts, festival_ids: list[int]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=i18n.get("fol-admin-csv", number=festival_id),
                             callback_data=FestivalCb(action=FestivalAction.CSV,
                                                      festival=festival_id).pack()),
        InlineKeyboardButton(text=i18n.get("fol-admin-md", number=festival_id),
                             callback_data=FestivalCb(action=FestivalAction.MARKDOWN,
                                                      festival=festival_id).pack())]
        for festival_id in festival_ids])
