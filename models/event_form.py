"""The fields an organiser types when creating or editing an event, and how each is read.

Pure: `read(field, text, context)` returns the value to store, or INVALID with nothing
changed. /newevent, the Edit buttons and `python -m bot events import` all read fields
through here, so a date or a capacity means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from models import event_rules as rules
from models.event import EventKind
from models.when import parse_local

INVALID = object()


@dataclass(frozen=True)
class Context:
    tz: ZoneInfo
    now: datetime
    starts_at: datetime | None = None  # for the end and the volunteers' arrival


@dataclass(frozen=True)
class Field:
    name: str
    ask: str  # message key of the question
    bad: str  # message key when the answer won't do
    read: Callable[[str, Context], Any]
    # Message key of the button that skips the question (the field then stays None).
    skip: str | None = None


def _text(limit: int) -> Callable[[str, Context], Any]:
    def read(text: str, _: Context) -> Any:
        cleaned = text.strip()
        if not cleaned or cleaned.startswith("/") or len(cleaned) > limit:
            return INVALID
        return cleaned
    return read


def _start(text: str, context: Context) -> Any:
    moment = parse_local(text, context.tz, context.now)
    return moment if moment is not None and moment > context.now else INVALID


def _end(text: str, context: Context) -> Any:
    if context.starts_at is None:
        return INVALID
    end = rules.parse_end(text, context.starts_at, context.tz, context.now)
    return INVALID if end is None else end


def _arrival(text: str, context: Context) -> Any:
    """When volunteers should come: a time on the day ('17:45') or a date and time, before
    the start."""
    if context.starts_at is None:
        return INVALID
    day = context.starts_at.astimezone(context.tz).date()
    moment = rules.parse_end(text, datetime(day.year, day.month, day.day, tzinfo=context.tz)
                             .astimezone(UTC), context.tz, context.now)
    if moment is None or moment > context.starts_at:
        return INVALID
    return moment


def _capacity(text: str, _: Context) -> Any:
    value = rules.parse_capacity(text)
    return INVALID if value is None else value


def _round(text: str, _: Context) -> Any:
    cleaned = text.strip().lstrip("#")
    return int(cleaned) if cleaned.isdigit() and 0 < int(cleaned) < 2**31 else INVALID


def _offsets(text: str, _: Context) -> Any:
    try:
        return rules.stored_offsets(rules.parse_offsets(text))
    except ValueError:
        return INVALID


FIELDS = {field.name: field for field in (
    Field("title_en", "ev-ask-title-en", "ev-bad-text", _text(200)),
    Field("title_cy", "ev-ask-title-cy", "ev-bad-text", _text(200)),
    Field("description_en", "ev-ask-description-en", "ev-bad-text", _text(2000)),
    Field("description_cy", "ev-ask-description-cy", "ev-bad-text", _text(2000),
          skip="ev-skip-welsh-description"),
    Field("area", "ev-ask-area", "ev-bad-text", _text(60)),
    Field("venue", "ev-ask-venue", "ev-bad-text", _text(200)),
    Field("address", "ev-ask-address", "ev-bad-text", _text(300)),
    Field("starts_at", "ev-ask-starts", "ev-bad-starts", _start),
    Field("ends_at", "ev-ask-ends", "ev-bad-ends", _end),
    Field("capacity", "ev-ask-capacity", "ev-bad-capacity", _capacity, skip="ev-no-limit"),
    Field("round_id", "ev-ask-round", "ev-bad-round", _round, skip="ev-skip"),
    Field("reminder_offsets", "ev-ask-reminders", "ev-bad-reminders", _offsets,
          skip="ev-default-reminders"),
    Field("helpers_arrive_at", "ev-ask-arrive", "ev-bad-arrive", _arrival,
          skip="ev-default-arrive"),
)}
DATES = ("starts_at", "ends_at", "helpers_arrive_at")
# The order of /newevent. Kind comes first (buttons), questions after capacity (buttons);
# the round is asked only for PB vote events; volunteers' arrival only when editing.
NEW_EVENT_ORDER = ("kind", "title_en", "title_cy", "description_en", "description_cy", "area",
                   "venue", "address", "starts_at", "ends_at", "capacity", "questions",
                   "round_id", "reminder_offsets")


def read(field: str, text: str, context: Context) -> Any:
    return FIELDS[field].read(text, context)


def read_name(text: str) -> Any:
    """A volunteer role's name (one line, as short as a button)."""
    return _text(80)(text, None)


def to_draft(field: str, value: Any) -> Any:
    """A value as the conversation state keeps it (JSON)."""
    return value.isoformat() if isinstance(value, datetime) else value


def from_draft(draft: dict[str, Any]) -> dict[str, Any]:
    """Draft values back as event fields."""
    return {name: (datetime.fromisoformat(value) if name in DATES and value else value)
            for name, value in draft.items()}


def next_step(after: str, kind: str | None) -> str | None:
    steps = [s for s in NEW_EVENT_ORDER if s != "round_id" or kind == EventKind.PB_VOTE]
    position = steps.index(after) + 1 if after in steps else len(steps)
    return steps[position] if position < len(steps) else None
