"""Callback data lives in one place (bot/ui/callbacks/) and every prefix names one class.

Two classes with one prefix would make a button of one conversation unpack as the other's
(aiogram matches on the prefix alone), and routers are gated by prefix (bot/filters.py)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from aiogram.filters.callback_data import CallbackData

import bot.ui.callbacks as callbacks
from handlers import get_routers

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "bot" / "ui" / "callbacks"
SOURCES = ("bot", "handlers", "models", "bench")  # the project; tests may define their own


def _callback_classes() -> list[tuple[Path, str, str | None]]:
    """(file, class, prefix) of every class in the project's source based on CallbackData."""
    found = []
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ClassDef):
                    continue
                bases = {base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)
                         for base in node.bases}
                if "CallbackData" not in bases:
                    continue
                prefix = next((keyword.value.value for keyword in node.keywords
                               if keyword.arg == "prefix"
                               and isinstance(keyword.value, ast.Constant)), None)
                found.append((path, node.name, prefix))
    return found


def _loaded_subclasses() -> list[type[CallbackData]]:
    get_routers()  # every handler module, so every class they use is loaded
    seen, todo = [], list(CallbackData.__subclasses__())
    while todo:
        cls = todo.pop()
        seen.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in seen if not cls.__module__.startswith("tests")]


def test_callback_data_is_defined_only_in_the_callbacks_package():
    found = _callback_classes()
    assert {"VoteCb", "MenuCb", "ProjectCb", "CafeAdminCb"} <= {name for _, name, _ in found}
    outside = [f"{path.relative_to(ROOT)}: {name}" for path, name, _ in found
               if PACKAGE not in path.parents]
    assert outside == []
    loaded = _loaded_subclasses()
    assert len(loaded) == len(found)
    assert all(cls.__module__.startswith("bot.ui.callbacks.") for cls in loaded)


def test_every_prefix_is_unique_and_documented():
    found = _callback_classes()
    prefixes = Counter(prefix for _, _, prefix in found)
    assert None not in prefixes  # every class names its prefix plainly
    assert [prefix for prefix, count in prefixes.items() if count > 1] == []
    loaded = Counter(cls.__prefix__ for cls in _loaded_subclasses())
    assert loaded == prefixes
    # The package's table lists each prefix with its class, and nothing else.
    rows = {tuple(cell.strip() for cell in line.strip("|").split("|")[:2])
            for line in callbacks.__doc__.splitlines()
            if line.startswith("| ") and not line.startswith("| prefix")}
    assert rows == {(prefix, name) for _, name, prefix in found}
    exported = {name for name in callbacks.__all__ if name.endswith("Cb")}
    assert exported == {name for _, name, _ in found}
