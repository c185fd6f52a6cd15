"""Moves broadcasts along: plans the due ones, keeps the organiser's progress line current,
and writes the final report once.

All of it reads and writes the database, so it carries on correctly after a restart: a
broadcast due while the bot was down is planned at the next tick, and a finished one gets its
report through the outbox (exactly once) even if the process dies right after.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs.delivery import RateLimiter
from bot.jobs.notifier import Notifier
from bot.jobs.periodic import Periodic
from bot.ui.broadcast_keyboards import audience_label
from bot.ui.broadcast_texts import only_in_english_note
from bot.ui.event_texts import LocaleTexts
from bot.ui.keyboards import broadcast_stop
from bot.ui.unreached_text import retry_button, unreached_text
from models import broadcast as broadcasts
from models.ballot import Ballots
from models.base import utcnow
from models.outbox import enqueue
from models.unreached import can_retry

log = logging.getLogger(__name__)


class BroadcastMonitor(Periodic):
    def __init__(self, bot: Bot, session_maker: async_sessionmaker[AsyncSession],
                 notifier: Notifier,
                 *, limiter: RateLimiter, wake_sender: Callable[[], None], ballots: Ballots,
                 interval: float = 2.0, progress_every: float = 5.0,
                 wake: asyncio.Event | None = None) -> None:
        super().__init__(interval, wake=wake)
        self._bot = bot
        self._ballots = ballots
        self._session_maker = session_maker
        self._notifier = notifier
        self._limiter = limiter
        self._wake_sender = wake_sender
        self._shown: dict[int, str] = {}
        self._shown_at: dict[int, float] = {}
        self._progress_every = progress_every

    async def tick(self) -> None:
        async with self._session_maker.begin() as session:
            due = await broadcasts.due_scheduled(session)
            for broadcast in due:
                # The audience is worked out now, not when the organiser wrote it.
                members = await self._ballots.members(session, broadcasts.choice_of(broadcast))
                planned = await broadcasts.plan(
                    session, broadcast, members,
                    default_locale=self._notifier.default_locale,
                    only_in_english=only_in_english_note(self._notifier.core))
                log.info("broadcast %s planned for %s recipients", broadcast.id, planned)
        if due:
            self._wake_sender()
        async with self._session_maker.begin() as session:
            for broadcast in await broadcasts.sending(session):
                await self._follow(session, broadcast)

    async def _follow(self, session: AsyncSession, broadcast: broadcasts.Broadcast) -> None:
        progress = await broadcasts.progress(session, broadcast)
        i18n = await self._organiser_i18n(session, broadcast)
        eta = math.ceil(progress.waiting / self._limiter.rate) if progress.waiting else 0
        text = i18n.get("bc-progress", done=progress.done, total=progress.total,
                        unreachable=progress.unreachable, eta=eta)
        await self._show(broadcast, text, i18n if progress.waiting else None)
        if progress.waiting == 0 and await broadcasts.finish(session, broadcast.id):
            audience = audience_label(i18n, broadcasts.choice_of(broadcast))
            report = i18n.get("bc-report", audience=audience, recipients=broadcast.recipients,
                              delivered=progress.delivered, unreachable=progress.unreachable,
                              failed=progress.failed)
            found = await self._ballots.unreached(session, broadcast.id)
            report += unreached_text(i18n, found)
            markup = retry_button(i18n, broadcast.id, found) if can_retry(broadcast,
                                                                         found) else None
            # A second report follows a second try ("Try again for these").
            again = ":again" if broadcast.retried_at is not None else ""
            await enqueue(session, [self._notifier.message(
                f"bcreport:{broadcast.id}{again}", broadcast.organiser_chat_id, report,
                utcnow(), markup)])
            self._wake_sender()
            log.info("broadcast %s finished: %s", broadcast.id, progress)

    async def _organiser_i18n(self, session: AsyncSession, broadcast) -> LocaleTexts:
        return self._notifier.texts(
            await self._notifier.language(session, broadcast.organiser_chat_id))

    async def _show(self, broadcast: broadcasts.Broadcast, text: str,
                    i18n: LocaleTexts | None) -> None:
        """Edit the organiser's progress line, only when it changed (Telegram rejects no-ops).

        While sending it keeps its Stop button (`i18n` given) and is edited at most every
        `progress_every` seconds: each edit takes a message's place in the rate limit. The
        final edit drops the button and is never held back.
        """
        if broadcast.progress_message_id is None or self._shown.get(broadcast.id) == text:
            return
        now = time.monotonic()
        if i18n is not None and now - self._shown_at.get(broadcast.id, -math.inf) < (
                self._progress_every):
            return
        self._shown_at[broadcast.id] = now
        markup = broadcast_stop(i18n, broadcast.id) if i18n else None
        # Edits count against Telegram's limit like any message, so they queue with the rest.
        await self._limiter.acquire(broadcast.organiser_chat_id)
        try:
            await self._bot.edit_message_text(text=text, chat_id=broadcast.organiser_chat_id,
                                              message_id=broadcast.progress_message_id,
                                              reply_markup=markup)
            self._shown[broadcast.id] = text
        except TelegramAPIError as exc:
            log.warning("progress of broadcast %s not shown: %s", broadcast.id, exc)
