"""Who may do what. Organiser-only routers sit behind `IsOrganiser`, applied once in handlers/."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import BaseFilter
from aiogram.types import TelegramObject
from aiogram.types import User as TelegramUser
from sqlalchemy.ext.asyncio import AsyncSession

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
