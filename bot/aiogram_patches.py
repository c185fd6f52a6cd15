"""Every place pbchat reaches past aiogram's public API, in one module.

Each function here leans on something aiogram does not promise to keep (a private attribute,
the order it registers its own middleware or shutdown handlers, how it runs a plain filter).
tests/unit/test_aiogram_patches.py checks each of those things directly, so an aiogram upgrade
that changes one fails there, with the name of the thing, not somewhere in a conversation.
Checked against aiogram 3.31, which has no public way to do any of these.

`bot/json_session.py` also subclasses aiogram's session (its `build_form_data` hook);
tests/unit/test_json_session.py checks the bodies on the wire.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from aiogram import Dispatcher, Router
from aiogram.dispatcher.event.handler import FilterObject, HandlerObject
from aiogram.dispatcher.event.telegram import TelegramEventObserver


def router_filters(observer: TelegramEventObserver) -> list[FilterObject]:
    """The checks `observer.filter(...)` added for the whole router (aiogram's `_handler`)."""
    handler = observer._handler
    if handler.filters is None:
        handler.filters = []
    return handler.filters


def all_filters(observer: TelegramEventObserver) -> Iterator[FilterObject]:
    """The router's own checks, then every handler's, of one kind of update."""
    for handler in [observer._handler, *observer.handlers]:
        yield from handler.filters or ()


def run_in_loop(event_filter: FilterObject) -> bool:
    """Make a plain (synchronous) filter a coroutine, so aiogram calls it on the event loop
    instead of through `asyncio.to_thread`. True if it was plain.

    aiogram decides thread or loop by the filter's `awaitable`, read on every call."""
    if event_filter.awaitable:
        return False
    event_filter.callback = _in_loop(event_filter.callback)
    event_filter.awaitable = True
    return True


def _in_loop(check: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    # The filter's accepted parameters were read from `check` already; this keeps them.
    async def in_loop(*args: Any, **kwargs: Any) -> Any:
        return check(*args, **kwargs)

    return in_loop


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


def take_out_fsm_middleware(dp: Dispatcher) -> None:
    """Unregister aiogram's FSM middleware (`dp.fsm`), so that middlewares registered next
    run before it once it is registered again.

    aiogram registers it among the update's outer middlewares when the Dispatcher is made."""
    dp.update.outer_middleware.unregister(dp.fsm)


def run_first_at_shutdown(dp: Dispatcher, callback: Callable[..., Awaitable[Any]]) -> None:
    """Run `callback` before aiogram's own shutdown handlers (closing the FSM storage) and
    any registered later (aiogram-i18n closing its locales)."""
    dp.shutdown.handlers.insert(0, HandlerObject(callback=callback))
