"""Festival of learning, for residents: answer "What did you learn?" and "What will you do
next?" (the pledge), and later say how the pledge went.

The questions arrive through the outbox (models/pledge.py plans them), so no conversation
state is set: the person's `Pledge` row says which question is open, and a text from someone
with an open question is its answer when that question is the one they were asked last
(bot/conversation/latest_question.py: not while a conversation asked something since).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.conversation.latest_question import FestivalAskedLast
from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import pledge_keyboards as kb
from bot.ui.callbacks.pledges import PledgeAction, PledgeCb
from bot.ui.event_texts import escape, when
from bot.ui.keyboards import menu_again
from models import pledge as pledges
from models.base import utcnow
from models.pledge import OPEN_FOR, Outcome, Pledge, Stage

router = Router(name=__name__)


@router.message(IS_ANSWER, F.text, FestivalAskedLast())
async def answered(message: Message, pledge: Pledge, session: AsyncSession, state: FSMContext,
                   settings: Settings, notifier: Notifier, i18n: I18nContext,
                   raw_state: str | None = None) -> None:
    # A World Café question asked before the festival's is over for this person: their texts
    # are the festival's now, until they open a café question again.
    if raw_state is not None:
        await state.clear()
    await _advance(message, session, settings, notifier, i18n, pledge, message.text)


@router.callback_query(PledgeCb.filter(F.action == PledgeAction.SKIP))
async def skipped(query: CallbackQuery, callback_data: PledgeCb, session: AsyncSession,
                  settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    pledge = await pledges.get_pledge(session, callback_data.pledge, query.from_user.id)
    if pledge is None or pledge.stage != callback_data.value or not _still_open(pledge):
        await query.answer(i18n.get("fol-gone"), show_alert=True)
        return
    await query.answer()
    await _advance(query.message, session, settings, notifier, i18n, pledge, None)


@router.callback_query(PledgeCb.filter(F.action == PledgeAction.OUTCOME))
async def outcome(query: CallbackQuery, callback_data: PledgeCb, session: AsyncSession,
                  i18n: I18nContext) -> None:
    pledge = await pledges.get_pledge(session, callback_data.pledge, query.from_user.id)
    chosen = Outcome(callback_data.value) if callback_data.value in set(Outcome) else None
    if pledge is None or chosen is None or not await pledges.record_outcome(
            session, pledge, chosen, utcnow()):
        await query.answer(i18n.get("fol-gone"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(i18n.get("fol-note-ask"),
                               reply_markup=kb.skip(i18n, pledge.id, Stage.NOTE))


def _still_open(pledge: Pledge) -> bool:
    return pledge.stage_at > utcnow() - OPEN_FOR


async def _advance(message: Message, session: AsyncSession, settings: Settings,
                   notifier: Notifier, i18n: I18nContext, pledge: Pledge,
                   text: str | None) -> None:
    """Record the answer (None: skipped) to the open question and ask the next one."""
    now = utcnow()
    if pledge.stage == Stage.LEARNED:
        if await pledges.answer_learned(session, pledge, text, now):
            await message.answer(i18n.get("fol-ask-next", date=await _follow_up_date(
                session, settings, i18n, pledge, now)),
                reply_markup=kb.skip(i18n, pledge.id, Stage.NEXT))
    elif pledge.stage == Stage.NEXT:
        date = await _follow_up_date(session, settings, i18n, pledge, now)
        if await pledges.answer_next(session, pledge, text, now):
            if pledge.pledge:  # asked again one period later how it went
                await notifier.tell(
                    session, [pledge.telegram_id], "fol-follow-up",
                    dedupe=pledges.follow_up_key(pledge.id),
                    due_at=await pledges.follow_up_due(session, pledge, now),
                    date=lambda texts: when(now, settings.tz, texts.locale),
                    pledge=escape(pledge.pledge),
                    markup=lambda texts: kb.outcomes(texts, pledge.id))
            await message.answer(i18n.get("fol-thanks-pledge", pledge=escape(pledge.pledge),
                                          date=date) if pledge.pledge else i18n.get("fol-thanks"),
                                 reply_markup=menu_again(i18n))
    elif pledge.stage == Stage.NOTE:
        if await pledges.add_note(session, pledge, text, now):
            await message.answer(i18n.get("fol-note-thanks"), reply_markup=menu_again(i18n))


async def _follow_up_date(session: AsyncSession, settings: Settings, i18n: I18nContext,
                          pledge: Pledge, now: datetime) -> str:
    festival = await pledges.get_festival(session, pledge.festival_id)
    return when(now + timedelta(seconds=festival.follow_up_seconds), settings.tz, i18n.locale)
