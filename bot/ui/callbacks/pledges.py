"""Callback data of the festival of learning: a group's pledges and the organisers' side.

Ids are only pointers: every handler reloads the row and checks it is the presser's and in the
right stage, so a forged or old button changes nothing.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks.ids import RowId


class PledgeAction(StrEnum):
    SKIP = "sk"  # skip a question; value: the stage it was asked at (an old button does nothing)
    OUTCOME = "oc"  # value: done / partly / notyet (models.pledge.Outcome)


class PledgeCb(CallbackData, prefix="pl"):
    action: PledgeAction
    pledge: RowId
    value: str = ""


class FestivalAction(StrEnum):
    AUDIENCE = "au"  # event: 0 for everyone who took part, else the event's id
    SEND = "go"
    DISCARD = "x"
    CSV = "csv"  # festival: which one
    MARKDOWN = "md"


class FestivalCb(CallbackData, prefix="fl"):
    action: FestivalAction
    event: RowId = 0
    festival: RowId = 0
