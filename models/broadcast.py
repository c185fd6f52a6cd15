"""Organiser broadcasts: who gets them, in which language, and how far sending has got."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, String, Text, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models import audience as audiences
from models.audience import Audience, Choice
from models.base import Base, UtcDateTime, utcnow
from models.outbox import (
    Kind,
    NewMessage,
    Status,
    cancel_pending,
    enqueue,
    html_payload,
    status_counts,
)

__all__ = ["Audience", "Broadcast", "BroadcastStatus", "Choice"]


def telegram_length(visible: str) -> int:
    """A text's length as Telegram counts it against its limits: the visible characters after
    formatting is parsed (not the HTML that carries the formatting), in UTF-16 code units, the
    unit Telegram measures text in (an emoji outside the basic plane counts two)."""
    return len(visible.encode("utf-16-le")) // 2


class BroadcastStatus(StrEnum):
    SCHEDULED = "scheduled"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class Broadcast(Base):
    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The audience's kind (models.audience.Audience), and its event or round id, or the
    # place's name; the name of an event or round is kept as it was shown to the organiser.
    audience: Mapped[str] = mapped_column(String(40))
    audience_target_id: Mapped[int | None] = mapped_column()
    audience_target_name: Mapped[str | None] = mapped_column(String(200))
    text_en: Mapped[str | None] = mapped_column(Text)
    text_cy: Mapped[str | None] = mapped_column(Text)
    photo_file_id: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), index=True)
    send_at: Mapped[datetime] = mapped_column(UtcDateTime())
    organiser_chat_id: Mapped[int] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    recipients: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # When an organiser chose "Try again for these" (models/unreached.py); it is offered once.
    retried_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


@dataclass(frozen=True)
class Recipient:
    telegram_id: int
    locale: str | None


@dataclass(frozen=True)
class Progress:
    total: int
    delivered: int
    unreachable: int
    failed: int
    waiting: int

    @property
    def done(self) -> int:
        return self.total - self.waiting


def choice_of(broadcast: Broadcast) -> Choice:
    return Choice(Audience(broadcast.audience), broadcast.audience_target_id,
                  broadcast.audience_target_name)


def text_for(broadcast: Broadcast, locale: str | None) -> str:
    """The recipient's language where the organiser wrote it, else the other one."""
    if locale == "cy" and broadcast.text_cy:
        return broadcast.text_cy
    return broadcast.text_en or broadcast.text_cy or ""


def english_only_for(broadcast: Broadcast, locale: str | None) -> bool:
    """A Welsh reader gets the English because the organiser skipped the Welsh: they are told
    so in a line before it, never left to find out (as event descriptions do)."""
    return locale == "cy" and not (broadcast.text_cy or "").strip() and bool(broadcast.text_en)


def with_note(text: str, note: str) -> str:
    return f"{note}\n{text}" if note else text


def render(broadcast: Broadcast, recipient: Recipient, only_in_english: str = "") -> NewMessage:
    """`only_in_english`: the line, in Welsh, put before the English for a Welsh reader."""
    text = text_for(broadcast, recipient.locale)
    if english_only_for(broadcast, recipient.locale):
        text = with_note(text, only_in_english)
    if broadcast.photo_file_id:
        kind, payload = Kind.PHOTO, {"photo": broadcast.photo_file_id, "caption": text,
                                     "parse_mode": "HTML"}
    else:
        kind, payload = Kind.TEXT, html_payload(text)
    return NewMessage(
        dedupe_key=f"bc:{broadcast.id}:u:{recipient.telegram_id}",
        chat_id=recipient.telegram_id, kind=kind, payload=payload,
        due_at=broadcast.send_at, broadcast_id=broadcast.id,
    )


async def plan(session: AsyncSession, broadcast: Broadcast, members: list[audiences.Member], *,
               default_locale: str, only_in_english: str = "") -> int:
    """Write one outbox row per person in the audience as it is now (`members`, worked out by
    `Ballots.members`; blocked people skipped), in their language, or `default_locale` for
    someone with none stored. Planning twice adds nobody twice."""
    recipients = [Recipient(m.telegram_id, m.locale or default_locale)
                  for m in members if not m.blocked]
    await enqueue(session, (render(broadcast, r, only_in_english) for r in recipients))
    broadcast.recipients = len(recipients)
    broadcast.status = BroadcastStatus.SENDING
    return len(recipients)


async def create(session: AsyncSession, *, audience: Choice, text_en: str | None,
                 text_cy: str | None, photo_file_id: str | None, send_at: datetime | None,
                 organiser_chat_id: int) -> Broadcast:
    broadcast = Broadcast(
        audience=audience.kind.value, audience_target_id=audience.target_id,
        audience_target_name=audience.target_name, text_en=text_en, text_cy=text_cy,
        photo_file_id=photo_file_id, status=BroadcastStatus.SCHEDULED,
        send_at=send_at or utcnow(), organiser_chat_id=organiser_chat_id,
    )
    session.add(broadcast)
    await session.flush()
    return broadcast


async def get(session: AsyncSession, broadcast_id: int) -> Broadcast | None:
    # Ids past the column's range only come from forged buttons; PostgreSQL would reject them.
    if not 0 < broadcast_id < 2**31:
        return None
    return await session.get(Broadcast, broadcast_id)


async def cancel(session: AsyncSession, broadcast: Broadcast) -> int:
    """Stop a scheduled or sending broadcast; returns how many messages will not be sent."""
    withdrawn = await cancel_pending(session, broadcast.id)
    broadcast.status = BroadcastStatus.CANCELLED
    broadcast.finished_at = utcnow()
    return withdrawn


async def progress(session: AsyncSession, broadcast: Broadcast) -> Progress:
    counts = await status_counts(session, broadcast.id)
    waiting = counts.get(Status.PENDING, 0) + counts.get(Status.SENDING, 0)
    return Progress(
        total=sum(counts.values()) - counts.get(Status.CANCELLED, 0),
        delivered=counts.get(Status.SENT, 0),
        unreachable=counts.get(Status.BLOCKED, 0),
        failed=counts.get(Status.FAILED, 0) + counts.get(Status.UNCERTAIN, 0),
        waiting=waiting,
    )


async def due_scheduled(session: AsyncSession) -> list[Broadcast]:
    return list(await session.scalars(
        select(Broadcast).where(Broadcast.status == BroadcastStatus.SCHEDULED,
                                Broadcast.send_at <= utcnow())
    ))


async def sending(session: AsyncSession) -> list[Broadcast]:
    return list(await session.scalars(
        select(Broadcast).where(Broadcast.status == BroadcastStatus.SENDING)
    ))


async def finish(session: AsyncSession, broadcast_id: int) -> bool:
    """Mark done once; true only for the caller that did it (so one report is sent)."""
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.SENDING)
        .values(status=BroadcastStatus.DONE, finished_at=utcnow())
    )
    return result.rowcount == 1
