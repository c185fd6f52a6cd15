"""Emoji after the words, never instead of them: a check over every .ftl file of every language.

A screen reader reads an emoji's name ("check mark button", "ballot box with ballot") before the
words when the emoji comes first, and a label that is only emoji means nothing to someone who
cannot see it (or does not know the picture). So in every message and button label, in every
language: no line starts with an emoji, and no message is emoji alone. Each branch of a selector
is checked (a Welsh "few" can break the rule when the "other" keeps it). Run by
`python -m bot check-locales` (`make test`), which fails on any problem found here.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from fluent.syntax import FluentParser, ast

# Pictographs, symbols and arrows (☰ ◀ ▶ ✅ ✖ 🗳 ...), as Telegram shows them in colour.
EMOJI = re.compile("[\u2190-\u2bff\u2600-\u27bf\U0001f000-\U0001faff]")
_TAG = re.compile(r"<[^>]+>")
_LETTER = re.compile(r"[^\W\d_]")
# A message with more selector combinations than this is checked branch by branch on the
# first ones only; no real message comes near (the most has a handful).
MOST_READINGS = 256


def _readings(pattern: ast.Pattern) -> list[str]:
    """Every text the message can show: one per combination of selector branches, with a
    word standing for each inserted value (a name, a number or a date)."""
    choices: list[list[str]] = []
    for element in pattern.elements:
        if isinstance(element, ast.TextElement):
            choices.append([element.value])
            continue
        expression = element.expression
        if isinstance(expression, ast.SelectExpression):
            choices.append([text for variant in expression.variants
                            for text in _readings(variant.value)])
        elif isinstance(expression, ast.StringLiteral):
            choices.append([expression.value])
        else:
            choices.append(["Speke"])
    combos = itertools.islice(itertools.product(*choices), MOST_READINGS)
    return ["".join(parts) for parts in combos]


def message_problem(text: str) -> str | None:
    """What is wrong with one reading of a message, or None."""
    plain = _TAG.sub("", text)
    if EMOJI.search(plain) and not _LETTER.search(EMOJI.sub("", plain)):
        return "is only emoji: say it in words too (the emoji can follow them)"
    for line in plain.splitlines():
        if EMOJI.match(line.strip()):
            return (f"begins with an emoji ({line.strip()[:30]!r}): put the emoji after the "
                    "words, as a screen reader reads its name first")
    return None


def problems(locales: Path) -> list[str]:
    """One line per message, in any language, that begins a line with an emoji or is only
    emoji."""
    found = []
    for path in sorted(locales.rglob("*.ftl")):
        name = path.relative_to(locales.parent).as_posix()
        for entry in FluentParser().parse(path.read_text("utf-8")).body:
            if not isinstance(entry, ast.Message):
                continue
            patterns = [(entry.id.name, entry.value)] + [
                (f"{entry.id.name}.{a.id.name}", a.value) for a in entry.attributes]
            for key, pattern in patterns:
                if pattern is None:
                    continue
                wrong = next((p for p in map(message_problem, _readings(pattern)) if p), None)
                if wrong:
                    found.append(f"{name}: {key} {wrong}")
    return found
