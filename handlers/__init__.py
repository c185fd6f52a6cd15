"""All routers in the order they get a chance at an update; the catch-all comes last."""

from __future__ import annotations

from aiogram import Router

from handlers import cancel, errors, fallback, help, language, menu, privacy, start


def get_routers() -> list[Router]:
    return [
        errors.router,
        cancel.router,
        start.router,
        language.router,
        help.router,
        privacy.router,
        menu.router,
        fallback.router,
    ]
