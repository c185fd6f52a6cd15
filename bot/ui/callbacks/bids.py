"""Callback data of the bid and round buttons. Short prefixes: Telegram allows 64 bytes.

Ids in callback data are only a pointer: every handler loads the row and checks it against the
person and the current state before acting (a forged or old button changes nothing).
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks.ids import RowId


class BidAction(StrEnum):
    ROUND = "r"  # show a round's bidding page
    START = "new"  # start a new draft in a round
    OPEN = "o"  # continue a draft, or show a sent bid
    AREA = "a"  # answer the area question (value: area id)
    EDIT = "e"  # change one answer (value: question key)
    PHOTO = "p"
    NO_PHOTO = "np"
    SUBMIT = "s"
    WITHDRAW = "w"
    WITHDRAW_YES = "wy"
    DELETE = "d"
    DELETE_YES = "dy"
    SUMMARY = "sum"
    DONE = "ok"
    PLAY_VOICE = "pv"  # the group hears its own voice note again
    SEE_PHOTO = "sp"  # the group sees its own photo again


class BidCb(CallbackData, prefix="b"):
    action: BidAction
    bid: RowId = 0
    round: RowId = 0
    value: str = ""


class ReviewAction(StrEnum):
    ROUND = "r"  # the overview of a round
    NEXT = "n"  # the oldest bid waiting for review
    SHOW = "s"  # one bid's card
    ELIGIBLE = "ok"
    CHANGES = "ch"
    NOT_ELIGIBLE = "no"
    LISTEN = "v"
    PHOTO = "p"
    CSV = "csv"


class ReviewCb(CallbackData, prefix="rv"):
    action: ReviewAction
    round: RowId = 0
    bid: RowId = 0
    rev: RowId = 0  # the bid's revision when the card was drawn


class RoundAction(StrEnum):
    MOVE = "mv"  # /rounds: move a round to the status in value
    QUESTIONS = "q"  # /newround: use the standard questions
    SKIP = "sk"
    BALLOT = "bk"
    RULE = "al"
    POLICY = "po"
    CREATE = "go"  # value: the status to create it in
    DISCARD = "x"


class RoundCb(CallbackData, prefix="rn"):
    action: RoundAction
    round: RowId = 0
    value: str = ""
