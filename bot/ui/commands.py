"""The command menu Telegram shows next to the message box, registered in every language.

Residents see their commands; each organiser's own chat also lists the organiser commands
(a chat-scoped menu), so nobody else is shown commands that would only refuse them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat
from aiogram_i18n.cores import BaseCore

from bot.log_ids import pseudonym

log = logging.getLogger(__name__)

COMMANDS = ("start", "help", "language", "cancel", "privacy", "mydata", "forget", "results",
            "receipt")
COMMANDS += ("projects",)  # what the vote funded and how it is going (handlers/projects.py)
ORGANISER_COMMANDS = ("broadcast", "organisers", "audit", "newevent", "manage", "poster",
                      "checkin", "bids", "newround", "rounds", "voting", "votingcodes",
                      "remindvoters", "festival", "pledges", "report", "worldcafe")
ORGANISER_COMMANDS += ("template",)  # example files for every import (handlers/templates.py)


def commands_for(core: BaseCore, locale: str, names: tuple[str, ...] = COMMANDS,
                 ) -> list[BotCommand]:
    return [BotCommand(command=name, description=core.get(f"cmd-{name}", locale))
            for name in names]


async def register_commands(bot: Bot, core: BaseCore, default_locale: str) -> None:
    # The default list (no language_code) covers every app language we have no text for.
    await bot.set_my_commands(commands_for(core, default_locale))
    for locale in core.available_locales:
        await bot.set_my_commands(commands_for(core, locale), language_code=locale)


async def show_organiser_menu(bot: Bot, core: BaseCore, chat_id: int, locale: str) -> bool:
    """Give one organiser's chat the full menu; False if Telegram would not (never started)."""
    try:
        await bot.set_my_commands(commands_for(core, locale, COMMANDS + ORGANISER_COMMANDS),
                                  scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as exc:
        log.info("no organiser menu for %s: %s", pseudonym(chat_id), exc.message)
        return False
    return True


async def hide_organiser_menu(bot: Bot, chat_id: int) -> None:
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as exc:
        log.info("could not remove the organiser menu of %s: %s", pseudonym(chat_id), exc.message)


async def show_organiser_menus(bot: Bot, core: BaseCore, organisers: Mapping[int, str | None],
                               default_locale: str) -> None:
    for chat_id, locale in organisers.items():
        await show_organiser_menu(bot, core, chat_id, locale or default_locale)
