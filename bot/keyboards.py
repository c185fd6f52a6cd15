"""Keyboard builders: pure functions of the translator and their inputs."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.callbacks import ForgetCb, LanguageCb, Locale, MenuCb, MenuItem

LANGUAGE_NAMES = {Locale.EN: "English", Locale.CY: "Cymraeg"}

MENU_LAYOUT = (
    (MenuItem.EVENTS, "menu-events"),
    (MenuItem.BID, "menu-bid"),
    (MenuItem.VOTE, "menu-vote"),
    (MenuItem.MINE, "menu-mine"),
    (MenuItem.LANGUAGE, "menu-language"),
    (MenuItem.HELP, "menu-help"),
)


def main_menu(i18n: I18nContext) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for item, key in MENU_LAYOUT:
        builder.button(text=i18n.get(key), callback_data=MenuCb(item=item))
    builder.adjust(2)
    return builder.as_markup()


def language_choice(welsh_first: bool) -> InlineKeyboardMarkup:
    order = (Locale.CY, Locale.EN) if welsh_first else (Locale.EN, Locale.CY)
    builder = InlineKeyboardBuilder()
    for locale in order:
        builder.button(text=LANGUAGE_NAMES[locale], callback_data=LanguageCb(locale=locale))
    return builder.as_markup()


def yes_no(i18n: I18nContext, yes_key: str, no_key: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get(yes_key), callback_data=ForgetCb(confirm=True))
    builder.button(text=i18n.get(no_key), callback_data=ForgetCb(confirm=False))
    return builder.as_markup()
