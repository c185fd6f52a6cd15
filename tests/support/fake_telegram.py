"""A recording stand-in for aiogram's HTTP session, for flow tests through the real dispatcher.

Every Bot API call is recorded and answered with a plausible result, so tests can assert on
exactly what the bot said. End-to-end tests use the HTTP stand-in (telegram_stub.py) instead.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import Chat, Document, InlineKeyboardMarkup, Message, User

BOT_USER = User(id=123456789, is_bot=True, first_name="pbchat test", username="pbchat_test_bot")
MESSAGE_METHODS = (SendMessage, SendPhoto, SendDocument, EditMessageText, EditMessageReplyMarkup)


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self._message_ids = itertools.count(1000)
        self._failures: list[Exception] = []
        self._answered: set[str] = set()

    def fail_next(self, exception: Exception, times: int = 1) -> None:
        """The next `times` calls raise `exception` (a crashing handler, Telegram down...)."""
        self._failures.extend([exception] * times)

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None):
        if self._failures:
            raise self._failures.pop(0)
        if isinstance(method, AnswerCallbackQuery):  # Telegram takes one answer per press
            if method.callback_query_id in self._answered:
                raise TelegramBadRequest(method, "Bad Request: query is too old and response "
                                                 "timeout expired or query ID is invalid")
            self._answered.add(method.callback_query_id)
        self.requests.append(method)
        if isinstance(method, MESSAGE_METHODS):
            return self._message_for(method)
        if method.__returning__ is User:
            return BOT_USER
        return True

    def _message_for(self, method: TelegramMethod[Any]) -> Message:
        chat_id = int(method.chat_id)
        message_id = getattr(method, "message_id", None) or next(self._message_ids)
        document = None
        if isinstance(method, SendDocument):
            document = Document(file_id="doc", file_unique_id="doc",
                                file_name=getattr(method.document, "filename", None))
        markup = getattr(method, "reply_markup", None)
        return Message(
            message_id=message_id,
            date=datetime.now(UTC),
            chat=Chat(id=chat_id, type="private"),
            from_user=BOT_USER,
            text=getattr(method, "text", None),
            caption=getattr(method, "caption", None),
            document=document,
            # Telegram echoes inline keyboards only; reply keyboards stay on the client.
            reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
        )

    async def close(self) -> None:
        pass

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None,
                             timeout: int = 30, chunk_size: int = 65536,
                             raise_for_status: bool = True) -> AsyncGenerator[bytes, None]:
        yield b""
