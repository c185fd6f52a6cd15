"""Rules for events that need no database: reminder offsets, door codes, capacity, times.

Pure functions, so they are tested on their own (tests/unit/test_event_rules.py) and the queries
in `models.event` stay plain.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from models.when import parse_local

# No 0/O, 1/I/L, 5/S, 2/Z: codes are read aloud and typed at a busy door.
CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 6
# A person offered a freed place has this long to take it before the next person is asked.
OFFER_HOLD = timedelta(hours=12)
MAX_OFFSETS = 5
MAX_OFFSET = timedelta(days=30)
MAX_CAPACITY = 100_000
UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_OFFSET = re.compile(r"^(\d{1,5})\s*([dhms])$")
_TIME_ONLY = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")

T = TypeVar("T")


def parse_offsets(text: str) -> tuple[int, ...]:
    """'24h, 2h' -> (86400, 7200): seconds before the start, longest first, no repeats.

    Units d/h/m/s; seconds exist so an end-to-end test can see a reminder fire.
    Raises ValueError for anything else, so settings and the import can say what is wrong.
    """
    parts = [p for p in re.split(r"[,;\s]+", text.strip().lower()) if p]
    if not parts:
        raise ValueError("give at least one offset, like 24h")
    seconds = set()
    for part in parts:
        match = _OFFSET.match(part)
        if match is None:
            raise ValueError(f"{part!r} is not an offset like 24h, 90m or 30s")
        value = int(match.group(1)) * UNITS[match.group(2)]
        if not 0 < value <= MAX_OFFSET.total_seconds():
            raise ValueError(f"{part!r} must be more than 0 and at most 30 days")
        seconds.add(value)
    if len(seconds) > MAX_OFFSETS:
        raise ValueError(f"at most {MAX_OFFSETS} reminders")
    return tuple(sorted(seconds, reverse=True))


def format_offsets(offsets: Iterable[int]) -> str:
    """(86400, 7200) -> '24h, 2h'; the inverse of parse_offsets for whole units."""
    return ", ".join(format_offset(seconds) for seconds in offsets)


def format_offset(seconds: int) -> str:
    for unit in ("h", "m", "s"):
        if seconds % UNITS[unit] == 0:
            return f"{seconds // UNITS[unit]}{unit}"
    return f"{seconds}s"


def stored_offsets(offsets: Sequence[int]) -> str:
    """How an event keeps its own offsets in one column: '86400,7200'."""
    return ",".join(str(seconds) for seconds in offsets)


def offsets_of(stored: str | None, default: Sequence[int]) -> tuple[int, ...]:
    if not stored:
        return tuple(default)
    return tuple(int(part) for part in stored.split(",") if part)


def reminder_times(starts_at: datetime, offsets: Iterable[int],
                   now: datetime) -> list[tuple[int, datetime]]:
    """(offset, when) for each reminder still ahead; one whose time has passed is dropped,
    so someone registering two hours before the start never gets the '24 hours' reminder."""
    times = [(offset, starts_at - timedelta(seconds=offset)) for offset in offsets]
    return [(offset, due) for offset, due in times if due > now]


def new_code(choose: Callable[[str], str] = secrets.choice) -> str:
    return "".join(choose(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def unused_code(taken: Callable[[str], bool],
                choose: Callable[[str], str] = secrets.choice, tries: int = 50) -> str:
    """A code `taken` says is free. 27**6 (387 million) codes make a clash rare; the unique
    index on the column is the final guard."""
    for _ in range(tries):
        code = new_code(choose)
        if not taken(code):
            return code
    raise RuntimeError("no free check-in code found; is the alphabet too small?")


def normalise_code(text: str) -> str | None:
    """What an organiser types or a scanner sends, in any case, with spaces or dashes."""
    cleaned = re.sub(r"[\s\-_.]", "", text).upper()
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        return None
    return cleaned


def parse_capacity(text: str) -> int | None:
    """A positive whole number of places, else None."""
    cleaned = text.strip().replace(",", "")
    if not cleaned.isdigit():
        return None
    value = int(cleaned)
    return value if 0 < value <= MAX_CAPACITY else None


def has_room(capacity: int | None, taken: int) -> bool:
    return capacity is None or taken < capacity


def places_left(capacity: int | None, taken: int) -> int | None:
    return None if capacity is None else max(0, capacity - taken)


# What an event card's Register button offered (kept in its callback data): a place, or a
# place on the waiting list. 0: a card from before buttons said.
OFFERED_PLACE, OFFERED_WAITING = 1, 2


def stale_register(offered: int, registered: bool, full: bool) -> str | None:
    """Why a Register tap no longer matches the card it came from, or None if it still does:
    "registered" (they are registered or waiting already: asking their first name again
    would throw the answer away), or "full" (the card offered a place; only the waiting list
    is left)."""
    if registered:
        return "registered"
    if offered == OFFERED_PLACE and full:
        return "full"
    return None


def parse_end(text: str, starts_at: datetime, tz: ZoneInfo, now: datetime) -> datetime | None:
    """The end as '20:30' (the start's local day) or a full date and time; after the start."""
    if match := _TIME_ONLY.match(text):
        day = starts_at.astimezone(tz).date()
        try:
            # Built from the wall time, not by adding hours to the start: the end may lie on
            # the other side of a clock change (the last Sundays of March and October).
            end = datetime(day.year, day.month, day.day, int(match.group(1)),
                           int(match.group(2)), tzinfo=tz).astimezone(UTC)
        except ValueError:
            return None
    else:
        end = parse_local(text, tz, now)
    if end is None or end <= starts_at:
        return None
    return end


def offer_deadline(now: datetime, starts_at: datetime,
                   hold: timedelta = OFFER_HOLD) -> datetime | None:
    """Until when a freed place is held for the person offered it; None once it is too late
    to offer (the event has started)."""
    if starts_at <= now:
        return None
    return min(now + hold, starts_at)


def area_first(items: Sequence[T], area_of: Callable[[T], str], start_of: Callable[[T], datetime],
               home: str | None) -> list[T]:
    """The person's own area first (if we know it), then by start time."""
    wanted = (home or "").casefold()
    return sorted(items, key=lambda item: (area_of(item).casefold() != wanted if wanted else False,
                                           start_of(item)))


def one_per_event(registrations: Sequence[tuple[Any, Any]],
                  helping: Sequence[tuple[Any, Any, Any]]) -> list[tuple[Any, Any, Any]]:
    """A person's places and offers to help as (event, registration or None, (helper, role) or
    None), one entry per event, soonest first: someone registered for an event who also helps
    at it sees it once, with both, not twice."""
    found: dict[int, list[Any]] = {}
    for registration, event in registrations:
        found.setdefault(event.id, [event, None, None])[1] = registration
    for helper, role, event in helping:
        found.setdefault(event.id, [event, None, None])[2] = (helper, role)
    return sorted((tuple(entry) for entry in found.values()),
                  key=lambda entry: (entry[0].starts_at, entry[0].id))


def fit_lines(lines: Iterable[str], limit: int) -> list[str]:
    """As many whole lines as fit in `limit` characters with a blank line between each: a
    long list must not make its message too long to send."""
    kept: list[str] = []
    used = 0
    for line in lines:
        used += len(line) + 2
        if used > limit:
            break
        kept.append(line)
    return kept
