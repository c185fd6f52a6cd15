"""The questions a bid can answer, and the pure rules for asking them.

A round stores the keys of its questions in the order they are asked (`rounds.questions`), so
organisers can drop or reorder them without code changes. Each key maps to one column of
`bids`; its wording lives in the locales as `bid-q-<key>` (the question), `bid-hint-<key>`
(one line of help) and `bid-label-<key>` (the summary and the Edit button).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from models.amounts import format_pounds, parse_amount


class AnswerKind(StrEnum):
    TEXT = "text"
    TEXT_OR_VOICE = "text_or_voice"
    AMOUNT = "amount"
    AREA = "area"


@dataclass(frozen=True)
class Question:
    key: str
    kind: AnswerKind
    column: str
    # Characters allowed in a typed answer; short enough that a whole bid fits one message.
    limit: int = 0


QUESTIONS: dict[str, Question] = {q.key: q for q in (
    Question("group", AnswerKind.TEXT, "group_name", 100),
    Question("title", AnswerKind.TEXT, "title", 80),
    Question("description", AnswerKind.TEXT_OR_VOICE, "description", 1500),
    Question("benefits", AnswerKind.TEXT, "beneficiaries", 600),
    Question("amount", AnswerKind.AMOUNT, "amount_pence"),
    Question("area", AnswerKind.AREA, "area_id"),
    Question("contact", AnswerKind.TEXT, "contact", 200),
)}
DEFAULT_QUESTIONS: tuple[str, ...] = (
    "group", "title", "description", "benefits", "amount", "area", "contact",
)
# A bid without these could not go on a ballot or be counted against a pot.
REQUIRED_QUESTIONS = ("title", "amount")


def question_problems(keys: Sequence[str], area_count: int) -> list[str]:
    """What is wrong with a round's question list (empty when it will do)."""
    problems = [f"unknown question {key!r}" for key in keys if key not in QUESTIONS]
    problems += [f"question {key!r} is asked twice" for key in sorted(set(keys))
                 if keys.count(key) > 1]
    problems += [f"question {key!r} is required" for key in REQUIRED_QUESTIONS
                 if key not in keys]
    if area_count > 1 and "area" not in keys:
        problems.append("question 'area' is required when a round has more than one area")
    return problems


def asked(keys: Sequence[str], area_count: int) -> tuple[str, ...]:
    """The questions actually put to a group: with one area there is nothing to choose."""
    return tuple(key for key in keys if not (key == "area" and area_count <= 1))


def is_answered(answers: dict[str, object], key: str) -> bool:
    if key == "description":
        return bool(answers.get("description") or answers.get("voice_file_id"))
    value = answers.get(QUESTIONS[key].column)
    return value is not None and value != ""


def next_question(keys: Sequence[str], answers: dict[str, object]) -> str | None:
    """The first question still unanswered, in the round's order; None when all are done."""
    return next((key for key in keys if not is_answered(answers, key)), None)


def clean_text(text: str | None) -> str:
    """A typed answer with the edges trimmed and runs of blank lines squeezed."""
    lines = [line.rstrip() for line in (text or "").strip().splitlines()]
    squeezed: list[str] = []
    for line in lines:
        if line or (squeezed and squeezed[-1]):
            squeezed.append(line)
    return "\n".join(squeezed)


@dataclass(frozen=True)
class Checked:
    """A typed or spoken answer, read: its value, or why it won't do (`problem`)."""

    value: Any = None
    voice: bool = False
    # The message key after "bid-" (too-long, over-cap, ...) and what it needs to say.
    problem: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def check_answer(question: Question, *, text: str | None, voice_file_id: str | None,
                 max_pence: int) -> Checked:
    """Read one answer against its question's rules. Pure, so every bad input is unit-tested."""
    if question.kind is AnswerKind.AREA:
        return Checked(problem="use-buttons")
    if question.kind is AnswerKind.TEXT_OR_VOICE and voice_file_id:
        return Checked(value=voice_file_id, voice=True)
    cleaned = clean_text(text)
    if not cleaned:
        spoken = question.kind is AnswerKind.TEXT_OR_VOICE
        return Checked(problem="need-text-or-voice" if spoken else "need-text")
    if question.kind is AnswerKind.AMOUNT:
        pence = parse_amount(cleaned)
        if pence is None:
            return Checked(problem="not-amount", detail={"text": cleaned[:40]})
        if pence <= 0:
            return Checked(problem="amount-zero")
        if pence > max_pence:
            return Checked(problem="over-cap", detail={"amount": format_pounds(pence),
                                                       "max": format_pounds(max_pence)})
        return Checked(value=pence)
    if len(cleaned) > question.limit:
        return Checked(problem="too-long", detail={"length": len(cleaned),
                                                   "limit": question.limit})
    return Checked(value=cleaned)


def _squeezed(name: str) -> str:
    return "".join(name.split()).casefold()


def area_typed(areas: Sequence[Any], text: str | None) -> Any | None:
    """The area whose English or Welsh name was typed, with case and spaces ignored
    ("ringland", "Ring Land"), so a group need not use the buttons; None if none matches."""
    wanted = _squeezed((text or "")[:200])
    return next((area for area in areas
                 if wanted and wanted in (_squeezed(area.name_en),
                                          _squeezed(area.name_cy or area.name_en))),
                None)
