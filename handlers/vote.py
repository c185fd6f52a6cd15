"""Voting: a round, one bid at a time, a review of the whole ballot, Confirm, a receipt.

The ballot in progress lives in FSM data (stored in the database), so a restart loses nothing.
Every tap reloads the round and checks voting is open and the bid may be offered to this voter.
"""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import MenuCb, MenuItem
from bot.settings import Settings
from bot.vote_callbacks import VoteAction, VoteCb
from bot.vote_keyboards import bid_card, review, rounds_to_vote_in
from models.amounts import format_pounds
from models.ballot import cast_ballot, is_tick_kind, offered_bids, rounds_in_voting
from models.bid import Bid
from models.round import BallotKind, Round, RoundStatus, get_round

router = Router(name=__name__)


async def _open_round(query: CallbackQuery, session: AsyncSession, round_id: int,
                      i18n: I18nContext) -> Round | None:
    round_ = await get_round(session, round_id)
    if round_ is None or round_.status != RoundStatus.VOTING:
        await query.answer(i18n.get("vote-closed"), show_alert=True)
        return None
    return round_


@router.callback_query(MenuCb.filter(F.item == MenuItem.VOTE))
async def vote_menu(query: CallbackQuery, session: AsyncSession, i18n: I18nContext) -> None:
    rounds = await rounds_in_voting(session)
    if not rounds:
        await query.answer(i18n.get("vote-no-round"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(i18n.get("vote-pick-round"), reply_markup=rounds_to_vote_in(i18n, rounds))


@router.callback_query(VoteCb.filter(F.action == VoteAction.ROUND))
async def start_ballot(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                       state: FSMContext, i18n: I18nContext) -> None:
    round_ = await _open_round(query, session, callback_data.round, i18n)
    if round_ is None:
        return
    await query.answer()
    await state.update_data(vote_round=round_.id, vote_choices={})
    await _show(query.message, round_, await offered_bids(session, round_.id, query.from_user.id),
                0, {}, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.SET))
async def set_value(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                    state: FSMContext, i18n: I18nContext) -> None:
    round_ = await _open_round(query, session, callback_data.round, i18n)
    if round_ is None:
        return
    bids = await offered_bids(session, round_.id, query.from_user.id)
    ids = [bid.id for bid in bids]
    data = await state.get_data()
    if callback_data.bid not in ids or data.get("vote_round") != round_.id:
        await query.answer(i18n.get("vote-stale"), show_alert=True)
        return
    await query.answer()
    choices = dict(data.get("vote_choices", {}))
    choices[str(callback_data.bid)] = callback_data.value
    await state.update_data(vote_choices=choices)
    await _show(query.message, round_, bids, ids.index(callback_data.bid) + 1, choices, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.BACK))
async def back(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
               state: FSMContext, i18n: I18nContext) -> None:
    round_ = await _open_round(query, session, callback_data.round, i18n)
    if round_ is None:
        return
    await query.answer()
    bids = await offered_bids(session, round_.id, query.from_user.id)
    choices = (await state.get_data()).get("vote_choices", {})
    await _show(query.message, round_, bids, max(0, callback_data.value), choices, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.CONFIRM))
async def confirm(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                  state: FSMContext, settings: Settings, i18n: I18nContext) -> None:
    round_ = await _open_round(query, session, callback_data.round, i18n)
    if round_ is None:
        return
    data = await state.get_data()
    if data.get("vote_round") != round_.id:
        await query.answer(i18n.get("vote-stale"), show_alert=True)
        return
    choices = {int(bid_id): value for bid_id, value in data.get("vote_choices", {}).items()
               if value or round_.ballot_kind != BallotKind.SCORE}
    if is_tick_kind(round_.ballot_kind):
        choices = {bid_id: 1 for bid_id, value in choices.items() if value}
    result = await cast_ballot(session, round_, query.from_user.id, choices,
                               secret=settings.ballot_key)
    await query.answer()
    if not result.ok:
        problems = "\n".join(i18n.get(f"vote-problem-{code}") for code in result.problems)
        await query.message.answer(i18n.get("vote-refused", problems=problems))
        return
    await state.update_data(vote_round=None, vote_choices={})
    key = "vote-changed" if result.replaced else "vote-receipt"
    await query.message.answer(i18n.get(key, receipt=result.receipt))


async def _show(message: Message, round_: Round, bids: list[Bid], position: int,
                choices: dict[str, int], i18n: I18nContext) -> None:
    if not bids:
        await message.answer(i18n.get("vote-nothing-to-vote-on"))
        return
    if position >= len(bids):
        await message.answer(_review_text(round_, bids, choices, i18n),
                             reply_markup=review(i18n, round_))
        return
    bid = bids[position]
    text = i18n.get("vote-card", n=position + 1, total=len(bids),
                    title=escape(bid.title or ""), group=escape(bid.group_name or ""),
                    amount=format_pounds(bid.amount_pence or 0),
                    summary=escape((bid.description or "")[:600]),
                    how=i18n.get(f"vote-how-{round_.ballot_kind}",
                                 tokens=round_.ballot_tokens or 0, n=round_.ballot_n or 0))
    markup = bid_card(i18n, round_, bid, position)
    if bid.photo_file_id:
        await message.answer_photo(bid.photo_file_id, caption=text[:1024], reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


def _review_text(round_: Round, bids: list[Bid], choices: dict[str, int],
                 i18n: I18nContext) -> str:
    lines = []
    for bid in bids:
        value = choices.get(str(bid.id))
        shown = ("—" if not value else "✓") if is_tick_kind(round_.ballot_kind) else (
            "—" if value is None else str(value))
        lines.append(f"{shown} · {escape(bid.title or '')} ({format_pounds(bid.amount_pence or 0)})")
    text = i18n.get("vote-review", lines="\n".join(lines))
    if round_.ballot_kind == BallotKind.KNAPSACK:
        total = sum(bid.amount_pence or 0 for bid in bids if choices.get(str(bid.id)))
        text += "\n\n" + i18n.get("vote-running-total", total=format_pounds(total),
                                  pot=format_pounds(round_.pot_pence))
    return text
