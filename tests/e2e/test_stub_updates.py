"""The Bot API stand-in hands updates to the bot as Telegram does: long polling, what a person
does (pushed messages and taps), webhooks; and its waiting helpers."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import CommandObject, CommandStart
from aiogram.methods import AnswerCallbackQuery
from aiogram.types import CallbackQuery, Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from tests.support.api_client import USER, keyboard
from tests.support.e2e import free_port
from tests.support.telegram_stub import DEFAULT_TOKEN, TelegramStub, form_fields

# --- updates ------------------------------------------------------------------------------


async def test_get_updates_long_polls_until_a_message_arrives(stub: TelegramStub, api: Bot) -> None:
    poll = asyncio.create_task(api.get_updates(timeout=5))
    await stub.wait_polling(timeout=1)
    await asyncio.sleep(0.1)
    assert not poll.done()  # held open, like Telegram

    update_id = stub.push_message(USER, "hello", language_code="cy", first_name="Ann")
    [update] = await asyncio.wait_for(poll, 1)

    assert update.update_id == update_id
    assert update.message is not None and update.message.text == "hello"
    assert update.message.from_user is not None
    assert update.message.from_user.language_code == "cy"
    assert update.message.chat.id == update.message.from_user.id == USER


async def test_get_updates_honours_offset_and_limit(stub: TelegramStub, api: Bot) -> None:
    first = stub.push_message(USER, "one")
    second = stub.push_message(USER, "two")
    third = stub.push_message(USER, "three")

    assert [u.update_id for u in await api.get_updates(limit=2)] == [first, second]
    # Not confirmed yet, so delivered again.
    assert [u.update_id for u in await api.get_updates()] == [first, second, third]
    assert [u.update_id for u in await api.get_updates(offset=second + 1)] == [third]
    assert await api.get_updates(offset=third + 1) == []


async def test_get_updates_returns_empty_after_the_timeout(api: Bot) -> None:
    started = time.monotonic()
    assert await api.get_updates(timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 1.5


async def test_allowed_updates_filters_update_types(stub: TelegramStub, api: Bot) -> None:
    stub.push_message(USER, "text, not a button press")
    assert await api.get_updates(allowed_updates=["callback_query"]) == []
    assert await api.get_updates(allowed_updates=[]) == []  # Telegram never made it


async def test_start_payload_carries_a_bot_command_entity(stub: TelegramStub, api: Bot) -> None:
    stub.push_message(USER, "/start payload")
    [update] = await api.get_updates()
    message = update.message
    assert message is not None and message.entities is not None
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bot_command", 0, 6)]
    found = await CommandStart()(message, api)
    assert isinstance(found, dict) and found["command"].args == "payload"


async def test_push_duplicate_redelivers_a_confirmed_update(stub: TelegramStub, api: Bot) -> None:
    update_id = stub.push_message(USER, "once")
    await api.get_updates()
    assert await api.get_updates(offset=update_id + 1) == []

    stub.push_duplicate(update_id)
    [again] = await api.get_updates(offset=update_id + 1)
    assert again.update_id == update_id
    assert again.message is not None and again.message.text == "once"


async def test_push_callback_targets_the_latest_keyboard(stub: TelegramStub, api: Bot) -> None:
    await api.send_message(USER, "old", reply_markup=keyboard("a"))
    latest = await api.send_message(USER, "new", reply_markup=keyboard("b"))
    await api.send_message(USER, "no keyboard")

    stub.push_callback(USER, "b")
    [update] = await api.get_updates()
    query = update.callback_query
    assert query is not None and query.data == "b" and query.chat_instance
    assert query.message is not None and query.message.message_id == latest.message_id

    await api.answer_callback_query(query.id, text="done")
    assert stub.callback_answers[query.id]["text"] == "done"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await api.answer_callback_query(query.id)  # a query is answered once
    with pytest.raises(AssertionError, match="has no button 'a'"):
        stub.push_callback(USER, "a")


async def test_aiogram_dispatcher_runs_against_the_stub(stub: TelegramStub, api: Bot) -> None:
    dispatcher = Dispatcher()

    @dispatcher.message(CommandStart())
    async def start(message: Message, command: CommandObject) -> None:
        await message.answer(f"hello {command.args}", reply_markup=keyboard("go"))

    @dispatcher.callback_query(F.data == "go")
    async def go(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.message.edit_text("gone")
        await query.answer()

    polling = asyncio.create_task(
        dispatcher.start_polling(api, polling_timeout=1, handle_signals=False)
    )
    try:
        await stub.wait_polling(timeout=5)
        stub.push_message(USER, "/start abc")
        [reply] = await stub.wait_for_messages(USER, 1, timeout=5)
        assert reply.text == "hello abc"

        stub.push_callback(USER, "go")
        await stub.wait_for(lambda: stub.current_text(USER, reply.message_id) == "gone", 5)
        await stub.wait_for(lambda: len(stub.callback_answers) == 1, 5)
    finally:
        await dispatcher.stop_polling()
        await polling




# --- waiting helpers ----------------------------------------------------------------------


async def test_wait_for_explains_what_it_waited_for(stub: TelegramStub) -> None:
    with pytest.raises(AssertionError, match=r"len\(stub\.sent\) == 3"):
        await stub.wait_for(lambda: len(stub.sent) == 3, timeout=0.05)


async def test_reset_polling_marker_waits_for_a_fresh_poll(stub: TelegramStub, api: Bot) -> None:
    await api.get_updates()
    stub.reset_polling_marker()
    with pytest.raises(AssertionError, match="the bot to call getUpdates"):
        await stub.wait_polling(timeout=0.05)
    await api.get_updates()
    await stub.wait_polling(timeout=0.05)
    assert stub.getUpdates_calls == 2




# --- webhooks ---------------------------------------------------------------------------


async def test_a_webhook_reply_is_read_as_telegram_reads_it() -> None:
    """The form aiogram writes into a webhook reply, back to its fields (stand-in's parser)."""
    class Sink:
        body = b""

        async def write(self, data: bytes) -> None:
            self.body += data

    bot = Bot(DEFAULT_TOKEN)
    writer = SimpleRequestHandler(Dispatcher(), bot)._build_response_writer(
        bot, AnswerCallbackQuery(callback_query_id="42", text="Diolch – wedi'i gadw ✓",
                                 show_alert=True))
    sink = Sink()
    await writer.write(sink)
    assert form_fields(sink.body, writer.headers["Content-Type"]) == {
        "method": "answerCallbackQuery", "callback_query_id": "42",
        "text": "Diolch – wedi'i gadw ✓", "show_alert": "true"}
    await bot.session.close()


async def test_webhook_delivery_keeps_max_connections_in_flight() -> None:
    """Like Telegram: at most setWebhook's max_connections posts wait for an answer at once;
    the rest wait their turn at the stand-in."""
    in_flight, peak, answered = 0, 0, 0

    async def hook(_request: web.Request) -> web.Response:
        nonlocal in_flight, peak, answered
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.05)
        in_flight -= 1
        answered += 1
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with TelegramStub() as stub:
            bot = Bot(DEFAULT_TOKEN, session=AiohttpSession(
                api=TelegramAPIServer.from_base(stub.base_url)))
            await bot.set_webhook("https://pbchat.invalid/hook", max_connections=3)
            await bot.session.close()
            stub.deliver_to([f"http://127.0.0.1:{port}/hook"], "secret")
            for n in range(12):
                stub.push_message(USER, f"hello {n}")
            await stub.wait_for(lambda: answered == 12, what="every update answered")
    finally:
        await runner.cleanup()
    assert peak == 3
