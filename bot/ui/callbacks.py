"""Inline buttons' callback data. Prefixes are short: Telegram allows 64 bytes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# Numbers in callback data point at rows (32-bit keys on PostgreSQL) or at people (64-bit
# Telegram ids). A forged number outside that range is no button of ours: the filter does not
# match and the catch-all answers "out of date", instead of the database refusing the query.
RowId = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
TelegramId = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class MenuItem(StrEnum):
    EVENTS = "ev"
    BID = "bid"
    VOTE = "vote"
    MINE = "mine"
    LANGUAGE = "lang"
    HELP = "help"
    MENU = "menu"  # the main menu again, from the end of a conversation


class Locale(StrEnum):
    EN = "en"
    CY = "cy"


class MenuCb(CallbackData, prefix="m"):
    item: MenuItem


class LanguageCb(CallbackData, prefix="l"):
    locale: Locale


class LanguageSwitchCb(CallbackData, prefix="ls"):
    """The one-tap switch under the first-contact notice (the language not stored)."""

    locale: Locale


class ForgetCb(CallbackData, prefix="fg"):
    confirm: bool


class BroadcastAction(StrEnum):
    AUDIENCE = "a"
    SKIP_WELSH = "sk"
    NOW = "now"
    LATER = "lat"
    SEND = "go"
    DISCARD = "x"
    STOP = "stop"
    RETRY = "again"  # send the uncertain ones again (models/unreached.py)


class BroadcastCb(CallbackData, prefix="bc"):
    action: BroadcastAction
    value: str = ""


class OrganiserAction(StrEnum):
    ADD = "add"
    REMOVE = "rm"


class OrganiserCb(CallbackData, prefix="org"):
    action: OrganiserAction
    telegram_id: TelegramId = 0


class EventAction(StrEnum):
    """What a resident's event button does; `event_id` says which event."""

    SHOW = "sh"
    LIST = "ls"
    REGISTER = "rg"
    SKIP = "sk"  # skip an optional registration question
    TICKET = "tk"  # send the door code and the calendar file again
    CANCEL = "cx"  # ask "cancel your place?"
    CANCEL_YES = "cy"
    KEEP = "kp"
    ACCEPT = "ac"  # take a place offered from the waiting list
    DECLINE = "dc"
    HELP = "hp"  # offer to volunteer: show the roles
    ROLE = "ro"  # value = role id
    UNHELP = "uh"


class EventCb(CallbackData, prefix="ev"):
    action: EventAction
    event_id: RowId = 0
    value: RowId = 0


class EventAdminAction(StrEnum):
    """Organiser buttons for events (refused to everyone else in handlers/refusals.py)."""

    KIND = "k"  # value = index in EventKind
    ASK = "q"  # toggle a registration question: value 1 first name, 2 accessibility
    ASKED = "qd"
    SKIP = "sk"  # skip an optional /newevent step (or take its default)
    CREATE = "ok"
    DISCARD = "x"
    OPEN = "o"  # the event's organiser card
    LIST = "ls"
    EDIT = "e"  # value = field number, 0 shows the fields
    REGS = "r"
    EXPORT = "csv"
    POSTER = "p"
    CHECKIN = "ci"
    WALKIN = "wi"
    CHECKOUT = "co"  # leave check-in mode
    ROLES = "rl"
    ADD_ROLE = "ar"
    HELPERS = "v"
    CONFIRM_HELPER = "vc"  # value = volunteer id
    MESSAGE_HELPERS = "vm"
    CANCEL = "cx"
    CANCEL_YES = "cy"


class EventAdminCb(CallbackData, prefix="eva"):
    action: EventAdminAction
    event_id: RowId = 0
    value: RowId = 0
