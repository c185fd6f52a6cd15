"""Round and area names as residents read them: a Welsh reader of a name the organiser gave
no Welsh for sees the English followed by "(dim ond yn Saesneg)", never a silent fallback
(as events, café questions and broadcasts do with a line before the text: event_texts.py,
broadcast_texts.py). A name is short and sits inside a sentence or on a button, so the note
goes straight after it, in plain words (buttons carry no HTML)."""

from __future__ import annotations

from html import escape
from typing import Any, Protocol

NAME_ONLY_IN_ENGLISH = "name-only-in-english"


class Named(Protocol):
    def name(self, locale: str | None) -> str: ...

    def english_only(self, locale: str | None) -> bool: ...


class Reader(Protocol):
    """The reader's translations (an I18nContext, or a translator for one recipient)."""

    locale: str | None

    def get(self, key: str, /, **kwargs: Any) -> str: ...


def name_text(t: Reader, thing: Named) -> str:
    """Plain text: buttons, chart titles, or where the caller escapes it."""
    name = thing.name(t.locale)
    return t.get(NAME_ONLY_IN_ENGLISH, name=name) if thing.english_only(t.locale) else name


def name_html(t: Reader, thing: Named) -> str:
    """For HTML messages: the name escaped, and the note if it is only in English."""
    return escape(name_text(t, thing))


def name_in(core: Any, locale: str, thing: Named) -> str:
    """name_html for a message rendered with the core in `locale` (queued messages)."""
    name = escape(thing.name(locale))
    return core.get(NAME_ONLY_IN_ENGLISH, locale, name=name) if thing.english_only(locale) \
        else name
