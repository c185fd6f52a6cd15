"""The test clock (TEST_CLOCK_FILE): moved by a file, off unless set, never half-read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import FileOffset, move_clock
from models import base


def test_the_offset_follows_the_file(tmp_path) -> None:
    path = tmp_path / "clock"
    offset = FileOffset(path)
    assert offset() == timedelta()  # no file yet: the real time
    move_clock(path, 90)
    assert offset() == timedelta(seconds=90)
    move_clock(path, 90.5)
    assert offset() == timedelta(seconds=90.5)
    path.write_text("not a number")  # a file caught half-written keeps the last offset
    assert offset() == timedelta(seconds=90.5)


def test_utcnow_is_the_real_time_unless_a_clock_is_installed(tmp_path, monkeypatch) -> None:
    assert base._clock_offset is None
    assert abs(base.utcnow() - datetime.now(UTC)) < timedelta(seconds=5)
    path = tmp_path / "clock"
    move_clock(path, 3600)
    monkeypatch.setattr(base, "_clock_offset", FileOffset(path))
    ahead = base.utcnow() - datetime.now(UTC)
    assert timedelta(minutes=59) < ahead < timedelta(minutes=61)
