"""Voting: a round, one bid at a time, a review of the whole ballot, Confirm, a receipt.

The ballot in progress lives in FSM data (the database or Redis), so a restart loses nothing.
Every tap reads the round from the process's copy, exact for the update
(models/round_cache.py). Beginning a ballot and Confirm check that voting is open and that
this person may vote in it (models/eligibility.py: check-in, area, or a voting code); the
taps in between (scores, Back) only change the draft, so they check that voting is open, that
this ballot was begun and that the bid is offered to them. Rounds that ask for it get the
voter's area and age band first; a voting code arrives by deep link (`start=v_<code>`,
handlers/start.py) or `/code`.
"""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import MenuCb, MenuItem
from bot.settings import Settings
from bot.vote_callbacks import VoteAction, VoteCb
from bot.vote_keyboards import age_bands, area_choice, bid_card, review, rounds_to_vote_in, vote_now
from models.amounts import format_pounds
from models.ballot import (
    cast_ballot,
    find_ballot,
    is_tick_kind,
    rounds_in_voting,
    voter_key,
)
from models.eligibility import AgeBand, declare_area, may_take_part, standing, uses_area
from models.round import BallotKind, Round, RoundStatus, get_round
from models.round_cache import VotingCopy, VotingRounds
from models.voting_code import Claim, claim_code

router = Router(name=__name__)


async def _open_round(query: CallbackQuery, voting_rounds: VotingRounds, round_id: int,
                      i18n: I18nContext) -> VotingCopy | None:
    """The round (this process's copy, exact for this update) if voting is open in it."""
    copy = await voting_rounds.get(round_id)
    if copy is None or copy.round.status != RoundStatus.VOTING:
        await query.answer(i18n.get("vote-closed"), show_alert=True)
        return None
    return copy


async def _votable(query: CallbackQuery, session: AsyncSession, voting_rounds: VotingRounds,
                   round_id: int, settings: Settings, i18n: I18nContext) -> VotingCopy | None:
    """The round, if voting is open and this person may vote in it; else they are told why
    (and, when we don't know their area yet, asked for it)."""
    copy = await _open_round(query, voting_rounds, round_id, i18n)
    if copy is None:
        return None
    round_ = copy.round
    found = await standing(session, round_, query.from_user.id, secret=settings.ballot_key)
    if found.eligible:
        return copy
    await query.answer()
    if found.ask_area:
        await query.message.answer(i18n.get("vote-ask-area", round=escape(round_.name(
            i18n.locale))), reply_markup=area_choice(i18n, round_))
    else:
        await query.message.answer(not_eligible_text(round_, i18n))
    return None


@router.callback_query(MenuCb.filter(F.item == MenuItem.VOTE))
async def vote_menu(query: CallbackQuery, session: AsyncSession, i18n: I18nContext) -> None:
    rounds = await rounds_in_voting(session)
    if not rounds:
        await query.answer(i18n.get("vote-no-round"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(i18n.get("vote-pick-round"),
                               reply_markup=rounds_to_vote_in(i18n, rounds))


@router.callback_query(VoteCb.filter(F.action == VoteAction.ROUND))
async def start_ballot(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                       state: FSMContext, settings: Settings, voting_rounds: VotingRounds,
                       i18n: I18nContext) -> None:
    copy = await _votable(query, session, voting_rounds, callback_data.round, settings, i18n)
    if copy is None:
        return
    await query.answer()
    await _begin(query, session, state, settings, copy, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.AREA))
async def pick_area(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                    state: FSMContext, settings: Settings, voting_rounds: VotingRounds,
                    i18n: I18nContext) -> None:
    copy = await _open_round(query, voting_rounds, callback_data.round, i18n)
    if copy is None:
        return
    round_ = copy.round
    if not uses_area(round_.eligibility) or (
            callback_data.value and round_.area(callback_data.value) is None):
        await query.answer(i18n.get("vote-stale"), show_alert=True)
        return
    await query.answer()
    if callback_data.value:
        await declare_area(session, round_, query.from_user.id, callback_data.value)
    if not (await standing(session, round_, query.from_user.id,
                           secret=settings.ballot_key)).eligible:
        await query.message.answer(not_eligible_text(round_, i18n))
        return
    await _begin(query, session, state, settings, copy, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.AGE))
async def pick_age(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                   state: FSMContext, settings: Settings, voting_rounds: VotingRounds,
                   i18n: I18nContext) -> None:
    copy = await _votable(query, session, voting_rounds, callback_data.round, settings, i18n)
    if copy is None:
        return
    round_ = copy.round
    bands = list(AgeBand)
    if not round_.age_band_required or not 0 <= callback_data.value < len(bands):
        await query.answer(i18n.get("vote-stale"), show_alert=True)
        return
    await query.answer()
    band = bands[callback_data.value]
    if not may_take_part(band):
        await state.update_data(vote_round=None, vote_choices={}, vote_age={})
        await query.message.answer(i18n.get("vote-age-too-young"))
        return
    await state.update_data(vote_round=round_.id, vote_choices={},
                            vote_age={str(round_.id): band.value})
    await _show(query.message, round_, copy.offered_to(query.from_user.id), 0, {}, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.SET))
async def set_value(query: CallbackQuery, callback_data: VoteCb, state: FSMContext,
                    voting_rounds: VotingRounds, i18n: I18nContext) -> None:
    found = await _ballot_in_progress(query, callback_data.round, state, voting_rounds, i18n)
    if found is None:
        return
    copy, data = found
    bids = copy.offered_to(query.from_user.id)
    ids = [bid.id for bid in bids]
    if callback_data.bid not in ids:
        await query.answer(i18n.get("vote-stale"), show_alert=True)
        return
    await query.answer()
    choices = dict(data.get("vote_choices", {}))
    choices[str(callback_data.bid)] = callback_data.value
    await state.set_data({**data, "vote_choices": choices})  # update_data would read it again
    await _show(query.message, copy.round, bids, ids.index(callback_data.bid) + 1, choices, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.BACK))
async def back(query: CallbackQuery, callback_data: VoteCb, state: FSMContext,
               voting_rounds: VotingRounds, i18n: I18nContext) -> None:
    found = await _ballot_in_progress(query, callback_data.round, state, voting_rounds, i18n)
    if found is None:
        return
    copy, data = found
    await query.answer()
    await _show(query.message, copy.round, copy.offered_to(query.from_user.id),
                max(0, callback_data.value), data.get("vote_choices", {}), i18n)


async def _ballot_in_progress(query: CallbackQuery, round_id: int, state: FSMContext,
                              voting_rounds: VotingRounds,
                              i18n: I18nContext) -> tuple[VotingCopy, dict] | None:
    """The round and the conversation's data, for a tap that only moves through or changes
    the draft: voting must be open and this ballot begun (which checked the person may vote;
    Confirm checks everything again). These taps are nearly all of a vote's load."""
    copy = await _open_round(query, voting_rounds, round_id, i18n)
    if copy is None:
        return None
    data = await state.get_data()
    if data.get("vote_round") != round_id:
        await query.answer(i18n.get("vote-stale"), show_alert=True)
        return None
    return copy, data


@router.callback_query(VoteCb.filter(F.action == VoteAction.CONFIRM))
async def confirm(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                  state: FSMContext, settings: Settings, voting_rounds: VotingRounds,
                  i18n: I18nContext) -> None:
    copy = await _votable(query, session, voting_rounds, callback_data.round, settings, i18n)
    if copy is None:
        return
    round_ = copy.round
    data = await state.get_data()
    if data.get("vote_round") != round_.id:
        await query.answer(i18n.get("vote-stale"), show_alert=True)
        return
    band = await _age_band(session, settings, round_, query.from_user.id, data)
    if round_.age_band_required and band is None:
        await query.answer()
        await query.message.answer(i18n.get("vote-ask-age"), reply_markup=age_bands(i18n, round_))
        return
    choices = {int(bid_id): value for bid_id, value in data.get("vote_choices", {}).items()
               if value or round_.ballot_kind != BallotKind.SCORE}
    if is_tick_kind(round_.ballot_kind):
        choices = {bid_id: 1 for bid_id, value in choices.items() if value}
    result = await cast_ballot(
        session, round_, query.from_user.id, choices, secret=settings.ballot_key,
        changes_allowed=round_.changes_allowed, require_all=_require_all(round_),
        age_band=band if round_.age_band_required else None)
    await query.answer()
    if not result.ok:
        problems = "\n".join(i18n.get(f"vote-problem-{code}") for code in result.problems)
        await query.message.answer(i18n.get("vote-refused", problems=problems))
        return
    await state.update_data(vote_round=None, vote_choices={})
    key = "vote-changed" if result.replaced else "vote-receipt"
    await query.message.answer(i18n.get(key, receipt=result.receipt))


@router.message(Command("code"))
async def code_command(message: Message, command: CommandObject, session: AsyncSession,
                       settings: Settings, i18n: I18nContext) -> None:
    if not command.args:
        await message.answer(i18n.get("vote-code-how"))
        return
    await open_code(message, session, settings, i18n, command.args)


async def open_code(message: Message, session: AsyncSession, settings: Settings,
                    i18n: I18nContext, code: str) -> None:
    """A voting code from a card's QR (`start=v_<code>`) or typed after /code."""
    claim = await claim_code(session, code, message.chat.id, secret=settings.ballot_key)
    round_ = None if claim.round_id is None else await get_round(session, claim.round_id)
    if claim.outcome not in (Claim.CLAIMED, Claim.ALREADY_YOURS) or round_ is None:
        await message.answer(i18n.get(f"vote-code-{claim.outcome}"))
        return
    name = escape(round_.name(i18n.locale))
    if round_.status == RoundStatus.VOTING:
        await message.answer(i18n.get("vote-code-accepted", round=name),
                             reply_markup=vote_now(i18n, round_.id))
    elif round_.status in (RoundStatus.COUNTING, RoundStatus.RESULTS):
        await message.answer(i18n.get("vote-closed"))
    else:
        await message.answer(i18n.get("vote-code-kept", round=name))


# ---------------------------------------------------------------------------------------------


async def _begin(query: CallbackQuery, session: AsyncSession, state: FSMContext,
                 settings: Settings, copy: VotingCopy, i18n: I18nContext) -> None:
    """Start (or restart) the ballot: a final vote stays final; the age band comes first."""
    round_ = copy.round
    ballot = await find_ballot(session, round_.id, voter_key(settings.ballot_key,
                                                             query.from_user.id))
    if ballot is not None and not round_.changes_allowed:
        await query.message.answer(i18n.get("vote-already-final", receipt=ballot.receipt))
        return
    data = await state.get_data()
    await state.update_data(vote_round=round_.id, vote_choices={})
    if round_.age_band_required and await _age_band(session, settings, round_,
                                                    query.from_user.id, data) is None:
        await query.message.answer(i18n.get("vote-ask-age"), reply_markup=age_bands(i18n, round_))
        return
    await _show(query.message, round_, copy.offered_to(query.from_user.id), 0, {}, i18n)


async def _age_band(session: AsyncSession, settings: Settings, round_: Round, telegram_id: int,
                    data: dict) -> str | None:
    """The band given in this ballot, or kept with their earlier ballot in the round."""
    band = data.get("vote_age", {}).get(str(round_.id))
    if band is not None:
        return band
    ballot = await find_ballot(session, round_.id, voter_key(settings.ballot_key, telegram_id))
    return None if ballot is None else ballot.age_band


def _require_all(round_: Round) -> bool:
    # Score ballots follow the round's setting; a tokens ballot spends every token.
    return round_.score_all if round_.ballot_kind == BallotKind.SCORE else True


def _first_missing(round_: Round, bids: list[Row], choices: dict[str, int]) -> int | None:
    if round_.ballot_kind != BallotKind.SCORE or not round_.score_all:
        return None
    return next((n for n, bid in enumerate(bids) if not choices.get(str(bid.id))), None)


def not_eligible_text(round_: Round, i18n: I18nContext) -> str:
    areas = ", ".join(escape(area.name(i18n.locale)) for area in round_.areas)
    return i18n.get(f"vote-not-eligible-{round_.eligibility}", areas=areas,
                    round=escape(round_.name(i18n.locale)))


async def _show(message: Message, round_: Round, bids: list[Row], position: int,
                choices: dict[str, int], i18n: I18nContext) -> None:
    if not bids:
        await message.answer(i18n.get("vote-nothing-to-vote-on"))
        return
    if position >= len(bids):
        missing = _first_missing(round_, bids, choices)
        text = _review_text(round_, bids, choices, i18n)
        if missing is not None:
            left = sum(1 for bid in bids if not choices.get(str(bid.id)))
            text += "\n\n" + i18n.get("vote-score-all-left", left=left)
        await message.answer(text, reply_markup=review(i18n, round_, missing))
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


def _review_text(round_: Round, bids: list[Row], choices: dict[str, int],
                 i18n: I18nContext) -> str:
    lines = []
    for bid in bids:
        value = choices.get(str(bid.id))
        shown = ("—" if not value else "✓") if is_tick_kind(round_.ballot_kind) else (
            "—" if value is None else str(value))
        amount = format_pounds(bid.amount_pence or 0)
        lines.append(f"{shown} · {escape(bid.title or '')} ({amount})")
    text = i18n.get("vote-review", lines="\n".join(lines))
    if round_.ballot_kind == BallotKind.KNAPSACK:
        total = sum(bid.amount_pence or 0 for bid in bids if choices.get(str(bid.id)))
        text += "\n\n" + i18n.get("vote-running-total", total=format_pounds(total),
                                  pot=format_pounds(round_.pot_pence))
    return text
