"""/voting for organisers: open voting, watch turnout (ballots only), publish the results."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from bot.vote_callbacks import VotingAdminAction, VotingAdminCb
from bot.vote_keyboards import voting_admin
from models.amounts import format_pounds
from models.ballot import turnout, votable_bids
from models.bid import Bid
from models.round import Round, RoundStatus, get_round
from models.voting import AreaCount, open_voting, publish_results, rounds_for_voting_admin

router = Router(name=__name__)


@router.message(Command("voting"))
async def voting(message: Message, session: AsyncSession, i18n: I18nContext) -> None:
    rounds = await rounds_for_voting_admin(session)
    if not rounds:
        await message.answer(i18n.get("va-no-round"))
    for round_ in rounds:
        await _show(message, session, round_, i18n)


@router.callback_query(VotingAdminCb.filter(F.action == VotingAdminAction.OPEN))
async def open_(query: CallbackQuery, callback_data: VotingAdminCb, session: AsyncSession,
                i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or not await open_voting(session, round_):
        await query.answer(i18n.get("va-moved-on"), show_alert=True)
        return
    await query.answer(i18n.get("va-opened"))
    await _show(query.message, session, round_, i18n)


@router.callback_query(VotingAdminCb.filter(F.action == VotingAdminAction.TURNOUT))
async def show_turnout(query: CallbackQuery, callback_data: VotingAdminCb,
                       session: AsyncSession, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status != RoundStatus.VOTING:
        await query.answer(i18n.get("vote-closed"), show_alert=True)
        return
    await query.answer()
    await _show(query.message, session, round_, i18n)


@router.callback_query(VotingAdminCb.filter(F.action == VotingAdminAction.PUBLISH))
async def publish(query: CallbackQuery, callback_data: VotingAdminCb, session: AsyncSession,
                  settings: Settings, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    core, default = i18n.core, settings.default_locale

    def bidder_note(locale: str | None, bid: Bid, won: bool) -> str:
        key = "va-note-funded" if won else "va-note-not-funded"
        return core.get(key, locale or default, title=escape(bid.title or ""),
                        round=escape(round_.name(locale or default)))

    def resident_note(locale: str | None) -> str:
        return core.get("va-note-results", locale or default,
                        round=escape(round_.name(locale or default)))

    counts = None if round_ is None else await publish_results(
        session, round_, bidder_note=bidder_note, resident_note=resident_note)
    if counts is None:
        await query.answer(i18n.get("va-moved-on"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(await _results_text(session, round_, counts, i18n))


async def _show(message: Message, session: AsyncSession, round_: Round,
                i18n: I18nContext) -> None:
    status = i18n.get(f"va-status-{round_.status}")
    text = i18n.get("va-round", round=escape(round_.name(i18n.locale)), status=status,
                    ballots=await turnout(session, round_.id))
    await message.answer(text, reply_markup=voting_admin(i18n, round_))


async def _results_text(session: AsyncSession, round_: Round, counts: list[AreaCount],
                        i18n: I18nContext) -> str:
    bids = {bid.reference or str(bid.id): bid for bid in await votable_bids(session, round_.id)}
    parts = [i18n.get("va-results-title", round=escape(round_.name(i18n.locale)))]
    for count in counts:
        funded = "\n".join(
            f"• {escape(bids[pid].title or '')} — {format_pounds(bids[pid].amount_pence or 0)}"
            for pid in count.result.selected)
        parts.append(i18n.get("va-results-area", area=escape(count.area.name(i18n.locale)),
                              funded=funded or "—", left=format_pounds(count.money_left)))
    parts.append(i18n.get("va-results-rule", rule=round_.allocation_rule))
    parts.append(i18n.get("va-tie-break"))  # models.tally.TIE_BREAK_DESCRIPTION, translated
    return "\n\n".join(parts)
