"""/audit: what organisers did, in words, newest first: paged, by round or by person, and as a
CSV file. Refused attempts by residents are there too, without naming them."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from bot.ui.audit_text import log_csv, sentence, who
from bot.ui.callbacks.organiser import AuditAction, AuditCb
from models.audit import (
    EXPORT_LIMIT,
    Filter,
    actors,
    page,
    recent,
    round_names,
    rounds_in_log,
)
from models.when import show_local

router = Router(name=__name__)


@router.message(Command("audit"))
async def audit(message: Message, session: AsyncSession, settings: Settings,
                i18n: I18nContext) -> None:
    text, markup = await _page(session, settings, i18n, 0, Filter())
    await message.answer(text, reply_markup=markup)


@router.callback_query(AuditCb.filter(F.action == AuditAction.PAGE))
async def turn(query: CallbackQuery, callback_data: AuditCb, session: AsyncSession,
               settings: Settings, i18n: I18nContext) -> None:
    chosen = Filter(round_id=callback_data.round, actor=callback_data.actor)
    text, markup = await _page(session, settings, i18n, callback_data.page, chosen)
    await query.answer()
    await query.message.answer(text, reply_markup=markup)


@router.callback_query(AuditCb.filter(F.action == AuditAction.ROUNDS))
async def pick_round(query: CallbackQuery, session: AsyncSession, i18n: I18nContext) -> None:
    names = await round_names(session, await rounds_in_log(session), i18n.locale)
    builder = InlineKeyboardBuilder()
    for round_id, name in names.items():
        builder.button(text=name, callback_data=AuditCb(action=AuditAction.PAGE, round=round_id))
    builder.button(text=i18n.get("audit-everything"), callback_data=AuditCb(
        action=AuditAction.PAGE))
    builder.adjust(1)
    await query.answer()
    await query.message.answer(i18n.get("audit-pick-round"), reply_markup=builder.as_markup())


@router.callback_query(AuditCb.filter(F.action == AuditAction.PEOPLE))
async def pick_person(query: CallbackQuery, session: AsyncSession, i18n: I18nContext) -> None:
    builder = InlineKeyboardBuilder()
    for number, (telegram_id, name) in enumerate(await actors(session), start=1):
        builder.button(text=name or i18n.get("audit-organiser-number", n=number),
                       callback_data=AuditCb(action=AuditAction.PAGE, actor=telegram_id))
    builder.button(text=i18n.get("audit-everything"), callback_data=AuditCb(
        action=AuditAction.PAGE))
    builder.adjust(1)
    await query.answer()
    await query.message.answer(i18n.get("audit-pick-person"), reply_markup=builder.as_markup())


@router.callback_query(AuditCb.filter(F.action == AuditAction.CSV))
async def export(query: CallbackQuery, callback_data: AuditCb, session: AsyncSession,
                 settings: Settings, i18n: I18nContext) -> None:
    chosen = Filter(round_id=callback_data.round, actor=callback_data.actor)
    entries = await recent(session, EXPORT_LIMIT, chosen)
    names = await round_names(session, {e.round_id for e in entries if e.round_id},
                               i18n.locale)
    data = log_csv(i18n, entries, names,
                   lambda e: show_local(e.at, settings.tz, i18n.locale))
    await query.answer()
    await query.message.answer_document(BufferedInputFile(data, filename="organiser-log.csv"),
                                        caption=i18n.get("audit-csv-caption", n=len(entries)))


async def _page(session: AsyncSession, settings: Settings, i18n: I18nContext, number: int,
                chosen: Filter) -> tuple[str, InlineKeyboardMarkup | None]:
    entries, pages = await page(session, number, chosen)
    number = min(max(number, 0), pages - 1)
    names = await round_names(session, {e.round_id for e in entries if e.round_id}
                               | ({chosen.round_id} if chosen.round_id else set()),
                               i18n.locale)
    head = [i18n.get("audit-page-title", page=number + 1, pages=pages)]
    if chosen.round_id:
        head.append(i18n.get("audit-for-round", round=escape(
            names.get(chosen.round_id, str(chosen.round_id)))))
    if chosen.actor:
        name = dict(await actors(session)).get(chosen.actor)
        head.append(i18n.get("audit-for-person", who=who(i18n, name)))
    if not entries:
        return "\n".join([*head, i18n.get("audit-empty")]), None
    lines = [f"{show_local(e.at, settings.tz, i18n.locale)} · {sentence(i18n, e, names)}"
             for e in entries]
    return "\n".join([*head, "", *lines]), _buttons(i18n, number, pages, chosen)


def _buttons(i18n: I18nContext, number: int, pages: int,
             chosen: Filter) -> InlineKeyboardMarkup:
    same = {"round": chosen.round_id, "actor": chosen.actor}
    builder = InlineKeyboardBuilder()
    turns = 0
    if number > 0:
        builder.button(text=i18n.get("audit-newer"),
                       callback_data=AuditCb(action=AuditAction.PAGE, page=number - 1, **same))
        turns += 1
    if number < pages - 1:
        builder.button(text=i18n.get("audit-older"),
                       callback_data=AuditCb(action=AuditAction.PAGE, page=number + 1, **same))
        turns += 1
    builder.button(text=i18n.get("audit-by-round"),
                   callback_data=AuditCb(action=AuditAction.ROUNDS))
    builder.button(text=i18n.get("audit-by-person"),
                   callback_data=AuditCb(action=AuditAction.PEOPLE))
    builder.button(text=i18n.get("audit-csv"), callback_data=AuditCb(action=AuditAction.CSV,
                                                                      **same))
    sizes = ([turns] if turns else []) + [2, 1]
    builder.adjust(*sizes)
    return builder.as_markup()
