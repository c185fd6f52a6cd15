"""A link for the owner's empty place: when a project has no owner (they used /forget), an
organiser makes a one-time link and whoever opens it and says Yes looks after the project.

Without it a group whose owner went and which had no co-owners could never report again: only
the owner invites. The link is a row of `project_invites` (models/project_team.py) like an
invitation to join, with the same security: 128 random bits in `t.me/<bot>?start=pj_<token>`,
only the SHA-256 stored, once, for INVITE_LIFETIME. What makes it a link for the owner's place
is `vacancy_turn`, the project's hand-over count when it was made; it never lets anyone join
as a co-owner (project_team only takes rows without it).

Taking the place is one guarded UPDATE of the project: still no owner, not done or stopped,
and the link still unused, unexpired and made at the project's present hand-over count. It
counts as a hand-over (`handovers` + 1), so every other link for the place, and any hand-over
question from before, is out of date from then on, even if the new owner goes too. Of two
people saying Yes at once (one link or two) one becomes the owner: on PostgreSQL the second
UPDATE waits for the first's row lock and then finds an owner; SQLite has one writer. A
co-owner may take the place too, and leaves their co-owner row for it.

/audit records the organiser making a link (with their name) and the place being taken (no
actor: a resident), both by the project's reference only. The link keeps the organiser's id
(`made_by`), so they can be told once when it is used; their /forget clears it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import audit
from models.project import FINISHED, Project, reference_of
from models.project_team import (
    INVITE_LIFETIME,
    MAX_OPEN_INVITES,
    ProjectInvite,
    ProjectMember,
    token_hash,
)


@dataclass(frozen=True)
class Claimed:
    project: Project
    new_owner: int
    made_by: int | None  # the organiser who made the link (None: forgotten since)
    was_member: bool  # they were a co-owner, and left that place for the owner's
    turn: int  # the project's hand-over count after this: names the messages about it


def vacant(project: Project | None) -> bool:
    """A project an organiser may make a link for: no owner, not done or stopped."""
    return project is not None and project.owner_telegram_id is None and not project.finished


async def new_link(session: AsyncSession, project: Project, made_by: int, made_by_name: str | None,
                   now: datetime) -> str | None:
    """A fresh token for the project's owner's place; None if MAX_OPEN_INVITES such links are
    waiting already. Used and expired links of the project are tidied away here."""
    await session.execute(delete(ProjectInvite).where(
        ProjectInvite.project_id == project.id,
        or_(ProjectInvite.used_at.is_not(None), ProjectInvite.expires_at <= now)))
    waiting = await session.scalar(select(func.count()).select_from(ProjectInvite).where(
        ProjectInvite.project_id == project.id, ProjectInvite.vacancy_turn.is_not(None),
        ProjectInvite.used_at.is_(None), ProjectInvite.expires_at > now))
    if waiting >= MAX_OPEN_INVITES:
        return None
    token = secrets.token_urlsafe(16)  # 22 characters of [A-Za-z0-9_-]
    session.add(ProjectInvite(project_id=project.id, token_hash=token_hash(token),
                              created_at=now, expires_at=now + INVITE_LIFETIME,
                              vacancy_turn=project.handovers, made_by=made_by))
    await audit.record(session, made_by, audit.Event.PROJECT_OWNER_LINK,
                       actor_name=made_by_name, round_id=project.round_id,
                       project=await reference_of(session, project))
    await session.flush()
    return token


async def is_owner_link(session: AsyncSession, token: str) -> bool:
    """Whether the token is (or was) a link for an owner's place, good or not."""
    return await session.scalar(select(exists().where(
        ProjectInvite.token_hash == token_hash(token), ProjectInvite.vacancy_turn.is_not(None))))


def _good(token: str, now: datetime) -> list:
    """The link is unused, unexpired, and made at the project's present hand-over count."""
    return [ProjectInvite.token_hash == token_hash(token), ProjectInvite.used_at.is_(None),
            ProjectInvite.expires_at > now, ProjectInvite.project_id == Project.id,
            ProjectInvite.vacancy_turn == Project.handovers]


async def linked_project(session: AsyncSession, token: str, now: datetime) -> Project | None:
    """The project whose empty owner's place a still-good link offers; else None."""
    project = await session.scalar(select(Project).join(
        ProjectInvite, ProjectInvite.project_id == Project.id).where(*_good(token, now))
        .execution_options(populate_existing=True))
    return project if vacant(project) else None


async def claim(session: AsyncSession, project_id: int, token: str, telegram_id: int,
                now: datetime) -> Claimed | None:
    """Makes `telegram_id` the owner of `project_id` if the link is still good for it and the
    place still empty; else None and nothing changes."""
    link = await session.scalar(select(ProjectInvite).where(
        ProjectInvite.token_hash == token_hash(token), ProjectInvite.vacancy_turn.is_not(None)))
    if link is None or link.project_id != project_id:
        return None
    # The one statement that decides (see the module's note).
    taken = await session.execute(update(Project).where(
        Project.id == link.project_id, Project.owner_telegram_id.is_(None),
        Project.status.not_in([status.value for status in FINISHED]),
        exists().where(*_good(token, now)))
        .values(owner_telegram_id=telegram_id, handovers=Project.handovers + 1)
        .execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        return None
    # Used up; it cannot have been used meanwhile, as using it needs the place still empty.
    await session.execute(update(ProjectInvite).where(ProjectInvite.id == link.id)
                          .values(used_at=now).execution_options(synchronize_session=False))
    left = await session.execute(delete(ProjectMember).where(
        ProjectMember.project_id == link.project_id, ProjectMember.telegram_id == telegram_id))
    project = await session.get(Project, link.project_id, populate_existing=True)
    # Residents are not named in the log: taking the place has no actor.
    await audit.record(session, None, audit.Event.PROJECT_CLAIMED, round_id=project.round_id,
                       project=await reference_of(session, project))
    return Claimed(project, telegram_id, link.made_by, left.rowcount == 1, project.handovers)


# --- /mydata and /forget ----------------------------------------------------------------------


async def export_person(session: AsyncSession, telegram_id: int) -> list[dict[str, Any]]:
    rows = await session.scalars(select(ProjectInvite).where(
        ProjectInvite.made_by == telegram_id).order_by(ProjectInvite.id))
    return [{"project": row.project_id, "made": row.created_at.isoformat(),
             "used": row.used_at is not None} for row in rows]


async def erase_person(session: AsyncSession, telegram_id: int) -> None:
    """The links they made stay good; nobody is told when one is used."""
    await session.execute(update(ProjectInvite).where(ProjectInvite.made_by == telegram_id)
                          .values(made_by=None).execution_options(synchronize_session=False))
