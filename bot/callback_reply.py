"""A button press's answer (`answerCallbackQuery`) goes back as the update's result.

Handlers call `query.answer(...)` as usual. While an update is handled, that call is held
back instead of sent: the update then returns it, and aiogram delivers it the way the bot
runs. In webhook mode it goes back in the reply to Telegram's POST (one Bot API request fewer
per tap, see docs/decisions.md); in polling mode aiogram sends it right after the handler.
Either way a late answer ("query is too old" when the bot was slow) is logged by aiogram
(`Dispatcher.silent_call_request`) instead of failing the update that recorded the score.

Only the first answer of an update is held back (Telegram accepts one per button press);
if the update fails, the held answer is sent at once so the button does not keep spinning.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.types import TelegramObject

from bot.middlewares import Handler


class _Held:
    """The answer held back for the update being handled; closed once its handler is done
    (a task the handler started and left running then sends its own calls)."""

    __slots__ = ("answer", "open")

    def __init__(self) -> None:
        self.answer: AnswerCallbackQuery | None = None
        self.open = True


_held: ContextVar[_Held | None] = ContextVar("held_callback_answer", default=None)


class HoldCallbackAnswer(BaseRequestMiddleware):
    """On the bot's session: the update's first answerCallbackQuery is kept, not sent."""

    async def __call__(self, make_request: NextRequestMiddlewareType[Any], bot: Bot,
                       method: TelegramMethod[Any]) -> Any:
        held = _held.get()
        if (held is not None and held.open and held.answer is None
                and isinstance(method, AnswerCallbackQuery)):
            held.answer = method
            return True  # what Telegram answers to answerCallbackQuery
        return await make_request(bot, method)


class CallbackReplyMiddleware(BaseMiddleware):
    """On the dispatcher's updates: returns the held answer as the update's result."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]):
        held = _Held()
        token = _held.set(held)
        try:
            result = await handler(event, data)
        except Exception:
            held.open = False
            if held.answer is not None:
                await Dispatcher.silent_call_request(data["bot"], held.answer)
            raise
        finally:
            held.open = False
            _held.reset(token)
        if held.answer is None:
            return result
        if isinstance(result, TelegramMethod):  # the handler chose its own reply: send ours
            await Dispatcher.silent_call_request(data["bot"], held.answer)
            return result
        return held.answer

