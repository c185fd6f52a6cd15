"""What residents are told about a vote, rendered in each person's language for the outbox
(models/ballot_notices.py decides who and when): voting has opened; a ballot is waiting for
its Confirm. Also the loop that plans those reminders."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from aiogram_i18n.cores import BaseCore
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs.periodic import Periodic
from bot.ui.names import name_in
from bot.ui.vote_keyboards import vote_now_in
from models.ballot_notices import Render, remind_unfinished
from models.base import utcnow
from models.round import Round

log = logging.getLogger(__name__)


def _vote_button(core: BaseCore, locale: str, key: str, round_id: int) -> dict[str, Any]:
    return vote_now_in(core.get(key, locale), round_id).model_dump(exclude_none=True)


def opening(core: BaseCore, default_locale: str, round_: Round) -> Render:
    """'Voting is open' with a Vote button, in the reader's language."""
    def render(locale: str | None) -> tuple[str, dict[str, Any] | None]:
        locale = locale or default_locale
        text = core.get("vote-opened-note", locale, round=name_in(core, locale, round_))
        return text, _vote_button(core, locale, "vote-now", round_.id)
    return render


def finish(core: BaseCore, default_locale: str) -> Callable[[str | None, Round], tuple]:
    """'Your vote is waiting for Confirm' with a button back to the ballot."""
    def render(locale: str | None, round_: Round) -> tuple[str, dict[str, Any] | None]:
        locale = locale or default_locale
        text = core.get("vote-finish-note", locale, round=name_in(core, locale, round_))
        return text, _vote_button(core, locale, "vote-finish-button", round_.id)
    return render


class FinishReminders(Periodic):
    """Every few minutes: one reminder to each person whose ballot has waited `after` for its
    Confirm (models.ballot_notices.remind_unfinished: at most once, whatever the processes)."""

    def __init__(self, session_maker: async_sessionmaker[AsyncSession], core: BaseCore, *,
                 default_locale: str, after: timedelta, secret: bytes,
                 wake_sender: Callable[[], None] = lambda: None,
                 interval: float = 300.0) -> None:
        super().__init__(interval)
        self._session_maker = session_maker
        self._render = finish(core, default_locale)
        self._after, self._secret = after, secret
        self._wake_sender = wake_sender

    async def tick(self, now: datetime | None = None) -> int:
        async with self._session_maker.begin() as session:
            queued = await remind_unfinished(session, now=now or utcnow(), after=self._after,
                                             secret=self._secret, render=self._render)
        if queued:
            log.info("reminded %d people to confirm their vote", queued)
            self._wake_sender()
        return queued
