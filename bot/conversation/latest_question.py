"""Which question a text answers: the one the person was asked last.

Two conversations can be waiting for a text at once: a World Café question (conversation
state, set when the person opened it) and a festival-of-learning question (no state: it
arrives through the outbox, and the person's `Pledge` row says it is open). A text goes to
the festival only when its question came after the café question, so an answer is never
filed under a question the person was not answering. Conversations that can be overtaken
note when they asked (`asked_now`); any other conversation in progress keeps its texts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.filters import BaseFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from models import pledge as pledges
from models.base import utcnow

ASKED_AT = "asked_at"


def asked_now(now: datetime | None = None) -> dict[str, str]:
    """For a conversation's state data: it asked the person something now."""
    return {ASKED_AT: (now or utcnow()).isoformat()}


def asked_at(data: dict[str, Any]) -> datetime | None:
    value = data.get(ASKED_AT)
    return datetime.fromisoformat(value) if isinstance(value, str) else None


class FestivalAskedLast(BaseFilter):
    """The person's open festival question (passed on as `pledge`), if it is the question they
    were asked last: no conversation going, or one that noted asking before the festival did.
    `raw_state` is the state the FSM middleware read for this update (no second read)."""

    async def __call__(self, message: Message, session: AsyncSession, state: FSMContext,
                       raw_state: str | None = None) -> bool | dict[str, Any]:
        if message.from_user is None:
            return False
        since: datetime | None = None
        if raw_state is not None:
            data = await state.get_data()
            if ASKED_AT not in data:
                return False  # a conversation that can't be overtaken keeps its texts
            since = asked_at(data)
        pledge = await pledges.open_pledge(session, message.from_user.id, utcnow())
        if pledge is None or not pledges.asked_after(pledge, since):
            return False
        return {"pledge": pledge}
