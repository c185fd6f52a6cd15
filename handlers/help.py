"""/help and /privacy: reachable from anywhere, in the user's language."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_i18n import I18nContext

from bot.settings import Settings

router = Router(name=__name__)


@router.message(Command("help"))
async def help_(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("help"), disable_web_page_preview=True)


@router.message(Command("privacy"))
async def privacy(message: Message, settings: Settings, i18n: I18nContext) -> None:
    await message.answer(i18n.get("privacy-full", days=settings.retention_days),
                         disable_web_page_preview=True)
