"""Bot API requests go as JSON bodies, uploads as multipart (bot/json_session.py)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from aiohttp import web

from bot.json_session import JsonSession
from tests.support.telegram_stub import DEFAULT_TOKEN, TelegramStub

USER = 1001


def json_bot(base_url: str) -> Bot:
    return Bot(DEFAULT_TOKEN, session=JsonSession(api=TelegramAPIServer.from_base(base_url)),
               default=DefaultBotProperties(parse_mode=ParseMode.HTML))


async def test_the_stand_in_reads_a_json_message_as_telegram_would(stub: TelegramStub) -> None:
    markup = InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text="5 ⭐", callback_data="vt:s:1:2:5"),
        InlineKeyboardButton(text="Yn ôl", callback_data="vt:b:1:0:0")]])
    async with json_bot(stub.base_url) as bot:
        sent = await bot.send_message(USER, "<b>Bid 1</b> £2,000 &amp; more",
                                      reply_markup=markup, disable_notification=False)

    record = stub.last_message(USER)
    assert record.text == "<b>Bid 1</b> £2,000 &amp; more"
    assert record.parse_mode == "HTML"
    assert stub.buttons(record) == [("5 ⭐", "vt:s:1:2:5"), ("Yn ôl", "vt:b:1:0:0")]
    assert sent.text == "Bid 1 £2,000 & more"  # Telegram's parse of the HTML came back


async def test_an_upload_still_goes_as_multipart(stub: TelegramStub) -> None:
    pdf = b"%PDF-1.4 voting cards"
    async with json_bot(stub.base_url) as bot:
        await bot.send_document(USER, BufferedInputFile(pdf, filename="cards.pdf"),
                                caption="Cards")

    record = stub.last_message(USER)
    assert record.document is not None and record.document.data == pdf
    assert record.text == "Cards"


@pytest.fixture
async def recorder(unused_tcp_port: int) -> AsyncIterator[tuple[str, list[tuple[str, bytes]]]]:
    """A server that keeps each request's content type and body and answers like Telegram."""
    seen: list[tuple[str, bytes]] = []

    async def method(request: web.Request) -> web.Response:
        seen.append((request.content_type, await request.read()))
        return web.json_response({"ok": True, "result": {
            "message_id": 1, "date": 0, "chat": {"id": USER, "type": "private"}}})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", method)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", unused_tcp_port).start()
    try:
        yield f"http://127.0.0.1:{unused_tcp_port}", seen
    finally:
        await runner.cleanup()


async def test_bodies_on_the_wire(recorder: tuple[str, list[tuple[str, bytes]]]) -> None:
    base_url, seen = recorder
    async with json_bot(base_url) as bot:
        await bot.send_message(USER, "Helo", reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="a")]]),
            protect_content=False, business_connection_id="")
        await bot.send_document(USER, BufferedInputFile(b"x", filename="x.txt"))

    (json_type, json_body), (upload_type, _) = seen
    assert json_type == "application/json"
    assert json.loads(json_body) == {
        "chat_id": USER, "text": "Helo", "parse_mode": "HTML", "protect_content": False,
        "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}}
    assert upload_type == "multipart/form-data"
