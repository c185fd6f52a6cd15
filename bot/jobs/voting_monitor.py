"""Opens and closes voting at the times set on each round, and tells the organisers.

Every process runs this loop; the status change is one UPDATE … RETURNING, so only the process
whose statement moved a round tells anyone, and the notes carry dedupe keys besides.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs.notifier import Notifier
from bot.jobs.periodic import Periodic
from models.base import utcnow
from models.organiser import organiser_ids
from models.round import get_round
from models.voting import apply_voting_windows, clean_after_seal

log = logging.getLogger(__name__)


class VotingMonitor(Periodic):
    def __init__(self, session_maker: async_sessionmaker[AsyncSession], notifier: Notifier, *,
                 organiser_ids: frozenset[int],
                 wake_sender: Callable[[], None] = lambda: None, interval: float = 30.0) -> None:
        super().__init__(interval)
        self._session_maker = session_maker
        self._notices = notifier.votes
        self._organiser_ids = organiser_ids
        self._wake_sender = wake_sender

    async def tick(self, now: datetime | None = None) -> tuple[list[int], list[int]]:
        """(opened, closed) round ids; each change is told to every organiser once."""
        now = now or utcnow()
        async with self._session_maker.begin() as session:
            opened, closed = await apply_voting_windows(session, now)
            changes = [(await get_round(session, i), "opened") for i in opened] + [
                (await get_round(session, i), "closed") for i in closed]
            if changes:
                await self._notices.voting_windows(
                    session, await organiser_ids(session, self._organiser_ids), changes, now)
            for round_, change in changes:  # residents who took part are told too, once each
                if change == "opened":
                    await self._notices.voting_open(session, round_, now)
        if closed:  # their boxes were sealed: no old keyed ballot left readable
            await clean_after_seal(self._session_maker.kw["bind"])
        if changes:
            log.info("voting opened in rounds %s, closed in rounds %s", opened, closed)
            self._wake_sender()
        return opened, closed
