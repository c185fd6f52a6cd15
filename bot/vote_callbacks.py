"""Callback data of the voting buttons. Short prefixes: Telegram allows 64 bytes.

Ids are only pointers: every handler reloads the round and the bid and checks that voting is
open and the bid is one this voter may be asked about (a forged or old button changes nothing).
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class VoteAction(StrEnum):
    ROUND = "r"  # start (or restart) a ballot in a round
    SET = "s"  # give a bid a value (score, tokens, 1 = tick, 0 = no)
    BACK = "b"  # show an earlier bid again (value: its position)
    CONFIRM = "c"  # record the ballot


class VoteCb(CallbackData, prefix="vt"):
    action: VoteAction
    round: int = 0
    bid: int = 0
    value: int = 0


class VotingAdminAction(StrEnum):
    OPEN = "o"  # closed for bids -> voting
    TURNOUT = "t"  # how many ballots so far (never running totals)
    PUBLISH = "p"  # count, publish, tell everyone


class VotingAdminCb(CallbackData, prefix="va"):
    action: VotingAdminAction
    round: int
