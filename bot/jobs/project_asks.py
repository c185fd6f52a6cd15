"""A project's asks and nudges kept in step with its group and its round's schedule.

Publishing plans the owner's asks (bot/jobs/project_notices.py). Afterwards the group and the
schedule can change: a co-owner joins or leaves, an organiser changes the round's schedule.
`ProjectAsks.sync` then makes the outbox say what it should, for every person in the group,
without ever sending anything twice:

- the owner's rows keep their keys (`proj:<project>:ask:<n>`, `proj:<project>:nudge:<n>`);
  a co-owner's carry their id (`proj:<project>:ask:<n>:<person>`), each in their language;
- a row is only ever rewritten while pending (its time, its words, "is it finished?" moving
  to the new last ask) or cancelled; a row sent, or being sent, is left alone;
- an ask whose time has passed is not planned (no backlog of old asks for someone who joins
  late, or when the schedule moves an ask into the past); a pending row already due is in
  the delivery worker's hands and left alone;
- a nudge is planned only while the group has not reported since its ask (someone who joins
  after an ask, before its nudge, gets the nudge);
- a cancelled row whose ask is wanted again (a schedule that grew back, someone re-invited)
  is made pending again: its dedupe key is taken, so it cannot be inserted twice.

A hand-over (`hand_over`) first gives the owner's rows not yet sent to the new owner (the
owner's keys name no person), then syncs: the new owner's rows as a co-owner are withdrawn,
the old owner's as a co-owner planned, each in their own language. Rows already due stay
with the delivery worker, so whoever they were for gets them, and nobody gets an ask twice.
All of it is in the hand-over's own transaction: a restart finds it done or not begun.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.project_notices import ProjectNotices, ask_key, nudge_key
from bot.ui import project_handover_view as handover_view
from bot.ui import project_view as view
from bot.ui.callbacks.projects import ProjectAction
from bot.ui.event_keyboards import as_payload
from bot.ui.names import name_text
from models import project as projects
from models import project_team as team
from models.base import utcnow
from models.outbox import NewMessage, OutboxMessage, Status, enqueue
from models.project import NUDGE_AFTER, Project
from models.project_handover import Handed
from models.project_owner_link import Claimed, NewLink
from models.round import Round
from models.update_schedule import MAX_ASKS


def owner_keys(project_id: int) -> list[str]:
    """Every key an owner's ask or nudge of this project may have (no person in them)."""
    return [key(project_id, n) for n in range(1, MAX_ASKS + 1) for key in (ask_key, nudge_key)]


def person_key(key: str, owner: bool, telegram_id: int) -> str:
    return key if owner else f"{key}:{telegram_id}"


@dataclass(frozen=True)
class ProjectAsks:
    notices: ProjectNotices

    async def sync(self, session: AsyncSession, round_: Round, made: list[Project],
                   now: datetime, *, only: int | None = None) -> int:
        """Make the asks and nudges of these projects right; `only`: one person's rows (someone
        who just joined). Returns how many rows were added or rewritten."""
        made = [p for p in made if not p.finished]
        if not made:
            return 0
        ids = [p.id for p in made]
        members = await team.member_ids(session, ids)
        group = {p.id: [(tid, tid == p.owner_telegram_id) for tid in
                        ([p.owner_telegram_id] if p.owner_telegram_id is not None else [])
                        + members.get(p.id, []) if only is None or tid == only]
                 for p in made}
        locales = await self.notices.languages(session, {tid for people in group.values()
                                                        for tid, _ in people})
        reports = await projects.last_reports(session, ids)
        bids = await projects.project_bids(session, made)
        wanted: dict[str, NewMessage] = {}
        for project in made:
            for telegram_id, owner in group[project.id]:
                if telegram_id in locales:
                    wanted |= self._wanted(project, bids.get(project.bid_id), round_,
                                           telegram_id, owner, locales[telegram_id],
                                           reports.get(project.id), now)
        existing = await self._rows(session, ids, only)
        changed = 0
        for key, row in existing.items():
            want = wanted.pop(key, None)
            if row.status == Status.PENDING and row.due_at <= now:
                continue  # due already: the delivery worker has it
            if want is None:
                if row.status == Status.PENDING:
                    changed += await _set(session, row, status=Status.CANCELLED.value)
            elif row.status in (Status.PENDING, Status.CANCELLED) and (
                    row.status != Status.PENDING or row.due_at != want.due_at
                    or row.payload != want.payload):
                changed += await _set(session, row, status=Status.PENDING.value,
                                      due_at=want.due_at, payload=want.payload)
        changed += await enqueue(session, [want for _, want in sorted(wanted.items())])
        return changed

    def _wanted(self, project: Project, bid, round_: Round, telegram_id: int, owner: bool,
                locale: str, last_report: datetime | None, now: datetime
                ) -> dict[str, NewMessage]:
        t = self.notices.texts(locale)
        name = name_text(t, round_)
        button = as_payload(view.one_button(t, "pj-update-button", ProjectAction.UPDATE,
                                            project))
        found = {}
        for n, due in projects.ask_times(project):
            if due > now:
                key = "pj-ask-final" if projects.is_last_ask(project, n) else "pj-ask"
                mine = person_key(ask_key(project.id, n), owner, telegram_id)
                found[mine] = self.notices.message(
                    mine, telegram_id, view.ask_text(t, key, bid, name, project), due, button)
            if due + NUDGE_AFTER > now and (last_report is None or last_report < due):
                mine = person_key(nudge_key(project.id, n), owner, telegram_id)
                found[mine] = self.notices.message(
                    mine, telegram_id, view.ask_text(t, "pj-nudge", bid, name, project),
                    due + NUDGE_AFTER, button)
        return found

    async def _rows(self, session: AsyncSession, project_ids: list[int],
                    only: int | None) -> dict[str, OutboxMessage]:
        found = {}
        for project_id in project_ids:
            query = select(OutboxMessage).where(
                OutboxMessage.dedupe_key.like(f"proj:{project_id}:%"))
            if only is not None:
                query = query.where(OutboxMessage.chat_id == only)
            for row in await session.scalars(query.execution_options(populate_existing=True)):
                found[row.dedupe_key] = row
        return found

    async def tell(self, session: AsyncSession, key: str, telegram_id: int | None,
                   message: str, name: str) -> None:
        """One message about the group to one person, in their language, exactly once (`key`
        names the membership it is about). It names the project only, never who joined or
        left, so nobody's /forget leaves their name in someone else's messages."""
        locale = (await self.notices.languages(session, {telegram_id} if telegram_id else set())
                  ).get(telegram_id)
        if locale is None:
            return
        text = self.notices.texts(locale).get(message, name=name)
        await enqueue(session, [self.notices.message(key, telegram_id, text, utcnow())])

    async def hand_over(self, session: AsyncSession, round_: Round, project: Project,
                        old_owner: int | None, new_owner: int, now: datetime) -> None:
        """The project went from `old_owner` (None: gone, their rows with them) to
        `new_owner`: the outbox follows (see the module's note)."""
        if old_owner is not None:
            await session.execute(update(OutboxMessage).where(
                OutboxMessage.dedupe_key.in_(owner_keys(project.id)),
                OutboxMessage.chat_id == old_owner,
                or_(OutboxMessage.status == Status.CANCELLED.value,
                    and_(OutboxMessage.status == Status.PENDING.value,
                         OutboxMessage.due_at > now)))
                .values(chat_id=new_owner).execution_options(synchronize_session=False))
        await self.sync(session, round_, [project], now)

    async def handed_over(self, session: AsyncSession, handed: Handed, round_: Round,
                          name: str) -> None:
        """After a hand-over: the asks follow the owner, and the new owner (and an old owner
        still here who did not tap Yes themselves) are told once, in their language; the
        project's hand-over count names the messages."""
        project = handed.project
        await self.hand_over(session, round_, project, handed.old_owner, handed.new_owner,
                             utcnow())
        key = f"pg:{project.id}:handed:{handed.turn}"
        await self.tell(session, f"{key}:new", handed.new_owner,
                        handover_view.TOLD_NEW[handed.way], name)
        if (told := handover_view.told_old(handed)) is not None:
            await self.tell(session, f"{key}:old", handed.old_owner, told, name)

    async def claimed(self, session: AsyncSession, claimed: Claimed, round_: Round,
                      name: str) -> None:
        """Someone took a project's owner's place by an organiser's link: the asks follow the
        owner as in a hand-over (an empty place's are planned for them; their rows as a
        co-owner are withdrawn; a replaced owner's become theirs, and the replaced owner gets
        a co-owner's). The organiser who made the link, and a replaced owner, are told once,
        in their language; the new owner is answered in the chat."""
        await self.hand_over(session, round_, claimed.project, claimed.old_owner,
                             claimed.new_owner, utcnow())
        key = f"pg:{claimed.project.id}:handed:{claimed.turn}"
        await self.tell(session, f"{key}:maker", claimed.made_by, "pgo-told-maker", name)
        if claimed.old_owner is not None:
            await self.tell(session, f"{key}:old", claimed.old_owner,
                            handover_view.told_replaced(claimed.old_kept), name)

    async def link_made(self, session: AsyncSession, link: NewLink, name: str) -> None:
        """An organiser made a link for a new owner while the owner is still here: the owner is
        told once, in their language, that an update keeps their place (with the button for
        one), and that they stay in the group either way. Named by `link.mark`, so more links
        while they say nothing tell them nothing more. An empty place: nobody to tell."""
        if link.against is None:
            return
        locale = (await self.notices.languages(session, {link.against})).get(link.against)
        if locale is None:
            return
        t = self.notices.texts(locale)
        button = as_payload(view.one_button(t, "pj-update-button", ProjectAction.UPDATE,
                                            link.project))
        key = f"pg:{link.project.id}:link:{link.mark}"
        await enqueue(session, [self.notices.message(
            key, link.against, t.get("pgo-told-owner", name=name), utcnow(), button)])

    async def drop_person(self, session: AsyncSession, project_id: int,
                          telegram_id: int) -> None:
        """A co-owner left or was removed: their asks and nudges not yet sent are cancelled."""
        await session.execute(update(OutboxMessage).where(
            OutboxMessage.chat_id == telegram_id,
            OutboxMessage.dedupe_key.like(f"proj:{project_id}:%"),
            OutboxMessage.status == Status.PENDING.value)
            .values(status=Status.CANCELLED.value).execution_options(synchronize_session=False))


async def _set(session: AsyncSession, row: OutboxMessage, **values: object) -> int:
    # Guarded by status: a row the delivery worker claimed meanwhile is left alone.
    result = await session.execute(update(OutboxMessage).where(
        OutboxMessage.id == row.id, OutboxMessage.status == row.status).values(**values)
        .execution_options(synchronize_session=False))
    return result.rowcount
