"""Organiser commands and buttons from anyone else: refused, logged, recorded in the audit log
with no actor ("a resident tried /broadcast: refused"), nothing changes. The log line and the
audit entry name the command or the button's area only: no Telegram id, nothing typed."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.ui.callbacks import BroadcastCb, EventAdminCb, OrganiserCb
from bot.ui.callbacks.bids import ReviewCb, RoundCb
from bot.ui.callbacks.organiser import AuditCb, ConfirmCb
from bot.ui.callbacks.pledges import FestivalCb
from bot.ui.callbacks.results import PaperCb, ResultsAdminCb
from bot.ui.callbacks.schedule import ScheduleCb
from bot.ui.callbacks.vote import RoundSettingCb, VotingAccessCb, VotingAdminCb
from bot.ui.callbacks.worldcafe import CafeAdminCb
from bot.ui.commands import ORGANISER_COMMANDS
from models.audit import Event, record

router = Router(name=__name__)
log = logging.getLogger(__name__)


@router.message(Command(*ORGANISER_COMMANDS))
async def refuse_command(message: Message, command: CommandObject, session: AsyncSession,
                         i18n: I18nContext) -> None:
    log.warning("refused organiser command %r", f"/{command.command}")
    await record(session, None, Event.REFUSED_COMMAND, command=command.command)
    await message.answer(i18n.get("organisers-only"))


@router.callback_query(BroadcastCb.filter())
@router.callback_query(OrganiserCb.filter())
@router.callback_query(ReviewCb.filter())
@router.callback_query(RoundCb.filter())
@router.callback_query(EventAdminCb.filter())
@router.callback_query(VotingAdminCb.filter())
@router.callback_query(PaperCb.filter())
@router.callback_query(ResultsAdminCb.filter())
@router.callback_query(VotingAccessCb.filter())
@router.callback_query(RoundSettingCb.filter())
@router.callback_query(FestivalCb.filter())
@router.callback_query(CafeAdminCb.filter())
@router.callback_query(ConfirmCb.filter())
@router.callback_query(AuditCb.filter())
@router.callback_query(ScheduleCb.filter())
async def refuse_button(query: CallbackQuery, session: AsyncSession, i18n: I18nContext) -> None:
    area = (query.data or "").split(":")[0]
    log.warning("refused organiser button of area %r", area)
    await record(session, None, Event.REFUSED_BUTTON, area=area)
    await query.answer(i18n.get("organisers-only"), show_alert=True)
