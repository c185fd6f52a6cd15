"""Every place pbchat reaches past aiogram's public API, in one module.

Each function here leans on something aiogram does not promise to keep (a private attribute,
the order it registers its own middleware or shutdown handlers, how it runs a plain filter).
tests/test_aiogram_patches.py checks each of those things directly, so an aiogram upgrade
that changes one fails there, with the name of the thing, not somewhere in a conversation.
Checked against aiogram 3.31, which has no public way to do any of these.

`bot/json_session.py` also subclasses aiogram's session (its `build_form_data` hook);
tests/test_json_session.py checks the bodies on the wire.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Dispatcher, Router
from aiogram.dispatcher.event.handler import FilterObject, HandlerObject
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.filters import BaseFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import CallbackQuery


def router_filters(observer: TelegramEventObserver) -> list[FilterObject]:
    """The checks `observer.filter(...)` added for the whole router (aiogram's `_handler`)."""
    handler = observer._handler
    if handler.filters is None:
        handler.filters = []
    return handler.filters


def run_filters_in_loop(router: Router) -> int:
    """Make every plain (synchronous) filter under `router` run on the event loop.

    aiogram runs a filter that is not a coroutine (a bare `State`, an `F` expression) through
    `asyncio.to_thread`: a hop to a worker thread and back for every check of every update.
    They are all tiny, pure checks, so under load the hops cost more than the checks (about
    5% of the bot's CPU per vote tap). Returns how many were changed."""
    changed = 0
    for observer in router.observers.values():
        for handler in [observer._handler, *observer.handlers]:
            for event_filter in handler.filters or ():
                if not event_filter.awaitable:
                    # aiogram reads `awaitable` on each call to choose thread or loop.
                    event_filter.callback = _in_loop(event_filter.callback)
                    event_filter.awaitable = True
                    changed += 1
    return changed + sum(run_filters_in_loop(child) for child in router.sub_routers)


def _in_loop(check: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    # The filter's accepted parameters were read from `check` already; this keeps them.
    async def in_loop(*args: Any, **kwargs: Any) -> Any:
        return check(*args, **kwargs)

    return in_loop


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
        # First among the router's own checks: it is the cheapest. (`observer.filter` would
        # put it last.)
        own.insert(0, FilterObject(ButtonPrefixes(prefixes)))
        gated = 1
    return gated + sum(gate_buttons_by_prefix(child) for child in router.sub_routers)


def _prefix(handler: HandlerObject) -> str | None:
    for handler_filter in handler.filters or ():
        if isinstance(handler_filter.callback, CallbackQueryFilter):
            callback_data = handler_filter.callback.callback_data
            if callback_data.__separator__ == ":":
                return callback_data.__prefix__
    return None  # takes buttons of another kind (or any): the router can't be gated


def detach_router(router: Router) -> Router:
    """Untie a module-level router from the Dispatcher it was last included in.

    aiogram ties a router to one parent for life (its `parent_router` setter refuses a
    second one); a restart in-process (tests, benchmarks) builds a new Dispatcher on the
    same module-level routers, so each is untied from the old one first."""
    parent = router.parent_router
    if parent is not None:
        parent.sub_routers.remove(router)
        router._parent_router = None
    return router


def outer_middlewares_before_fsm(dp: Dispatcher, *middlewares: Any) -> None:
    """Register update middlewares so they run before aiogram's FSM middleware.

    aiogram registers its FSM middleware (`dp.fsm`) as the first outer middleware when the
    Dispatcher is made; it is taken out and put back after ours. Flood control must come
    before the per-person lock that the FSM middleware's state read waits for, or a flood
    would be queued and fed through slowly instead of dropped."""
    dp.update.outer_middleware.unregister(dp.fsm)
    for middleware in middlewares:
        dp.update.outer_middleware(middleware)
    dp.update.outer_middleware(dp.fsm)


def run_first_at_shutdown(dp: Dispatcher, callback: Callable[..., Awaitable[Any]]) -> None:
    """Run `callback` before aiogram's own shutdown handlers (closing the FSM storage) and
    any registered later (aiogram-i18n closing its locales)."""
    dp.shutdown.handlers.insert(0, HandlerObject(callback=callback))
