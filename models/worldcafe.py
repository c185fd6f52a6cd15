"""World Café questions and the answers people give in the chat (issue #7).

An organiser attaches questions (English and Welsh) to a World Café event, each under a short
table or round label, and opens them one by one as the room reaches them; closing the café
closes them all. An answer is text or a voice note (its Telegram file id, never the audio),
anonymous unless the person chose to add their first name. The author may delete an answer
while its question is open; organisers may hide one (kept, left out of exports).

Public functions other features may read (the programme report): `held_cafes` and
`answer_count`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.event import Event, EventKind, EventStatus, Registration
from models.outbox import OutboxMessage

GROUP_LIMIT = 40
QUESTION_LIMIT = 500
ANSWER_LIMIT = 2000
NAME_LIMIT = 64
TOKEN_LENGTH = 10
TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3469"
# Outbox keys of question notices: wcq:<question id>:u:<telegram id>.
OUTBOX_PREFIX = "wcq:"


class QuestionStatus(StrEnum):
    DRAFT = "draft"  # added, not yet opened: nobody can answer
    OPEN = "open"
    CLOSED = "closed"


class Question(Base):
    __tablename__ = "worldcafe_questions"
    __table_args__ = (UniqueConstraint("token", name="uq_worldcafe_questions_token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          index=True)
    # A table or round, as the organiser calls it: "Table 3", "Round 1".
    group_label: Mapped[str] = mapped_column(String(GROUP_LIMIT))
    # Its Welsh ("Bwrdd 3"); None when the organiser chose the same label in both languages.
    group_label_cy: Mapped[str | None] = mapped_column(String(GROUP_LIMIT))
    text_en: Mapped[str] = mapped_column(Text)
    text_cy: Mapped[str] = mapped_column(Text)
    # The QR code on a table opens t.me/<bot>?start=wc_<token>: not guessable from an id.
    token: Mapped[str] = mapped_column(String(16))
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    def text(self, locale: str | None) -> str:
        return self.text_cy if locale == "cy" and self.text_cy else self.text_en

    def group(self, locale: str | None) -> str:
        return self.group_label_cy if locale == "cy" and self.group_label_cy else self.group_label

    @property
    def status(self) -> QuestionStatus:
        if self.opened_at is None:
            return QuestionStatus.DRAFT
        return QuestionStatus.OPEN if self.closed_at is None else QuestionStatus.CLOSED

    @property
    def is_open(self) -> bool:
        return self.status is QuestionStatus.OPEN


class Answer(Base):
    __tablename__ = "worldcafe_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("worldcafe_questions.id", ondelete="CASCADE"), index=True)
    # Who gave it, so they can list and delete it; None once they used /forget.
    telegram_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    text: Mapped[str | None] = mapped_column(Text)
    voice_file_id: Mapped[str | None] = mapped_column(String(255))
    # Only if the person chose to give it for this answer; never taken from Telegram.
    first_name: Mapped[str | None] = mapped_column(String(NAME_LIMIT))
    locale: Mapped[str] = mapped_column(String(8))
    hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


# --- rules (pure) ---------------------------------------------------------------------------

def clean_label(text: str | None) -> str | None:
    """A table or round label: one line, up to GROUP_LIMIT characters; None if unusable."""
    value = " ".join((text or "").split())
    return value if value and len(value) <= GROUP_LIMIT and not value.startswith("/") else None


def clean_question(text: str | None) -> str | None:
    value = (text or "").strip()
    return value if value and len(value) <= QUESTION_LIMIT and not value.startswith("/") else None


def clean_answer(text: str | None) -> str | None:
    value = (text or "").strip()
    return value if value and len(value) <= ANSWER_LIMIT else None


def clean_name(text: str | None) -> str | None:
    """A first name as typed: one line, letters present, up to NAME_LIMIT characters."""
    value = " ".join((text or "").split())
    if not value or len(value) > NAME_LIMIT or value.startswith("/"):
        return None
    return value if any(ch.isalpha() for ch in value) else None


def grouped(questions: list[Question]) -> list[tuple[str, list[Question]]]:
    """Questions under their table or round, groups in the order they first appear."""
    groups: dict[str, list[Question]] = {}
    for question in questions:
        groups.setdefault(question.group_label, []).append(question)
    return list(groups.items())


def pages(total: int, size: int) -> int:
    return max(1, -(-total // size))


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


# --- cafés and questions --------------------------------------------------------------------

async def world_cafes(session: AsyncSession, limit: int = 20) -> list[Event]:
    """World Café events, the latest first (past ones too: their report is still wanted)."""
    return list(await session.scalars(
        select(Event).where(Event.kind == EventKind.WORLD_CAFE.value)
        .order_by(Event.starts_at.desc(), Event.id.desc()).limit(limit)
    ))


async def get_cafe(session: AsyncSession, event_id: int) -> Event | None:
    event = await session.get(Event, event_id)
    return event if event is not None and event.kind == EventKind.WORLD_CAFE else None


async def add_question(session: AsyncSession, event: Event, group_label: str, text_en: str,
                       text_cy: str, now: datetime | None = None, *,
                       group_label_cy: str | None = None) -> Question:
    token = new_token()
    while await session.scalar(select(Question.id).where(Question.token == token)) is not None:
        token = new_token()
    question = Question(event_id=event.id, group_label=group_label, text_en=text_en,
                        text_cy=text_cy, token=token, created_at=now or utcnow(),
                        group_label_cy=group_label_cy if group_label_cy != group_label else None)
    session.add(question)
    await session.flush()
    return question


async def question_exists(session: AsyncSession, event_id: int, group_label: str,
                          text_en: str) -> bool:
    found = await session.scalar(
        select(Question.id).where(Question.event_id == event_id,
                                  Question.group_label == group_label,
                                  Question.text_en == text_en).limit(1))
    return found is not None


async def questions_of(session: AsyncSession, event_id: int) -> list[Question]:
    return list(await session.scalars(
        select(Question).where(Question.event_id == event_id).order_by(Question.id)
    ))


async def get_question(session: AsyncSession, question_id: int) -> Question | None:
    return await session.get(Question, question_id)


async def question_by_token(session: AsyncSession, token: str) -> Question | None:
    return await session.scalar(select(Question).where(Question.token == token))


async def open_question(session: AsyncSession, question: Question, now: datetime) -> bool:
    """Open it (again, if the café was closed); false if it was open already."""
    if question.is_open:
        return False
    question.opened_at = question.opened_at or now
    question.closed_at = None
    await session.flush()
    return True


async def close_cafe(session: AsyncSession, event_id: int, now: datetime) -> int:
    """The evening is over: every open question closes. Returns how many closed."""
    result = await session.execute(
        update(Question).where(Question.event_id == event_id, Question.opened_at.is_not(None),
                               Question.closed_at.is_(None))
        .values(closed_at=now).execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


async def checked_in_people(session: AsyncSession, event_id: int) -> list[int]:
    """Telegram ids of everyone checked in at the event (walk-ins without Telegram aside)."""
    return list(await session.scalars(
        select(Registration.telegram_id).where(Registration.event_id == event_id,
                                               Registration.checked_in_at.is_not(None),
                                               Registration.telegram_id.is_not(None))
        .order_by(Registration.id)
    ))


# --- answers --------------------------------------------------------------------------------

async def add_answer(session: AsyncSession, question: Question, telegram_id: int, locale: str,
                     *, text: str | None = None, voice_file_id: str | None = None,
                     now: datetime | None = None) -> Answer | None:
    """Saved anonymously; None if the question is not open (any more)."""
    if not question.is_open or (text is None) == (voice_file_id is None):
        return None
    answer = Answer(question_id=question.id, telegram_id=telegram_id, text=text,
                    voice_file_id=voice_file_id, locale=locale, created_at=now or utcnow())
    session.add(answer)
    await session.flush()
    return answer


async def own_answer(session: AsyncSession, answer_id: int,
                     telegram_id: int) -> tuple[Answer, Question] | None:
    """The answer with its question, if this person gave it."""
    row = (await session.execute(
        select(Answer, Question).join(Question, Question.id == Answer.question_id)
        .where(Answer.id == answer_id, Answer.telegram_id == telegram_id)
    )).first()
    return (row[0], row[1]) if row else None


class Change(StrEnum):
    DONE = "done"
    GONE = "gone"  # no such answer of theirs (deleted, forged, someone else's)
    CLOSED = "closed"  # the question has closed: answers are final


async def name_answer(session: AsyncSession, answer_id: int, telegram_id: int,
                      first_name: str) -> Change:
    found = await own_answer(session, answer_id, telegram_id)
    if found is None:
        return Change.GONE
    answer, question = found
    if not question.is_open:
        return Change.CLOSED
    answer.first_name = first_name
    await session.flush()
    return Change.DONE


async def delete_own_answer(session: AsyncSession, answer_id: int,
                            telegram_id: int) -> tuple[Change, int | None]:
    """Delete it if it is theirs and its question is open; also returns the event's id."""
    found = await own_answer(session, answer_id, telegram_id)
    if found is None:
        return Change.GONE, None
    answer, question = found
    if not question.is_open:
        return Change.CLOSED, question.event_id
    await session.delete(answer)
    await session.flush()
    return Change.DONE, question.event_id


async def answers_of_person(session: AsyncSession, telegram_id: int,
                            event_id: int) -> list[tuple[Answer, Question]]:
    rows = await session.execute(
        select(Answer, Question).join(Question, Question.id == Answer.question_id)
        .where(Answer.telegram_id == telegram_id, Question.event_id == event_id)
        .order_by(Answer.id)
    )
    return [(answer, question) for answer, question in rows]


@dataclass(frozen=True)
class Tally:
    shown: int = 0
    hidden: int = 0


async def answer_tallies(session: AsyncSession, event_id: int) -> dict[int, Tally]:
    rows = await session.execute(
        select(Answer.question_id, Answer.hidden, func.count())
        .join(Question, Question.id == Answer.question_id)
        .where(Question.event_id == event_id).group_by(Answer.question_id, Answer.hidden)
    )
    counts: dict[int, dict[bool, int]] = {}
    for question_id, hidden, n in rows:
        counts.setdefault(question_id, {})[bool(hidden)] = n
    return {qid: Tally(shown=c.get(False, 0), hidden=c.get(True, 0)) for qid, c in counts.items()}


async def answers_page(session: AsyncSession, question_id: int, page: int,
                       size: int) -> tuple[list[Answer], int]:
    """One page of a question's answers, the newest first, and how many there are."""
    total = await session.scalar(
        select(func.count()).select_from(Answer).where(Answer.question_id == question_id)) or 0
    page = min(max(page, 0), pages(total, size) - 1)
    rows = await session.scalars(
        select(Answer).where(Answer.question_id == question_id)
        .order_by(Answer.created_at.desc(), Answer.id.desc()).offset(page * size).limit(size)
    )
    return list(rows), total


async def get_answer(session: AsyncSession, answer_id: int) -> Answer | None:
    return await session.get(Answer, answer_id)


async def set_hidden(session: AsyncSession, answer_id: int, question_id: int,
                     hidden: bool) -> Answer | None:
    """Hide or show again; None if the answer is gone or not under that question."""
    answer = await session.get(Answer, answer_id)
    if answer is None or answer.question_id != question_id:
        return None
    answer.hidden = hidden
    await session.flush()
    return answer


@dataclass(frozen=True)
class ReportRow:
    group: str
    question_en: str
    question_cy: str
    text: str | None
    voice: bool
    language: str
    at: datetime
    first_name: str | None


async def report_rows(session: AsyncSession, event_id: int) -> list[ReportRow]:
    """Every answer an export may show: hidden ones left out, never who gave it."""
    rows = await session.execute(
        select(Question.group_label, Question.text_en, Question.text_cy, Answer.text,
               Answer.voice_file_id, Answer.locale, Answer.created_at, Answer.first_name)
        .join(Question, Question.id == Answer.question_id)
        .where(Question.event_id == event_id, Answer.hidden.is_(False))
        .order_by(Question.id, Answer.created_at, Answer.id)
    )
    return [ReportRow(group=g, question_en=en, question_cy=cy, text=text, voice=voice is not None,
                      language=locale, at=at, first_name=name)
            for g, en, cy, text, voice, locale, at, name in rows]


# --- for the programme report ----------------------------------------------------------------

async def held_cafes(session: AsyncSession) -> list[int]:
    """Ids of World Café events that were held: not cancelled, at least one question opened."""
    return list(await session.scalars(
        select(Event.id).where(Event.kind == EventKind.WORLD_CAFE.value,
                               Event.status == EventStatus.OPEN.value,
                               Event.id.in_(select(Question.event_id)
                                            .where(Question.opened_at.is_not(None))))
        .order_by(Event.id)
    ))


async def answer_count(session: AsyncSession, event_id: int, *,
                       include_hidden: bool = False) -> int:
    query = (select(func.count()).select_from(Answer)
             .join(Question, Question.id == Answer.question_id)
             .where(Question.event_id == event_id))
    if not include_hidden:
        query = query.where(Answer.hidden.is_(False))
    return await session.scalar(query) or 0


# --- personal data --------------------------------------------------------------------------

async def export_person(session: AsyncSession, telegram_id: int,
                        locale: str | None = None) -> list[dict[str, Any]]:
    """The person's answers, each with its question and event in the person's language."""
    rows = await session.execute(
        select(Answer, Question, Event)
        .join(Question, Question.id == Answer.question_id)
        .join(Event, Event.id == Question.event_id)
        .where(Answer.telegram_id == telegram_id).order_by(Answer.id)
    )
    return [
        {"event": event.title(locale), "question": question.text(locale), "answer": answer.text,
         "voice_note": answer.voice_file_id is not None, "first_name": answer.first_name,
         "language": answer.locale, "hidden_by_organisers": answer.hidden,
         "given_at": answer.created_at.isoformat()}
        for answer, question, event in rows
    ]


async def erase_person(session: AsyncSession, telegram_id: int) -> None:
    """/forget: every answer the person gave goes, anonymous or not ("erase everything" means
    their words too), with the question notices queued or sent to them."""
    await session.execute(
        delete(Answer).where(Answer.telegram_id == telegram_id)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        delete(OutboxMessage).where(OutboxMessage.chat_id == telegram_id,
                                    OutboxMessage.dedupe_key.like(f"{OUTBOX_PREFIX}%"))
        .execution_options(synchronize_session=False)
    )
