"""Correcting a payment organisers recorded for a project (behind the organiser filter).

From a project's page: **Correct a payment ✏️** lists the project's recent entries (money paid
to the group, money it gave back), newest first. Tap one, then **Change amount** (type the right
amount) or **Remove**; a Yes/No question shows what will change and the project's totals after
it. The Yes carries the amount the question showed: if the entry has gone or changed since, it
is out of date and nothing changes. No correction may leave more given back than paid: the
organiser is told the two totals it would make. Every correction is in /audit: who, when, which
project, before and after (models/project_money.py).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.settings import Settings
from bot.ui.callbacks.projects import MoneyAction, MoneyFixCb
from bot.ui.project_view import project_name
from models import project_money as money
from models.amounts import format_pounds, parse_amount
from models.base import utcnow
from models.bid import Bid
from models.project import Money, Project, ProjectPayment
from models.project_money import Outcome, Problem
from models.user import User
from models.when import show_local

router = Router(name=__name__)


class FixFlow(StatesGroup):
    amount = State()  # data: project, payment, was


def _cb(action: MoneyAction):
    return MoneyFixCb.filter(F.action == action)


async def _stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("pj-stale"), show_alert=True)


def _button(text: str, action: MoneyAction, project: int, payment: ProjectPayment | None = None,
            to: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=MoneyFixCb(
        action=action, project=project, payment=payment.id if payment else 0,
        was=payment.amount_pence if payment else 0, to=to).pack())


def _entry(i18n: I18nContext, payment: ProjectPayment, settings: Settings) -> str:
    """"£1,000 paid to the group · Sat 5 Dec 2026, 10:00"."""
    return i18n.get(f"pjm-entry-{payment.kind}", amount=format_pounds(payment.amount_pence),
                    when=show_local(payment.recorded_at, settings.tz, i18n.locale))


def _totals(i18n: I18nContext, after: Money) -> str:
    return i18n.get("pj-payments", paid=format_pounds(after.paid_pence),
                    returned=format_pounds(after.returned_pence))


def _problem(i18n: I18nContext, problem: Problem) -> str:
    return i18n.get(problem.key, paid=format_pounds(problem.paid_pence),
                    returned=format_pounds(problem.returned_pence))


async def _entry_shown(query: CallbackQuery, callback_data: MoneyFixCb, session: AsyncSession,
                       i18n: I18nContext) -> ProjectPayment | None:
    """The entry the button was made for, if it still holds the amount the button showed."""
    payment = await money.get_payment(session, callback_data.project, callback_data.payment)
    if payment is None or payment.amount_pence != callback_data.was:
        await _stale(query, i18n)
        return None
    return payment


@router.callback_query(_cb(MoneyAction.LIST))
async def list_entries(query: CallbackQuery, callback_data: MoneyFixCb, state: FSMContext,
                       session: AsyncSession, settings: Settings, i18n: I18nContext) -> None:
    project = await session.get(Project, callback_data.project)
    if project is None:
        await _stale(query, i18n)
        return
    await query.answer()
    await state.clear()
    entries = await money.recent_payments(session, project.id)
    name = project_name(await session.get(Bid, project.bid_id))
    if not entries:
        await query.message.answer(i18n.get("pjm-none", name=name))
        return
    await query.message.answer(i18n.get("pjm-choose", name=name), reply_markup=InlineKeyboardMarkup(
        inline_keyboard=[[_button(_entry(i18n, p, settings), MoneyAction.PICK, project.id, p)]
                         for p in entries]))


@router.callback_query(_cb(MoneyAction.PICK))
async def pick_entry(query: CallbackQuery, callback_data: MoneyFixCb, session: AsyncSession,
                     settings: Settings, i18n: I18nContext) -> None:
    payment = await _entry_shown(query, callback_data, session, i18n)
    if payment is None:
        return
    await query.answer()
    await query.message.answer(
        i18n.get("pjm-picked", entry=_entry(i18n, payment, settings)),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[
            [_button(i18n.get("pjm-change-button"), MoneyAction.CHANGE, payment.project_id,
                     payment)],
            [_button(i18n.get("pjm-remove-button"), MoneyAction.REMOVE, payment.project_id,
                     payment)]]))


@router.callback_query(_cb(MoneyAction.CHANGE))
async def ask_amount(query: CallbackQuery, callback_data: MoneyFixCb, state: FSMContext,
                     session: AsyncSession, i18n: I18nContext) -> None:
    payment = await _entry_shown(query, callback_data, session, i18n)
    if payment is None:
        return
    await query.answer()
    await state.set_state(FixFlow.amount)
    await state.set_data({"project": payment.project_id, "payment": payment.id,
                          "was": payment.amount_pence})
    await query.message.answer(i18n.get("pjm-ask-amount",
                                        amount=format_pounds(payment.amount_pence)))


@router.message(FixFlow.amount, F.text, IS_ANSWER)
async def got_amount(message: Message, state: FSMContext, session: AsyncSession,
                     settings: Settings, i18n: I18nContext) -> None:
    pence = parse_amount(message.text[:40])
    if pence is None:
        await message.answer(i18n.get("pj-bad-amount"))
        return
    data = await state.get_data()
    payment = await money.get_payment(session, _int(data.get("project")), _int(data.get("payment")))
    if payment is None or payment.amount_pence != data.get("was"):
        await state.clear()
        await message.answer(i18n.get("pjm-gone"))
        return
    totals = await money.project_money(session, payment.project_id)
    problem = money.correction_problem(totals, payment, pence)
    if problem is not None:  # the organiser may send another amount
        await message.answer(_problem(i18n, problem))
        return
    await state.clear()
    await _ask_yes(message, i18n, settings, payment, totals, pence)


@router.message(FixFlow.amount, IS_ANSWER)
async def amount_not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("pj-bad-amount"))


@router.callback_query(_cb(MoneyAction.REMOVE))
async def ask_remove(query: CallbackQuery, callback_data: MoneyFixCb, session: AsyncSession,
                     settings: Settings, i18n: I18nContext) -> None:
    payment = await _entry_shown(query, callback_data, session, i18n)
    if payment is None:
        return
    totals = await money.project_money(session, payment.project_id)
    problem = money.correction_problem(totals, payment, None)
    if problem is not None:
        await query.answer()
        await query.message.answer(_problem(i18n, problem))
        return
    await query.answer()
    await _ask_yes(query.message, i18n, settings, payment, totals, None)


async def _ask_yes(message: Message, i18n: I18nContext, settings: Settings,
                   payment: ProjectPayment, totals: Money, to: int | None) -> None:
    """What will change, and the totals after it; Yes carries the amount shown."""
    entry = _entry(i18n, payment, settings)
    question = (i18n.get("pjm-confirm-remove", entry=entry) if to is None else
                i18n.get("pjm-confirm-change", entry=entry, amount=format_pounds(to)))
    after = money.money_after(totals, payment, to)
    await message.answer(f"{question}\n{_totals(i18n, after)}", reply_markup=InlineKeyboardMarkup(
        inline_keyboard=[[_button(i18n.get("cf-yes"), MoneyAction.YES, payment.project_id,
                                  payment, to or 0),
                          _button(i18n.get("cf-no"), MoneyAction.NO, payment.project_id)]]))


@router.callback_query(_cb(MoneyAction.YES))
async def confirmed(query: CallbackQuery, callback_data: MoneyFixCb, session: AsyncSession,
                    user: User, i18n: I18nContext) -> None:
    project = await session.get(Project, callback_data.project)
    if project is None:
        await _stale(query, i18n)
        return
    to = callback_data.to or None  # 0: remove (a changed amount is always more than £0)
    outcome = await money.correct_payment(
        session, project, callback_data.payment, callback_data.was, to, by=user.telegram_id,
        by_name=query.from_user.first_name, now=utcnow())
    if outcome is Outcome.STALE:
        await _stale(query, i18n)
        return
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    if isinstance(outcome, Problem):
        await query.message.answer(_problem(i18n, outcome))
        return
    totals = await money.project_money(session, project.id)
    done = (i18n.get("pjm-removed") if to is None
            else i18n.get("pjm-changed", amount=format_pounds(to)))
    await query.message.answer(f"{done}\n{_totals(i18n, totals)}")


@router.callback_query(_cb(MoneyAction.NO))
async def said_no(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("cf-nothing-changed"))
    await query.message.edit_reply_markup(reply_markup=None)


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0
