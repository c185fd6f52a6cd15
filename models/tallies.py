"""Anonymous counts kept when people are forgotten: erasure removes the person, not the fact
that they came. /forget deletes someone's registrations and offers to help
(models/event.py `erase_person`); before it does, the event's counts are kept here as plain
numbers, with nothing about who (models/report.py adds them back).

What is kept, per event: how many forgotten people were checked in (`checked-in`), how many
were confirmed volunteers (`volunteer`); and, with no event, how many forgotten people had
volunteered anywhere (`volunteer-person`, for the programme's total of different people).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import ForeignKey, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base

CHECKED_IN = "checked-in"
VOLUNTEER = "volunteer"
VOLUNTEER_PERSON = "volunteer-person"


class AnonymousCount(Base):
    __tablename__ = "anonymous_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(24))
    count: Mapped[int] = mapped_column(Integer, default=0)


async def add(session: AsyncSession, what: str, per_event: Mapping[int | None, int]) -> None:
    """Add `per_event` (event id, or None -> how many) to the counts of `what`."""
    for event_id, n in per_event.items():
        if n <= 0:
            continue
        row = await session.scalar(select(AnonymousCount).where(
            AnonymousCount.what == what,
            AnonymousCount.event_id.is_(None) if event_id is None
            else AnonymousCount.event_id == event_id).with_for_update())
        if row is None:
            session.add(AnonymousCount(event_id=event_id, what=what, count=n))
        else:
            row.count += n
    await session.flush()
