"""Keyboard builders: pure functions of the translator and their inputs."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    InlineKeyboardMarkup,
    KeyboardButton,
    KeyboardButtonRequestUsers,
    ReplyKeyboardMarkup,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.ui.callbacks import (
    BroadcastAction,
    BroadcastCb,
    ForgetCb,
    LanguageCb,
    LanguageSwitchCb,
    Locale,
    MenuCb,
    MenuItem,
    OrganiserAction,
    OrganiserCb,
)

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


def language_switch(current: str) -> InlineKeyboardMarkup:
    """One button: the language the person is not being answered in."""
    other = Locale.EN if current == Locale.CY else Locale.CY
    return single_button(LANGUAGE_NAMES[other], LanguageSwitchCb(locale=other))


def yes_no(i18n: I18nContext, yes_key: str, no_key: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get(yes_key), callback_data=ForgetCb(confirm=True))
    builder.button(text=i18n.get(no_key), callback_data=ForgetCb(confirm=False))
    return builder.as_markup()


def single_button(text: str, callback_data: CallbackData) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=text, callback_data=callback_data)
    return builder.as_markup()


def broadcast_when(i18n: I18nContext) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("bc-now"), callback_data=BroadcastCb(action=BroadcastAction.NOW))
    builder.button(text=i18n.get("bc-later"),
                   callback_data=BroadcastCb(action=BroadcastAction.LATER))
    return builder.as_markup()


def broadcast_confirm(i18n: I18nContext) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("bc-send"), callback_data=BroadcastCb(action=BroadcastAction.SEND))
    builder.button(text=i18n.get("bc-discard"),
                   callback_data=BroadcastCb(action=BroadcastAction.DISCARD))
    return builder.as_markup()


def broadcast_stop(i18n: I18nContext, broadcast_id: int) -> InlineKeyboardMarkup:
    return single_button(i18n.get("bc-stop"),
                         BroadcastCb(action=BroadcastAction.STOP, value=str(broadcast_id)))


def organiser_list(i18n: I18nContext, added: list[int]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("org-add"), callback_data=OrganiserCb(action=OrganiserAction.ADD))
    for telegram_id in added:
        builder.button(text=i18n.get("org-remove", id=str(telegram_id)),
                       callback_data=OrganiserCb(action=OrganiserAction.REMOVE,
                                                 telegram_id=telegram_id))
    builder.adjust(1)
    return builder.as_markup()


def pick_a_person(i18n: I18nContext) -> ReplyKeyboardMarkup:
    """Telegram's own contact picker: no ids to copy, no typos."""
    button = KeyboardButton(text=i18n.get("org-pick"), request_users=KeyboardButtonRequestUsers(
        request_id=1, user_is_bot=False, max_quantity=1))
    return ReplyKeyboardMarkup(keyboard=[[button]], resize_keyboard=True, one_time_keyboard=True)


def menu_again(i18n: I18nContext) -> InlineKeyboardMarkup:
    """A lone Menu button: a way on after something is saved or done."""
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("menu-again"), callback_data=MenuCb(item=MenuItem.MENU))
    return builder.as_markup()
