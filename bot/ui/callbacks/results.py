"""Callback data of paper ballots and published results. Short prefixes: 64 bytes at most.

Ids are only pointers: every handler reloads the round (and bid or sheet) and checks its status,
so a forged or old button changes nothing.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks.ids import RowId


class PaperAction(StrEnum):
    SHEETS = "s"  # type in (or upload) sheets for a round in voting
    TOTALS = "t"  # type in hand-count totals instead
    REMOVE = "r"  # take a sheet or count out again (paper: its id)
    DONE = "d"  # leave paper entry


class PaperCb(CallbackData, prefix="pp"):
    action: PaperAction
    round: RowId
    paper: RowId = 0


class ResultsAction(StrEnum):
    SHOW = "s"  # the results card and chart of a published round
    WHY = "w"  # why was this bid (not) funded?


class ResultsCb(CallbackData, prefix="rs"):
    action: ResultsAction
    round: RowId
    bid: RowId = 0


class ResultsAdminAction(StrEnum):
    PB = "pb"  # the round's Pabulib files


class ResultsAdminCb(CallbackData, prefix="rsa"):
    action: ResultsAdminAction
    round: RowId
