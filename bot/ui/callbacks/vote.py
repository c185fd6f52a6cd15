"""Callback data of the voting buttons. Short prefixes: Telegram allows 64 bytes.

Ids are only pointers: every handler reloads the round and the bid and checks that voting is
open and the bid is one this voter may be asked about (a forged or old button changes nothing).
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks.ids import RowId


class VoteAction(StrEnum):
    ROUND = "r"  # start (or restart) a ballot in a round
    SET = "s"  # give a bid a value (score, tokens, 1 = tick, 0 = no)
    BACK = "b"  # show an earlier bid again (value: its position)
    CONFIRM = "c"  # record the ballot
    AREA = "a"  # the area the voter lives in (value: its id; 0 = none of the round's areas)
    AGE = "g"  # the voter's age band (value: its position in models.eligibility.AgeBand)
    OPEN = "o"  # from the review or the receipt: open this bid's card to change its answer
    LIST = "l"  # back to the review
    PHOTO = "f"  # send this bid's photo
    TELL = "t"  # no vote open: tell me when one opens


class VoteCb(CallbackData, prefix="vt"):
    action: VoteAction
    round: RowId = 0
    bid: RowId = 0
    value: RowId = 0
    # The ballot message's revision when this button was drawn (bot/ui/ballot_view.py): a tap
    # counts only while it is the newest, so an old or forged button changes nothing.
    rev: RowId = 0


class VotingAdminAction(StrEnum):
    OPEN = "o"  # closed for bids -> voting
    TURNOUT = "t"  # how many ballots so far (never running totals)
    CLOSE = "c"  # voting -> counting: the chat stops taking votes, paper sheets still come
    PUBLISH = "p"  # count, publish, tell everyone


class VotingAdminCb(CallbackData, prefix="va"):
    action: VotingAdminAction
    round: RowId


class VotingAccessAction(StrEnum):
    CODES = "c"  # make a stack of voting-code cards for the round
    SHOW = "s"  # how many eligible people have not voted; the reminder button
    REMIND = "r"  # send reminder number `value` to eligible non-voters


class VotingAccessCb(CallbackData, prefix="vac"):
    action: VotingAccessAction
    round: RowId
    value: RowId = 0


class RoundSetting(StrEnum):
    WHO = "w"  # who may vote: cycles through models.round.Eligibility
    SCORE_ALL = "s"  # every bid must be scored (score ballots)
    CHANGES = "c"  # a confirmed vote may be changed
    AGE = "a"  # voters are asked their age band


class RoundSettingCb(CallbackData, prefix="rst"):
    """A toggle on the /newround preview (handlers/rounds_admin.py)."""

    setting: RoundSetting
