"""Per-user language: chosen once, stored on the user's row, offered from Telegram's hint."""

from __future__ import annotations

from pathlib import Path

from aiogram.types import User as TelegramUser
from aiogram_i18n import I18nMiddleware
from aiogram_i18n.cores import FluentRuntimeCore
from aiogram_i18n.managers import BaseManager
from fluent.runtime import FluentBundle

from models.user import User

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def hinted_locale(telegram_user: TelegramUser | None) -> str | None:
    """The language of the person's Telegram app, if it is one the bot speaks."""
    code = (telegram_user.language_code or "") if telegram_user else ""
    language = code.lower().partition("-")[0]
    return language if language in ("cy", "en") else None


def first_locale(telegram_user: TelegramUser | None, default_locale: str) -> str:
    """The language stored for someone on first contact, before they choose: their app's
    language if Welsh or English, else the bot's default. Stored at once, so everything sent
    to them later (reminders, results, broadcasts) is in the language they were answered in."""
    return hinted_locale(telegram_user) or default_locale


class UserLocaleManager(BaseManager):
    async def get_locale(
        self, user: User | None = None, event_from_user: TelegramUser | None = None
    ) -> str:
        if user is not None and user.locale:
            return user.locale
        return hinted_locale(event_from_user) or self.default_locale

    async def set_locale(self, locale: str, user: User) -> None:
        user.locale = locale


class SharedLocalesCore(FluentRuntimeCore):
    """Fluent's core, parsing the .ftl files once per process for as long as they are unchanged.

    Parsing and compiling every translation takes 0.3-0.5 s. The bot builds one dispatcher per
    process, but a process that builds several (a restart in place, every flow test) would pay
    it each time. A bundle is only read once compiled, so dispatchers can share it; each core
    gets its own dict, because aiogram-i18n's shutdown clears the core's dict.
    """

    def find_locales(self) -> dict[str, FluentBundle]:
        # By name: aiogram-i18n hands each core fresh bound methods of the same functions.
        stamp = (self.use_isolating, tuple(sorted(self.functions)), _ftl_stamps(self.path))
        parsed = _PARSED.get(str(self.path))
        if parsed is None or parsed[0] != stamp:  # first use, or a file was edited
            parsed = _PARSED[str(self.path)] = (stamp, super().find_locales())
        return dict(parsed[1])


_PARSED: dict[str, tuple[tuple, dict[str, FluentBundle]]] = {}


def _ftl_stamps(path: Path) -> tuple[tuple[str, int, int], ...]:
    root = Path(*path.parts[: path.parts.index("{locale}")]) if "{locale}" in path.parts else path
    return tuple((str(file), stat.st_mtime_ns, stat.st_size)
                 for file in sorted(root.rglob("*.ftl")) for stat in [file.stat()])


def create_i18n(default_locale: str) -> I18nMiddleware:
    core = SharedLocalesCore(path=LOCALES_DIR / "{locale}", default_locale=default_locale)
    return I18nMiddleware(core=core, manager=UserLocaleManager(), default_locale=default_locale)
