"""World Café buttons. Residents' buttons name a question by its token (as the table's QR code
does), never by an id someone could count through; every button is checked again on tap."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks.ids import RowId


class CafeAction(StrEnum):
    ANSWER = "a"  # token: start answering this question
    MINE = "m"  # event: my answers at this café
    NAME = "n"  # answer id: add my first name to it
    ANONYMOUS = "x"  # answer id: keep it anonymous after all
    DELETE = "d"  # answer id


class CafeCb(CallbackData, prefix="wc"):
    action: CafeAction
    token: str = ""
    item: RowId = 0


class CafeAdminAction(StrEnum):
    PANEL = "p"  # event
    ADD = "add"  # event: add a question in the chat
    IMPORT = "im"  # event: how to send a file of questions
    QUESTION = "q"  # question card
    OPEN = "o"  # question; page=1: and message everyone checked in
    QR = "qr"  # question: a printable QR card for the table
    ANSWERS = "ls"  # question, page
    HIDE = "h"  # question, answer, page
    UNHIDE = "u"  # question, answer, page
    LISTEN = "v"  # question, answer
    CLOSE = "c"  # event: ask
    CLOSE_YES = "cy"  # event
    EXPORT = "x"  # event
    SAME_LABEL = "sl"  # event: the table label is the same in Welsh


class CafeAdminCb(CallbackData, prefix="wca"):
    action: CafeAdminAction
    event: RowId = 0
    question: RowId = 0
    answer: RowId = 0
    page: RowId = 0
