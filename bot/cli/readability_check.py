"""How hard the English messages are to read, by the Flesch-Kincaid grade of the `readability`
package (PyPI), worked out on each message as a resident would see it: tags and emoji gone,
the everyday branch of every selector, a plain word for every inserted value.

GOV.UK writes for a reading age of 9, a Flesch-Kincaid (US school) grade of about 4. One
short message is a small sample and the grade swings with a single long word, so the check
reports the hardest messages (to fix first) and fails only above MAX_GRADE, a grade no
message of a few sentences reaches unless it is written for specialists (12: a reading age
of 17, the end of school). Run by `python -m bot check-locales` (`make test`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import readability
from fluent.syntax import FluentParser, ast

MAX_GRADE = 12.0
# Fewer words than this are labels and buttons: a grade means nothing for them.
MIN_WORDS = 12
# Messages for organisers only (set-up, reports, the audit): plain too, but their grade is
# reported apart, as organisers meet terms residents never do (pot, ballot kinds...).
ORGANISER_PREFIXES = ("rn-", "rv-", "va-", "vx-", "bc-", "org-", "audit-", "report-", "paper-",
                      "ev-admin-", "wc-admin-", "fol-admin-", "cmd-")
# Written in Welsh on purpose in the English file (the offer to switch language).
NOT_ENGLISH = {"language-switch-hint", "choose-language"}

_TAG = re.compile(r"<[^>]+>")
_NOT_TEXT = re.compile(r"[^\w\s.,;:!?'’\-/()£%]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[.,;:!?]")


@dataclass(frozen=True)
class Score:
    key: str
    grade: float
    words: int
    text: str

    @property
    def for_organisers(self) -> bool:
        return self.key.startswith(ORGANISER_PREFIXES)


def _plain(pattern: ast.Pattern) -> str:
    """The message as read: the default variant of each selector, a word for each value."""
    parts = []
    for element in pattern.elements:
        if isinstance(element, ast.TextElement):
            parts.append(element.value)
            continue
        expression = element.expression
        if isinstance(expression, ast.SelectExpression):
            default = next(v for v in expression.variants if v.default)
            parts.append(_plain(default.value))
        elif isinstance(expression, ast.StringLiteral):
            parts.append(expression.value)
        else:
            parts.append("Speke")  # a name, a number or a date: one short word
    return "".join(parts)


def _tokenised(text: str) -> str:
    """One sentence a line, tokens apart: the input `readability` expects."""
    text = _NOT_TEXT.sub(" ", _TAG.sub(" ", text))
    sentences = [s for s in _SENTENCE_END.split(text) if _TOKEN.search(s)]
    return "\n".join(" ".join(_TOKEN.findall(sentence)) for sentence in sentences)


def score(key: str, text: str) -> Score | None:
    tokens = _tokenised(text)
    words = sum(1 for token in tokens.split() if token[0].isalnum())
    if words < MIN_WORDS:
        return None
    grade = readability.getmeasures(tokens, lang="en")["readability grades"]["Kincaid"]
    return Score(key, round(grade, 1), words, " ".join(tokens.split()))


def scores(english_dir: Path) -> list[Score]:
    """Every English message long enough to grade, hardest first."""
    found = []
    for path in sorted(english_dir.rglob("*.ftl")):
        for entry in FluentParser().parse(path.read_text("utf-8")).body:
            if (isinstance(entry, ast.Message) and entry.value is not None
                    and entry.id.name not in NOT_ENGLISH):
                graded = score(entry.id.name, _plain(entry.value))
                if graded is not None:
                    found.append(graded)
    return sorted(found, key=lambda s: s.grade, reverse=True)


def report(english_dir: Path, shown: int = 8) -> tuple[list[str], list[str]]:
    """(lines to print: the hardest messages for residents and for organisers; problems:
    messages above MAX_GRADE). Emoji have their own check (bot/cli/emoji_check.py)."""
    graded = scores(english_dir)
    lines = []
    for title, group in (("residents", [s for s in graded if not s.for_organisers]),
                         ("organisers", [s for s in graded if s.for_organisers])):
        if group:
            average = sum(s.grade for s in group) / len(group)
            lines.append(f"reading grade, {title}: {len(group)} messages, "
                         f"average {average:.1f}; hardest:")
            lines += [f"  {s.grade:5.1f}  {s.key}: {s.text[:90]}" for s in group[:shown]]
    problems = [f"locales/en: {s.key} reads at grade {s.grade} (over {MAX_GRADE}): "
                f"shorter sentences, everyday words" for s in graded if s.grade > MAX_GRADE]
    return lines, problems
