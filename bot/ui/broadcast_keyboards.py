"""/broadcast's audience buttons and the audience's name in messages: pure functions of the
translator and their inputs.

Audience buttons carry `BroadcastCb(action=AUDIENCE, value=...)` with value `all` (everyone),
a kind (`reg`, `vol`, `bid`, `vote`, `area`: "which event / round / area?"), a kind and a
target (`reg.12`, `area.<place token>`), or nothing (back to the kinds).
"""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.ui.callbacks import BroadcastAction, BroadcastCb
from models.audience import Audience, Choice, Target
from models.when import show_local

KINDS = (Audience.REGISTERED, Audience.VOLUNTEERS, Audience.BIDDERS, Audience.VOTERS,
         Audience.AREA)


def _pick(value: str) -> BroadcastCb:
    return BroadcastCb(action=BroadcastAction.AUDIENCE, value=value)


def audience_menu(i18n: I18nContext, everyone: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("bc-audience-choice", audience=i18n.get("bc-audience-all"),
                                 people=everyone),
                   callback_data=_pick(Audience.EVERYONE.value))
    for kind in KINDS:
        builder.button(text=i18n.get(f"bc-audience-{kind.value}"), callback_data=_pick(kind.value))
    builder.adjust(1)
    return builder.as_markup()


def target_menu(i18n: I18nContext, kind: Audience, targets: list[Target],
                tz: ZoneInfo) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for target in targets:
        title = target.title(i18n.locale)
        if target.when is not None:
            title = f"{title} · {show_local(target.when, tz, i18n.locale)}"
        builder.button(text=title, callback_data=_pick(f"{kind.value}.{target.value}"))
    builder.button(text=i18n.get("bc-back"), callback_data=_pick(""))
    builder.adjust(1)
    return builder.as_markup()


def which_key(kind: Audience) -> str:
    """The question above `target_menu`, and the answer when there is nothing to pick."""
    if kind in (Audience.REGISTERED, Audience.VOLUNTEERS):
        return "event"
    return "area" if kind is Audience.AREA else "round"


def audience_label(i18n: I18nContext, choice: Choice) -> str:
    """The audience as the organiser reads it in the preview and the report (HTML-safe)."""
    if choice.kind is Audience.EVERYONE:
        return i18n.get("bc-audience-all")
    name = html.escape(choice.target_name or "", quote=False)
    return i18n.get(f"bc-to-{choice.kind.value}", name=name)
