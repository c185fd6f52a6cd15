"""/voting for organisers: open voting, watch turnout (ballots only, chat and paper), type in
paper ballots (handlers/paper_ballots.py), publish the results and download the .pb files."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot import results_view as view
from bot.results_callbacks import ResultsAdminAction, ResultsAdminCb
from bot.settings import Settings
from bot.vote_callbacks import VotingAdminAction, VotingAdminCb
from bot.vote_notices import opening
from handlers.results import send_results
from models.audience import Audience, Choice, members
from models.ballot import turnout
from models.ballot_notices import started_count, tell_voting_open
from models.bid import Bid
from models.paper_ballot import paper_sheet_count
from models.round import PAPER_OPEN, Round, RoundStatus, get_round
from models.voting import (
    close_voting,
    count_round,
    export_pb,
    open_voting,
    publish_results,
    rounds_for_voting_admin,
)

router = Router(name=__name__)


@router.message(Command("voting"))
async def voting(message: Message, session: AsyncSession, i18n: I18nContext) -> None:
    rounds = await rounds_for_voting_admin(session)
    if not rounds:
        await message.answer(i18n.get("va-no-round"))
    for round_ in rounds:
        await _show(message, session, round_, i18n)


# Open or close by hand: the change, and what the organiser is told once it is made.
_BY_HAND = {VotingAdminAction.OPEN: (open_voting, "va-opened"),
            VotingAdminAction.CLOSE: (close_voting, "va-closed")}


@router.callback_query(VotingAdminCb.filter(F.action.in_(_BY_HAND)))
async def open_or_close(query: CallbackQuery, callback_data: VotingAdminCb,
                        session: AsyncSession, settings: Settings, i18n: I18nContext) -> None:
    change, done = _BY_HAND[callback_data.action]
    round_ = await get_round(session, callback_data.round)
    if round_ is None or not await change(session, round_):
        await query.answer(i18n.get("va-moved-on"), show_alert=True)
        return
    if callback_data.action == VotingAdminAction.OPEN:  # everyone who took part is told
        await tell_voting_open(session, round_, opening(i18n.core, settings.default_locale,
                                                        round_))
    await query.answer(i18n.get(done))
    await _show(query.message, session, round_, i18n)


@router.callback_query(VotingAdminCb.filter(F.action == VotingAdminAction.TURNOUT))
async def show_turnout(query: CallbackQuery, callback_data: VotingAdminCb,
                       session: AsyncSession, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status not in PAPER_OPEN:
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

    def others_note(locale: str | None) -> str:  # no "thank you for voting" to non-voters
        return core.get("va-note-results-plain", locale or default,
                        round=escape(round_.name(locale or default)))

    def bidder_buttons(locale: str | None, bid: Bid) -> dict:
        translator = view.Translator(core, locale or default)
        return view.why_mine(translator, round_.id, bid).model_dump(exclude_none=True)

    def resident_buttons(locale: str | None) -> dict:
        translator = view.Translator(core, locale or default)
        return view.see_results(translator, round_.id).model_dump(exclude_none=True)

    voters = None if round_ is None else {member.telegram_id for member in await members(
        session, Choice(Audience.VOTERS, round_.id), secret=settings.ballot_key)}
    counts = None if round_ is None else await publish_results(
        session, round_, bidder_note=bidder_note, resident_note=resident_note,
        bidder_buttons=bidder_buttons, resident_buttons=resident_buttons,
        voters=voters, others_note=others_note)
    if counts is None:
        await query.answer(i18n.get("va-moved-on"), show_alert=True)
        return
    await query.answer()
    await send_results(query.message, session, round_, i18n, organiser=True, counts=counts)


@router.callback_query(ResultsAdminCb.filter(F.action == ResultsAdminAction.PB))
async def pabulib_files(query: CallbackQuery, callback_data: ResultsAdminCb,
                        session: AsyncSession, i18n: I18nContext) -> None:
    """Each area's .pb file: anonymous ballots (chat and paper) anyone can recount."""
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status != RoundStatus.RESULTS:
        await query.answer(i18n.get("results-gone"), show_alert=True)
        return
    await query.answer()
    counts = await count_round(session, round_)
    for count, (name, text) in zip(counts, export_pb(counts).items(), strict=True):
        await query.message.answer_document(
            BufferedInputFile(text.encode(), filename=name),
            caption=i18n.get("results-pb-caption", area=escape(count.area.name(i18n.locale))))


async def _show(message: Message, session: AsyncSession, round_: Round,
                i18n: I18nContext) -> None:
    status = i18n.get(f"va-status-{round_.status}")
    chat, paper = await turnout(session, round_.id), await paper_sheet_count(session, round_.id)
    text = i18n.get("va-round", round=escape(round_.name(i18n.locale)), status=status,
                    ballots=chat + paper)
    text += "\n" + i18n.get("paper-turnout", chat=chat, paper=paper)
    text += "\n" + i18n.get("va-finish-rate", started=await started_count(session, round_.id),
                            confirmed=chat)
    await message.answer(text, reply_markup=view.voting_panel(i18n, round_))

