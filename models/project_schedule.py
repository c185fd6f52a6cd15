"""Changing a round's update schedule, before or after its results are out.

Before: publishing uses it (handlers/voting_admin.py). After: every project of the round takes
the new days (counted from the results, as before); bot/jobs/project_asks.py then rewrites
the asks not yet sent. Asks already sent stay as they were.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from models.project import Project, round_projects
from models.round import Round
from models.update_schedule import round_ask_days, stored


async def reschedule(session: AsyncSession, round_: Round, days: tuple[int, ...] | None,
                     default: tuple[int, ...]) -> list[Project]:
    """`days`: the round's own schedule, or None for the setting's. Returns the round's
    projects, now on it."""
    round_.update_days = stored(days) if days else None
    effective = stored(round_ask_days(round_.update_days, default))
    made = await round_projects(session, round_.id)
    for project in made:
        project.ask_days = effective
    await session.flush()
    return made
