"""Handing a funded project from its owner to one of its co-owners.

Three ways, one rule (docs/decisions.md, "A project changes hands in one guarded statement"):

- the owner hands it to a co-owner themselves (their group's page);
- an organiser hands it away from an owner who is still here but no longer answers;
- an organiser hands on a project whose owner has gone (/forget).

A question shows the project, the owner and the co-owner; its Yes carries all three and the
project's hand-over count (`projects.handovers`) as the question saw them. The change is one
guarded UPDATE of the project (still that owner, still that count, not finished), so of two
Yes at once (two organisers, or the owner and an organiser) one hands it on and the other
finds it out of date; the co-owner's row must still be there too, or nothing changes.

The old owner, when still here, takes the new owner's place among the co-owners: they keep
seeing the project and may still report, and the group never grows past MAX_MEMBERS by it (a
place is freed in the same transaction; the insert is guarded all the same). The new owner
can take them out, or they can leave.

The audit log keeps every hand-over with the project's reference, never a resident: an
organiser's with their name, an owner's own with no actor at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, String, delete, exists, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import audit
from models.base import UtcDateTime
from models.project import FINISHED, Project, reference_of
from models.project_team import MAX_MEMBERS, NAME_LIMIT, ProjectMember


class Way(StrEnum):
    """Who handed the project on, and from whom: its audit event."""

    GONE = audit.Event.PROJECT_HANDED  # an organiser, the owner having used /forget
    TAKEN = audit.Event.PROJECT_TAKEN  # an organiser, from an owner still here
    PASSED = audit.Event.PROJECT_PASSED  # the owner themselves


@dataclass(frozen=True)
class Offer:
    """What a hand-over question shows: the project, its owner now (None: gone), the co-owner
    it would go to, and the project's hand-over count."""

    project: Project
    owner: int | None
    member: ProjectMember

    @property
    def turn(self) -> int:
        return self.project.handovers


@dataclass(frozen=True)
class Handed:
    project: Project
    way: Way
    old_owner: int | None
    new_owner: int
    new_owner_name: str | None  # the first name their co-owner row had
    old_kept: bool  # the old owner is a co-owner now
    turn: int  # the project's hand-over count after this one: names the messages about it


async def offer(session: AsyncSession, project_id: int, member_id: int) -> Offer | None:
    """The co-owner `member_id` of a project not done or stopped, to ask about; else None."""
    project = await session.get(Project, project_id, populate_existing=True)
    if project is None or project.finished:
        return None
    member = await session.scalar(select(ProjectMember).where(
        ProjectMember.id == member_id, ProjectMember.project_id == project_id))
    return None if member is None else Offer(project, project.owner_telegram_id, member)


def way_of(owner: int | None, by_owner: bool) -> Way:
    return Way.PASSED if by_owner else Way.TAKEN if owner is not None else Way.GONE


async def hand_over(session: AsyncSession, project_id: int, member_id: int,
                    owner_shown: int | None, turn_shown: int, now: datetime, *,
                    by: int, by_name: str | None, by_owner: bool = False,
                    old_owner_name: str | None = None) -> Handed | None:
    """Makes co-owner `member_id` the owner, if the project is still as the question showed
    it (owner, hand-over count, the co-owner in its group, not finished); else None and
    nothing changes. `by_owner`: the owner themselves (`by`), else an organiser."""
    member = await session.scalar(select(ProjectMember).where(
        ProjectMember.id == member_id, ProjectMember.project_id == project_id))
    if member is None:
        return None
    owner_now = (Project.owner_telegram_id.is_(None) if owner_shown is None
                 else Project.owner_telegram_id == owner_shown)
    # The one statement that decides: on PostgreSQL a second Yes waits for the first's row
    # lock and then finds the count moved on; SQLite has one writer at a time.
    moved = await session.execute(update(Project).where(
        Project.id == project_id, owner_now, Project.handovers == turn_shown,
        Project.status.not_in([status.value for status in FINISHED]))
        .values(owner_telegram_id=member.telegram_id, handovers=turn_shown + 1)
        .execution_options(synchronize_session=False))
    if moved.rowcount != 1:
        return None
    gone = await session.execute(delete(ProjectMember).where(ProjectMember.id == member.id))
    if gone.rowcount != 1:  # they left at that moment: the project stays as it was
        await session.execute(update(Project).where(Project.id == project_id)
                              .values(owner_telegram_id=owner_shown, handovers=turn_shown)
                              .execution_options(synchronize_session=False))
        return None
    kept = owner_shown is not None and await keep_old_owner(
        session, project_id, owner_shown, old_owner_name, now)
    project = await session.get(Project, project_id, populate_existing=True)
    reference = await reference_of(session, project)
    way = way_of(owner_shown, by_owner)
    # Residents are not named in the log: an owner's own hand-over has no actor.
    await audit.record(session, None if by_owner else by, way.value,
                       actor_name=None if by_owner else by_name,
                       round_id=project.round_id, project=reference)
    return Handed(project, way, owner_shown, member.telegram_id, member.first_name, kept,
                  turn_shown + 1)


async def keep_old_owner(session: AsyncSession, project_id: int, telegram_id: int,
                         first_name: str | None, now: datetime) -> bool:
    """The old owner becomes a co-owner, in the place the new owner left (the count and the
    project's row lock guard it as a join does). Also used when someone takes an owner's
    place by an organiser's link (models/project_owner_link.py)."""
    place_left = (select(func.count()).select_from(ProjectMember)
                  .where(ProjectMember.project_id == project_id).scalar_subquery()
                  < MAX_MEMBERS)
    not_in = ~exists().where(ProjectMember.project_id == project_id,
                             ProjectMember.telegram_id == telegram_id)
    name = (first_name or "").strip()[:NAME_LIMIT] or None
    added = await session.execute(insert(ProjectMember.__table__).from_select(
        ["project_id", "telegram_id", "first_name", "joined_at"],
        select(literal(project_id), literal(telegram_id, BigInteger),
               literal(name, String(NAME_LIMIT)), literal(now, UtcDateTime()))
        .where(place_left, not_in)))
    return added.rowcount == 1
