"""What organisers did, for accountability: who, when, which command or button. Never what a
resident wrote, and never anything about a ballot."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow

ACTION_LENGTH = 120


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    actor_telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(ACTION_LENGTH))


async def record(session: AsyncSession, actor_telegram_id: int, action: str) -> None:
    session.add(AuditEntry(actor_telegram_id=actor_telegram_id, action=action[:ACTION_LENGTH]))


async def recent(session: AsyncSession, limit: int = 30) -> list[AuditEntry]:
    return list(await session.scalars(
        select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    ))
