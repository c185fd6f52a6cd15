"""World Café for organisers: `/worldcafe` lists the cafés; a café's panel adds questions (one
at a time in the chat, or a YAML/CSV file), opens each when the room reaches it (for the QR
cards on the tables, or with a message to everyone checked in), shows the answers as they
arrive (paged, with Hide), closes the café, and exports the report (Markdown and CSV).

Behind the organiser filter and the audit log (handlers/__init__.py); every button is checked
against the database again, so an old one changes nothing.
"""

from __future__ import annotations

from datetime import datetime

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import upload_files
from bot.ui import worldcafe_keyboards as kb
from bot.ui.callbacks.worldcafe import CafeAdminAction as Adm
from bot.ui.callbacks.worldcafe import CafeAdminCb
from bot.ui.event_texts import escape, title, when_range
from bot.ui.worldcafe_keyboards import short, status_mark
from bot.ui.worldcafe_texts import cafe_link, cafe_short, question_screen, table_card
from models import worldcafe as cafe
from models import worldcafe_files as files
from models.base import utcnow
from models.event import Event
from models.uploads import UploadError
from models.when import show_local
from models.worldcafe import Question, Tally

router = Router(name=__name__)
EVENT_KEY, GROUP_KEY, ENGLISH_KEY = "wca_event", "wca_group", "wca_en"
GROUP_CY_KEY = "wca_group_cy"
PAGE_SIZE = 5
ANSWER_SHOWN = 600  # characters of each answer in the list: five fit in one message
TEXT_LIMIT = 4000
STATUS_KEYS = {"draft": "wc-status-draft", "open": "wc-status-open", "closed": "wc-status-closed"}
FILE_ENDINGS = (".yaml", ".yml", ".csv")


class CafeAdmin(StatesGroup):
    panel = State()  # a file sent now is a file of questions for the café in the data
    group = State()
    group_cy = State()  # the label in Welsh, or the same in both
    english = State()
    welsh = State()


# --- the cafés and a café's panel -----------------------------------------------------------

@router.message(Command("worldcafe"))
async def worldcafe_command(message: Message, command: CommandObject, session: AsyncSession,
                            state: FSMContext, settings: Settings, i18n: I18nContext) -> None:
    if command.args and command.args.strip().isdigit():
        event = await cafe.get_cafe(session, int(command.args.strip()))
        if event is not None:
            await show_panel(message, session, state, settings, i18n, event)
            return
    found = await cafe.world_cafes(session)
    if not found:
        await message.answer(i18n.get("wc-admin-none"))
        return
    await message.answer(i18n.get("wc-admin-which"),
                         reply_markup=kb.cafes(i18n, found, settings.tz))


@router.callback_query(CafeAdminCb.filter(F.action == Adm.PANEL))
async def panel_button(query: CallbackQuery, callback_data: CafeAdminCb, session: AsyncSession,
                       state: FSMContext, settings: Settings, i18n: I18nContext) -> None:
    event = await _cafe(query, session, callback_data, i18n)
    if event is not None:
        await query.answer()
        await show_panel(query.message, session, state, settings, i18n, event)


async def show_panel(message: Message, session: AsyncSession, state: FSMContext,
                     settings: Settings, i18n: I18nContext, event: Event) -> None:
    await state.set_state(CafeAdmin.panel)
    await state.set_data({EVENT_KEY: event.id})
    questions = await cafe.questions_of(session, event.id)
    tallies = await cafe.answer_tallies(session, event.id)
    people = len(await cafe.checked_in_people(session, event.id))
    lines = [i18n.get("wc-admin-panel", title=title(i18n, event),
                      when=when_range(event, settings.tz, i18n.locale), people=people,
                      questions=len(questions),
                      answers=sum(t.shown for t in tallies.values()))]
    number = 0
    for group, members in cafe.grouped(questions):
        lines += ["", f"<b>{escape(group)}</b>"]
        for question in members:
            number += 1
            tally = tallies.get(question.id, Tally())
            lines.append(f"{number}. {status_mark(i18n, question.status)} · "
                         f"{escape(short(question.text(i18n.locale), 90))} · "
                         + i18n.get("wc-admin-tally", shown=tally.shown, hidden=tally.hidden))
    if not questions:
        lines += ["", i18n.get("wc-admin-no-questions")]
    await message.answer(fit(lines, "\n"),
                         reply_markup=kb.panel(i18n, event.id, questions, tallies))


# --- adding questions -----------------------------------------------------------------------

@router.callback_query(CafeAdminCb.filter(F.action == Adm.ADD))
async def add(query: CallbackQuery, callback_data: CafeAdminCb, session: AsyncSession,
              state: FSMContext, i18n: I18nContext) -> None:
    event = await _cafe(query, session, callback_data, i18n)
    if event is None:
        return
    await query.answer()
    await state.set_state(CafeAdmin.group)
    await state.set_data({EVENT_KEY: event.id})
    labels = [group for group, _ in cafe.grouped(await cafe.questions_of(session, event.id))]
    known = ", ".join(escape(label) for label in labels) or "—"
    await query.message.answer(i18n.get("wc-admin-ask-group", known=known))


@router.message(CafeAdmin.group, F.text, IS_ANSWER)
async def group_typed(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    label = cafe.clean_label(message.text)
    if label is None:
        await message.answer(i18n.get("wc-admin-bad-group", limit=cafe.GROUP_LIMIT))
        return
    await state.update_data({GROUP_KEY: label})
    await state.set_state(CafeAdmin.group_cy)
    event_id = (await state.get_data()).get(EVENT_KEY, 0)
    await message.answer(i18n.get("wc-admin-ask-group-cy", label=escape(label)),
                         reply_markup=kb.same_label(i18n, event_id))


@router.message(CafeAdmin.group_cy, F.text, IS_ANSWER)
async def group_cy_typed(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    label = cafe.clean_label(message.text)
    if label is None:
        await message.answer(i18n.get("wc-admin-bad-group", limit=cafe.GROUP_LIMIT))
        return
    await state.update_data({GROUP_CY_KEY: label})
    await _ask_english(message, state, i18n)


@router.callback_query(CafeAdmin.group_cy, CafeAdminCb.filter(F.action == Adm.SAME_LABEL))
async def same_label(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await query.answer()
    await state.update_data({GROUP_CY_KEY: None})
    await _ask_english(query.message, state, i18n)


async def _ask_english(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(CafeAdmin.english)
    await message.answer(i18n.get("wc-admin-ask-en", limit=cafe.QUESTION_LIMIT))


@router.message(CafeAdmin.english, F.text, IS_ANSWER)
async def english_typed(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    text = cafe.clean_question(message.text)
    if text is None:
        await message.answer(i18n.get("wc-admin-bad-question", limit=cafe.QUESTION_LIMIT))
        return
    await state.update_data({ENGLISH_KEY: text})
    await state.set_state(CafeAdmin.welsh)
    await message.answer(i18n.get("wc-admin-ask-cy", limit=cafe.QUESTION_LIMIT))


@router.message(CafeAdmin.welsh, F.text, IS_ANSWER)
async def welsh_typed(message: Message, session: AsyncSession, state: FSMContext,
                      settings: Settings, i18n: I18nContext) -> None:
    text = cafe.clean_question(message.text)
    if text is None:
        await message.answer(i18n.get("wc-admin-bad-question", limit=cafe.QUESTION_LIMIT))
        return
    data = await state.get_data()
    event = await cafe.get_cafe(session, data.get(EVENT_KEY, 0))
    if event is None or GROUP_KEY not in data or ENGLISH_KEY not in data:
        await state.set_state(None)
        await message.answer(i18n.get("wc-gone"))
        return
    await cafe.add_question(session, event, data[GROUP_KEY], data[ENGLISH_KEY], text, utcnow(),
                            group_label_cy=data.get(GROUP_CY_KEY))
    await message.answer(i18n.get("wc-admin-added"))
    await show_panel(message, session, state, settings, i18n, event)


@router.callback_query(CafeAdminCb.filter(F.action == Adm.IMPORT))
async def import_help(query: CallbackQuery, callback_data: CafeAdminCb, session: AsyncSession,
                      state: FSMContext, i18n: I18nContext) -> None:
    event = await _cafe(query, session, callback_data, i18n)
    if event is None:
        return
    await query.answer()
    await state.set_state(CafeAdmin.panel)
    await state.set_data({EVENT_KEY: event.id})
    await query.message.answer(i18n.get("wc-admin-import-help") + "\n"
                               + i18n.get("upload-offer", kind="questions"),
                               reply_markup=kb.back_to_panel(i18n, event.id))


@router.message(CafeAdmin.panel, F.document)
async def file_sent(message: Message, bot: Bot, session: AsyncSession, state: FSMContext,
                    settings: Settings, i18n: I18nContext) -> None:
    event = await cafe.get_cafe(session, (await state.get_data()).get(EVENT_KEY, 0))
    if event is None:
        await state.set_state(None)
        await message.answer(i18n.get("wc-gone"))
        return
    name = message.document.file_name or ""
    if not name.lower().endswith(FILE_ENDINGS):
        await message.answer(i18n.get("wc-admin-not-a-file"))
        return
    try:
        data = await upload_files.download(bot, message.document, files.MAX_FILE_BYTES)
        questions, problems, notes = files.read_questions_noting(name, data)
    except UploadError as error:
        questions, problems, notes = [], [error.problem], []
    if problems:
        await message.answer(upload_files.failed(i18n, problems, files.EXPECTED_KEYS,
                                                 "questions"))
        return
    added = skipped = 0
    for item in questions:
        if await cafe.question_exists(session, event.id, item.group, item.text_en):
            skipped += 1
            continue
        await cafe.add_question(session, event, item.group, item.text_en, item.text_cy, utcnow(),
                                group_label_cy=item.group_cy)
        added += 1
    await message.answer(i18n.get("wc-admin-imported", added=added, skipped=skipped))
    if welsh := upload_files.welsh_notes(i18n, notes):
        await message.answer(welsh)
    await show_panel(message, session, state, settings, i18n, event)


# --- a question: open it, its QR card, its answers ------------------------------------------

@router.callback_query(CafeAdminCb.filter(F.action == Adm.QUESTION))
async def question_button(query: CallbackQuery, callback_data: CafeAdminCb, bot: Bot,
                          session: AsyncSession, settings: Settings, i18n: I18nContext) -> None:
    question = await _question(query, session, callback_data, i18n)
    if question is not None:
        await query.answer()
        await _send_question(query.message, bot, session, settings, i18n, question)


async def _send_question(message: Message, bot: Bot, session: AsyncSession, settings: Settings,
                         i18n: I18nContext, question: Question) -> None:
    tally = (await cafe.answer_tallies(session, question.event_id)).get(question.id, Tally())
    people = len(await cafe.checked_in_people(session, question.event_id))
    since = (show_local(question.opened_at, settings.tz, i18n.locale)
             if question.opened_at else "—")
    text = i18n.get("wc-admin-question", group=escape(question.group_label),
                    en=escape(question.text_en), cy=escape(question.text_cy),
                    status=i18n.get(STATUS_KEYS[question.status.value], since=since),
                    tally=i18n.get("wc-admin-tally", shown=tally.shown, hidden=tally.hidden),
                    link=cafe_link((await bot.me()).username, question))
    await message.answer(text, reply_markup=kb.question_card(i18n, question, people),
                         disable_web_page_preview=True)


@router.callback_query(CafeAdminCb.filter(F.action == Adm.OPEN))
async def open_question(query: CallbackQuery, callback_data: CafeAdminCb, bot: Bot,
                        session: AsyncSession, settings: Settings, notifier: Notifier,
                        i18n: I18nContext) -> None:
    question = await _question(query, session, callback_data, i18n)
    if question is None:
        return
    now = utcnow()
    if not await cafe.open_question(session, question, now):
        await query.answer(i18n.get("wc-admin-already-open"), show_alert=True)
        return
    told = 0
    if callback_data.page == 1:
        event = await cafe.get_cafe(session, question.event_id)
        told = await _tell_checked_in(session, notifier, event, question, now)
    await query.answer()
    await query.message.answer(i18n.get("wc-admin-opened", people=told))
    await _send_question(query.message, bot, session, settings, i18n, question)


@router.callback_query(CafeAdminCb.filter(F.action == Adm.QR))
async def qr_card(query: CallbackQuery, callback_data: CafeAdminCb, bot: Bot,
                  session: AsyncSession, i18n: I18nContext) -> None:
    question = await _question(query, session, callback_data, i18n)
    if question is None:
        return
    await query.answer()
    link = cafe_link((await bot.me()).username, question)
    scan = " · ".join(i18n.core.get("wc-card-scan", locale) for locale in ("en", "cy"))
    await query.message.answer_document(
        BufferedInputFile(table_card(question, link, scan),
                          filename=f"worldcafe-question-{question.id}.png"),
        caption=i18n.get("wc-admin-qr-caption", group=escape(question.group_label)))


@router.callback_query(CafeAdminCb.filter(F.action == Adm.ANSWERS))
async def answers(query: CallbackQuery, callback_data: CafeAdminCb, session: AsyncSession,
                  settings: Settings, i18n: I18nContext) -> None:
    question = await _question(query, session, callback_data, i18n)
    if question is None:
        return
    await query.answer()
    await _answers_page(query, session, settings, i18n, question, callback_data.page,
                        edit=False)


@router.callback_query(CafeAdminCb.filter(F.action.in_({Adm.HIDE, Adm.UNHIDE})))
async def hide(query: CallbackQuery, callback_data: CafeAdminCb, session: AsyncSession,
               settings: Settings, i18n: I18nContext) -> None:
    question = await _question(query, session, callback_data, i18n)
    if question is None:
        return
    hidden = callback_data.action == Adm.HIDE
    if await cafe.set_hidden(session, callback_data.answer, question.id, hidden) is None:
        await query.answer(i18n.get("wc-gone"), show_alert=True)
        return
    await query.answer(i18n.get("wc-admin-hidden" if hidden else "wc-admin-unhidden"))
    await _answers_page(query, session, settings, i18n, question, callback_data.page, edit=True)


async def _answers_page(query: CallbackQuery, session: AsyncSession, settings: Settings,
                        i18n: I18nContext, question: Question, page: int, edit: bool) -> None:
    shown, total = await cafe.answers_page(session, question.id, page, PAGE_SIZE)
    count = cafe.pages(total, PAGE_SIZE)
    page = min(max(page, 0), count - 1)
    lines = [i18n.get("wc-admin-answers-title", group=escape(question.group_label),
                      question=escape(short(question.text(i18n.locale), 200)), total=total,
                      page=page + 1, pages=count)]
    for answer in shown:
        lines.append(_answer_text(i18n, settings, answer))
    if not shown:
        lines.append(i18n.get("wc-admin-no-answers"))
    markup = kb.answers(i18n, question, shown, page, count)
    text = fit(lines, "\n\n")
    if edit:
        await query.message.edit_text(text, reply_markup=markup)
    else:
        await query.message.answer(text, reply_markup=markup)


def _answer_text(i18n: I18nContext, settings: Settings, answer: cafe.Answer) -> str:
    said = (escape(cafe_short(answer.text, ANSWER_SHOWN)) if answer.text is not None
            else i18n.get("wc-voice-note"))
    head = i18n.get("wc-admin-answer-head", number=str(answer.id),
                    at=show_local(answer.created_at, settings.tz, i18n.locale),
                    language=i18n.get(f"wc-language-{answer.locale}"
                                      if answer.locale in ("en", "cy") else "wc-language-en"),
                    name=escape(answer.first_name) if answer.first_name else "—")
    hidden = f"\n{i18n.get('wc-admin-is-hidden')}" if answer.hidden else ""
    return f"{head}{hidden}\n{said}"


@router.callback_query(CafeAdminCb.filter(F.action == Adm.LISTEN))
async def listen(query: CallbackQuery, callback_data: CafeAdminCb, session: AsyncSession,
                 i18n: I18nContext) -> None:
    question = await _question(query, session, callback_data, i18n)
    answer = await cafe.get_answer(session, callback_data.answer) if question else None
    if answer is None or answer.question_id != question.id or not answer.voice_file_id:
        if question is not None:
            await query.answer(i18n.get("wc-gone"), show_alert=True)
        return
    await query.answer()
    caption = i18n.get("wc-admin-voice-caption", number=str(answer.id))
    await query.message.answer_voice(answer.voice_file_id, caption=caption)


# --- the end of the evening: close, export --------------------------------------------------

@router.callback_query(CafeAdminCb.filter(F.action == Adm.CLOSE))
async def close_ask(query: CallbackQuery, callback_data: CafeAdminCb, session: AsyncSession,
                    i18n: I18nContext) -> None:
    event = await _cafe(query, session, callback_data, i18n)
    if event is None:
        return
    await query.answer()
    await query.message.answer(i18n.get("wc-admin-close-ask", title=title(i18n, event)),
                               reply_markup=kb.close_confirm(i18n, event.id))


@router.callback_query(CafeAdminCb.filter(F.action == Adm.CLOSE_YES))
async def close_yes(query: CallbackQuery, callback_data: CafeAdminCb, session: AsyncSession,
                    state: FSMContext, settings: Settings, i18n: I18nContext) -> None:
    event = await _cafe(query, session, callback_data, i18n)
    if event is None:
        return
    closed = await cafe.close_cafe(session, event.id, utcnow())
    await query.answer()
    await query.message.answer(i18n.get("wc-admin-closed", closed=closed))
    await show_panel(query.message, session, state, settings, i18n, event)


@router.callback_query(CafeAdminCb.filter(F.action == Adm.EXPORT))
async def export(query: CallbackQuery, callback_data: CafeAdminCb, session: AsyncSession,
                 settings: Settings, i18n: I18nContext) -> None:
    event = await _cafe(query, session, callback_data, i18n)
    if event is None:
        return
    await query.answer()
    rows = await cafe.report_rows(session, event.id)
    when = f"{when_range(event, settings.tz, 'en')}, {event.venue}"
    name = f"worldcafe-{event.id}"
    await query.message.answer_document(
        BufferedInputFile(files.report_markdown(event.title_en, when, rows, settings.tz),
                          filename=f"{name}.md"),
        caption=i18n.get("wc-admin-export-caption", answers=len(rows)))
    await query.message.answer_document(
        BufferedInputFile(files.report_csv(rows, settings.tz), filename=f"{name}.csv"))


# --- checks ---------------------------------------------------------------------------------

def fit(lines: list[str], separator: str) -> str:
    """Whole lines (never half an HTML tag) up to one Telegram message; "…" if some are left."""
    kept: list[str] = []
    size = 0
    for line in lines:
        size += len(line) + len(separator)
        if size > TEXT_LIMIT:
            kept.append("…")
            break
        kept.append(line)
    return separator.join(kept)


async def _cafe(query: CallbackQuery, session: AsyncSession, callback_data: CafeAdminCb,
                i18n: I18nContext) -> Event | None:
    event = await cafe.get_cafe(session, callback_data.event)
    if event is None:
        await query.answer(i18n.get("wc-gone"), show_alert=True)
    return event


async def _question(query: CallbackQuery, session: AsyncSession, callback_data: CafeAdminCb,
                    i18n: I18nContext) -> Question | None:
    """The question a button names, if it still exists under the café the button names."""
    question = await cafe.get_question(session, callback_data.question)
    if question is None or question.event_id != callback_data.event:
        await query.answer(i18n.get("wc-gone"), show_alert=True)
        return None
    return question


async def _tell_checked_in(session: AsyncSession, notifier: Notifier, event: Event,
                           question: Question, now: datetime) -> int:
    """One message per person checked in, in their language, with an Answer button. Keyed by
    question and person, so opening the same question again sends nothing twice."""
    return await notifier.tell_each(
        session, await cafe.checked_in_people(session, event.id),
        lambda texts, _person: (
            question_screen(texts, event, question, tap_first=True),
            kb.question(texts, question.token, event.id, answer_button=True)),
        dedupe=f"{cafe.OUTBOX_PREFIX}{question.id}:u:{{person}}", due_at=now)
