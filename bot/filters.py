"""Who may do what. Organiser-only routers sit behind `IsOrganiser`, applied once in handlers/."""

from __future__ import annotations

from aiogram.filters import BaseFilter
from aiogram.types import TelegramObject
from aiogram.types import User as TelegramUser

from bot.settings import Settings


class IsOrganiser(BaseFilter):
    async def __call__(self, event: TelegramObject, settings: Settings,
                       event_from_user: TelegramUser | None = None) -> bool:
        return event_from_user is not None and event_from_user.id in settings.organiser_ids
