"""Opens and closes voting at the times set on each round, and tells the organisers.

Every process runs this loop; the status change is one UPDATE … RETURNING, so only the process
whose statement moved a round tells anyone, and the notes carry dedupe keys besides.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from html import escape

from aiogram_i18n.cores import BaseCore
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs.periodic import Periodic
from bot.jobs.vote_notices import opening
from models.ballot_notices import tell_voting_open
from models.base import utcnow
from models.organiser import organiser_locales
from models.outbox import Kind, NewMessage, enqueue, html_payload
from models.round import get_round
from models.voting import apply_voting_windows, clean_after_seal

log = logging.getLogger(__name__)


class VotingMonitor(Periodic):
    def __init__(self, session_maker: async_sessionmaker[AsyncSession], core: BaseCore, *,
                 organiser_ids: frozenset[int], default_locale: str,
                 wake_sender: Callable[[], None] = lambda: None, interval: float = 30.0) -> None:
        super().__init__(interval)
        self._session_maker = session_maker
        self._core = core
        self._organiser_ids = organiser_ids
        self._default_locale = default_locale
        self._wake_sender = wake_sender

    async def tick(self, now: datetime | None = None) -> tuple[list[int], list[int]]:
        """(opened, closed) round ids; each change is told to every organiser once."""
        now = now or utcnow()
        async with self._session_maker.begin() as session:
            opened, closed = await apply_voting_windows(session, now)
            changes = [(i, "opened") for i in opened] + [(i, "closed") for i in closed]
            if changes:
                await enqueue(session, await self._notes(session, changes, now))
            for round_id in opened:  # residents who took part are told too, once each
                round_ = await get_round(session, round_id)
                await tell_voting_open(session, round_, opening(
                    self._core, self._default_locale, round_), now)
        if closed:  # their boxes were sealed: no old keyed ballot left readable
            await clean_after_seal(self._session_maker.kw["bind"])
        if changes:
            log.info("voting opened in rounds %s, closed in rounds %s", opened, closed)
            self._wake_sender()
        return opened, closed

    async def _notes(self, session: AsyncSession, changes: list[tuple[int, str]],
                     now: datetime) -> list[NewMessage]:
        organisers = await organiser_locales(session, self._organiser_ids)
        notes = []
        for round_id, change in changes:
            round_ = await get_round(session, round_id)
            for chat_id, locale in organisers.items():
                locale = locale or self._default_locale
                text = self._core.get(f"va-auto-{change}", locale,
                                      round=escape(round_.name(locale)))
                notes.append(NewMessage(
                    dedupe_key=f"vwin:{round_id}:{change}:{chat_id}", chat_id=chat_id,
                    kind=Kind.TEXT, payload=html_payload(text), due_at=now))
        return notes
