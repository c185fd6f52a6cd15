"""/audit: the latest organiser actions, newest first."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from models.audit import recent
from models.when import show_local

router = Router(name=__name__)


@router.message(Command("audit"))
async def audit(message: Message, session: AsyncSession, settings: Settings,
                i18n: I18nContext) -> None:
    entries = await recent(session)
    lines = [i18n.get("audit-line", at=show_local(e.at, settings.tz, i18n.locale),
                      who=str(e.actor_telegram_id), action=e.action) for e in entries]
    await message.answer("\n".join([i18n.get("audit-title"), *lines]) if lines
                         else i18n.get("audit-empty"))
