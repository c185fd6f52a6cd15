"""Published results for everyone: /results, the card and the chart of support, and "why was
this bid (not) funded?" for any bid, in the reader's language (bot/ui/results_view.py)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from bot.ui import results_view as view
from bot.ui.callbacks.results import ResultsAction, ResultsCb
from bot.ui.names import name_html
from models.ballot import turnout, votable_bids
from models.bid import Bid, BidStatus, bids_of
from models.organiser import is_organiser
from models.paper_ballot import paper_sheet_count
from models.round import Round, RoundStatus, get_round
from models.user import User
from models.voting import AreaCount, count_round, project_id, published_rounds

router = Router(name=__name__)
SHOWN_ROUNDS = 3  # /results: the latest few published rounds
DECIDED = (BidStatus.FUNDED, BidStatus.NOT_FUNDED)


@router.message(Command("results"))
async def results_command(message: Message, session: AsyncSession, settings: Settings,
                          i18n: I18nContext) -> None:
    rounds = (await published_rounds(session))[:SHOWN_ROUNDS]
    if not rounds:
        await message.answer(i18n.get("results-none"))
    organiser = await is_organiser(session, message.from_user.id, settings.organiser_ids)
    for round_ in rounds:
        await send_results(message, session, round_, i18n, organiser=organiser)


@router.callback_query(ResultsCb.filter(F.action == ResultsAction.SHOW))
async def show(query: CallbackQuery, callback_data: ResultsCb, session: AsyncSession,
               settings: Settings, i18n: I18nContext) -> None:
    round_ = await _published(session, callback_data.round)
    if round_ is None:
        await query.answer(i18n.get("results-gone"), show_alert=True)
        return
    await query.answer()
    organiser = await is_organiser(session, query.from_user.id, settings.organiser_ids)
    await send_results(query.message, session, round_, i18n, organiser=organiser)


@router.callback_query(ResultsCb.filter(F.action == ResultsAction.WHY))
async def why(query: CallbackQuery, callback_data: ResultsCb, session: AsyncSession,
              i18n: I18nContext) -> None:
    round_ = await _published(session, callback_data.round)
    found = None if round_ is None else await _bid_count(session, round_, callback_data.bid)
    if found is None:
        await query.answer(i18n.get("results-gone"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(view.why_text(i18n, round_, *found))


async def send_results(message: Message, session: AsyncSession, round_: Round,
                       i18n: I18nContext, *, organiser: bool,
                       counts: list[AreaCount] | None = None) -> None:
    """The chart of each area, then the card with a "why?" button per bid (and, for
    organisers, the Pabulib download)."""
    counts = counts if counts is not None else await count_round(session, round_)
    bids = await votable_bids(session, round_.id)
    for count in counts:
        await message.answer_photo(
            BufferedInputFile(view.chart_png(i18n, count, bids),
                              filename=f"results-{round_.id}-{count.area.code}.png"),
            caption=i18n.get("results-chart-caption",
                             area=name_html(i18n, count.area)))
    chat, paper = await turnout(session, round_.id), await paper_sheet_count(session, round_.id)
    await message.answer(view.card_text(i18n, round_, counts, bids, chat, paper),
                         reply_markup=view.why_buttons(i18n, round_.id, bids, pb=organiser))


async def mine_section(session: AsyncSession, user: User, settings: Settings,
                       i18n: I18nContext) -> tuple[list[str], list[list[InlineKeyboardButton]]]:
    """My things: for a group's bids in published rounds, "why (not) funded?" buttons (the
    funded / not funded status itself is on the bid's own line, handlers/bids.py)."""
    decided = [bid for bid in await bids_of(session, user.telegram_id) if bid.status in DECIDED]
    lines: list[str] = []
    rows: list[list[InlineKeyboardButton]] = []
    for round_id in sorted({bid.round_id for bid in decided}):
        round_ = await _published(session, round_id)
        if round_ is None:
            continue
        lines.append(i18n.get("results-mine-hint", round=name_html(i18n, round_)))
        rows += [[view.why_button(i18n, round_.id, bid)]
                 for bid in decided if bid.round_id == round_id]
    return ([i18n.get("results-mine-title"), *lines], rows) if lines else ([], [])


async def _published(session: AsyncSession, round_id: int) -> Round | None:
    round_ = await get_round(session, round_id)
    return round_ if round_ is not None and round_.status == RoundStatus.RESULTS else None


async def _bid_count(session: AsyncSession, round_: Round,
                     bid_id: int) -> tuple[AreaCount, Bid] | None:
    """The bid (one the round counted) with its area's count."""
    bid = next((b for b in await votable_bids(session, round_.id) if b.id == bid_id), None)
    if bid is None:
        return None
    for count in await count_round(session, round_):
        if project_id(bid) in count.result.bids:
            return count, bid
    return None
