"""Who may do what. Organiser-only routers sit behind `IsOrganiser`, applied once in handlers/."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.dispatcher.event.handler import FilterObject
from aiogram.filters import BaseFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import CallbackQuery, TelegramObject
from aiogram.types import User as TelegramUser
from sqlalchemy.ext.asyncio import AsyncSession

from bot.aiogram_patches import all_filters, router_filters, run_in_loop
from bot.settings import Settings
from models.organiser import is_organiser


class IsOrganiser(BaseFilter):
    async def __call__(self, event: TelegramObject, settings: Settings, session: AsyncSession,
                       event_from_user: TelegramUser | None = None) -> bool:
        if event_from_user is None:
            return False
        return await is_organiser(session, event_from_user.id, settings.organiser_ids)


# An answer inside a conversation; commands (/help, /audit...) pass through to their handlers.
IS_ANSWER = ~F.text.startswith("/")


def run_filters_in_loop(router: Router) -> int:
    """Make every plain (synchronous) filter under `router` run on the event loop.

    aiogram runs a filter that is not a coroutine (a bare `State`, an `F` expression) through
    `asyncio.to_thread`: a hop to a worker thread and back for every check of every update.
    They are all tiny, pure checks, so under load the hops cost more than the checks (about
    5% of the bot's CPU per vote tap). Returns how many were changed."""
    changed = 0
    for observer in router.observers.values():
        changed += sum(run_in_loop(event_filter) for event_filter in all_filters(observer))
    return changed + sum(run_filters_in_loop(child) for child in router.sub_routers)


class ButtonPrefixes(BaseFilter):
    """A button whose callback data starts with one of `prefixes` (`prefix:`), unparsed."""

    def __init__(self, prefixes: set[str]) -> None:
        self.prefixes = frozenset(prefixes)

    async def __call__(self, query: CallbackQuery) -> bool:
        return (query.data or "").partition(":")[0] in self.prefixes


def gate_buttons_by_prefix(router: Router) -> int:
    """Give each router whose every button handler takes one kind of CallbackData a check of
    those prefixes, made once for the router.

    aiogram tries a button on each handler in turn, and each try unpacks the callback data
    into a model: a vote tap met 35 handlers of other routers first (about a tenth of the
    bot's CPU per tap). Now a router of other buttons is passed over with one string split.
    Returns how many routers were gated (none twice: routers outlive a dispatcher)."""
    gated = 0
    observer = router.callback_query
    own = router_filters(observer)
    prefixes = {_prefix(handler) for handler in observer.handlers}
    if (observer.handlers and None not in prefixes
            and not any(isinstance(f.callback, ButtonPrefixes) for f in own)):
        # First among the router's own checks: it is the cheapest.
        own.insert(0, FilterObject(ButtonPrefixes(prefixes)))
        gated = 1
    return gated + sum(gate_buttons_by_prefix(child) for child in router.sub_routers)


def _prefix(handler: Any) -> str | None:
    for handler_filter in handler.filters or ():
        if isinstance(handler_filter.callback, CallbackQueryFilter):
            callback_data = handler_filter.callback.callback_data
            if callback_data.__separator__ == ":":
                return callback_data.__prefix__
    return None  # takes buttons of another kind (or any): the router can't be gated
