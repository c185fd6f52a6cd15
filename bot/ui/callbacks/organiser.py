"""Callback data of the organiser team, confirmations and /audit. Short: Telegram allows 64 bytes.

A confirmation's Yes carries what its preview showed (`status` the round was in, `seen` the
number the preview was built on): the handler acts only if both still hold, so a Yes tapped
after someone else acted, or after more ballots came in, is "out of date" and changes nothing.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks.ids import RowId, TelegramId


class Step(StrEnum):
    """The irreversible (or hard to undo) steps an organiser confirms."""

    CLOSE_BIDS = "cb"
    OPEN_VOTING = "ov"
    CLOSE_VOTING = "cv"
    REOPEN_VOTING = "rv"
    PUBLISH = "pb"
    ADD_ORGANISER = "ao"
    REMOVE_ORGANISER = "ro"


class Say(StrEnum):
    ASK = "a"  # show the preview
    YES = "y"
    NO = "n"


class ConfirmCb(CallbackData, prefix="cf"):
    step: Step
    round: RowId = 0  # the round, for round steps
    person: TelegramId = 0  # the organiser's Telegram id, for adding or removing one
    say: Say = Say.ASK
    status: str = ""  # the round's status the preview was made from
    seen: RowId = 0  # the count the preview showed (bids, ballots)


class AuditAction(StrEnum):
    PAGE = "p"
    ROUNDS = "r"  # choose a round to filter by
    PEOPLE = "w"  # choose a person to filter by
    CSV = "csv"


class AuditCb(CallbackData, prefix="au"):
    action: AuditAction
    page: RowId = 0
    round: RowId = 0
    actor: TelegramId = 0


class OrganiserAction(StrEnum):
    ADD = "add"
    REMOVE = "rm"


class OrganiserCb(CallbackData, prefix="org"):
    action: OrganiserAction
    telegram_id: TelegramId = 0
