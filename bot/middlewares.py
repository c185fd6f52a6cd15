"""Outer middlewares, in the order they run for each update.

-. `InFlightMiddleware` counts updates being handled, so shutdown lets them finish first.
0. `bot.throttling.ThrottlingMiddleware` slows down, then drops, a flood from one person.
1. `DatabaseMiddleware` drops an update whose id was already handled (Telegram re-delivers),
   opens one session per update and passes handlers `session` and `user` (the
   `models.user.User` row of whoever sent the update, created on first contact) and
   `voting_rounds` (this process's copies of rounds, models/round_cache.py). It commits
   once the handlers return, so handlers never commit. On PostgreSQL it also waits for the
   person's turn (one update per person at a time, across processes).
2. (aiogram) the FSM middleware: the conversation state, read in that turn.
3. (aiogram-i18n) the person's language.

`AuditMiddleware` is an inner middleware of the organiser router: it runs only once a handler
there has accepted the update, and records the organiser's command or button.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from aiogram import BaseMiddleware
from aiogram import methods as telegram_methods
from aiogram.methods.base import Response, TelegramMethod
from aiogram.types import CallbackQuery, Message, TelegramObject, Update
from aiogram.types import User as TelegramUser
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import first_locale
from bot.storage import update_session
from models.audit import Event, record, recorded_in
from models.processed_update import Claimed, claim_update, claim_update_in_turn
from models.round_cache import RoundCache, VotingRounds
from models.user import get_or_create_user

log = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

# aiogram checks every Bot API answer with the pydantic model `Response[<method's result>]`.
# pydantic keeps parametrised models only in a weak cache, so once nothing refers to one the
# garbage collector drops it and the next call builds it again (~10 ms of CPU each time: it
# was a tenth of all the bot's CPU under load). Holding them here keeps them built.
_RESPONSE_MODELS = [Response[returning] for returning in {
    method.__returning__ for method in vars(telegram_methods).values()
    if isinstance(method, type) and issubclass(method, TelegramMethod)
    and method is not TelegramMethod}]


class InFlightMiddleware(BaseMiddleware):
    """Shutdown closes the FSM storage (Redis connections) and unloads the translations; an
    update still being handled then would fail half-way. `wait_idle` runs first at shutdown."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]):
        self._count += 1
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self._count -= 1
            if self._count == 0:
                self._idle.set()

    async def wait_idle(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        with suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), timeout)
        if self._count:
            log.warning("shutting down with %s updates still being handled", self._count)


class DatabaseMiddleware(BaseMiddleware):
    """One session per update; an update id already handled (Telegram re-delivers, or another
    process got it too) is dropped before any handler runs.

    On PostgreSQL the id is claimed in the handler's own transaction, in the same statement
    that waits for the person's turn (an advisory lock until the transaction ends): one
    person's updates run one at a time across processes, and the FSM middleware, which runs
    next, reads their conversation inside that turn. A second process with the same update
    waits its turn, then finds the claim and skips; if the handler fails, the claim goes with
    it. SQLite allows one writer at a time, so there the claim is committed on its own first:
    the handler's transaction then takes the write lock only if it writes, not for the whole
    update; the person's turn is the FSM middleware's lock (one process)."""

    def __init__(self, session_maker: async_sessionmaker[AsyncSession], *,
                 claim_apart: bool, default_locale: str = "en") -> None:
        self._session_maker = session_maker
        self._claim_apart = claim_apart
        # A newcomer's language, stored with their row when their app's is neither cy nor en.
        self._default_locale = default_locale
        self._round_cache = RoundCache()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]):
        assert isinstance(event, Update)
        if self._claim_apart:
            async with self._session_maker.begin() as session:
                if not await claim_update(session, event.update_id):
                    return _skipped(event)
        telegram_user: TelegramUser | None = data.get("event_from_user")
        for attempt in (1, 2):
            async with self._session_maker() as session:
                try:
                    claim = (Claimed(rounds_version=None) if self._claim_apart
                             else await _claim_in_turn(session, event.update_id, telegram_user))
                    if claim is None:
                        return _skipped(event)
                    user = None
                    if telegram_user and not telegram_user.is_bot:
                        user = await get_or_create_user(
                            session, telegram_user.id, claim.user,
                            locale=first_locale(telegram_user, self._default_locale))
                except DBAPIError as exc:
                    # The server had dropped this pooled connection (a restart, an idle
                    # timeout; there is no pre-ping, see models/db.py). SQLAlchemy has now
                    # discarded it and the older ones, and nothing has happened yet: again.
                    if attempt == 2 or not exc.connection_invalidated:
                        raise
                    log.warning("database connection lost; update %s tried again",
                                event.update_id)
                    continue
                data["voting_rounds"] = VotingRounds(self._round_cache, session,
                                                     claim.rounds_version)
                return await self._handle(handler, event, data, session, user)

    @staticmethod
    async def _handle(handler: Handler, event: TelegramObject, data: dict[str, Any],
                      session: AsyncSession, user: Any) -> Any:
        token = update_session.set(session)
        data["session"], data["user"] = session, user
        # Work that must wait for the commit (a handler appends coroutine functions): the
        # SQLite checkpoint after /forget (models/personal_data.py).
        data["after_commit"] = after_commit = []
        try:
            result = await handler(event, data)
            await session.commit()
        finally:
            update_session.reset(token)
        for job in after_commit:
            await job()
        return result


async def _claim_in_turn(session: AsyncSession, update_id: int,
                         telegram_user: TelegramUser | None) -> Claimed | None:
    if telegram_user is None:  # no person, no conversation to keep in order
        return Claimed(rounds_version=None) if await claim_update(session, update_id) else None
    return await claim_update_in_turn(session, update_id, telegram_user.id)


def _skipped(event: Update) -> None:
    log.info("update %s already handled; skipped", event.update_id)


class AuditMiddleware(BaseMiddleware):
    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]):
        result = await handler(event, data)
        actor: TelegramUser | None = data.get("event_from_user")
        session: AsyncSession = data["session"]
        # A handler that recorded what it did in words has said it better than this can.
        if actor is not None and not recorded_in(session):
            code, detail = _describe(event, data.get("raw_state"))
            await record(session, actor.id, code, actor_name=actor.first_name, **detail)
        return result


def _describe(event: TelegramObject, state: str | None) -> tuple[str, dict[str, str]]:
    """The command, the button's area or the conversation's step; never free text (it may
    be a resident's words) and never raw callback data."""
    if isinstance(event, CallbackQuery):
        return Event.BUTTON, {"area": (event.data or "").split(":")[0][:8]}
    if isinstance(event, Message) and event.text and event.text.startswith("/"):
        return Event.COMMAND, {"command": event.text.split()[0][1:].split("@")[0][:32]}
    return Event.ANSWER, {"step": (state or "").split(":")[0][:32]}
