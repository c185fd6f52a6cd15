"""Handlers never hold the ballot secret: every question that needs it (has this person voted,
may they follow a round, who is in an audience, voting codes, /forget ...) goes through
`Ballots` (models/ballot/voter.py), built once with the secret in bot/dispatcher.py. A handler
that reads `settings.ballot_key` or passes `secret=` would bring back the way a ballot could be
linked to a person from any conversation's code, so the scan fails on either."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET = re.compile(r"ballot_key|\bsecret\s*=")


def secret_in_handlers() -> list[str]:
    """`path:line: text` for every line of handlers/ naming the ballot secret."""
    found = []
    for path in sorted((ROOT / "handlers").rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if SECRET.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_handler_touches_the_ballot_secret():
    assert secret_in_handlers() == [], "ask `ballots` (models/ballot/voter.py) instead"


def test_the_scan_would_catch_each_way_of_passing_the_secret(tmp_path, monkeypatch):
    (tmp_path / "handlers" / "sub").mkdir(parents=True)
    (tmp_path / "handlers" / "a.py").write_text(
        "key = settings.ballot_key\n"
        "await has_voted(session, 1, 2, secret=key)\n"
        "await ballots.has_voted(session, 1, 2)\n")  # allowed: through Ballots
    (tmp_path / "handlers" / "sub" / "b.py").write_text("size(session, c, secret = k)\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert secret_in_handlers() == [
        "handlers/a.py:1: key = settings.ballot_key",
        "handlers/a.py:2: await has_voted(session, 1, 2, secret=key)",
        "handlers/sub/b.py:1: size(session, c, secret = k)",
    ]
