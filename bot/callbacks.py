"""Every inline button's callback data, in one place. Prefixes are short: Telegram allows 64 bytes."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class MenuItem(StrEnum):
    EVENTS = "ev"
    BID = "bid"
    VOTE = "vote"
    MINE = "mine"
    LANGUAGE = "lang"
    HELP = "help"


class Locale(StrEnum):
    EN = "en"
    CY = "cy"


class MenuCb(CallbackData, prefix="m"):
    item: MenuItem


class LanguageCb(CallbackData, prefix="l"):
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


class BroadcastCb(CallbackData, prefix="bc"):
    action: BroadcastAction
    value: str = ""
