"""/bids: organisers review the bids of a round, one card at a time, and groups hear at once.

Every decision button carries the bid's revision when the card was drawn: if the group has
changed the bid since (or another organiser decided), the button changes nothing and the card
is shown again as the bid is now.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import bid_keyboards as kb
from bot.ui.bid_texts import card_text, esc, overview_text, status_name
from bot.ui.callbacks.bids import ReviewAction, ReviewCb
from models import bid as bids
from models.bid import NOTE_LIMIT, REVIEWABLE, Bid, BidStatus, round_under_review
from models.bid_export import bids_csv
from models.bid_questions import clean_text
from models.round import Round, RoundStatus, all_rounds, get_round

router = Router(name=__name__)
DECISION_OF = {ReviewAction.ELIGIBLE: BidStatus.ELIGIBLE,
               ReviewAction.CHANGES: BidStatus.NEEDS_CHANGES,
               ReviewAction.NOT_ELIGIBLE: BidStatus.NOT_ELIGIBLE}


class ReviewFlow(StatesGroup):
    note = State()  # data: bid, rev, decision (the organiser types the message or reason)


@router.message(Command("bids"))
async def bids_command(message: Message, session: AsyncSession, i18n: I18nContext) -> None:
    rounds = [r for r in await all_rounds(session) if r.status != RoundStatus.DRAFT]
    if len(rounds) == 1:
        await _overview(message, session, rounds[0], i18n)
    elif rounds:
        await message.answer(i18n.get("rv-pick-round"), reply_markup=kb.review_rounds(i18n, rounds))
    else:
        await message.answer(i18n.get("rv-no-rounds"))


@router.callback_query(ReviewCb.filter(F.action == ReviewAction.ROUND))
async def round_overview(query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession,
                         i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    await _overview(query.message, session, round_, i18n)


@router.callback_query(ReviewCb.filter(F.action.in_({ReviewAction.NEXT, ReviewAction.SHOW})))
async def show(query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession,
               i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    sent = await bids.round_bids(session, round_.id) if round_ else []
    bid = _pick(sent, callback_data)
    if bid is None:
        key = "rv-nothing-to-review" if round_ and sent else "button-stale"
        await query.answer(i18n.get(key), show_alert=True)
        return
    await query.answer()
    await _card(query.message, round_, sent, bid, i18n)


@router.callback_query(ReviewCb.filter(F.action == ReviewAction.ELIGIBLE))
async def eligible(query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession,
                   notifier: Notifier, i18n: I18nContext) -> None:
    bid, round_ = await _checked(query, callback_data, session, i18n)
    if bid is None:
        return
    await query.answer()
    await _decide(query.message, session, round_, bid, BidStatus.ELIGIBLE, None,
                  callback_data.rev, notifier, i18n)


@router.callback_query(ReviewCb.filter(F.action.in_({ReviewAction.CHANGES,
                                                      ReviewAction.NOT_ELIGIBLE})))
async def ask_note(query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession,
                   state: FSMContext, i18n: I18nContext) -> None:
    bid, _ = await _checked(query, callback_data, session, i18n)
    if bid is None:
        return
    await query.answer()
    decision = DECISION_OF[callback_data.action]
    await state.set_state(ReviewFlow.note)
    await state.set_data({"bid": bid.id, "rev": bid.revision, "decision": decision.value})
    key = "rv-ask-changes" if decision == BidStatus.NEEDS_CHANGES else "rv-ask-reason"
    await query.message.answer(i18n.get(key, reference=esc(bid.reference), limit=NOTE_LIMIT))


# A command typed instead of the message (/rounds, /newround) goes to its own handler.
@router.message(ReviewFlow.note, ~F.text.startswith("/"))
async def note(message: Message, state: FSMContext, session: AsyncSession, notifier: Notifier,
               i18n: I18nContext) -> None:
    text = clean_text(message.text)
    if not text or len(text) > NOTE_LIMIT:
        key = "rv-need-text" if not text else "rv-note-too-long"
        await message.answer(i18n.get(key, length=len(text), limit=NOTE_LIMIT))
        return
    data = await state.get_data()
    await state.set_state(None)
    bid = await bids.get_bid(session, data["bid"])
    round_ = await get_round(session, bid.round_id) if bid else None
    if bid is None or round_ is None:
        await message.answer(i18n.get("button-stale"))
        return
    await _decide(message, session, round_, bid, BidStatus(data["decision"]), text, data["rev"],
                  notifier, i18n)


@router.callback_query(ReviewCb.filter(F.action.in_({ReviewAction.LISTEN, ReviewAction.PHOTO})))
async def media(query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession,
                i18n: I18nContext) -> None:
    bid = await bids.get_bid(session, callback_data.bid)
    listen = callback_data.action == ReviewAction.LISTEN
    file_id = (bid.voice_file_id if listen else bid.photo_file_id) if bid else None
    if file_id is None or bid.status == BidStatus.DRAFT:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    send = query.message.answer_voice if listen else query.message.answer_photo
    await send(file_id, caption=esc(bid.reference))


@router.callback_query(ReviewCb.filter(F.action == ReviewAction.CSV))
async def export(query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession,
                 settings: Settings, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    body = bids_csv(round_, await bids.round_bids(session, round_.id), settings.tz)
    await query.message.answer_document(
        BufferedInputFile(body, filename=f"pbchat-bids-round-{round_.id}.csv"),
        caption=i18n.get("rv-csv-caption", round=esc(round_.name(i18n.locale))))


@router.callback_query(ReviewCb.filter())
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("button-stale"), show_alert=True)


# ---------------------------------------------------------------------------------------------


def _pick(sent: list[Bid], callback_data: ReviewCb) -> Bid | None:
    if callback_data.action == ReviewAction.NEXT:
        waiting = bids.review_order(sent)
        return waiting[0] if waiting and waiting[0].status == BidStatus.SUBMITTED else None
    if callback_data.bid == 0:
        return sent[0] if sent else None
    return next((b for b in sent if b.id == callback_data.bid), None)


async def _checked(query: CallbackQuery, callback_data: ReviewCb, session: AsyncSession,
                   i18n: I18nContext) -> tuple[Bid | None, Round | None]:
    """The bid a decision button points at, if the button still matches it; else say why."""
    bid = await bids.get_bid(session, callback_data.bid)
    round_ = await get_round(session, bid.round_id) if bid else None
    if bid is None or round_ is None or bid.round_id != callback_data.round \
            or bid.status not in REVIEWABLE:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return None, None
    if not round_under_review(round_):
        await query.answer(i18n.get("rv-voting-started"), show_alert=True)
        return None, None
    if bid.revision != callback_data.rev:
        await query.answer(i18n.get("rv-stale"), show_alert=True)
        await _card(query.message, round_, await bids.round_bids(session, round_.id), bid, i18n)
        return None, None
    return bid, round_


async def _decide(message: Message, session: AsyncSession, round_: Round, bid: Bid,
                  decision: BidStatus, note: str | None, revision: int, notifier: Notifier,
                  i18n: I18nContext) -> None:
    if not round_under_review(round_) or not await bids.decide(session, bid, decision, note,
                                                               revision):
        await message.answer(i18n.get("rv-stale"))
        await _card(message, round_, await bids.round_bids(session, round_.id), bid, i18n)
        return
    await notifier.bids.decided(session, round_, bid)  # to the group, in its own language
    await notifier.bids.refresh_digests(session)  # one fewer waiting
    await message.answer(i18n.get("rv-decided", reference=esc(bid.reference),
                                  status=status_name(i18n, bid.status)))
    sent = await bids.round_bids(session, round_.id)
    waiting = [b for b in bids.review_order(sent) if b.status == BidStatus.SUBMITTED]
    if waiting:
        await _card(message, round_, sent, waiting[0], i18n)
    else:
        await _overview(message, session, round_, i18n)


async def _overview(message: Message, session: AsyncSession, round_: Round,
                    i18n: I18nContext) -> None:
    sent = await bids.round_bids(session, round_.id)
    summary = bids.overview(round_, sent)
    drafts = await bids.draft_count(session, round_.id)
    await message.answer(overview_text(i18n, round_, summary, drafts),
                         reply_markup=kb.review_overview(i18n, round_, summary.to_review,
                                                         bool(sent)))


async def _card(message: Message, round_: Round, sent: list[Bid], bid: Bid,
                i18n: I18nContext) -> None:
    index = next(i for i, b in enumerate(sent) if b.id == bid.id)
    previous = sent[index - 1] if index > 0 else None
    following = sent[index + 1] if index + 1 < len(sent) else None
    await message.answer(card_text(i18n, round_, bid, index + 1, len(sent)),
                         reply_markup=kb.review_card(i18n, bid, previous, following,
                                                     round_under_review(round_)
                                                     and bid.status in REVIEWABLE))
