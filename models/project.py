"""After the vote: each funded bid becomes a project its group reports on, and residents follow.

- A project is made once per funded bid (unique bid_id) when results are published, with the
  award, the group (the bid's owner; co-owners and who may report: models/project_team.py)
  and the round's update schedule as day offsets from the start ("30,90,180": about 1 month,
  3 months, and when it should be finished; models/update_schedule.py).
- An update is a few words, a photo (the group confirmed it has permission from the people in
  it) or a voice note, money spent so far and a status. Organisers may hide one (it is kept,
  left out of every page and digest) and add their own note (an update marked by_organiser).
- Followers: people who voted in the round or took part in its events may ask to be told how
  its projects get on (`project_follows`).

/forget: updates stay, without their author (their words were written to be public and the
group was told so); a voice note goes, as it is the person's own voice. Follows are deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.ballot import has_voted
from models.base import Base, UtcDateTime
from models.bid import Bid, BidStatus
from models.event import Event, Registration, RegStatus
from models.update_schedule import parse_ask_days
from models.upsert import dialect_insert

NUDGE_AFTER = timedelta(days=14)
MAX_WORDS = 1000  # characters of an update's words; a Telegram message holds 4096


class ProjectStatus(StrEnum):
    STARTED = "started"
    ON_TRACK = "on_track"
    DELAYED = "delayed"
    DONE = "done"
    STOPPED = "stopped"


FINISHED = (ProjectStatus.DONE, ProjectStatus.STOPPED)


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), unique=True)
    # The group asked for updates; emptied by /forget (the project stays).
    owner_telegram_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    award_pence: Mapped[int] = mapped_column(BigInteger)
    spent_pence: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(16), default=ProjectStatus.STARTED.value)
    ask_days: Mapped[str] = mapped_column(String(64))  # "30,90,180"
    # How many times the project has been handed from one owner to another: a hand-over's Yes
    # carries the count its question saw (so it acts once), and the messages about a
    # hand-over are named by it (models/project_handover.py).
    handovers: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


class ProjectUpdate(Base):
    __tablename__ = "project_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"),
                                            index=True)
    author_telegram_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    by_organiser: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str | None] = mapped_column(Text)
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    voice_file_id: Mapped[str | None] = mapped_column(String(255))
    spent_pence: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str | None] = mapped_column(String(16))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class ProjectFollow(Base):
    __tablename__ = "project_follows"
    __table_args__ = (UniqueConstraint("round_id", "telegram_id",
                                       name="uq_project_follows_round_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PaymentKind(StrEnum):
    PAID = "paid"  # the organisers paid the group
    RETURNED = "returned"  # the group gave money back


class ProjectPayment(Base):
    """Money the organisers recorded as paid to a project's group, or returned by it."""

    __tablename__ = "project_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[str] = mapped_column(String(8))
    amount_pence: Mapped[int] = mapped_column(BigInteger)
    recorded_by: Mapped[int | None] = mapped_column(BigInteger)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


# --- the schedule (pure) ---------------------------------------------------------------------


def ask_times(project: Project) -> list[tuple[int, datetime]]:
    """(number of the ask, when it is due); the last one is "when finished"."""
    return [(n, project.created_at + timedelta(days=d))
            for n, d in enumerate(parse_ask_days(project.ask_days), start=1)]


def is_last_ask(project: Project, n: int) -> bool:
    return n == len(parse_ask_days(project.ask_days))


def is_late(project: Project, last_report: datetime | None, now: datetime) -> bool:
    """An ask went unanswered for NUDGE_AFTER: organisers see who is late."""
    if project.finished:
        return False
    return any(due + NUDGE_AFTER <= now and (last_report is None or last_report < due)
               for _, due in ask_times(project))


def week_of(now: datetime) -> tuple[datetime, datetime]:
    """The digest week `now` falls in: (start, end), Monday 09:00 UTC to the next. A digest is
    due at the end, about the updates made in the week: one a week per person at most."""
    monday = (now - timedelta(days=now.weekday())).replace(hour=9, minute=0, second=0,
                                                           microsecond=0)
    start = monday if now >= monday else monday - timedelta(days=7)
    return start, start + timedelta(days=7)


# --- making projects ------------------------------------------------------------------------


async def create_projects(session: AsyncSession, round_id: int, ask_days: tuple[int, ...],
                          now: datetime) -> list[Project]:
    """A project for each funded bid of the round that has none yet; the round's projects.
    Publishing twice, or two processes at once, make each project once (unique bid_id)."""
    funded = list(await session.scalars(select(Bid).where(
        Bid.round_id == round_id, Bid.status == BidStatus.FUNDED.value).order_by(Bid.id)))
    if funded:
        table = Project.__table__
        await session.execute(dialect_insert(session)(table).on_conflict_do_nothing(
            index_elements=[table.c.bid_id]), [
            {"round_id": round_id, "bid_id": bid.id, "owner_telegram_id": bid.owner_telegram_id,
             "award_pence": bid.amount_pence or 0, "spent_pence": 0,
             "status": ProjectStatus.STARTED.value,
             "ask_days": ",".join(str(d) for d in ask_days), "created_at": now,
             "updated_at": now} for bid in funded])
    return await round_projects(session, round_id)


async def round_projects(session: AsyncSession, round_id: int) -> list[Project]:
    return list(await session.scalars(select(Project).where(Project.round_id == round_id)
                                      .order_by(Project.id)
                                      .execution_options(populate_existing=True)))


async def rounds_with_projects(session: AsyncSession) -> list[int]:
    return list(await session.scalars(select(Project.round_id).distinct()
                                      .order_by(Project.round_id.desc())))


async def project_bids(session: AsyncSession, projects: list[Project]) -> dict[int, Bid]:
    if not projects:
        return {}
    found = await session.scalars(select(Bid).where(Bid.id.in_([p.bid_id for p in projects])))
    return {bid.id: bid for bid in found}


async def project_bid(session: AsyncSession, project: Project) -> Bid | None:
    """The bid a project was funded from."""
    return await session.get(Bid, project.bid_id)


async def reference_of(session: AsyncSession, project: Project) -> str:
    """The project's bid reference (SPK-014), as /audit names it."""
    return await session.scalar(select(Bid.reference).where(Bid.id == project.bid_id)) or ""


# --- updates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewUpdate:
    text: str | None = None
    photo_file_id: str | None = None
    voice_file_id: str | None = None
    spent_pence: int | None = None
    status: ProjectStatus | None = None


async def add_update(session: AsyncSession, project: Project, author: int, new: NewUpdate,
                     now: datetime, *, by_organiser: bool = False) -> ProjectUpdate:
    row = ProjectUpdate(project_id=project.id, author_telegram_id=author,
                        by_organiser=by_organiser, text=(new.text or None) and new.text[:MAX_WORDS],
                        photo_file_id=new.photo_file_id, voice_file_id=new.voice_file_id,
                        spent_pence=new.spent_pence,
                        status=new.status.value if new.status else None, hidden=False,
                        created_at=now)
    session.add(row)
    if new.status is not None:
        project.status = new.status.value
    if new.spent_pence is not None:
        project.spent_pence = new.spent_pence
    # Written every time: on PostgreSQL this holds the project's row until the commit, so a
    # Yes to a link made against this owner (models/project_owner_link.py, which locks the
    # row first) waits and then sees the update, or comes first and the update waits.
    project.updated_at = now
    await session.flush()
    return row


async def updates_of(session: AsyncSession, project_id: int, *,
                     with_hidden: bool = False) -> list[ProjectUpdate]:
    """Newest first."""
    query = select(ProjectUpdate).where(ProjectUpdate.project_id == project_id)
    if not with_hidden:
        query = query.where(ProjectUpdate.hidden.is_(False))
    return list(await session.scalars(query.order_by(ProjectUpdate.created_at.desc(),
                                                     ProjectUpdate.id.desc())))


async def latest_updates(session: AsyncSession, project_ids: list[int]) -> dict[int, ProjectUpdate]:
    latest: dict[int, ProjectUpdate] = {}
    if not project_ids:
        return latest
    rows = await session.scalars(select(ProjectUpdate).where(
        ProjectUpdate.project_id.in_(project_ids), ProjectUpdate.hidden.is_(False))
        .order_by(ProjectUpdate.created_at, ProjectUpdate.id))
    for row in rows:
        latest[row.project_id] = row
    return latest


async def last_reports(session: AsyncSession, project_ids: list[int]) -> dict[int, datetime]:
    """When each project's group last sent an update (hidden ones count: they did report)."""
    if not project_ids:
        return {}
    rows = await session.execute(select(ProjectUpdate.project_id, func.max(
        ProjectUpdate.created_at)).where(ProjectUpdate.project_id.in_(project_ids),
                                         ProjectUpdate.by_organiser.is_(False))
        .group_by(ProjectUpdate.project_id))
    return dict(rows.all())


async def get_update(session: AsyncSession, update_id: int) -> ProjectUpdate | None:
    return await session.get(ProjectUpdate, update_id)


async def hide_update(session: AsyncSession, update_id: int) -> ProjectUpdate | None:
    """Kept, left out of pages and digests; None if there is no such update (or it is hidden)."""
    row = await session.get(ProjectUpdate, update_id)
    if row is None or row.hidden:
        return None
    row.hidden = True
    await session.flush()
    return row


async def updates_in(session: AsyncSession, round_ids: list[int], start: datetime,
                     end: datetime) -> list[tuple[ProjectUpdate, Project]]:
    """Shown updates of these rounds made in [start, end), oldest first."""
    if not round_ids:
        return []
    rows = await session.execute(
        select(ProjectUpdate, Project).join(Project, Project.id == ProjectUpdate.project_id)
        .where(Project.round_id.in_(round_ids), ProjectUpdate.hidden.is_(False),
               ProjectUpdate.created_at >= start, ProjectUpdate.created_at < end)
        .order_by(ProjectUpdate.created_at, ProjectUpdate.id))
    return [(u, p) for u, p in rows]


# --- following -------------------------------------------------------------------------------


async def may_follow(session: AsyncSession, round_id: int, telegram_id: int, *,
                     secret: bytes) -> bool:
    """Voters of the round, and people with a place at one of its events (or checked in
    there); not people only on a waiting list."""
    if await has_voted(session, round_id, telegram_id, secret=secret):
        return True
    return await session.scalar(select(func.count()).select_from(Registration)
                                .join(Event, Event.id == Registration.event_id)
                                .where(Event.round_id == round_id,
                                       Registration.telegram_id == telegram_id,
                                       or_(Registration.status == RegStatus.CONFIRMED,
                                           Registration.checked_in_at.is_not(None)))) > 0


async def is_following(session: AsyncSession, round_id: int, telegram_id: int) -> bool:
    return await session.scalar(select(func.count()).select_from(ProjectFollow).where(
        ProjectFollow.round_id == round_id, ProjectFollow.telegram_id == telegram_id)) > 0


async def follow(session: AsyncSession, round_id: int, telegram_id: int, now: datetime) -> None:
    table = ProjectFollow.__table__
    await session.execute(dialect_insert(session)(table).values(
        round_id=round_id, telegram_id=telegram_id, created_at=now).on_conflict_do_nothing(
        index_elements=[table.c.round_id, table.c.telegram_id]))


async def unfollow(session: AsyncSession, round_id: int, telegram_id: int) -> None:
    await session.execute(delete(ProjectFollow).where(ProjectFollow.round_id == round_id,
                                                      ProjectFollow.telegram_id == telegram_id))


async def followers(session: AsyncSession, round_id: int) -> list[int]:
    return list(await session.scalars(select(ProjectFollow.telegram_id)
                                      .where(ProjectFollow.round_id == round_id)
                                      .order_by(ProjectFollow.telegram_id)))


async def followed_rounds(session: AsyncSession, telegram_id: int) -> list[int]:
    return list(await session.scalars(select(ProjectFollow.round_id)
                                      .where(ProjectFollow.telegram_id == telegram_id)
                                      .order_by(ProjectFollow.round_id)))


async def follows_of(session: AsyncSession, people: list[int]) -> dict[int, set[int]]:
    """Person -> the rounds whose projects they follow."""
    found: dict[int, set[int]] = {}
    if people:
        for telegram_id, round_id in await session.execute(
                select(ProjectFollow.telegram_id, ProjectFollow.round_id)
                .where(ProjectFollow.telegram_id.in_(people))):
            found.setdefault(telegram_id, set()).add(round_id)
    return found


# --- money paid and returned ----------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    paid_pence: int = 0
    returned_pence: int = 0


def payment_problem(money: Money, kind: PaymentKind, pence: int) -> str | None:
    """Why an organiser may not record this, as a locale key; None if they may. More can be
    paid than awarded (a top-up is the organisers' call), but not more returned than paid."""
    if pence <= 0:
        return "pj-pay-bad-amount"
    if kind == PaymentKind.RETURNED and money.returned_pence + pence > money.paid_pence:
        return "pj-pay-more-than-paid"
    return None


async def money_of(session: AsyncSession, project_ids: list[int]) -> dict[int, Money]:
    if not project_ids:
        return {}
    sums: dict[int, dict[str, int]] = {}
    for project_id, kind, pence in await session.execute(
            select(ProjectPayment.project_id, ProjectPayment.kind,
                   func.sum(ProjectPayment.amount_pence))
            .where(ProjectPayment.project_id.in_(project_ids))
            .group_by(ProjectPayment.project_id, ProjectPayment.kind)):
        sums.setdefault(project_id, {})[kind] = int(pence)
    return {pid: Money(paid_pence=by.get(PaymentKind.PAID, 0),
                       returned_pence=by.get(PaymentKind.RETURNED, 0))
            for pid, by in sums.items()}


async def record_payment(session: AsyncSession, project: Project, kind: PaymentKind,
                         pence: int, by: int, now: datetime) -> str | None:
    """Record it, or say why not (a locale key) and record nothing."""
    money = (await money_of(session, [project.id])).get(project.id, Money())
    problem = payment_problem(money, kind, pence)
    if problem is None:
        session.add(ProjectPayment(project_id=project.id, kind=kind.value, amount_pence=pence,
                                   recorded_by=by, recorded_at=now))
        await session.flush()
    return problem


# --- /mydata and /forget ----------------------------------------------------------------------


async def export_person(session: AsyncSession, telegram_id: int) -> dict[str, Any]:
    updates = await session.scalars(select(ProjectUpdate).where(
        ProjectUpdate.author_telegram_id == telegram_id).order_by(ProjectUpdate.id))
    projects = await session.scalars(select(Project.id).where(
        Project.owner_telegram_id == telegram_id).order_by(Project.id))
    return {
        "projects_you_report_on": list(projects),
        "project_updates": [{"project": u.project_id, "at": u.created_at.isoformat(),
                             "words": u.text, "photo": u.photo_file_id is not None,
                             "voice_note": u.voice_file_id is not None,
                             "spent": u.spent_pence, "status": u.status,
                             "hidden": u.hidden} for u in updates],
        "projects_you_follow": await followed_rounds(session, telegram_id),
    }


async def erase_person(session: AsyncSession, telegram_id: int) -> None:
    await session.execute(update(ProjectUpdate).where(
        ProjectUpdate.author_telegram_id == telegram_id)
        .values(author_telegram_id=None, voice_file_id=None)
        .execution_options(synchronize_session=False))
    await session.execute(update(Project).where(Project.owner_telegram_id == telegram_id)
                          .values(owner_telegram_id=None)
                          .execution_options(synchronize_session=False))
    await session.execute(delete(ProjectFollow).where(ProjectFollow.telegram_id == telegram_id))
    await session.execute(update(ProjectPayment).where(ProjectPayment.recorded_by == telegram_id)
                          .values(recorded_by=None).execution_options(synchronize_session=False))
