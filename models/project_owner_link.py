"""A link for a project's owner's place: an organiser makes a one-time link and whoever opens it
and says Yes looks after the project. Two cases:

- the place is empty (the owner used /forget): without the link a group whose owner went and
  which had no co-owners could never report again, as only the owner invites;
- the owner is still here but no longer answers, and has no co-owners (so no hand-over is
  possible: models/project_handover.py). The organiser is asked first; the link keeps the
  owner it was made against (`replaces_owner`) and is good only while that owner still has
  the place (or nobody has), still has no co-owners and has sent no update since it was made.
  That owner is told once when a link is made (`NewLink.mark` names the message), and stays
  in the group as a co-owner if the place is taken, as in a hand-over.

The link is a row of `project_invites` (models/project_team.py) like an invitation to join,
with the same security: 128 random bits in `t.me/<bot>?start=pj_<token>`, only the SHA-256
stored, once, for INVITE_LIFETIME. What makes it a link for the owner's place is
`vacancy_turn`, the project's hand-over count when it was made; it never lets anyone join as a
co-owner (project_team only takes rows without it).

Taking the place is one guarded UPDATE of the project: the owner still the one seen (nobody,
or the owner the link was made against), not done or stopped, and the link still unused,
unexpired and made at the project's present hand-over count. It counts as a hand-over
(`handovers` + 1), so every other link for the place, and any hand-over question from before,
is out of date from then on, even if the new owner goes too. The Yes takes the project's row
lock before it reads anything (PostgreSQL; SQLite has one writer), and everything else that
changes the place writes that row too (an update from the owner, a join, a hand-over, /forget):
so of two people saying Yes at once (one link or two) one becomes the owner, the second finding
another owner once the first commits, and an update saved while a Yes waits makes it out of
date. A co-owner may take an empty place too, and leaves their co-owner row for it.

/audit records the organiser making a link (with their name) and the place being taken (no
actor: a resident), both by the project's reference only. The link keeps the organiser's id
(`made_by`), so they can be told once when it is used; /forget clears it, and the replaced
owner's /forget clears `replaces_owner` (the place is then empty, and the link still good).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import audit
from models.project import FINISHED, Project, ProjectUpdate, reference_of
from models.project_handover import keep_old_owner
from models.project_team import (
    INVITE_LIFETIME,
    MAX_OPEN_INVITES,
    ProjectInvite,
    ProjectMember,
    token_hash,
)


class Place(StrEnum):
    """Which owner's place an organiser may make a link for, if any (a project's page)."""

    EMPTY = "empty"  # no owner: a link at once
    HELD = "held"  # an owner still here and nobody else in the group: a link after a question


@dataclass(frozen=True)
class Claimed:
    project: Project
    new_owner: int
    made_by: int | None  # the organiser who made the link (None: forgotten since)
    was_member: bool  # they were a co-owner, and left that place for the owner's
    turn: int  # the project's hand-over count after this: names the messages about it
    old_owner: int | None = None  # the owner still here whose place they took
    old_kept: bool = False  # that owner is a co-owner now


@dataclass(frozen=True)
class NewLink:
    token: str
    project: Project
    against: int | None  # the owner still here it was made against (None: an empty place)
    # Names the message telling that owner: the hand-over count and the id of their latest
    # update on the project (0: none). So they are told once however many links are made
    # while they say nothing, and again if a link is made after they answered.
    mark: str


def vacant(project: Project | None) -> bool:
    """A project an organiser may make a link for at once: no owner, not done or stopped."""
    return project is not None and project.owner_telegram_id is None and not project.finished


async def replaceable(session: AsyncSession, project: Project | None) -> bool:
    """A project an organiser may make a link for after a question: its owner is still here,
    nobody else is in its group (else they hand it on to a co-owner), not done or stopped."""
    return (project is not None and project.owner_telegram_id is not None
            and not project.finished and not await session.scalar(select(exists().where(
                ProjectMember.project_id == project.id))))


async def place_to_fill(session: AsyncSession, project: Project) -> Place | None:
    if vacant(project):
        return Place.EMPTY
    return Place.HELD if await replaceable(session, project) else None


async def as_asked(session: AsyncSession, project_id: int, owner_shown: int | None,
                   turn_shown: int) -> Project | None:
    """The project to make a link for, if it is still as the organiser saw it: with no owner
    (`owner_shown` None: the page's button), or, for the Yes of the question, still that owner
    at that hand-over count, with no co-owners, not finished. Else None."""
    project = await session.get(Project, project_id, populate_existing=True)
    if owner_shown is None:
        return project if vacant(project) else None
    if (project is None or project.owner_telegram_id != owner_shown
            or project.handovers != turn_shown or not await replaceable(session, project)):
        return None
    return project


async def new_link(session: AsyncSession, project: Project, made_by: int, made_by_name: str | None,
                   now: datetime) -> NewLink | None:
    """A fresh link for the project's owner's place (against its owner now, if any); None if
    MAX_OPEN_INVITES such links are waiting already. Used and expired links of the project are
    tidied away here."""
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
                              vacancy_turn=project.handovers, made_by=made_by,
                              replaces_owner=project.owner_telegram_id))
    await audit.record(session, made_by, audit.Event.PROJECT_OWNER_LINK,
                       actor_name=made_by_name, round_id=project.round_id,
                       project=await reference_of(session, project))
    await session.flush()
    owner = project.owner_telegram_id
    last = owner is not None and await session.scalar(select(func.max(ProjectUpdate.id)).where(
        ProjectUpdate.project_id == project.id, ProjectUpdate.author_telegram_id == owner))
    return NewLink(token, project, owner, f"{project.handovers}:{last or 0}")


async def is_owner_link(session: AsyncSession, token: str) -> bool:
    """Whether the token is (or was) a link for an owner's place, good or not."""
    return await _link(session, token) is not None


async def _link(session: AsyncSession, token: str) -> ProjectInvite | None:
    return await session.scalar(select(ProjectInvite).where(
        ProjectInvite.token_hash == token_hash(token), ProjectInvite.vacancy_turn.is_not(None)))


def _good(token: str, now: datetime) -> list:
    """The link is unused, unexpired, and made at the project's present hand-over count."""
    return [ProjectInvite.token_hash == token_hash(token), ProjectInvite.used_at.is_(None),
            ProjectInvite.expires_at > now, ProjectInvite.project_id == Project.id,
            ProjectInvite.vacancy_turn == Project.handovers]


def _place_open(link: ProjectInvite) -> list:
    """The place the link was made for is still to be taken: nobody has it, or the owner it was
    made against still has it with nobody else in the group and has sent no update since (an
    owner who answers keeps their place). The project is not done or stopped."""
    open_ = Project.owner_telegram_id.is_(None)
    if link.replaces_owner is not None:
        open_ = or_(open_, and_(
            Project.owner_telegram_id == link.replaces_owner,
            ~exists().where(ProjectMember.project_id == Project.id),
            ~exists().where(ProjectUpdate.project_id == Project.id,
                            ProjectUpdate.author_telegram_id == link.replaces_owner,
                            ProjectUpdate.created_at >= link.created_at)))
    return [open_, Project.status.not_in([status.value for status in FINISHED])]


async def linked_project(session: AsyncSession, token: str, now: datetime) -> Project | None:
    """The project whose owner's place a still-good link offers; else None."""
    link = await _link(session, token)
    if link is None:
        return None
    return await session.scalar(select(Project).where(
        Project.id == link.project_id, *_place_open(link), exists().where(*_good(token, now)))
        .execution_options(populate_existing=True))


async def claim(session: AsyncSession, project_id: int, token: str, telegram_id: int,
                now: datetime) -> Claimed | None:
    """Makes `telegram_id` the owner of `project_id` if the link is still good for it and its
    place still to be taken; else None and nothing changes. An owner still here stays in the
    group as a co-owner."""
    # The project's row first (PostgreSQL; SQLite has one writer): whatever else changes the
    # place holds it until its commit (an update from the owner writes the row too, as do a
    # join, a hand-over and /forget), so each statement after this reads them committed or
    # not begun. The guarded UPDATE alone would wait for the row but then re-check only the
    # row: its "no update since" would still read the updates as they were when it began.
    project = await session.scalar(select(Project).where(Project.id == project_id)
                                   .with_for_update()
                                   .execution_options(populate_existing=True))
    link = await _link(session, token)
    if link is None or link.project_id != project_id or project is None:
        return None
    old_owner = project.owner_telegram_id
    if old_owner == telegram_id:  # the owner opened the link meant to replace them
        return None
    owner_seen = (Project.owner_telegram_id.is_(None) if old_owner is None
                  else Project.owner_telegram_id == old_owner)
    # The one statement that decides (see the module's note).
    taken = await session.execute(update(Project).where(
        Project.id == project_id, owner_seen, *_place_open(link),
        exists().where(*_good(token, now)))
        .values(owner_telegram_id=telegram_id, handovers=Project.handovers + 1)
        .execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        return None
    # Used up; it cannot have been used meanwhile, as using it moves the hand-over count on.
    await session.execute(update(ProjectInvite).where(ProjectInvite.id == link.id)
                          .values(used_at=now).execution_options(synchronize_session=False))
    left = await session.execute(delete(ProjectMember).where(
        ProjectMember.project_id == project_id, ProjectMember.telegram_id == telegram_id))
    kept = old_owner is not None and await keep_old_owner(session, project_id, old_owner, None,
                                                          now)
    project = await session.get(Project, project_id, populate_existing=True)
    # Residents are not named in the log: taking the place has no actor.
    event = audit.Event.PROJECT_CLAIMED if old_owner is None else audit.Event.PROJECT_REPLACED
    await audit.record(session, None, event, round_id=project.round_id,
                       project=await reference_of(session, project))
    return Claimed(project, telegram_id, link.made_by, left.rowcount == 1, project.handovers,
                   old_owner, kept)


# --- /mydata and /forget ----------------------------------------------------------------------


async def export_person(session: AsyncSession, telegram_id: int) -> list[dict[str, Any]]:
    """The links they made, and those made to take their place as a project's owner."""
    rows = await session.scalars(select(ProjectInvite).where(or_(
        ProjectInvite.made_by == telegram_id, ProjectInvite.replaces_owner == telegram_id))
        .order_by(ProjectInvite.id))
    return [{"project": row.project_id, "made": row.created_at.isoformat(),
             "used": row.used_at is not None, "made_by_you": row.made_by == telegram_id,
             "to_take_your_place": row.replaces_owner == telegram_id} for row in rows]


async def erase_person(session: AsyncSession, telegram_id: int) -> None:
    """The links they made stay good; nobody is told when one is used. A link made against
    them as an owner becomes a link for an empty place (their project has no owner now)."""
    for column in (ProjectInvite.made_by, ProjectInvite.replaces_owner):
        await session.execute(update(ProjectInvite).where(column == telegram_id)
                              .values({column.key: None})
                              .execution_options(synchronize_session=False))
