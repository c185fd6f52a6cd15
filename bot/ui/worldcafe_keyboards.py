"""World Café keyboards: pure functions of the translator and their inputs."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.ui.callbacks.worldcafe import CafeAction, CafeAdminAction, CafeAdminCb, CafeCb
from bot.ui.event_texts import Texts, list_label
from models.event import Event
from models.worldcafe import Answer, Question, QuestionStatus, Tally

Act, Adm = CafeAction, CafeAdminAction
# A word for each status, its mark after it: a mark alone means nothing to a screen reader.
STATUS_KEYS = {QuestionStatus.DRAFT: "wc-mark-draft", QuestionStatus.OPEN: "wc-mark-open",
               QuestionStatus.CLOSED: "wc-mark-closed"}
LABEL_LENGTH = 48


def status_mark(i18n: Texts, status: QuestionStatus) -> str:
    return i18n.get(STATUS_KEYS[status])


def short(text: str, length: int = LABEL_LENGTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


# --- residents ------------------------------------------------------------------------------

def question(i18n: Texts, token: str, event_id: int, answer_button: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if answer_button:
        builder.button(text=i18n.get("wc-answer-button"),
                       callback_data=CafeCb(action=Act.ANSWER, token=token))
    builder.button(text=i18n.get("wc-mine-button"), callback_data=CafeCb(action=Act.MINE,
                                                                          item=event_id))
    builder.adjust(1)
    return builder.as_markup()


def saved(i18n: Texts, answer: Answer, event_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if answer.first_name is None:
        builder.button(text=i18n.get("wc-name-button"), callback_data=CafeCb(action=Act.NAME,
                                                                              item=answer.id))
    builder.button(text=i18n.get("wc-delete-button"), callback_data=CafeCb(action=Act.DELETE,
                                                                            item=answer.id))
    builder.button(text=i18n.get("wc-mine-button"), callback_data=CafeCb(action=Act.MINE,
                                                                          item=event_id))
    builder.adjust(1)
    return builder.as_markup()


def naming(i18n: Texts, answer_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("wc-keep-anonymous"),
                   callback_data=CafeCb(action=Act.ANONYMOUS, item=answer_id))
    return builder.as_markup()


def mine(i18n: Texts, rows: Sequence[tuple[int, Answer, Question]]) -> InlineKeyboardMarkup | None:
    """A delete button for each numbered answer whose question is still open."""
    builder = InlineKeyboardBuilder()
    for number, answer, question_ in rows:
        if question_.is_open:
            builder.button(text=i18n.get("wc-delete-number", number=number),
                           callback_data=CafeCb(action=Act.DELETE, item=answer.id))
    builder.adjust(3)
    markup = builder.as_markup()
    return markup if markup.inline_keyboard else None


# --- organisers -----------------------------------------------------------------------------

def _adm(action: CafeAdminAction, event: int = 0, question_: int = 0, answer: int = 0,
         page: int = 0) -> CafeAdminCb:
    return CafeAdminCb(action=action, event=event, question=question_, answer=answer, page=page)


def cafes(i18n: Texts, events: Sequence[Event], tz: ZoneInfo) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for event in events:
        builder.button(text=list_label(i18n, event, tz), callback_data=_adm(Adm.PANEL, event.id))
    builder.adjust(1)
    return builder.as_markup()


def panel(i18n: Texts, event_id: int, questions: Sequence[Question],
          tallies: dict[int, Tally]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for number, q in enumerate(questions, start=1):
        count = tallies.get(q.id, Tally()).shown
        label = (f"{number}. {status_mark(i18n, q.status)} · {short(q.group_label, 16)} · "
                 f"{short(q.text(i18n.locale), 28)} ({count})")
        builder.button(text=label, callback_data=_adm(Adm.QUESTION, event_id, q.id))
    builder.button(text=i18n.get("wc-admin-add"), callback_data=_adm(Adm.ADD, event_id))
    builder.button(text=i18n.get("wc-admin-import"), callback_data=_adm(Adm.IMPORT, event_id))
    builder.button(text=i18n.get("wc-admin-export"), callback_data=_adm(Adm.EXPORT, event_id))
    builder.button(text=i18n.get("wc-admin-close"), callback_data=_adm(Adm.CLOSE, event_id))
    builder.adjust(*([1] * len(questions)), 2, 2)
    return builder.as_markup()


def question_card(i18n: Texts, q: Question, checked_in: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    sizes = []
    if not q.is_open:
        builder.button(text=i18n.get("wc-admin-open"), callback_data=_adm(Adm.OPEN, q.event_id,
                                                                           q.id))
        builder.button(text=i18n.get("wc-admin-open-tell", people=checked_in),
                       callback_data=_adm(Adm.OPEN, q.event_id, q.id, page=1))
        sizes += [1, 1]
    builder.button(text=i18n.get("wc-admin-qr"), callback_data=_adm(Adm.QR, q.event_id, q.id))
    builder.button(text=i18n.get("wc-admin-answers"),
                   callback_data=_adm(Adm.ANSWERS, q.event_id, q.id))
    builder.button(text=i18n.get("wc-admin-back"), callback_data=_adm(Adm.PANEL, q.event_id))
    builder.adjust(*sizes, 2, 1)
    return builder.as_markup()


def answers(i18n: Texts, q: Question, shown: Sequence[Answer], page: int,
            page_count: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    sizes = []
    for answer in shown:
        row = 1
        action, key = (Adm.UNHIDE, "wc-admin-unhide") if answer.hidden else (Adm.HIDE,
                                                                            "wc-admin-hide")
        builder.button(text=i18n.get(key, number=str(answer.id)),
                       callback_data=_adm(action, q.event_id, q.id, answer.id, page))
        if answer.voice_file_id:
            builder.button(text=i18n.get("wc-admin-listen", number=str(answer.id)),
                           callback_data=_adm(Adm.LISTEN, q.event_id, q.id, answer.id, page))
            row = 2
        sizes.append(row)
    nav = 0
    if page > 0:
        builder.button(text="«", callback_data=_adm(Adm.ANSWERS, q.event_id, q.id, page=page - 1))
        nav += 1
    builder.button(text=i18n.get("wc-admin-refresh"),
                   callback_data=_adm(Adm.ANSWERS, q.event_id, q.id, page=page))
    nav += 1
    if page + 1 < page_count:
        builder.button(text="»", callback_data=_adm(Adm.ANSWERS, q.event_id, q.id, page=page + 1))
        nav += 1
    builder.button(text=i18n.get("wc-admin-back-question"),
                   callback_data=_adm(Adm.QUESTION, q.event_id, q.id))
    builder.adjust(*sizes, nav, 1)
    return builder.as_markup()


def close_confirm(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("wc-admin-close-yes"), callback_data=_adm(Adm.CLOSE_YES, event_id))
    builder.button(text=i18n.get("wc-admin-back"), callback_data=_adm(Adm.PANEL, event_id))
    builder.adjust(1)
    return builder.as_markup()


def back_to_panel(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("wc-admin-back"), callback_data=_adm(Adm.PANEL, event_id))
    return builder.as_markup()


def same_label(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("wc-admin-same-label"),
                   callback_data=_adm(CafeAdminAction.SAME_LABEL, event_id))
    return builder.as_markup()
