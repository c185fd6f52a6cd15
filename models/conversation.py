"""Conversation (FSM) state kept in the database so a restart forgets nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Row, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.upsert import upsert


class ConversationState(Base):
    __tablename__ = "conversation_states"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    # The Telegram user the state belongs to, so /forget can find every key of theirs.
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)


async def load_state(session: AsyncSession, key: str) -> Row[tuple[str | None, dict]] | None:
    # Columns, not the entity: `save_state` writes with a Core upsert the identity map can't see.
    result = await session.execute(
        select(ConversationState.state, ConversationState.data).where(ConversationState.key == key)
    )
    return result.first()


async def save_state(session: AsyncSession, key: str, telegram_id: int, **values: Any) -> None:
    """Write `state` and/or `data` for one key in one statement (no read-modify-write race)."""
    row = {"key": key, "telegram_id": telegram_id, "updated_at": utcnow(), **values}
    await session.execute(upsert(session, ConversationState, row, index=["key"],
                                 update={**values, "updated_at": row["updated_at"]}))


async def forget_states(session: AsyncSession, telegram_id: int) -> None:
    await session.execute(
        delete(ConversationState).where(ConversationState.telegram_id == telegram_id)
    )
