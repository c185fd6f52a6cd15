"""A round's update schedule: the days after the results when each funded group is asked for an
update (organisers, from /rounds). Before the results, publishing uses it; after, the asks not
yet sent move to the new days (bot/jobs/project_asks.py), never sent twice.
"""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui.callbacks.schedule import ScheduleAction, ScheduleCb
from models.base import utcnow
from models.project_schedule import reschedule
from models.round import Round, get_round
from models.update_schedule import MAX_ASKS, MAX_DAY, parse_ask_days, round_ask_days, shown

router = Router(name=__name__)


class ScheduleFlow(StatesGroup):
    days = State()  # data: round


def schedule_line(i18n: I18nContext, round_: Round, settings: Settings) -> str:
    """For the organiser's list of rounds."""
    return i18n.get("sc-line", days=shown(round_ask_days(round_.update_days,
                                                         settings.project_ask_days)))


def schedule_buttons(i18n: I18nContext, rounds: list[Round]) -> list[list[InlineKeyboardButton]]:
    return [[InlineKeyboardButton(text=i18n.get("sc-button", id=round_.id),
                                  callback_data=ScheduleCb(action=ScheduleAction.CHANGE,
                                                           round=round_.id).pack())]
            for round_ in rounds]


@router.callback_query(ScheduleCb.filter(F.action == ScheduleAction.CHANGE))
async def ask_days(query: CallbackQuery, callback_data: ScheduleCb, state: FSMContext,
                   session: AsyncSession, settings: Settings, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None:
        await query.answer(i18n.get("sc-stale"), show_alert=True)
        return
    await query.answer()
    await state.set_state(ScheduleFlow.days)
    await state.set_data({"round": round_.id})
    standard = shown(settings.project_ask_days)
    await query.message.answer(
        i18n.get("sc-ask", round=escape(round_.name(i18n.locale)),
                 days=shown(round_ask_days(round_.update_days, settings.project_ask_days)),
                 most=MAX_ASKS),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
            text=i18n.get("sc-standard-button", days=standard),
            callback_data=ScheduleCb(action=ScheduleAction.STANDARD,
                                     round=round_.id).pack())]]))


@router.message(ScheduleFlow.days, F.text, IS_ANSWER)
async def got_days(message: Message, state: FSMContext, session: AsyncSession,
                   settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    try:
        days = parse_ask_days(message.text[:200])
    except ValueError:
        await message.answer(i18n.get("sc-bad", most=MAX_ASKS, longest=MAX_DAY))
        return
    round_id = (await state.get_data()).get("round")
    await state.clear()
    await _save(message, session, settings, notifier, i18n, round_id, days)


@router.message(ScheduleFlow.days, IS_ANSWER)
async def not_days(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("sc-bad", most=MAX_ASKS, longest=MAX_DAY))


@router.callback_query(ScheduleCb.filter(F.action == ScheduleAction.STANDARD), ScheduleFlow.days)
async def standard(query: CallbackQuery, callback_data: ScheduleCb, state: FSMContext,
                   session: AsyncSession, settings: Settings, notifier: Notifier,
                   i18n: I18nContext) -> None:
    if (await state.get_data()).get("round") != callback_data.round:
        await query.answer(i18n.get("sc-stale"), show_alert=True)
        return
    await query.answer()
    await state.clear()
    await _save(query.message, session, settings, notifier, i18n, callback_data.round, None)


@router.callback_query(ScheduleCb.filter())
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("sc-stale"), show_alert=True)


async def _save(message: Message, session: AsyncSession, settings: Settings, notifier: Notifier,
                i18n: I18nContext, round_id: object, days: tuple[int, ...] | None) -> None:
    round_ = await get_round(session, round_id) if isinstance(round_id, int) else None
    if round_ is None:
        await message.answer(i18n.get("sc-gone"))
        return
    made = await reschedule(session, round_, days, settings.project_ask_days)
    now = utcnow()
    await notifier.project_asks.sync(session, round_, made, now)
    text = i18n.get("sc-saved", round=escape(round_.name(i18n.locale)),
                    days=shown(round_ask_days(round_.update_days, settings.project_ask_days)))
    if made:
        text += "\n" + i18n.get("sc-saved-projects",
                                count=len([p for p in made if not p.finished]))
    await message.answer(text)
