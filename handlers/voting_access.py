"""Organisers: voting-code cards (/votingcodes) and reminders to eligible non-voters
(/remindvoters). Both are also buttons on the /voting panel (bot/vote_keyboards.voting_admin).
Behind the organiser filter (handlers.organiser_router).
"""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.ui.callbacks.vote import VotingAccessAction, VotingAccessCb
from bot.ui.vote_keyboards import codes_rounds, reminder
from bot.ui.voting_cards import cards_pdf
from models.ballot import Ballots, rounds_in_voting
from models.eligibility import take_reminder_number
from models.round import Round, RoundStatus, get_round
from models.voting_code import MAX_CODES, code_counts, rounds_taking_codes

router = Router(name=__name__)


class MakeCodes(StatesGroup):
    count = State()


# --- voting codes ---------------------------------------------------------------------------


@router.message(Command("votingcodes"))
async def codes_command(message: Message, session: AsyncSession, i18n: I18nContext) -> None:
    rounds = await rounds_taking_codes(session)
    if not rounds:
        await message.answer(i18n.get("vx-codes-no-round"))
        return
    lines = [i18n.get("vx-codes-title")]
    for round_ in rounds:
        made, used = await code_counts(session, round_.id)
        lines.append(i18n.get("vx-codes-line", round=escape(round_.name(i18n.locale)),
                              made=made, used=used))
    await message.answer("\n".join(lines), reply_markup=codes_rounds(i18n, rounds))


@router.callback_query(VotingAccessCb.filter(F.action == VotingAccessAction.CODES))
async def ask_how_many(query: CallbackQuery, callback_data: VotingAccessCb,
                       session: AsyncSession, state: FSMContext, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status == RoundStatus.RESULTS:
        await query.answer(i18n.get("vote-closed"), show_alert=True)
        return
    await query.answer()
    await state.set_state(MakeCodes.count)
    await state.update_data(codes_round=round_.id)
    await query.message.answer(i18n.get("vx-codes-how-many", round=escape(
        round_.name(i18n.locale)), most=MAX_CODES))


@router.message(MakeCodes.count, IS_ANSWER)
async def make_codes(message: Message, session: AsyncSession, state: FSMContext, bot: Bot,
                     ballots: Ballots, i18n: I18nContext) -> None:
    text = (message.text or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_CODES:
        await message.answer(i18n.get("vx-codes-bad-number", most=MAX_CODES))
        return
    round_ = await get_round(session, (await state.get_data()).get("codes_round", 0))
    await state.clear()
    if round_ is None or round_.status == RoundStatus.RESULTS:
        await message.answer(i18n.get("vote-closed"))
        return
    codes = await ballots.make_codes(session, round_.id, int(text))
    core = i18n.core
    pdf = cards_pdf(codes, bot_username=(await bot.me()).username,
                    titles=(round_.name_en, round_.name("cy")),
                    instructions=[core.get("vx-card-how", "en"), core.get("vx-card-how", "cy")])
    await message.answer_document(
        BufferedInputFile(pdf, filename=f"voting-codes-round-{round_.id}.pdf"),
        caption=i18n.get("vx-codes-made", count=len(codes),
                         round=escape(round_.name(i18n.locale))))


# --- reminders ------------------------------------------------------------------------------


@router.message(Command("remindvoters"))
async def remind_command(message: Message, session: AsyncSession, ballots: Ballots,
                         i18n: I18nContext) -> None:
    rounds = await rounds_in_voting(session)
    if not rounds:
        await message.answer(i18n.get("vx-remind-no-round"))
    for round_ in rounds:
        await _panel(message, session, ballots, round_, i18n)


@router.callback_query(VotingAccessCb.filter(F.action == VotingAccessAction.SHOW))
async def show(query: CallbackQuery, callback_data: VotingAccessCb, session: AsyncSession,
               ballots: Ballots, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status != RoundStatus.VOTING:
        await query.answer(i18n.get("vote-closed"), show_alert=True)
        return
    await query.answer()
    await _panel(query.message, session, ballots, round_, i18n)


@router.callback_query(VotingAccessCb.filter(F.action == VotingAccessAction.REMIND))
async def remind(query: CallbackQuery, callback_data: VotingAccessCb, session: AsyncSession,
                 ballots: Ballots, notifier: Notifier, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status != RoundStatus.VOTING:
        await query.answer(i18n.get("vote-closed"), show_alert=True)
        return
    if not await take_reminder_number(session, round_, callback_data.value):
        await query.answer(i18n.get("vx-remind-already", number=callback_data.value),
                           show_alert=True)
        return
    queued = await notifier.votes.voting_reminder(
        session, round_, callback_data.value,
        await ballots.non_voters(session, round_))
    await query.answer()
    await query.message.answer(i18n.get("vx-remind-queued", number=callback_data.value,
                                        count=queued))


async def _panel(message: Message, session: AsyncSession, ballots: Ballots, round_: Round,
                 i18n: I18nContext) -> None:
    waiting = await ballots.non_voters(session, round_)
    await message.answer(
        i18n.get("vx-remind-panel", round=escape(round_.name(i18n.locale)),
                 who=i18n.get(f"vx-who-{round_.eligibility}"), count=len(waiting),
                 sent=round_.reminders_sent),
        reply_markup=reminder(i18n, round_))
