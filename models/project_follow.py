"""Following a round's projects from the voter's receipt ("Tell me how the projects get on").

A follow is a person-level record per round, like the round's roll (who voted), never the
ballot (how): `project_follows` holds the round, the person and a day, nothing else. A follow
made at the receipt keeps only the day it was made, not the time: a time next to a person
would say when they voted, which the roll itself does not keep (models/ballot/box.py). Followers
of a round whose results are not out yet simply wait: their weekly round-ups start with the
first update of its funded projects, and they can stop it from /projects before then.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import project as projects
from models.project import Project, ProjectFollow
from models.round import Round


def day_of(now: datetime) -> datetime:
    """Midnight (UTC) of `now`'s day: the only time kept with a follow made at the receipt."""
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


async def follow_from_receipt(session: AsyncSession, round_id: int, telegram_id: int,
                              now: datetime) -> None:
    await projects.follow(session, round_id, telegram_id, day_of(now))


async def waiting_rounds(session: AsyncSession, telegram_id: int) -> list[Round]:
    """The rounds this person follows that have no projects yet (results not out)."""
    has_projects = select(Project.id).where(Project.round_id == ProjectFollow.round_id).exists()
    return list(await session.scalars(
        select(Round).join(ProjectFollow, ProjectFollow.round_id == Round.id)
        .where(ProjectFollow.telegram_id == telegram_id, ~has_projects).order_by(Round.id)))
