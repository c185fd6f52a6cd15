"""Handlers and background jobs never hold the ballot secret: every question that needs it (has
this person voted, may they follow a round, who is in an audience, who has not confirmed,
voting codes, /forget ...) goes through `Ballots` (models/ballot/voter.py), built once with the
secret in bot/dispatcher.py from bot/settings.py. Code elsewhere in handlers/ or bot/ that reads
`settings.ballot_key` or passes `secret=` would bring back the way a ballot could be linked to
a person from any conversation's or job's code, so the scan fails on either."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET = re.compile(r"ballot_key|\bsecret\s*=")


# The shell's two modules that must: one reads the setting, the other builds `Ballots` with it.
HOLDERS = {"bot/settings.py", "bot/dispatcher.py"}


def secret_in_handlers() -> list[str]:
    """`path:line: text` for every line of handlers/ and bot/ naming the ballot secret."""
    found = []
    paths = [*(ROOT / "handlers").rglob("*.py"), *(ROOT / "bot").rglob("*.py")]
    for path in sorted(p for p in paths if p.relative_to(ROOT).as_posix() not in HOLDERS):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if SECRET.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_handler_or_job_touches_the_ballot_secret():
    assert secret_in_handlers() == [], "ask `ballots` (models/ballot/voter.py) instead"


def test_the_scan_would_catch_each_way_of_passing_the_secret(tmp_path, monkeypatch):
    (tmp_path / "handlers" / "sub").mkdir(parents=True)
    (tmp_path / "handlers" / "a.py").write_text(
        "key = settings.ballot_key\n"
        "await has_voted(session, 1, 2, secret=key)\n"
        "await ballots.has_voted(session, 1, 2)\n")  # allowed: through Ballots
    (tmp_path / "handlers" / "sub" / "b.py").write_text("size(session, c, secret = k)\n")
    (tmp_path / "bot" / "jobs").mkdir(parents=True)
    (tmp_path / "bot" / "jobs" / "c.py").write_text("Job(secret=settings.ballot_key)\n")
    (tmp_path / "bot" / "dispatcher.py").write_text("Ballots(settings.ballot_key)\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert secret_in_handlers() == [
        "bot/jobs/c.py:1: Job(secret=settings.ballot_key)",
        "handlers/a.py:1: key = settings.ballot_key",
        "handlers/a.py:2: await has_voted(session, 1, 2, secret=key)",
        "handlers/sub/b.py:1: size(session, c, secret = k)",
    ]
