"""An aiogram Bot that talks to the Bot API stand-in, and what tests of the stand-in send."""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from tests.support.telegram_stub import DEFAULT_TOKEN

USER = 1001  # a person the stand-in's tests write to


def client(base_url: str, token: str = DEFAULT_TOKEN) -> Bot:
    """aiogram's own HTTP client against the stand-in at `base_url`, as the bot uses it."""
    return Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base_url)))


def keyboard(*callback_data: str) -> InlineKeyboardMarkup:
    """One button a row, labelled with its callback data in capitals."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=data.upper(), callback_data=data)] for data in callback_data
        ]
    )
