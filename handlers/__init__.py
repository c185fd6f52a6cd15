"""All routers in the order they get a chance at an update; the catch-all comes last."""

from __future__ import annotations

from aiogram import Router

from handlers import cancel, errors, fallback, help, language, menu, privacy, start


def get_routers() -> list[Router]:
    routers = [
        errors.router,
        cancel.router,
        start.router,
        language.router,
        help.router,
        privacy.router,
        menu.router,
        fallback.router,
    ]
    return [_detached(router) for router in routers]


def _detached(router: Router) -> Router:
    # aiogram ties a module-level router to one parent for life; a restart in-process (tests,
    # benchmarks) builds a new Dispatcher, so untie it from the old one first.
    parent = router.parent_router
    if parent is not None:
        parent.sub_routers.remove(router)
        router._parent_router = None
    return router
