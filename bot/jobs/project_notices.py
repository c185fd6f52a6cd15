"""Messages about funded projects that the bot sends on its own: asks, nudges, round-ups.

Every one is an outbox row with a dedupe key and a due time (models/outbox.py), so planning
twice, restarting, or two processes planning at once send each message once:

- `proj:<project>:ask:<n>`: the group's n-th ask for an update, due n-th offset after results;
- `proj:<project>:nudge:<n>`: one gentle nudge NUDGE_AFTER later, cancelled while still pending
  once the group has sent an update after that ask (or finished the project);
- `projd:<person>:<yyyymmdd>`: a follower's round-up of the week ending that day, due then;
  re-rendered while pending when an update comes or is hidden, so one row a week at most.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.ui import project_view as view
from bot.ui.callbacks.projects import ProjectAction
from bot.ui.event_keyboards import as_payload
from bot.ui.event_texts import LocaleTexts
from bot.ui.names import name_text
from models import project as projects
from models.outbox import NewMessage, OutboxMessage, Status, enqueue
from models.project import NUDGE_AFTER, Project
from models.round import Round

if TYPE_CHECKING:
    from bot.jobs.notifier import Notifier


def ask_key(project_id: int, n: int) -> str:
    return f"proj:{project_id}:ask:{n}"


def nudge_key(project_id: int, n: int) -> str:
    return f"proj:{project_id}:nudge:{n}"


def digest_key(telegram_id: int, week_end: datetime) -> str:
    return f"projd:{telegram_id}:{week_end:%Y%m%d}"


class ProjectNotices:
    """The project notices of the one Notifier (bot/jobs/notifier.py): `notifier.projects`."""

    def __init__(self, notifier: Notifier) -> None:
        self._notifier = notifier

    def texts(self, locale: str | None) -> LocaleTexts:
        return self._notifier.texts(locale)

    async def languages(self, session: AsyncSession, ids: set[int]) -> dict[int, str]:
        return await self._notifier.languages(session, ids, reachable=True)

    def message(self, key: str, chat_id: int, text: str, due_at: datetime,
              markup: dict | None = None) -> NewMessage:
        return self._notifier.message(key, chat_id, text, due_at, markup)

    async def start_projects(self, session: AsyncSession, round_: Round,
                             ask_days: tuple[int, ...], now: datetime) -> list[Project]:
        """Results are out: a project per funded bid, and its group's asks and nudges planned."""
        made = await projects.create_projects(session, round_.id, ask_days, now)
        await self.plan_asks(session, round_, made)
        return made

    async def plan_asks(self, session: AsyncSession, round_: Round,
                        made: list[Project]) -> int:
        bids = await projects.project_bids(session, made)
        locales = await self.languages(session, {p.owner_telegram_id for p in made
                                                if p.owner_telegram_id is not None})
        messages = []
        for project in made:
            locale = locales.get(project.owner_telegram_id)
            if locale is None or project.finished:
                continue
            t = self.texts(locale)
            name = name_text(self.texts(locale), round_)
            button = as_payload(view.one_button(t, "pj-update-button", ProjectAction.UPDATE,
                                                project))
            for n, due in projects.ask_times(project):
                key = "pj-ask-final" if projects.is_last_ask(project, n) else "pj-ask"
                bid = bids.get(project.bid_id)
                messages.append(self.message(ask_key(project.id, n), project.owner_telegram_id,
                                      view.ask_text(t, key, bid, name, project), due, button))
                messages.append(self.message(nudge_key(project.id, n), project.owner_telegram_id,
                                      view.ask_text(t, "pj-nudge", bid, name, project),
                                      due + NUDGE_AFTER, button))
        return await enqueue(session, messages)

    async def after_update(self, session: AsyncSession, project: Project, now: datetime) -> None:
        """The group has reported: no nudge for an ask already made; nothing more at all once
        the project is done or stopped."""
        keys = [nudge_key(project.id, n) for n, due in projects.ask_times(project) if due <= now]
        if project.finished:
            keys = [f(project.id, n) for n, _ in projects.ask_times(project)
                    for f in (ask_key, nudge_key)]
        # Co-owners' rows are the same keys with ":<their id>" after (bot/jobs/project_asks.py).
        await session.execute(update(OutboxMessage).where(
            or_(OutboxMessage.dedupe_key.in_(keys),
                *(OutboxMessage.dedupe_key.like(f"{key}:%") for key in keys)),
            OutboxMessage.status == Status.PENDING.value)
            .values(status=Status.CANCELLED.value).execution_options(synchronize_session=False))

    async def sync_digests(self, session: AsyncSession, round_id: int, at: datetime,
                           only: int | None = None) -> None:
        """Make every follower's round-up (or only one person's) for the week of `at` say what
        it should: the shown updates of that week in the rounds they follow now. Rows already
        sent are never touched. A few queries for all the followers together, not per person."""
        start, end = projects.week_of(at)
        people = [only] if only is not None else await projects.followers(session, round_id)
        locales = await self.languages(session, set(people))
        if not locales:
            return
        follows = await projects.follows_of(session, list(locales))
        round_ids = sorted({r for rounds in follows.values() for r in rounds})
        items = await projects.updates_in(session, round_ids, start, end)
        bids = await projects.project_bids(session, [p for _, p in items])
        rounds = list(await session.scalars(select(Round).where(Round.id.in_(round_ids))))
        keys = {tid: digest_key(tid, end) for tid in locales}
        rows = {row.dedupe_key: row for row in await session.scalars(
            select(OutboxMessage).where(OutboxMessage.dedupe_key.in_(keys.values()))
            .execution_options(populate_existing=True))}
        new = []
        for telegram_id, locale in sorted(locales.items()):
            mine = [(u, p) for u, p in items if p.round_id in follows.get(telegram_id, ())]
            row = rows.get(keys[telegram_id])
            if row is not None and row.status not in (Status.PENDING, Status.CANCELLED):
                continue
            if not mine:
                if row is not None:
                    await _set(session, row, status=Status.CANCELLED.value)
                continue
            names = {r.id: name_text(self.texts(locale), r) for r in rounds}
            message = self.message(keys[telegram_id], telegram_id,
                            view.digest(self.texts(locale), mine, bids, names), end)
            if row is None:
                new.append(message)
            else:
                await _set(session, row, status=Status.PENDING.value, payload=message.payload)
        await enqueue(session, new)


async def _set(session: AsyncSession, row: OutboxMessage, **values: object) -> None:
    # Guarded by status: a row the delivery worker claimed meanwhile is left alone.
    await session.execute(update(OutboxMessage).where(
        OutboxMessage.id == row.id, OutboxMessage.status == row.status).values(**values)
        .execution_options(synchronize_session=False))
