"""Submit a bid: one question at a time, every answer saved at once, a summary to check, Send.

The draft lives in `bids` (models/bid.py), not in the conversation state: the state only says
which bid and which question the next message answers. So /cancel, a restart or a week away
loses nothing, and "Continue" asks the first question still unanswered.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import bid_keyboards as kb
from bot.ui.bid_texts import (
    esc,
    mine_lines,
    problem_text,
    question_text,
    round_intro,
    summary_text,
    when,
)
from bot.ui.callbacks import MenuCb, MenuItem
from bot.ui.callbacks.bids import BidAction, BidCb
from bot.ui.names import name_text
from handlers.menu import show_menu
from models import bid as bids
from models.base import utcnow
from models.bid import Bid, BidStatus, Refusal, group_refusal
from models.bid_questions import QUESTIONS, area_typed, check_answer
from models.organiser import organiser_ids
from models.round import Round, accepting_bids, get_round, rounds_taking_bids
from models.user import User

router = Router(name=__name__)
REFUSALS = {Refusal.NOT_YOURS: "button-stale", Refusal.DEADLINE: "bid-refused-deadline",
            Refusal.LOCKED: "bid-refused-locked"}


class BidFlow(StatesGroup):
    answering = State()  # data: bid, q (the question key), edit (back to the summary after)
    photo = State()  # data: bid


@router.callback_query(MenuCb.filter(F.item == MenuItem.BID))
async def from_menu(query: CallbackQuery, session: AsyncSession, user: User, settings: Settings,
                    i18n: I18nContext) -> None:
    await query.answer()
    rounds = await rounds_taking_bids(session, utcnow())
    if len(rounds) == 1:
        await _show_round(query.message, session, user, rounds[0], settings, i18n)
    elif rounds:
        await query.message.answer(i18n.get("bid-pick-round"),
                                   reply_markup=kb.rounds_to_bid_in(i18n, rounds))
    else:
        await query.message.answer(i18n.get("bid-no-round"))
        await show_menu(query.message, i18n)


@router.callback_query(BidCb.filter(F.action == BidAction.ROUND))
async def round_page(query: CallbackQuery, callback_data: BidCb, session: AsyncSession,
                     user: User, settings: Settings, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or not accepting_bids(round_, utcnow()):
        await query.answer(i18n.get("bid-refused-deadline"), show_alert=True)
        return
    await query.answer()
    await _show_round(query.message, session, user, round_, settings, i18n)


@router.callback_query(BidCb.filter(F.action == BidAction.START))
async def start_bid(query: CallbackQuery, callback_data: BidCb, session: AsyncSession,
                    user: User, state: FSMContext, settings: Settings, notifier: Notifier,
                    i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or not accepting_bids(round_, utcnow()):
        await query.answer(i18n.get("bid-refused-deadline"), show_alert=True)
        return
    bid = await bids.start_draft(session, round_, user.telegram_id)
    await notifier.bids.nudge(session, round_, bid)
    await query.answer()
    await _ask(query.message, state, round_, bid, bids.next_unanswered(bid, round_), i18n)


@router.callback_query(BidCb.filter(F.action == BidAction.OPEN))
async def open_bid(query: CallbackQuery, callback_data: BidCb, session: AsyncSession,
                   user: User, state: FSMContext, settings: Settings, i18n: I18nContext) -> None:
    bid, round_ = await _load(session, callback_data.bid)
    if bid is None or bid.owner_telegram_id != user.telegram_id:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    key = bids.next_unanswered(bid, round_)
    if bid.status == BidStatus.DRAFT and key and accepting_bids(round_, utcnow()):
        await _ask(query.message, state, round_, bid, key, i18n)
    else:
        await _summary(query.message, state, user, round_, bid, settings, i18n)


# Commands typed mid-question (/bids, /help...) go to their own handlers, not into the bid.
@router.message(BidFlow.answering, ~F.text.startswith("/"))
async def answer(message: Message, state: FSMContext, session: AsyncSession, user: User,
                 settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    data = await state.get_data()
    bid, round_ = await _load(session, data.get("bid"))
    if not await _may_change(message, state, user, bid, round_, i18n):
        return
    if data["q"] == "area" and message.text:
        await _typed_area(message, state, session, user, round_, bid, data, settings, notifier,
                          i18n)
        return
    checked = check_answer(QUESTIONS[data["q"]], text=message.text,
                           voice_file_id=message.voice.file_id if message.voice else None,
                           max_pence=round_.max_bid_pence)
    if checked.problem:
        await message.answer(problem_text(i18n, checked))
        await _ask(message, state, round_, bid, data["q"], i18n, editing=data.get("edit", False))
        return
    await bids.save_answer(session, bid, data["q"], checked.value, voice=checked.voice)
    await _after_answer(message, state, session, user, round_, bid, data.get("edit", False),
                        settings, notifier, i18n)


@router.callback_query(BidFlow.answering, BidCb.filter(F.action == BidAction.AREA))
async def area(query: CallbackQuery, callback_data: BidCb, state: FSMContext,
               session: AsyncSession, user: User, settings: Settings, notifier: Notifier,
               i18n: I18nContext) -> None:
    data = await state.get_data()
    bid, round_ = await _load(session, callback_data.bid)
    chosen = round_.area(int(callback_data.value)) if round_ and callback_data.value.isdigit() \
        else None
    if data.get("bid") != callback_data.bid or data.get("q") != "area" or chosen is None:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    if not await _may_change(query, state, user, bid, round_, i18n):
        return
    await query.answer()
    await bids.save_answer(session, bid, "area", chosen.id)
    await _after_answer(query.message, state, session, user, round_, bid, data.get("edit", False),
                        settings, notifier, i18n)


async def _typed_area(message: Message, state: FSMContext, session: AsyncSession, user: User,
                      round_: Round, bid: Bid, data: dict, settings: Settings, notifier: Notifier,
                      i18n: I18nContext) -> None:
    """An area typed instead of tapped: taken when it names one of the round's areas."""
    chosen = area_typed(round_.areas, message.text)
    if chosen is None:
        typed = " ".join((message.text or "").split())
        await message.answer(i18n.get(
            "res-bid-area-unknown", typed=esc(typed[:40] + ("…" if len(typed) > 40 else "")),
            choices=esc(", ".join(name_text(i18n, area) for area in round_.areas))))
        await _ask(message, state, round_, bid, "area", i18n, editing=data.get("edit", False))
        return
    await bids.save_answer(session, bid, "area", chosen.id)
    await _after_answer(message, state, session, user, round_, bid, data.get("edit", False),
                        settings, notifier, i18n)


@router.callback_query(BidCb.filter(F.action.in_({BidAction.PLAY_VOICE, BidAction.SEE_PHOTO})))
async def own_media(query: CallbackQuery, callback_data: BidCb, session: AsyncSession,
                    user: User, i18n: I18nContext) -> None:
    """The group's own voice note or photo, sent back from the file Telegram keeps."""
    bid, _ = await _load(session, callback_data.bid)
    voice = callback_data.action == BidAction.PLAY_VOICE
    file_id = (bid.voice_file_id if voice else bid.photo_file_id) if bid else None
    if file_id is None or bid.owner_telegram_id != user.telegram_id:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    send = query.message.answer_voice if voice else query.message.answer_photo
    await send(file_id, caption=esc(kb.plain_title(i18n, bid)),
               reply_markup=kb.open_bid(i18n, bid, "bid-back"))


@router.callback_query(BidCb.filter(F.action == BidAction.EDIT))
async def edit(query: CallbackQuery, callback_data: BidCb, state: FSMContext,
               session: AsyncSession, user: User, i18n: I18nContext) -> None:
    bid, round_ = await _load(session, callback_data.bid)
    if not await _may_change(query, state, user, bid, round_, i18n):
        return
    if callback_data.value not in bids.questions_for(bid, round_):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    await _ask(query.message, state, round_, bid, callback_data.value, i18n, editing=True)


@router.callback_query(BidCb.filter(F.action == BidAction.PHOTO))
async def ask_photo(query: CallbackQuery, callback_data: BidCb, state: FSMContext,
                    session: AsyncSession, user: User, i18n: I18nContext) -> None:
    bid, round_ = await _load(session, callback_data.bid)
    if not await _may_change(query, state, user, bid, round_, i18n):
        return
    await query.answer()
    await state.set_state(BidFlow.photo)
    await state.set_data({"bid": bid.id})
    await query.message.answer(i18n.get("bid-ask-photo"), reply_markup=kb.photo_step(i18n, bid))


@router.message(BidFlow.photo, F.photo)
async def photo(message: Message, state: FSMContext, session: AsyncSession, user: User,
                settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    bid, round_ = await _load(session, (await state.get_data()).get("bid"))
    if not await _may_change(message, state, user, bid, round_, i18n):
        return
    await bids.set_photo(bid, message.photo[-1].file_id)
    await _after_answer(message, state, session, user, round_, bid, True, settings, notifier,
                        i18n)


@router.message(BidFlow.photo, ~F.text.startswith("/"))
async def not_a_photo(message: Message, session: AsyncSession, state: FSMContext,
                      i18n: I18nContext) -> None:
    bid, _ = await _load(session, (await state.get_data()).get("bid"))
    markup = kb.photo_step(i18n, bid) if bid else None
    await message.answer(i18n.get("bid-need-photo"), reply_markup=markup)


@router.callback_query(BidCb.filter(F.action == BidAction.NO_PHOTO))
async def no_photo(query: CallbackQuery, callback_data: BidCb, state: FSMContext,
                   session: AsyncSession, user: User, settings: Settings, notifier: Notifier,
                   i18n: I18nContext) -> None:
    bid, round_ = await _load(session, callback_data.bid)
    if not await _may_change(query, state, user, bid, round_, i18n):
        return
    await query.answer()
    await bids.set_photo(bid, None)
    await _after_answer(query.message, state, session, user, round_, bid, True, settings,
                        notifier, i18n)


@router.callback_query(BidCb.filter(F.action == BidAction.SUMMARY))
async def back_to_summary(query: CallbackQuery, callback_data: BidCb, state: FSMContext,
                          session: AsyncSession, user: User, settings: Settings,
                          i18n: I18nContext) -> None:
    bid, round_ = await _load(session, callback_data.bid)
    if bid is None or bid.owner_telegram_id != user.telegram_id:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    await _summary(query.message, state, user, round_, bid, settings, i18n)


@router.callback_query(BidCb.filter(F.action == BidAction.SUBMIT))
async def submit(query: CallbackQuery, callback_data: BidCb, state: FSMContext,
                 session: AsyncSession, user: User, settings: Settings, notifier: Notifier,
                 i18n: I18nContext) -> None:
    bid, round_ = await _load(session, callback_data.bid)
    if bid is not None and bid.owner_telegram_id == user.telegram_id and bid.reference:
        # A second tap on Send, or Send on an old summary: the bid went the first time.
        await query.answer(i18n.get("bid-already-sent", reference=bid.reference), show_alert=True)
        return
    if not await _may_change(query, state, user, bid, round_, i18n):
        return
    if (key := bids.next_unanswered(bid, round_)) is not None:
        await query.answer()
        await _ask(query.message, state, round_, bid, key, i18n)
        return
    if not await bids.submit(session, bid, round_):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await _sent(query, state, session, round_, bid, settings, notifier, i18n)


@router.callback_query(BidCb.filter(F.action.in_({BidAction.WITHDRAW, BidAction.DELETE})))
async def ask_to_confirm(query: CallbackQuery, callback_data: BidCb, state: FSMContext,
                         session: AsyncSession, user: User, i18n: I18nContext) -> None:
    bid, round_ = await _load(session, callback_data.bid)
    if not await _may_change(query, state, user, bid, round_, i18n):
        return
    withdrawing = callback_data.action == BidAction.WITHDRAW
    if withdrawing != (bid.status != BidStatus.DRAFT):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    if withdrawing:
        await query.message.answer(
            i18n.get("bid-withdraw-confirm", reference=bid.reference),
            reply_markup=kb.confirm(i18n, bid, BidAction.WITHDRAW_YES, "bid-withdraw-yes"))
    else:
        await query.message.answer(
            i18n.get("bid-delete-confirm"),
            reply_markup=kb.confirm(i18n, bid, BidAction.DELETE_YES, "bid-delete-yes"))


@router.callback_query(BidCb.filter(F.action == BidAction.WITHDRAW_YES))
async def withdraw(query: CallbackQuery, callback_data: BidCb, state: FSMContext,
                   session: AsyncSession, user: User, settings: Settings, notifier: Notifier,
                   i18n: I18nContext) -> None:
    bid, round_ = await _load(session, callback_data.bid)
    if not await _may_change(query, state, user, bid, round_, i18n):
        return
    if not await bids.withdraw(session, bid):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    await _tell_organisers(session, settings, notifier)
    await query.message.answer(i18n.get("bid-withdrawn", reference=bid.reference))
    await show_menu(query.message, i18n)


@router.callback_query(BidCb.filter(F.action == BidAction.DELETE_YES))
async def delete(query: CallbackQuery, callback_data: BidCb, state: FSMContext,
                 session: AsyncSession, user: User, i18n: I18nContext) -> None:
    bid, round_ = await _load(session, callback_data.bid)
    if not await _may_change(query, state, user, bid, round_, i18n):
        return
    if not await bids.delete_draft(session, bid):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    await state.set_state(None)
    await query.message.answer(i18n.get("bid-deleted"))
    await show_menu(query.message, i18n)


@router.callback_query(BidCb.filter(F.action == BidAction.DONE))
async def done(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await query.answer()
    await state.set_state(None)
    await show_menu(query.message, i18n)


@router.callback_query(BidCb.filter())
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    # An area button after the question moved on, or anything forged.
    await query.answer(i18n.get("button-stale"), show_alert=True)


# ---------------------------------------------------------------------------------------------


async def _load(session: AsyncSession, bid_id: object) -> tuple[Bid | None, Round | None]:
    bid = await bids.get_bid(session, bid_id) if isinstance(bid_id, int) else None
    return bid, (await get_round(session, bid.round_id) if bid else None)


async def _may_change(event: Message | CallbackQuery, state: FSMContext, user: User,
                      bid: Bid | None, round_: Round | None, i18n: I18nContext) -> bool:
    """Re-check ownership, status and deadline on every answer and button; say no kindly."""
    refusal = group_refusal(bid, round_, user.telegram_id, utcnow())
    if refusal is None:
        return True
    if isinstance(event, CallbackQuery):
        await event.answer(i18n.get(REFUSALS[refusal]), show_alert=True)
    else:
        await state.set_state(None)
        await event.answer(i18n.get(REFUSALS[refusal]))
        await show_menu(event, i18n)
    return False


async def _show_round(message: Message, session: AsyncSession, user: User, round_: Round,
                      settings: Settings, i18n: I18nContext) -> None:
    drafts = [b for b in await bids.bids_of(session, user.telegram_id)
              if b.round_id == round_.id and b.status == BidStatus.DRAFT]
    await message.answer(round_intro(i18n, round_, settings.tz),
                         reply_markup=kb.round_start(i18n, round_, drafts))


async def _ask(message: Message, state: FSMContext, round_: Round, bid: Bid, key: str,
               i18n: I18nContext, *, editing: bool = False) -> None:
    await state.set_state(BidFlow.answering)
    await state.set_data({"bid": bid.id, "q": key, "edit": editing})
    markup = kb.areas(i18n, round_, bid) if key == "area" else None
    await message.answer(question_text(i18n, round_, bid, key), reply_markup=markup)


async def _after_answer(message: Message, state: FSMContext, session: AsyncSession, user: User,
                        round_: Round, bid: Bid, editing: bool, settings: Settings,
                        notifier: Notifier,
                        i18n: I18nContext) -> None:
    """Next question for a draft being written; the summary after an edit or for a sent bid."""
    if bid.status != BidStatus.DRAFT:
        await _tell_organisers(session, settings, notifier)
        await message.answer(i18n.get("bid-saved-sent"))
    key = bids.next_unanswered(bid, round_)
    if bid.status == BidStatus.DRAFT and key is not None and not editing:
        await _ask(message, state, round_, bid, key, i18n)
    else:
        await _summary(message, state, user, round_, bid, settings, i18n)


async def _summary(message: Message, state: FSMContext, user: User, round_: Round, bid: Bid,
                   settings: Settings, i18n: I18nContext) -> None:
    await state.set_state(None)
    can_change = group_refusal(bid, round_, user.telegram_id, utcnow()) is None
    await message.answer(summary_text(i18n, round_, bid, settings.tz),
                         reply_markup=kb.summary(i18n, round_, bid, can_change))


async def _sent(query: CallbackQuery, state: FSMContext, session: AsyncSession, round_: Round,
                bid: Bid, settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    await query.answer()
    await state.set_state(None)
    await _tell_organisers(session, settings, notifier)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("bid-submitted", reference=esc(bid.reference),
                                        deadline=when(round_.bid_deadline, settings.tz, i18n)))
    await show_menu(query.message, i18n)


async def _tell_organisers(session: AsyncSession, settings: Settings,
                           notifier: Notifier) -> None:
    await notifier.bids.to_organisers(session, await organiser_ids(session,
                                                                   settings.organiser_ids))


async def mine_section(session: AsyncSession, user: User, settings: Settings,
                       i18n: I18nContext) -> tuple[list[str], list[list[InlineKeyboardButton]]]:
    """The "Your bids" part of My things (handlers/mine.py): each bid with where it stands."""
    owned = await bids.bids_of(session, user.telegram_id)
    if not owned:
        return [], []
    rounds = {round_id: await get_round(session, round_id)
              for round_id in {bid.round_id for bid in owned}}
    lines = [i18n.get("bid-mine-title"), *mine_lines(i18n, rounds, owned)]
    return lines, kb.mine(i18n, owned).inline_keyboard
