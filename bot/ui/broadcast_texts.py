"""What a broadcast says besides the organiser's words: the line that tells a Welsh reader the
message is only in English (the same words as under an event with no Welsh description)."""

from __future__ import annotations

import html
import re

from aiogram_i18n.cores import BaseCore

from models.broadcast import telegram_length, with_note

ONLY_IN_ENGLISH = "text-only-in-english"
_TAG = re.compile(r"<[^>]*>")


def only_in_english_note(core: BaseCore) -> str:
    """The line in Welsh, as it is put before the English (HTML)."""
    return core.get(ONLY_IN_ENGLISH, "cy")


def length_with_note(core: BaseCore, length: int) -> int:
    """How long the English (`length` as Telegram counts it) will be for a Welsh reader: the
    note's visible words (without its formatting), a line break, then the text."""
    note = html.unescape(_TAG.sub("", only_in_english_note(core)))
    return telegram_length(with_note("", note)) + length
