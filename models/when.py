"""Reading and writing local dates and times the way people in the UK type them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

_DAY_FIRST = re.compile(
    r"^\s*(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\s+(\d{1,2})[:.](\d{2})\s*$"
)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})\s*$")


def parse_local(text: str, tz: ZoneInfo, now: datetime) -> datetime | None:
    """'28/11 18:30', '28/11/2026 18:30' or '2026-11-28 18:30' in `tz`, as aware UTC.

    Without a year the next such date is meant (a December user typing 05/01 means January).
    Returns None for anything that isn't a real date and time.
    """
    if match := _ISO.match(text):
        year, month, day, hour, minute = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.match(text):
        day, month, year_text, hour, minute = match.groups()
        day, month, hour, minute = int(day), int(month), int(hour), int(minute)
        year = int(year_text) if year_text else now.astimezone(tz).year
        if year_text and year < 100:
            year += 2000
    else:
        return None
    try:
        local = datetime(year, month, day, hour, minute, tzinfo=tz)
    except ValueError:
        return None
    if match.re is _DAY_FIRST and not match.group(3) and local < now - timedelta(days=1):
        local = local.replace(year=local.year + 1)
    return local.astimezone(UTC)


def show_local(moment: datetime, tz: ZoneInfo, locale: str) -> str:
    """'Sat 28 Nov 2026, 18:30' in English, 'Sad 28 Tach 2026, 18:30' in Welsh."""
    return format_datetime(moment, "EEE d MMM y, HH:mm", tzinfo=tz, locale=locale)
