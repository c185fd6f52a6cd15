"""Drive the real dispatcher with scripted updates and read back what the bot said."""

from __future__ import annotations

import itertools
import time
import uuid
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.types import Update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import create_bot, create_dispatcher, create_storage
from bot.settings import Settings
from tests.support.fake_telegram import RecordingSession

_update_ids = itertools.count(1)


def message_update(user_id: int, text: str, language_code: str = "en") -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(_update_ids),
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Test",
                 "language_code": language_code},
        "text": text,
    }
    if text.startswith("/"):
        command = text.split()[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"update_id": next(_update_ids), "message": message}


def callback_update(user_id: int, data: str, message_id: int = 1,
                    language_code: str = "en") -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": {"id": user_id, "is_bot": False, "first_name": "Test",
                     "language_code": language_code},
            "chat_instance": "ci",
            "data": data,
            "message": {"message_id": message_id, "date": int(time.time()),
                        "chat": {"id": user_id, "type": "private"}, "text": "menu"},
        },
    }


class Harness:
    """One bot, one dispatcher, one database; `restart()` builds a new dispatcher on the same DB.

    With `settings.redis_url` the conversation state is in Redis, as in production
    (`create_storage`), under a key prefix of this harness's own: tests reuse
    user ids, and other test runs may share the server. The keys are deleted at the end.
    """

    def __init__(self, settings: Settings, session_maker: async_sessionmaker[AsyncSession]):
        self.settings = settings
        self.session_maker = session_maker
        self.telegram = RecordingSession()
        self.bot: Bot = create_bot(settings, session=self.telegram)
        self.dp: Dispatcher | None = None
        self.redis_prefix = f"pbchat-test-{uuid.uuid4().hex[:12]}"

    async def __aenter__(self) -> Harness:
        await self._start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._stop()
        if self.settings.redis_url:
            storage = self._storage()
            try:
                keys = [key async for key in storage.redis.scan_iter(f"{self.redis_prefix}:*")]
                if keys:
                    await storage.redis.delete(*keys)
            finally:
                await storage.close()

    def _storage(self) -> BaseStorage:
        storage = create_storage(self.settings, self.session_maker)
        if isinstance(storage, RedisStorage):
            built = storage.key_builder
            storage.key_builder = DefaultKeyBuilder(
                prefix=self.redis_prefix, separator=built.separator,
                with_bot_id=built.with_bot_id, with_destiny=built.with_destiny,
                with_business_connection_id=built.with_business_connection_id)
        return storage

    async def _start(self) -> None:
        self.dp = create_dispatcher(self.settings, self.session_maker, storage=self._storage())
        await self.dp.emit_startup(bot=self.bot, dispatcher=self.dp, bots=[self.bot],
                                   **self.dp.workflow_data)

    async def _stop(self) -> None:
        await self.dp.emit_shutdown(bot=self.bot, dispatcher=self.dp, bots=[self.bot],
                                    **self.dp.workflow_data)
        await self.dp.storage.close()

    async def restart(self) -> None:
        await self._stop()
        await self._start()

    async def feed(self, update: dict[str, Any]) -> list[TelegramMethod[Any]]:
        before = len(self.telegram.requests)
        result = await self.dp.feed_update(self.bot, Update.model_validate(update))
        if isinstance(result, TelegramMethod):  # as aiogram's polling does with a result
            await self.dp.silent_call_request(self.bot, result)
        # A button's answer comes back as the update's result (bot/callback_reply.py), so it
        # is sent last; listed first, as a person meets it, `sent[-1]` stays the last message.
        sent = self.telegram.requests[before:]
        return sorted(sent, key=lambda request: not isinstance(request, AnswerCallbackQuery))

    async def send(self, user_id: int, text: str, language_code: str = "en"):
        return await self.feed(message_update(user_id, text, language_code))

    async def tap(self, user_id: int, data: str, message_id: int = 1, language_code: str = "en"):
        return await self.feed(callback_update(user_id, data, message_id, language_code))


def texts(requests: list[TelegramMethod[Any]]) -> list[str]:
    """What the person saw: message texts and captions, and callback alerts."""
    seen = []
    for request in requests:
        text = getattr(request, "text", None) or getattr(request, "caption", None)
        if text:
            seen.append(text)
    return seen


def buttons(request: TelegramMethod[Any]) -> list[tuple[str, str]]:
    markup = getattr(request, "reply_markup", None)
    if markup is None or not hasattr(markup, "inline_keyboard"):  # none, or a reply keyboard
        return []
    return [(b.text, b.callback_data) for row in markup.inline_keyboard for b in row]


def alerts(requests: list[TelegramMethod[Any]]) -> list[str]:
    return [r.text for r in requests if isinstance(r, AnswerCallbackQuery) and r.text]


async def tap_and_confirm(harness: Harness, user_id: int, data: str,
                          language_code: str = "en") -> list[TelegramMethod[Any]]:
    """Tap a button that asks first (a preview with Yes / No), then tap its Yes; what both
    taps sent. Fails if no Yes was offered."""
    from bot.ui.callbacks.organiser import ConfirmCb, Say

    asked = await harness.tap(user_id, data, language_code=language_code)
    yes = [value for request in asked for _, value in buttons(request)
           if value and value.startswith(f"{ConfirmCb.__prefix__}:")
           and ConfirmCb.unpack(value).say == Say.YES]
    assert yes, f"no Yes offered after {data}: {texts(asked)}"
    return asked + await harness.tap(user_id, yes[-1], language_code=language_code)
