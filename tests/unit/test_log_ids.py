"""Logs name people only by pseudonym. The adversary: whoever reads the logs after someone
used /forget (the operator, a log service, a leaked file)."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from bot.log_ids import pseudonym

ROOT = Path(__file__).resolve().parent.parent.parent
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
# Expressions that are, or may be, a person's Telegram id.
PERSONAL = re.compile(r"(telegram_id|chat_id|user_id|from_user|\buser\.id\b|actor|owner)")


def test_a_pseudonym_is_stable_short_and_not_the_id():
    telegram_id = 71_234_567_891
    name = pseudonym(telegram_id)
    assert name == pseudonym(telegram_id) != pseudonym(telegram_id + 1)
    assert re.fullmatch(r"p[0-9a-f]{8}", name)
    assert str(telegram_id) not in name and str(telegram_id)[-4:] not in name
    assert pseudonym(None) == "nobody"


def logging_calls_naming_people() -> list[str]:
    """Every logging call in the bot whose arguments mention someone's id outside
    `pseudonym(...)`."""
    found = []
    # rglob: sub-packages (bot/jobs, bot/ui, bot/cli, ...) log too.
    for path in sorted(path for layer in ("bot", "handlers", "models")
                       for path in (ROOT / layer).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in LOG_METHODS
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in {"log", "logger", "logging"}):
                continue
            for argument in node.args[1:]:
                if (isinstance(argument, ast.Call)
                        and getattr(argument.func, "id", "") == "pseudonym"):
                    continue
                source = ast.unparse(argument)
                if PERSONAL.search(source):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {source}")
    return found


def test_no_logging_call_names_a_person():
    assert logging_calls_naming_people() == []


def test_the_check_would_catch_an_id_in_a_log_line(tmp_path, monkeypatch):
    bad = ("import logging\nlog = logging.getLogger()\n"
           "def f(message):\n    log.info('from %s', message.from_user.id)\n"
           "    log.info('to %s', pseudonym(message.chat_id))\n")
    (tmp_path / "bot" / "jobs").mkdir(parents=True)
    (tmp_path / "bot" / "bad.py").write_text(bad)
    (tmp_path / "bot" / "jobs" / "bad.py").write_text(bad)  # sub-packages are read too
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert logging_calls_naming_people() == ["bot/bad.py:4: message.from_user.id",
                                             "bot/jobs/bad.py:4: message.from_user.id"]
