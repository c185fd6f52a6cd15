"""Organiser commands and buttons from anyone else: refused, logged, nothing changes."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.bid_callbacks import ReviewCb, RoundCb
from bot.callbacks import BroadcastCb, EventAdminCb, OrganiserCb
from bot.commands import ORGANISER_COMMANDS
from bot.log_ids import pseudonym
from bot.pledge_callbacks import FestivalCb
from bot.results_callbacks import PaperCb, ResultsAdminCb
from bot.vote_callbacks import RoundSettingCb, VotingAccessCb, VotingAdminCb
from bot.worldcafe_callbacks import CafeAdminCb

router = Router(name=__name__)
log = logging.getLogger(__name__)


@router.message(Command(*ORGANISER_COMMANDS))
async def refuse_command(message: Message, i18n: I18nContext) -> None:
    # The command word only (what follows may be someone's words), and no Telegram id.
    log.warning("refused organiser command %r from %s", (message.text or "").split()[0],
                pseudonym(message.from_user.id))
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
async def refuse_button(query: CallbackQuery, i18n: I18nContext) -> None:
    log.warning("refused organiser button %r from %s", query.data, pseudonym(query.from_user.id))
    await query.answer(i18n.get("organisers-only"), show_alert=True)
