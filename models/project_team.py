"""A funded project's group: the bid's owner, and co-owners they invite by a one-time link.

- The owner makes an invitation: a random token (`secrets.token_urlsafe`, 128 bits) that goes
  in a deep link `t.me/<bot>?start=pj_<token>`. Only its SHA-256 is stored, so the table
  cannot be read back into working links. It works once, for INVITE_LIFETIME.
- Whoever opens the link is asked to confirm; the confirmation uses the invitation up in one
  guarded UPDATE (two taps, or two people with the same link: one joins) and adds them.
- Co-owners send updates and get the asks and nudges, as the owner does. The owner sees them
  and may remove one, or hand the project to one (models/project_handover.py); a co-owner may
  leave. At most MAX_MEMBERS co-owners, and at most
  MAX_OPEN_INVITES links waiting per project.

/forget: a person's co-owner rows go (they hold the Telegram id and the first name the group
sees). Invitations hold no one's id; a link an organiser made for the owner's place
(models/project_owner_link.py) holds that organiser's, and the owner's it was made to replace
if they were still here; /forget clears each.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime
from models.project import Project

INVITE_LIFETIME = timedelta(days=7)
MAX_MEMBERS = 5  # co-owners besides the bid's owner
MAX_OPEN_INVITES = 5
NAME_LIMIT = 64


class ProjectMember(Base):
    __tablename__ = "project_members"
    __table_args__ = (UniqueConstraint("project_id", "telegram_id",
                                       name="uq_project_members_project_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"),
                                            index=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # Telegram's first name when they joined, so the owner knows who is in the group.
    first_name: Mapped[str | None] = mapped_column(String(NAME_LIMIT))
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProjectInvite(Base):
    __tablename__ = "project_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"),
                                            index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # NULL: an invitation to join the group (the owner's). A number: a link an organiser made
    # for the owner's empty place, good only while the project's hand-over count is still this
    # (models/project_owner_link.py); it never lets anyone join as a co-owner.
    vacancy_turn: Mapped[int | None] = mapped_column(Integer)
    # The organiser who made a link for the owner's place, told once when it is used. /forget
    # clears it (the link still works).
    made_by: Mapped[int | None] = mapped_column(BigInteger)
    # A link for the place of an owner still here who no longer answers: that owner, good only
    # while they still have the place (or nobody has). /forget clears it.
    replaces_owner: Mapped[int | None] = mapped_column(BigInteger)


class JoinResult(StrEnum):
    JOINED = "joined"
    ALREADY = "already"  # the owner, or a co-owner already: the link stays unused
    FULL = "full"  # the group has MAX_MEMBERS co-owners: the link stays unused
    OUT_OF_DATE = "out_of_date"  # used, expired, forged, or the project is finished


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- who is in the group ----------------------------------------------------------------------


async def members_of(session: AsyncSession, project_id: int) -> list[ProjectMember]:
    return list(await session.scalars(select(ProjectMember).where(
        ProjectMember.project_id == project_id).order_by(ProjectMember.joined_at,
                                                         ProjectMember.id)))


async def member_ids(session: AsyncSession, project_ids: list[int]) -> dict[int, list[int]]:
    """Project -> its co-owners' Telegram ids."""
    found: dict[int, list[int]] = {}
    if project_ids:
        for project_id, telegram_id in await session.execute(
                select(ProjectMember.project_id, ProjectMember.telegram_id)
                .where(ProjectMember.project_id.in_(project_ids))
                .order_by(ProjectMember.id)):
            found.setdefault(project_id, []).append(telegram_id)
    return found


async def is_member(session: AsyncSession, project_id: int, telegram_id: int) -> bool:
    return await session.scalar(select(func.count()).select_from(ProjectMember).where(
        ProjectMember.project_id == project_id, ProjectMember.telegram_id == telegram_id)) > 0


async def in_group(session: AsyncSession, project: Project | None, telegram_id: int) -> bool:
    return project is not None and (project.owner_telegram_id == telegram_id
                                    or await is_member(session, project.id, telegram_id))


async def may_report(session: AsyncSession, project: Project | None, telegram_id: int) -> bool:
    """The owner or a co-owner, while the project is not done or stopped."""
    return (project is not None and not project.finished
            and await in_group(session, project, telegram_id))


async def projects_of(session: AsyncSession, telegram_id: int) -> list[Project]:
    """The projects this person owns or co-owns, oldest first."""
    return list(await session.scalars(select(Project).where(or_(
        Project.owner_telegram_id == telegram_id,
        Project.id.in_(select(ProjectMember.project_id).where(
            ProjectMember.telegram_id == telegram_id)))).order_by(Project.id)))


async def remove_member(session: AsyncSession, project_id: int, telegram_id: int) -> bool:
    result = await session.execute(delete(ProjectMember).where(
        ProjectMember.project_id == project_id, ProjectMember.telegram_id == telegram_id))
    return result.rowcount == 1


# --- invitations --------------------------------------------------------------------------------


async def open_invites(session: AsyncSession, project_id: int, now: datetime) -> int:
    return await session.scalar(select(func.count()).select_from(ProjectInvite).where(
        ProjectInvite.project_id == project_id, ProjectInvite.used_at.is_(None),
        ProjectInvite.expires_at > now, ProjectInvite.vacancy_turn.is_(None)))


async def new_invite(session: AsyncSession, project: Project, now: datetime) -> str | None:
    """A fresh one-time token for the project's link; None if MAX_OPEN_INVITES are waiting
    already. Old expired or used invitations are tidied away here."""
    await session.execute(delete(ProjectInvite).where(
        ProjectInvite.project_id == project.id,
        or_(ProjectInvite.used_at.is_not(None), ProjectInvite.expires_at <= now)))
    if await open_invites(session, project.id, now) >= MAX_OPEN_INVITES:
        return None
    token = secrets.token_urlsafe(16)  # 22 characters of [A-Za-z0-9_-]
    session.add(ProjectInvite(project_id=project.id, token_hash=token_hash(token),
                              created_at=now, expires_at=now + INVITE_LIFETIME))
    await session.flush()
    return token


async def invited_project(session: AsyncSession, token: str, now: datetime) -> Project | None:
    """The project a still-good link invites to; None if it is used, expired, unknown, or the
    project is done or stopped."""
    project = await session.scalar(select(Project).join(
        ProjectInvite, ProjectInvite.project_id == Project.id).where(
        ProjectInvite.token_hash == token_hash(token), ProjectInvite.used_at.is_(None),
        ProjectInvite.expires_at > now, ProjectInvite.vacancy_turn.is_(None)))
    return None if project is None or project.finished else project


@dataclass(frozen=True)
class Joined:
    result: JoinResult
    project: Project | None = None
    member_id: int | None = None  # the new co-owner row (names the owner's notice)


async def join(session: AsyncSession, token: str, telegram_id: int, first_name: str | None,
               now: datetime) -> Joined:
    """Checks and joins in one go: of two people joining at the same moment with two links
    to a group with one place left, one joins and the other is told the group is full."""
    project = await invited_project(session, token, now)
    if project is None:
        return Joined(JoinResult.OUT_OF_DATE)
    if await in_group(session, project, telegram_id):
        return Joined(JoinResult.ALREADY, project)
    # PostgreSQL: the project's row is locked until the commit, so joins to one group take
    # turns and each counts the co-owners the one before added. SQLite has no row locks, but
    # the guarded INSERT below counts and adds in one statement under its single writer lock.
    await session.execute(select(Project.id).where(Project.id == project.id).with_for_update())
    table = ProjectMember.__table__
    place_left = (select(func.count()).select_from(ProjectMember)
                  .where(ProjectMember.project_id == project.id).scalar_subquery() < MAX_MEMBERS)
    not_in = ~exists().where(ProjectMember.project_id == project.id,
                             ProjectMember.telegram_id == telegram_id)
    name = (first_name or "").strip()[:NAME_LIMIT] or None
    await session.execute(insert(table).from_select(
        ["project_id", "telegram_id", "first_name", "joined_at"],
        select(literal(project.id), literal(telegram_id, BigInteger),
               literal(name, String(NAME_LIMIT)), literal(now, UtcDateTime()))
        .where(place_left, not_in)))
    member_id = await session.scalar(select(ProjectMember.id).where(
        ProjectMember.project_id == project.id, ProjectMember.telegram_id == telegram_id))
    if member_id is None:
        return Joined(JoinResult.FULL, project)
    # Used up in one guarded statement: of two taps at once, one finds it still unused.
    used = await session.execute(update(ProjectInvite).where(
        ProjectInvite.token_hash == token_hash(token), ProjectInvite.used_at.is_(None),
        ProjectInvite.expires_at > now, ProjectInvite.vacancy_turn.is_(None)).values(used_at=now)
        .execution_options(synchronize_session=False))
    if used.rowcount != 1:
        await session.execute(delete(ProjectMember).where(ProjectMember.id == member_id))
        return Joined(JoinResult.OUT_OF_DATE)
    return Joined(JoinResult.JOINED, project, member_id)


# --- /mydata and /forget ----------------------------------------------------------------------


async def export_person(session: AsyncSession, telegram_id: int) -> list[dict[str, Any]]:
    rows = await session.scalars(select(ProjectMember).where(
        ProjectMember.telegram_id == telegram_id).order_by(ProjectMember.id))
    return [{"project": row.project_id, "first_name": row.first_name,
             "joined": row.joined_at.isoformat()} for row in rows]


async def erase_person(session: AsyncSession, telegram_id: int) -> None:
    await session.execute(delete(ProjectMember).where(ProjectMember.telegram_id == telegram_id))
