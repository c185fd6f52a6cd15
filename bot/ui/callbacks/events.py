"""Callback data of events: residents' buttons and the organisers'."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks.ids import RowId


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
