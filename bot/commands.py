"""The command menu Telegram shows next to the message box, registered in every language."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand
from aiogram_i18n.cores import BaseCore

COMMANDS = ("start", "help", "language", "cancel", "privacy", "mydata", "forget", "results")


def commands_for(core: BaseCore, locale: str) -> list[BotCommand]:
    return [BotCommand(command=name, description=core.get(f"cmd-{name}", locale))
            for name in COMMANDS]


async def register_commands(bot: Bot, core: BaseCore, default_locale: str) -> None:
    # The default list (no language_code) covers every app language we have no text for.
    await bot.set_my_commands(commands_for(core, default_locale))
    for locale in core.available_locales:
        await bot.set_my_commands(commands_for(core, locale), language_code=locale)
