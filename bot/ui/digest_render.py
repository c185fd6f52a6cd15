"""The bid digest's text in each organiser's language (models/bid_notify.py renders through it)."""

from __future__ import annotations

from datetime import datetime

from aiogram_i18n import I18nContext

from bot.settings import Settings
from bot.ui.bid_texts import digest_text
from models.bid import Bid
from models.bid_notify import Render


def digest_renderer(i18n: I18nContext, settings: Settings) -> Render:
    def render(locale: str | None, changed: list[Bid], since: datetime) -> str:
        with i18n.use_locale(locale or settings.default_locale):
            return digest_text(i18n, changed, since)
    return render
