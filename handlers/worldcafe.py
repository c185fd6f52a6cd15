"""World Café for residents: open a question (a table's QR code, or the message sent when the
room reaches it), answer by text or voice note as often as they like, add a first name to an
answer only if they choose, and list or delete their answers while the question is open.

Every screen ends with the safety signposts. Every button is checked against the database:
someone else's answer, a closed question or a forged token changes nothing. A festival
question asked after the café question takes the person's texts
(bot/conversation/latest_question.py).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.conversation.latest_question import FestivalAskedLast, asked_now
from bot.filters import IS_ANSWER
from bot.ui import worldcafe_keyboards as kb
from bot.ui.callbacks.worldcafe import CafeAction as Act
from bot.ui.callbacks.worldcafe import CafeCb
from bot.ui.event_texts import escape
from bot.ui.worldcafe_texts import answer_line, question_screen, screen
from models import event as events
from models import worldcafe as cafe
from models.base import utcnow
from models.user import User
from models.worldcafe import Change, Question, QuestionStatus

router = Router(name=__name__)
QUESTION_KEY, ANSWER_KEY = "wc_question", "wc_answer"
MINE_SHOWN = 10  # the latest answers, each cut to 300 characters: one message
NOT_OPEN_KEYS = {QuestionStatus.DRAFT: "wc-not-open-yet", QuestionStatus.CLOSED: "wc-closed"}
CHANGE_KEYS = {Change.GONE: "wc-answer-gone", Change.CLOSED: "wc-closed"}


class Answering(StatesGroup):
    answers = State()  # text or voice notes are answers to the question in the data
    first_name = State()  # the first name to add to one answer


# --- opening a question ---------------------------------------------------------------------

async def open_from_link(message: Message, session: AsyncSession, i18n: I18nContext,
                         token: str, state: FSMContext | None = None) -> bool:
    """A table's QR code (`wc_<token>`). False if no question has that token. Without a
    conversation state to set (after choosing a language) the question comes with an Answer
    button."""
    question = await cafe.question_by_token(session, token)
    if question is None:
        return False
    await _begin(message, session, state, i18n, question)
    return True


@router.callback_query(CafeCb.filter(F.action == Act.ANSWER))
async def answer_button(query: CallbackQuery, callback_data: CafeCb, session: AsyncSession,
                        state: FSMContext, i18n: I18nContext) -> None:
    question = await cafe.question_by_token(session, callback_data.token)
    if question is None:
        await query.answer(i18n.get("wc-gone"), show_alert=True)
        return
    await query.answer()
    await _begin(query.message, session, state, i18n, question)


async def _begin(message: Message, session: AsyncSession, state: FSMContext | None,
                 i18n: I18nContext, question: Question) -> None:
    if not question.is_open:
        await message.answer(screen(i18n, i18n.get(NOT_OPEN_KEYS[question.status])))
        return
    event = await events.get_event(session, question.event_id)
    if state is not None:
        await state.set_state(Answering.answers)
        await state.update_data({QUESTION_KEY: question.id, ANSWER_KEY: None, **asked_now()})
    await message.answer(question_screen(i18n, event, question, tap_first=state is None),
                         reply_markup=kb.question(i18n, question.token, event.id,
                                                  answer_button=state is None))


# --- answering ------------------------------------------------------------------------------

@router.message(Answering.answers, F.text, IS_ANSWER, ~FestivalAskedLast())
async def text_answer(message: Message, session: AsyncSession, user: User, state: FSMContext,
                      i18n: I18nContext) -> None:
    text = cafe.clean_answer(message.text)
    if text is None:
        await message.answer(screen(i18n, i18n.get("wc-too-long", limit=cafe.ANSWER_LIMIT)))
        return
    await _save(message, session, user, state, i18n, text=text)


@router.message(Answering.answers, F.voice, ~FestivalAskedLast())
async def voice_answer(message: Message, session: AsyncSession, user: User, state: FSMContext,
                       i18n: I18nContext) -> None:
    await _save(message, session, user, state, i18n, voice=message.voice.file_id)


@router.message(Answering.answers, IS_ANSWER, ~FestivalAskedLast())
async def other_answer(message: Message, i18n: I18nContext) -> None:
    await message.answer(screen(i18n, i18n.get("wc-text-or-voice")))


async def _save(message: Message, session: AsyncSession, user: User, state: FSMContext,
                i18n: I18nContext, *, text: str | None = None, voice: str | None = None) -> None:
    question = await cafe.get_question(session, (await state.get_data()).get(QUESTION_KEY, 0))
    answer = None
    if question is not None:
        answer = await cafe.add_answer(session, question, user.telegram_id, i18n.locale,
                                       text=text, voice_file_id=voice, now=utcnow())
    if answer is None:
        await state.set_state(None)
        await message.answer(screen(i18n, i18n.get("wc-closed")))
        return
    await message.answer(screen(i18n, i18n.get("wc-saved")),
                         reply_markup=kb.saved(i18n, answer, question.event_id))


# --- a first name, only if they choose ------------------------------------------------------

@router.callback_query(CafeCb.filter(F.action == Act.NAME))
async def name_button(query: CallbackQuery, callback_data: CafeCb, session: AsyncSession,
                      user: User, state: FSMContext, i18n: I18nContext) -> None:
    found = await cafe.own_answer(session, callback_data.item, user.telegram_id)
    if found is None or not found[1].is_open:
        await query.answer(i18n.get(CHANGE_KEYS[Change.GONE if found is None else Change.CLOSED]),
                           show_alert=True)
        return
    await query.answer()
    await state.set_state(Answering.first_name)
    await state.update_data({QUESTION_KEY: found[1].id, ANSWER_KEY: found[0].id,
                             **asked_now()})
    await query.message.answer(screen(i18n, i18n.get("wc-ask-name")),
                               reply_markup=kb.naming(i18n, found[0].id))


@router.message(Answering.first_name, F.text, IS_ANSWER, ~FestivalAskedLast())
async def name_typed(message: Message, session: AsyncSession, user: User, state: FSMContext,
                     i18n: I18nContext) -> None:
    name = cafe.clean_name(message.text)
    if name is None:
        await message.answer(screen(i18n, i18n.get("wc-bad-name", limit=cafe.NAME_LIMIT)))
        return
    answer_id = (await state.get_data()).get(ANSWER_KEY) or 0
    result = await cafe.name_answer(session, answer_id, user.telegram_id, name)
    await state.set_state(Answering.answers if result is Change.DONE else None)
    if result is not Change.DONE:
        await message.answer(screen(i18n, i18n.get(CHANGE_KEYS[result])))
        return
    await message.answer(screen(i18n, i18n.get("wc-named", name=escape(name))))


@router.message(Answering.first_name, IS_ANSWER, ~FestivalAskedLast())
async def name_not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(screen(i18n, i18n.get("wc-bad-name", limit=cafe.NAME_LIMIT)))


@router.callback_query(CafeCb.filter(F.action == Act.ANONYMOUS))
async def keep_anonymous(query: CallbackQuery, callback_data: CafeCb, session: AsyncSession,
                         user: User, state: FSMContext, i18n: I18nContext) -> None:
    found = await cafe.own_answer(session, callback_data.item, user.telegram_id)
    if found is None:
        await query.answer(i18n.get("wc-answer-gone"), show_alert=True)
        return
    await query.answer()
    if await state.get_state() == Answering.first_name.state:
        await state.set_state(Answering.answers if found[1].is_open else None)
    await query.message.answer(screen(i18n, i18n.get("wc-stays-anonymous")))


# --- my answers -----------------------------------------------------------------------------

@router.callback_query(CafeCb.filter(F.action == Act.MINE))
async def mine(query: CallbackQuery, callback_data: CafeCb, session: AsyncSession, user: User,
               i18n: I18nContext) -> None:
    event = await cafe.get_cafe(session, callback_data.item)
    if event is None:
        await query.answer(i18n.get("wc-gone"), show_alert=True)
        return
    await query.answer()
    await show_mine(query.message, session, user, i18n, event.id)


async def show_mine(message: Message, session: AsyncSession, user: User, i18n: I18nContext,
                    event_id: int) -> None:
    given = await cafe.answers_of_person(session, user.telegram_id, event_id)
    if not given:
        await message.answer(screen(i18n, i18n.get("wc-mine-empty")))
        return
    rows = [(number, answer, question) for number, (answer, question)
            in enumerate(given, start=1)][-MINE_SHOWN:]
    lines = [i18n.get("wc-mine-title", count=len(given))]
    lines += [answer_line(i18n, number, answer, question) for number, answer, question in rows]
    if not any(question.is_open for _, _, question in rows):
        lines.append(i18n.get("wc-mine-final"))
    await message.answer(screen(i18n, "\n".join(lines)), reply_markup=kb.mine(i18n, rows))


@router.callback_query(CafeCb.filter(F.action == Act.DELETE))
async def delete(query: CallbackQuery, callback_data: CafeCb, session: AsyncSession, user: User,
                 i18n: I18nContext) -> None:
    result, event_id = await cafe.delete_own_answer(session, callback_data.item,
                                                    user.telegram_id)
    if result is not Change.DONE:
        await query.answer(i18n.get(CHANGE_KEYS[result]), show_alert=True)
        return
    await query.answer(i18n.get("wc-deleted"))
    await show_mine(query.message, session, user, i18n, event_id)
