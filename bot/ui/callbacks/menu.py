"""Callback data of the main menu, the language choice and /forget."""

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
