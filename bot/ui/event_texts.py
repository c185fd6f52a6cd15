"""How events read in a chat, in the reader's language. Pure functions of a translator.

The translator is the handler's `I18nContext` or, for messages planned into the outbox for
someone else, a `LocaleTexts` for the recipient's language: both have `.get(key, **args)`
and `.locale`. Everything an organiser typed is escaped here, once, at display time.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from aiogram_i18n.cores import BaseCore
from babel.dates import format_datetime

from models.event import Counts, Event, EventKind, Registration, RegStatus
from models.event_rules import fit_lines, places_left
from models.when import show_local

KIND_KEYS = {
    EventKind.WORLD_CAFE: "ev-kind-cafe",
    EventKind.PB_VOTE: "ev-kind-vote",
    EventKind.INFO: "ev-kind-info",
    EventKind.TRAINING: "ev-kind-training",
    EventKind.FESTIVAL: "ev-kind-festival",
    EventKind.OTHER: "ev-kind-other",
}


def escape(text: str) -> str:
    """What an organiser or resident typed, safe in HTML mode. Quotes stay as typed:
    Welsh is full of apostrophes, and Telegram needs only <, > and & escaped."""
    return html.escape(text, quote=False)


class Texts(Protocol):
    locale: str

    def get(self, key: str, /, **kwargs: Any) -> str: ...


@dataclass(frozen=True)
class LocaleTexts:
    """A translator for one recipient's language, outside any update."""

    core: BaseCore
    locale: str

    def get(self, key: str, /, **kwargs: Any) -> str:
        return self.core.get(key, self.locale, **kwargs)


def kind_name(i18n: Texts, kind: str) -> str:
    return i18n.get(KIND_KEYS.get(EventKind(kind), "ev-kind-other"))


def when(moment: datetime, tz: ZoneInfo, locale: str) -> str:
    return show_local(moment, tz, locale)


def when_range(event: Event, tz: ZoneInfo, locale: str) -> str:
    """'Sat 28 Nov 2026, 18:30–20:30', or both dates when it ends on another day."""
    start = show_local(event.starts_at, tz, locale)
    if event.starts_at.astimezone(tz).date() == event.ends_at.astimezone(tz).date():
        end = format_datetime(event.ends_at, "HH:mm", tzinfo=tz, locale=locale)
    else:
        end = show_local(event.ends_at, tz, locale)
    return f"{start}–{end}"


def title(i18n: Texts, event: Event) -> str:
    return escape(event.title(i18n.locale))


def place(event: Event) -> str:
    return escape(f"{event.venue}, {event.address}")


def summary(i18n: Texts, event: Event, tz: ZoneInfo) -> str:
    """Title, time and place: the top of every message about an event."""
    # Only names, dates and places: nothing to translate, so no message key.
    return f"<b>{title(i18n, event)}</b>\n{when_range(event, tz, i18n.locale)} 🗓\n{place(event)} 📍"


def list_label(i18n: Texts, event: Event, tz: ZoneInfo) -> str:
    """One line of a list button (buttons take no HTML)."""
    moment = format_datetime(event.starts_at, "EEE d MMM, HH:mm", tzinfo=tz, locale=i18n.locale)
    return f"{moment} · {event.title(i18n.locale)}"[:60]


LIST_ROOM = 3500  # characters of event lines in one list message (Telegram allows 4096)


def list_text(i18n: Texts, events: list[Event], tz: ZoneInfo) -> str:
    """The event list: how many, then each event with when and where (venue and area), so a
    person can see which is near them before tapping. Lines that would not fit are left to
    the buttons below."""
    lines = fit_lines((i18n.get("res-list-event", title=title(i18n, event),
                                when=when_range(event, tz, i18n.locale),
                                venue=escape(event.venue), area=escape(event.area))
                       for event in events), LIST_ROOM)
    return "\n\n".join([i18n.get("ev-list-title", count=len(events)), *lines])


def card(i18n: Texts, event: Event, tz: ZoneInfo, counts: Counts,
         registration: Registration | None, position: int | None) -> str:
    """What a resident sees when they open an event."""
    lines = [summary(i18n, event, tz), f"<i>{kind_name(i18n, event.kind)}</i>",
             "", only_in_english(i18n, event.description_cy, event.description_en)
             + escape(event.description(i18n.locale))]
    if not event.is_open:
        lines += ["", i18n.get("ev-is-cancelled")]
        return "\n".join(lines)
    lines.append("")
    status = RegStatus(registration.status) if registration else None
    if status is RegStatus.CONFIRMED:
        lines.append(i18n.get("ev-you-are-registered", code=registration.code))
    elif status is RegStatus.OFFERED:
        lines.append(i18n.get("ev-you-are-offered"))
    elif status is RegStatus.WAITING:
        lines.append(i18n.get("ev-you-are-waiting", position=position or 1))
    else:
        left = places_left(event.capacity, counts.taken)
        if left is None:
            lines.append(i18n.get("ev-places-open"))
        elif left == 0:
            lines.append(i18n.get("ev-places-full", waiting=counts.waiting))
        else:
            lines.append(i18n.get("ev-places-left", left=left))
    return "\n".join(lines)


def organiser_card(i18n: Texts, event: Event, tz: ZoneInfo, counts: Counts, helpers: int,
                   offsets: str) -> str:
    capacity = str(event.capacity) if event.capacity else i18n.get("ev-no-limit")
    questions = [i18n.get(key) for key, asked in (("ev-q-first-name", event.ask_first_name),
                                                  ("ev-q-access", event.ask_access)) if asked]
    lines = [
        summary(i18n, event, tz),
        i18n.get("ev-admin-facts", id=str(event.id), kind=kind_name(i18n, event.kind),
                 area=escape(event.area), capacity=capacity, reminders=offsets,
                 questions=", ".join(questions) or i18n.get("ev-q-none"),
                 round=str(event.round_id) if event.round_id else "—"),
        i18n.get("ev-admin-counts", confirmed=counts.confirmed, waiting=counts.waiting,
                 offered=counts.offered, checked=counts.checked_in, helpers=helpers),
    ]
    if not event.is_open:
        lines.append(i18n.get("ev-is-cancelled"))
    return "\n".join(lines)


def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def event_link(bot_username: str, event_id: int) -> str:
    return deep_link(bot_username, f"ev_{event_id}")


def only_in_english(i18n: Texts, welsh: str | None, english: str | None) -> str:
    """A Welsh reader is told when an organiser's text has no Welsh and the English is shown
    instead: never a silent fallback. Empty otherwise."""
    if i18n.locale == "cy" and not (welsh or "").strip() and (english or "").strip():
        return i18n.get("text-only-in-english") + "\n"
    return ""
