"""Voting: one ballot message that edits itself, bid by bid, then the review, then the receipt.

Tapping Vote (with one round open) or a round's button sends the ballot message; every
later tap edits that same message: the card for bid k of n, the review (each bid a button to
change its answer), the receipt (the same buttons while changes are allowed, and Menu). The
bids come in the voter's own order (models/ballot/rules.py). The draft lives in the
conversation's data (bot/ui/ballot_draft.py: the database or Redis), so a restart loses nothing;
its revision is in every button, so a tap on anything but the newest message (an old Confirm
too) is refused as out of date and changes nothing.

Every tap reads the round from the process's copy, exact for the update
(models/round_cache.py). Beginning a ballot and Confirm check that voting is open and that
this person may vote in it (models/eligibility.py: check-in, area, or a voting code); the
taps in between only change the draft, so they check that voting is open and the button is
current. Rounds that ask for it get the voter's area and age band first; a voting code
arrives by deep link (`start=v_<code>`, handlers/start.py) or `/code`.

The ballot's rules are models.ballot's: `ballots` (models.ballot.Ballots, one per process)
holds the ballot secret; these handlers pass it the person and the draft.
"""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from bot.ui.ballot_draft import Draft
from bot.ui.ballot_view import (
    card_keyboard,
    card_text,
    receipt_keyboard,
    receipt_text,
    refusal_text,
    review_keyboard,
    review_text,
    tell_me,
    with_menu,
)
from bot.ui.callbacks import MenuCb, MenuItem
from bot.ui.callbacks.vote import VoteAction, VoteCb
from bot.ui.names import name_html
from bot.ui.vote_keyboards import age_bands, area_choice, rounds_to_vote_in, vote_now
from handlers.project_follow import with_follow_offer
from models.ballot import (
    Ballots,
    Limits,
    next_position,
    rounds_in_voting,
    still_offered,
    tap,
    unfinished,
)
from models.ballot.notices import ask_to_be_told, note_started
from models.eligibility import AgeBand, declare_area, may_take_part, uses_area
from models.round import Round, RoundStatus, get_round
from models.round_cache import VotingCopy, VotingRounds
from models.voting_code import Claim

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
                   round_id: int, ballots: Ballots, i18n: I18nContext) -> VotingCopy | None:
    """The round, if voting is open and this person may vote in it; else they are told why
    (and, when we don't know their area yet, asked for it)."""
    copy = await _open_round(query, voting_rounds, round_id, i18n)
    if copy is None:
        return None
    round_ = copy.round
    found = await ballots.standing(session, round_, query.from_user.id)
    if found.eligible:
        return copy
    await query.answer()
    if found.ask_area:
        await query.message.answer(i18n.get("vote-ask-area", round=name_html(i18n, round_)),
                                   reply_markup=area_choice(i18n, round_))
    else:
        await query.message.answer(not_eligible_text(round_, i18n), reply_markup=with_menu(i18n))
    return None


@router.callback_query(MenuCb.filter(F.item == MenuItem.VOTE))
async def vote_menu(query: CallbackQuery, session: AsyncSession, state: FSMContext,
                    ballots: Ballots, voting_rounds: VotingRounds, i18n: I18nContext) -> None:
    rounds = await rounds_in_voting(session)
    if not rounds:  # offer to tell them when one opens
        await query.answer()
        await query.message.answer(i18n.get("vote-no-round-ask"), reply_markup=tell_me(i18n))
        return
    if len(rounds) == 1:  # nothing to choose: straight to the first card
        await start_ballot(query, VoteCb(action=VoteAction.ROUND, round=rounds[0].id), session,
                           state, ballots, voting_rounds, i18n)
        return
    await query.answer()
    await query.message.answer(i18n.get("vote-pick-round"),
                               reply_markup=rounds_to_vote_in(i18n, rounds))


@router.callback_query(VoteCb.filter(F.action == VoteAction.ROUND))
async def start_ballot(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                       state: FSMContext, ballots: Ballots, voting_rounds: VotingRounds,
                       i18n: I18nContext) -> None:
    copy = await _votable(query, session, voting_rounds, callback_data.round, ballots, i18n)
    if copy is None:
        return
    await query.answer()
    await _begin(query, session, state, ballots, copy, i18n, edit=False)


@router.callback_query(VoteCb.filter(F.action == VoteAction.AREA))
async def pick_area(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                    state: FSMContext, ballots: Ballots, voting_rounds: VotingRounds,
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
    if not (await ballots.standing(session, round_, query.from_user.id)).eligible:
        await _put(query, not_eligible_text(round_, i18n), with_menu(i18n))
        return
    await _begin(query, session, state, ballots, copy, i18n, edit=True)


@router.callback_query(VoteCb.filter(F.action == VoteAction.AGE))
async def pick_age(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                   state: FSMContext, ballots: Ballots, voting_rounds: VotingRounds,
                   i18n: I18nContext) -> None:
    copy = await _votable(query, session, voting_rounds, callback_data.round, ballots, i18n)
    if copy is None:
        return
    round_ = copy.round
    bands = list(AgeBand)
    data = await state.get_data()
    draft = Draft.of(data)
    if (not round_.age_band_required or not 0 <= callback_data.value < len(bands)
            or draft.round_id != round_.id):
        await query.answer(i18n.get("vote-stale"), show_alert=True)
        return
    await query.answer()
    band = bands[callback_data.value]
    if not may_take_part(band):
        await state.set_data({**data, **Draft(rev=draft.rev + 1).dump()})
        await _put(query, i18n.get("vote-age-too-young"), with_menu(i18n))
        return
    data = {**data, "vote_age": {str(round_.id): band.value}}
    bids = ballots.order(copy, query.from_user.id)
    position = len(bids) if draft.from_review else next_position(bids, draft.choices, -1)
    await _render(query, state, data, round_, bids, draft, position, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.SET))
async def set_value(query: CallbackQuery, callback_data: VoteCb, state: FSMContext,
                    ballots: Ballots, voting_rounds: VotingRounds, i18n: I18nContext) -> None:
    found = await _current(query, callback_data, state, ballots, voting_rounds, i18n)
    if found is None:
        return
    copy, data, draft, bids = found
    bid_id, value = callback_data.bid, callback_data.value
    refusal = tap(Limits.of(copy.round), bids, draft.choices, showing=draft.at, bid_id=bid_id,
                  value=value)
    if refusal is not None:
        await query.answer(refusal_text(refusal, i18n), show_alert=True)
        return
    await query.answer()
    draft.choices[bid_id] = value
    index = [bid.id for bid in bids].index(bid_id)
    position = len(bids) if draft.from_review else next_position(bids, draft.choices, index)
    await _render(query, state, data, copy.round, bids, draft, position, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.BACK))
async def back(query: CallbackQuery, callback_data: VoteCb, state: FSMContext,
               ballots: Ballots, voting_rounds: VotingRounds, i18n: I18nContext) -> None:
    found = await _current(query, callback_data, state, ballots, voting_rounds, i18n)
    if found is None:
        return
    copy, data, draft, bids = found
    await query.answer()
    draft.from_review = False
    position = min(max(0, callback_data.value), max(0, len(bids) - 1))
    await _render(query, state, data, copy.round, bids, draft, position, i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.LIST))
async def to_review(query: CallbackQuery, callback_data: VoteCb, state: FSMContext,
                    ballots: Ballots, voting_rounds: VotingRounds, i18n: I18nContext) -> None:
    found = await _current(query, callback_data, state, ballots, voting_rounds, i18n)
    if found is None:
        return
    copy, data, draft, bids = found
    await query.answer()
    await _render(query, state, data, copy.round, bids, draft, len(bids), i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.OPEN))
async def open_bid(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                   state: FSMContext, ballots: Ballots, voting_rounds: VotingRounds,
                   i18n: I18nContext) -> None:
    """A bid's button on the review or the receipt: its card, then back to the review."""
    found = await _current(query, callback_data, state, ballots, voting_rounds, i18n)
    if found is None:
        return
    copy, data, draft, bids = found
    ids = [bid.id for bid in bids]
    if callback_data.bid not in ids or draft.at != 0:
        await query.answer(i18n.get("vote-out-of-date"), show_alert=True)
        return
    if draft.confirmed:  # from the receipt: the answers are those of the recorded ballot
        if not copy.round.changes_allowed:
            await query.answer(i18n.get("vote-problem-already-voted"), show_alert=True)
            return
        recorded = await ballots.recorded(session, copy, query.from_user.id)
        draft.choices = {} if recorded is None else recorded.choices
        draft.confirmed = False
    await query.answer()
    draft.from_review = True
    await _render(query, state, data, copy.round, bids, draft, ids.index(callback_data.bid),
                  i18n)


@router.callback_query(VoteCb.filter(F.action == VoteAction.PHOTO))
async def photo(query: CallbackQuery, callback_data: VoteCb, voting_rounds: VotingRounds,
                i18n: I18nContext) -> None:
    copy = await _open_round(query, voting_rounds, callback_data.round, i18n)
    if copy is None:
        return
    bid = next((bid for bid in copy.offered_to(query.from_user.id)
                if bid.id == callback_data.bid and bid.photo_file_id), None)
    if bid is None:
        await query.answer(i18n.get("vote-out-of-date"), show_alert=True)
        return
    await query.answer()
    await query.bot.send_photo(query.from_user.id, bid.photo_file_id,
                               caption=escape(bid.title or "")[:1024])


@router.callback_query(VoteCb.filter(F.action == VoteAction.CONFIRM))
async def confirm(query: CallbackQuery, callback_data: VoteCb, session: AsyncSession,
                  state: FSMContext, ballots: Ballots, voting_rounds: VotingRounds,
                  i18n: I18nContext) -> None:
    copy = await _votable(query, session, voting_rounds, callback_data.round, ballots, i18n)
    if copy is None:
        return
    round_ = copy.round
    data = await state.get_data()
    draft = Draft.of(data)
    # Confirm records exactly what its message showed: the draft as it was drawn, or nothing.
    if not draft.current(round_.id, callback_data.rev) or draft.at or draft.confirmed:
        await query.answer(i18n.get("vote-confirm-out-of-date"), show_alert=True)
        return
    # models.ballot decides: the age band, what may be confirmed, then everything again as
    # the ballot is recorded (the round and its bids from this process's copy).
    result = await ballots.confirm(session, copy, query.from_user.id, draft.choices,
                                   age_band=data.get("vote_age", {}).get(str(round_.id)))
    if result.ask_age:
        await query.answer()
        await _ask_age(query, state, data, draft, round_, i18n, edit=True)
        return
    if result.unfinished is not None:
        await query.answer(i18n.get(f"vote-{result.unfinished.code}",
                                    left=result.unfinished.left), show_alert=True)
        return
    bids = result.cards
    await query.answer()
    draft.rev += 1
    if not result.ok:
        problems = "\n".join(i18n.get(f"vote-problem-{code}") for code in result.problems)
        await state.set_data({**data, **draft.dump()})
        await _put(query, i18n.get("vote-refused", problems=problems), review_keyboard(
            i18n, round_, bids, draft.choices, None, draft.rev))
        return
    shown, draft.choices, draft.confirmed, draft.from_review = draft.choices, {}, True, False
    # The band now lives with the ballot (and, once sealed, only in the round's counts): the
    # conversation keeps no copy of it tied to the person.
    ages = {key: band for key, band in data.get("vote_age", {}).items() if key != str(round_.id)}
    await state.set_data({**data, "vote_age": ages, **draft.dump()})
    text = receipt_text(round_, result.receipt, result.replaced, i18n)
    markup = receipt_keyboard(i18n, round_, bids, shown, draft.rev)
    if not result.replaced:  # the first Confirm: "tell me how the projects get on?"
        text, markup = await with_follow_offer(session, round_.id, query.from_user.id, i18n,
                                               text, markup)
    await _put(query, text, markup)


# Rare taps come after the frequent ones: aiogram tries handlers in order.
@router.callback_query(VoteCb.filter(F.action == VoteAction.TELL))
async def tell_when_open(query: CallbackQuery, session: AsyncSession, i18n: I18nContext) -> None:
    await ask_to_be_told(session, query.from_user.id)
    await query.answer()
    await _put(query, i18n.get("vote-will-tell"), with_menu(i18n))


@router.message(Command("code"))
async def code_command(message: Message, command: CommandObject, session: AsyncSession,
                       ballots: Ballots, i18n: I18nContext) -> None:
    if not command.args:
        await message.answer(i18n.get("vote-code-how"))
        return
    await open_code(message, session, ballots, i18n, command.args)


async def open_code(message: Message, session: AsyncSession, ballots: Ballots,
                    i18n: I18nContext, code: str) -> None:
    """A voting code from a card's QR (`start=v_<code>`) or typed after /code."""
    claim = await ballots.claim_code(session, code, message.chat.id)
    round_ = None if claim.round_id is None else await get_round(session, claim.round_id)
    if claim.outcome not in (Claim.CLAIMED, Claim.ALREADY_YOURS) or round_ is None:
        await message.answer(i18n.get(f"vote-code-{claim.outcome}"))
        return
    name = name_html(i18n, round_)
    if round_.status == RoundStatus.VOTING:
        await message.answer(i18n.get("vote-code-accepted", round=name),
                             reply_markup=vote_now(i18n, round_.id))
    elif round_.status in (RoundStatus.COUNTING, RoundStatus.RESULTS):
        await message.answer(i18n.get("vote-closed"))
    else:
        await message.answer(i18n.get("vote-code-kept", round=name))


# ---------------------------------------------------------------------------------------------


async def _current(query: CallbackQuery, callback_data: VoteCb, state: FSMContext,
                   ballots: Ballots, voting_rounds: VotingRounds, i18n: I18nContext,
                   ) -> tuple[VotingCopy, dict, Draft, list[Row]] | None:
    """For a tap that moves through or changes the draft: voting must be open and the button
    drawn on the ballot message as it is now (which was begun after checking that the person
    may vote; Confirm checks everything again). These taps are nearly all of a vote's load."""
    copy = await _open_round(query, voting_rounds, callback_data.round, i18n)
    if copy is None:
        return None
    data = await state.get_data()
    draft = Draft.of(data)
    if not draft.current(callback_data.round, callback_data.rev):
        never_begun = draft.round_id != callback_data.round or not draft.rev
        await query.answer(i18n.get("vote-stale" if never_begun else "vote-out-of-date"),
                           show_alert=True)
        return None
    return copy, data, draft, ballots.order(copy, query.from_user.id)


async def _begin(query: CallbackQuery, session: AsyncSession, state: FSMContext,
                 ballots: Ballots, copy: VotingCopy, i18n: I18nContext, *, edit: bool) -> None:
    """Start the ballot, or go on with it: a draft in progress is kept (first card still to
    answer); a recorded ballot that may be changed opens as its review; a final vote stays
    final; the age band comes first where the round asks for it."""
    round_ = copy.round
    ballot = await ballots.recorded(session, copy, query.from_user.id)
    if ballot is not None and not round_.changes_allowed:
        await _put(query, i18n.get("vote-already-final", receipt=ballot.receipt),
                   with_menu(i18n), edit=edit)
        return
    if ballot is None:  # for the finish rate, and one reminder if it is never confirmed
        await note_started(session, round_.id, query.from_user.id)
    data = await state.get_data()
    old = Draft.of(data)
    bids = ballots.order(copy, query.from_user.id)
    draft = Draft(round_id=round_.id, rev=old.rev)
    if old.round_id == round_.id and old.choices and not old.confirmed:
        draft.choices = still_offered(bids, old.choices)
    elif ballot is not None:
        draft.choices, draft.from_review = dict(ballot.choices), True
    band = data.get("vote_age", {}).get(str(round_.id))
    if band is None and ballot is not None:
        band = ballot.age_band
    if round_.age_band_required and band is None:
        await _ask_age(query, state, data, draft, round_, i18n, edit=edit)
        return
    position = len(bids) if draft.from_review else next_position(bids, draft.choices, -1)
    await _render(query, state, data, round_, bids, draft, position, i18n, edit=edit)


async def _ask_age(query: CallbackQuery, state: FSMContext, data: dict, draft: Draft,
                   round_: Round, i18n: I18nContext, *, edit: bool) -> None:
    draft.rev, draft.at = draft.rev + 1, 0
    await state.set_data({**data, **draft.dump()})
    await _put(query, i18n.get("vote-ask-age"), age_bands(i18n, round_), edit=edit)


def not_eligible_text(round_: Round, i18n: I18nContext) -> str:
    areas = ", ".join(name_html(i18n, area) for area in round_.areas)
    return i18n.get(f"vote-not-eligible-{round_.eligibility}", areas=areas,
                    round=name_html(i18n, round_))


async def _render(query: CallbackQuery, state: FSMContext, data: dict, round_: Round,
                  bids: list[Row], draft: Draft, position: int, i18n: I18nContext, *,
                  edit: bool = True) -> None:
    """Save the draft under a new revision and draw the card at `position` (past the last
    card: the review) on the ballot message."""
    draft.rev += 1
    if not bids:
        draft.at = 0
        await state.set_data({**data, **draft.dump()})
        await _put(query, i18n.get("vote-nothing-to-vote-on"), with_menu(i18n), edit=edit)
        return
    if position >= len(bids):
        draft.at, draft.from_review = 0, True
        missing = unfinished(Limits.of(round_), bids, draft.choices)
        text = review_text(round_, bids, draft.choices, missing, i18n)
        markup = review_keyboard(i18n, round_, bids, draft.choices, missing, draft.rev)
    else:
        draft.at = bids[position].id
        text = card_text(round_, bids, position, draft.choices, i18n)
        markup = card_keyboard(i18n, round_, bids[position], position, draft.rev,
                               draft.from_review)
    await state.set_data({**data, **draft.dump()})
    await _put(query, text, markup, edit=edit)


async def _put(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup, *,
               edit: bool = True) -> None:
    """Edit the tapped message into `text`, or (a first message, or one that can no longer
    be edited) send it as a new one."""
    if edit and isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as error:
            if "not modified" in str(error):  # a double tap: it already shows this
                return
    await query.bot.send_message(query.from_user.id, text, reply_markup=markup)
