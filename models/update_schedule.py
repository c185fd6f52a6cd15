"""When a funded project's group is asked for an update: days after the results.

A round may set its own schedule (`rounds.update_days`, e.g. "30,90,365"); without one, the
setting PROJECT_UPDATE_DAYS is used. The last ask is "is your project finished?". The rules
are here, apart from projects and rounds, so both can check a schedule without importing
each other.
"""

from __future__ import annotations

DEFAULT_ASK_DAYS = (30, 90, 180)
MAX_ASKS = 6
MAX_DAY = 3650  # ten years after the results


def parse_ask_days(text: str) -> tuple[int, ...]:
    """"30,90,180" -> (30, 90, 180); bounded (at most MAX_ASKS, each 1..MAX_DAY days, rising).
    Spaces, and " · " as the bot shows a schedule, are accepted. Raises ValueError naming the
    problem."""
    parts = [part.strip() for part in text.replace("·", ",").replace(" ", ",").split(",")
             if part.strip()]
    if not parts or len(parts) > MAX_ASKS:
        raise ValueError(f"give 1 to {MAX_ASKS} numbers of days, like 30,90,180")
    days = tuple(int(part) for part in parts if part.isdigit() and len(part) <= 4)
    if len(days) != len(parts) or any(not 1 <= d <= MAX_DAY for d in days):
        raise ValueError(f"each is a whole number of days from 1 to {MAX_DAY}")
    if list(days) != sorted(set(days)):
        raise ValueError("the days must rise, like 30,90,180")
    return days


def schedule_problems(days: tuple[int, ...]) -> list[str]:
    """What is wrong with a schedule already split into numbers (empty: fine)."""
    try:
        parse_ask_days(",".join(str(day) for day in days))
    except ValueError as error:
        return [f"update_days: {error}"]
    return []


def stored(days: tuple[int, ...]) -> str:
    return ",".join(str(day) for day in days)


def shown(days: tuple[int, ...]) -> str:
    """For people: "30 · 90 · 180"."""
    return " · ".join(str(day) for day in days)


def round_ask_days(round_update_days: str | None, default: tuple[int, ...]) -> tuple[int, ...]:
    """The round's own schedule, or the setting's when it has none (or an unreadable one)."""
    if round_update_days:
        try:
            return parse_ask_days(round_update_days)
        except ValueError:
            pass
    return default
