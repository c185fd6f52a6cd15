"""`.env.example` is where an operator learns what can be set: every setting is in it."""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import Settings

EXAMPLE = Path(__file__).resolve().parent.parent.parent / ".env.example"


def test_every_setting_is_listed_with_a_comment() -> None:
    lines = EXAMPLE.read_text().splitlines()
    listed = {}
    for number, line in enumerate(lines):
        if match := re.match(r"^#? ?([A-Z][A-Z0-9_]*)=", line):
            listed.setdefault(match.group(1), number)
    settings = {name.upper() for name in Settings.model_fields}
    assert settings - listed.keys() == set(), "add these to .env.example"
    assert listed.keys() - settings == set(), "no such setting in bot/settings.py"
    for name, number in listed.items():
        # The comment above (or above a group of settings) says what it is for.
        above = next(line for line in reversed(lines[:number])
                     if not re.match(r"^#? ?[A-Z][A-Z0-9_]*=", line))
        assert above.startswith("#") and not re.match(r"^# ?[A-Z_]+=", above), name
