"""Configuration errors are one clear line and exit code 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.conftest import TOKEN

ROOT = Path(__file__).resolve().parent.parent.parent


def run_bot(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    # Run from an empty folder so a developer's .env can't leak into the test.
    return subprocess.run([sys.executable, "-m", "bot"],
                          env=clean | env | {"PYTHONPATH": str(ROOT)},
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "BOT_TOKEN is required"),
    ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN does not look like a token"),
    ({"BOT_TOKEN": TOKEN, "TIMEZONE": "Mars/Olympus"}, "TIMEZONE unknown time zone"),
    ({"BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://x.org/hook"}, "WEBHOOK_SECRET is required"),
    ({"BOT_TOKEN": TOKEN, "WEBHOOK_URL": "http://x.org/hook", "WEBHOOK_SECRET": "a" * 20},
     "WEBHOOK_URL must start with https://"),
])
def test_bad_configuration_is_one_line_and_exit_2(env, expected, tmp_path):
    result = run_bot(env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and expected in result.stderr
    assert "Traceback" not in result.stderr


def test_defaults_and_parsing():
    settings = Settings(_env_file=None, bot_token=TOKEN, organiser_ids="11, 22 33")
    assert settings.organiser_ids == {11, 22, 33}
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.timezone == "Europe/London" and settings.default_locale == "en"
    assert "AAH" not in repr(settings)


@pytest.mark.parametrize(("values", "expected"), [
    ({}, 20),  # polling
    ({"webhook_url": "https://x.org/hook", "webhook_secret": "s" * 20}, 45),
    ({"webhook_url": "https://x.org/hook", "webhook_secret": "s" * 20,
      "webhook_max_connections": 80}, 85),
    ({"webhook_url": "https://x.org/hook", "webhook_secret": "s" * 20, "db_pool_size": 12}, 12),
    ({"db_pool_size": 7}, 7),
])
def test_the_pool_holds_a_connection_for_every_update_in_flight(values, expected):
    settings = Settings(_env_file=None, bot_token=TOKEN, **values)
    assert settings.pool_size == expected
