"""World Café questions and answers as tests make and read them, and the organiser's buttons."""

from __future__ import annotations

from sqlalchemy import select

from bot.ui.callbacks.worldcafe import CafeAdminAction, CafeAdminCb
from models import event as events
from models import worldcafe as cafe
from models.base import utcnow
from models.worldcafe import Answer, Question

QUESTION_EN = "What would make the park feel safer?"
QUESTION_CY = "Beth fyddai'n gwneud i'r parc deimlo'n fwy diogel?"


def adm(action: CafeAdminAction, event: int = 0, question: int = 0, answer: int = 0,
        page: int = 0) -> str:
    """Callback data of an organiser's World Café button."""
    return CafeAdminCb(action=action, event=event, question=question, answer=answer,
                       page=page).pack()


async def add_question(session_maker, event_id: int, group: str = "Table 1",
                       opened: bool = False) -> Question:
    async with session_maker.begin() as session:
        event = await events.get_event(session, event_id)
        question = await cafe.add_question(session, event, group, QUESTION_EN, QUESTION_CY)
        if opened:
            await cafe.open_question(session, question, utcnow())
        return question


async def answers_of(session_maker, telegram_id: int | None = None) -> list[Answer]:
    """Every answer, oldest first; only `telegram_id`'s if given."""
    async with session_maker() as session:
        query = select(Answer).order_by(Answer.id)
        if telegram_id is not None:
            query = query.where(Answer.telegram_id == telegram_id)
        return list(await session.scalars(query))


async def questions(session_maker) -> list[Question]:
    async with session_maker() as session:
        return list(await session.scalars(select(Question).order_by(Question.id)))
