"""`/report` (organisers): the programme's key facts per area and in total, as a message and
as Markdown and CSV files (counting in models/report.py), and after the vote the funded
projects' delivery per area (models/report_delivery.py). Behind the organiser filter."""

from __future__ import annotations

from datetime import timedelta

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from aiogram_i18n import I18nContext
from babel.dates import format_date
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from bot.ui.event_texts import when
from models.base import utcnow
from models.report import (
    Period,
    parse_period,
    programme_report,
    report_csv,
    report_markdown,
    report_message,
)
from models.report_delivery import delivery_message

router = Router(name=__name__)


@router.message(Command("report"))
async def report_command(message: Message, command: CommandObject, session: AsyncSession,
                         settings: Settings, i18n: I18nContext) -> None:
    now, period, words = utcnow(), Period(), ""
    if command.args:  # a date range: "/report 1/4/2026 30/6/2026"
        period = parse_period(command.args, settings.tz)
        if period is None:
            await message.answer(i18n.get("report-bad-range"))
            return
        words = i18n.get("report-period", start=_day(period.start, i18n.locale),
                         end=_day(period.end - timedelta(days=1), i18n.locale))
    report = await programme_report(session, now, period)
    await message.answer(report_message(report, i18n.get, i18n.locale, words))
    day = now.astimezone(settings.tz).strftime("%Y-%m-%d")
    markdown = report_markdown(report, i18n.get, i18n.locale, when(now, settings.tz, i18n.locale))
    await message.answer_document(
        BufferedInputFile(markdown, filename=f"programme-report-{day}.md"),
        caption=i18n.get("report-files"))
    await message.answer_document(BufferedInputFile(
        report_csv(report, i18n.locale, i18n.get("report-total")),
        filename=f"programme-report-{day}.csv"))
    # After the vote (in both files too): the funded projects' delivery, once there are any.
    if after := delivery_message(report, i18n.get, i18n.locale, words):
        await message.answer(after)


def _day(moment, locale: str) -> str:
    return format_date(moment.date(), "d MMM y", locale=locale)
