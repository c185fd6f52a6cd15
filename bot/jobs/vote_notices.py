"""What people are told about a vote, through the one Notifier (`notifier.votes`): voting has
opened (to everyone who took part, and to the organisers when it happened on schedule); a
ballot is waiting for its Confirm; a reminder to those who may vote and have not; the results.
Models decide who (models/ballot/notices.py, models/eligibility.py, models/voting.py); this
renders each message in the person's language. Also the loop that plans the Confirm reminders.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable
from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs.periodic import Periodic
from bot.ui import results_view as view
from bot.ui.event_texts import LocaleTexts
from bot.ui.names import name_html
from bot.ui.vote_keyboards import vote_now_in
from models.ballot import votable_bids
from models.ballot.notices import took_part
from models.base import utcnow
from models.bid import BidStatus
from models.outbox import enqueue
from models.project import followers
from models.round import Round
from models.user import reachable_people

if TYPE_CHECKING:
    from bot.jobs.notifier import Notifier
    from models.ballot import Ballots

log = logging.getLogger(__name__)


def _round_name(round_: Round) -> Callable[[LocaleTexts], str]:
    """The round's name for each reader, marked for a Welsh reader if it has no Welsh."""
    return lambda texts: name_html(texts, round_)


def _vote_button(key: str, round_id: int) -> Callable[[LocaleTexts], object]:
    return lambda texts: vote_now_in(texts.get(key), round_id)


class VoteNotices:
    def __init__(self, notifier: Notifier) -> None:
        self._notifier = notifier

    async def voting_open(self, session: AsyncSession, round_: Round,
                          now: datetime | None = None) -> int:
        """'Voting is open' with a Vote button, once to everyone who took part in the round."""
        return await self._notifier.tell(
            session, await took_part(session, round_), "vote-opened-note",
            dedupe=f"vopen:{round_.id}:{{person}}", due_at=now, reachable=True,
            round=_round_name(round_), markup=_vote_button("vote-now", round_.id))

    async def voting_windows(self, session: AsyncSession, organisers: Iterable[int],
                             changes: list[tuple[Round, str]], now: datetime) -> int:
        """Each organiser hears once that voting opened or closed on schedule in a round."""
        organisers = list(organisers)
        told = 0
        for round_, change in changes:
            told += await self._notifier.tell(
                session, organisers, f"va-auto-{change}", due_at=now,
                dedupe=f"vwin:{round_.id}:{change}:{{person}}", round=_round_name(round_))
        return told

    async def finish_reminders(self, session: AsyncSession, *, now: datetime,
                               after: timedelta, ballots: Ballots) -> int:
        """'Your vote is waiting for Confirm', once to each person whose ballot has waited
        `after` (models.ballot.notices.claim_unfinished decides who, at most once)."""
        told = 0
        for round_, people in (await ballots.claim_unfinished(session, now=now,
                                                              after=after)).items():
            told += await self._notifier.tell(
                session, people, "vote-finish-note", due_at=now, reachable=True,
                dedupe=f"vfin:{round_.id}:{{person}}", round=_round_name(round_),
                markup=_vote_button("vote-finish-button", round_.id))
        return told

    async def voting_reminder(self, session: AsyncSession, round_: Round, number: int,
                              people: Iterable[int], now: datetime | None = None) -> int:
        """Reminder `number` to each of `people` (who may vote and have not); keys
        `vrem:<round>:<number>:u:<person>`, so planning the same reminder again adds nothing."""
        return await self._notifier.tell(
            session, people, "vx-reminder", due_at=now,
            dedupe=f"vrem:{round_.id}:{number}:u:{{person}}", round=_round_name(round_),
            markup=_vote_button("vote-now", round_.id))

    async def results(self, session: AsyncSession, round_: Round,
                      voters: Collection[int] | None = None) -> int:
        """The results are out (models.voting.publish_results has marked every bid): each group
        hears about its own bid, everyone else who can be reached that the results are out.
        Given `voters` (who voted, models.audience), the others get no "thank you for voting"."""
        now = utcnow()
        bids = [bid for bid in await votable_bids(session, round_.id)
                if bid.status in (BidStatus.FUNDED, BidStatus.NOT_FUNDED)]
        by_owner = {}
        for bid in bids:
            by_owner.setdefault(bid.owner_telegram_id, []).append(bid)
        notifier = self._notifier
        rows = []
        for owner, owned in by_owner.items():
            if owner is None:
                continue
            for bid in owned:
                won = bid.status == BidStatus.FUNDED
                rows += await notifier.messages(
                    session, [owner], lambda t, _, bid=bid, won=won: (
                        t.get("va-note-funded" if won else "va-note-not-funded",
                              title=escape(bid.title or ""), round=name_html(t, round_)),
                        view.why_mine(t, round_.id, bid)),
                    dedupe=f"result:{round_.id}:bid:{bid.id}", due_at=now, reachable=True)
        residents = [tid for tid in await reachable_people(session) if tid not in by_owner]
        # Voters who did not say yes at the receipt may still want news of what they funded;
        # the tap is checked again like the one on /projects (handlers/projects.py).
        # Only when something was funded: the projects (made in the same transaction) are
        # what one follows.
        funded = any(bid.status == BidStatus.FUNDED for bid in bids)
        following = set(await followers(session, round_.id))

        def resident(t: LocaleTexts, person: int) -> tuple[str, object]:
            plain = voters is not None and person not in voters
            key = "va-note-results-plain" if plain else "va-note-results"
            offer = (funded and voters is not None and person in voters
                     and person not in following)
            return (t.get(key, round=name_html(t, round_)),
                    view.see_results(t, round_.id, follow=offer))
        rows += await notifier.messages(session, residents, resident, due_at=now,
                                        dedupe=f"result:{round_.id}:user:{{person}}",
                                        reachable=True)
        return await enqueue(session, rows)


class FinishReminders(Periodic):
    """Every few minutes: one reminder to each person whose ballot has waited `after` for its
    Confirm (at most once, whatever the processes)."""

    def __init__(self, session_maker: async_sessionmaker[AsyncSession], notifier: Notifier, *,
                 after: timedelta, ballots: Ballots,
                 wake_sender: Callable[[], None] = lambda: None,
                 interval: float = 300.0) -> None:
        super().__init__(interval)
        self._session_maker = session_maker
        self._notices = notifier.votes
        self._after, self._ballots = after, ballots
        self._wake_sender = wake_sender

    async def tick(self, now: datetime | None = None) -> int:
        async with self._session_maker.begin() as session:
            queued = await self._notices.finish_reminders(
                session, now=now or utcnow(), after=self._after, ballots=self._ballots)
        if queued:
            log.info("reminded %d people to confirm their vote", queued)
            self._wake_sender()
        return queued
