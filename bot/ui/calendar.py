"""A calendar file (.ics, RFC 5545) for one event, so a phone can add it in one tap.

Times are written in UTC with a trailing Z: every calendar app converts them to the phone's
own zone, so a clock change between booking and the event cannot shift the time.
"""

from __future__ import annotations

from datetime import UTC, datetime

LINE_LIMIT = 75  # octets per line before folding (RFC 5545 3.1)


def ics_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("calendar times must be aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(value: str) -> str:
    """TEXT values escape backslash, semicolon and comma, and write newlines as \\n."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        limit = LINE_LIMIT if not pieces else LINE_LIMIT - 1  # continuation lines start with " "
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def event_ics(*, uid: str, title: str, description: str, location: str, starts_at: datetime,
              ends_at: datetime, url: str | None, stamp: datetime) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//pbchat//events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{ics_time(stamp)}",
        f"DTSTART:{ics_time(starts_at)}",
        f"DTEND:{ics_time(ends_at)}",
        f"SUMMARY:{escape_text(title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(location)}",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
