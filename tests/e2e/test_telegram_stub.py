"""The Telegram stand-in, exercised through aiogram's own HTTP client (as the bot uses it),
plus the BotProcess helper with trivial child processes."""

from __future__ import annotations

import asyncio
import io
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters import CommandObject, CommandStart
from aiogram.methods import AnswerCallbackQuery
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from PIL import Image

from tests.support.bot_process import REPO_ROOT, BotProcess
from tests.support.telegram_stub import (
    DEFAULT_TOKEN,
    HtmlParseError,
    TelegramStub,
    form_fields,
    parse_html,
)

USER = 1001
OTHER_USER = 1002


def keyboard(*callback_data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=data.upper(), callback_data=data)] for data in callback_data
        ]
    )


def client(base_url: str, token: str = DEFAULT_TOKEN) -> Bot:
    return Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base_url)))


@pytest.fixture
async def stub() -> AsyncIterator[TelegramStub]:
    async with TelegramStub() as running:
        yield running


@pytest.fixture
async def api(stub: TelegramStub) -> AsyncIterator[Bot]:
    async with client(stub.base_url) as bot:
        yield bot


# --- identity and routing -----------------------------------------------------------------


async def test_get_me_describes_the_bot_behind_the_token(api: Bot) -> None:
    me = await api.get_me()
    assert (me.id, me.is_bot, me.username) == (123456789, True, "pbchat_test_bot")
    assert me.first_name == "pbchat test"


async def test_another_token_is_unauthorized(stub: TelegramStub) -> None:
    async with client(stub.base_url, "987654321:AAH-someone-elses-token-00000000000") as other:
        with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
            await other.get_me()


async def test_unknown_method_answers_404_in_telegram_shape(stub: TelegramStub) -> None:
    async with aiohttp.ClientSession() as http:
        url = f"{stub.base_url}/bot{DEFAULT_TOKEN}/sendTelepathy"
        async with http.post(url, data={"chat_id": "1"}) as response:
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }
    assert stub.calls == [("sendTelepathy", {"chat_id": 1})]


# --- sending and validation -------------------------------------------------------------


async def test_send_message_returns_a_message_and_records_it(stub: TelegramStub, api: Bot) -> None:
    first = await api.send_message(USER, "Pick one", reply_markup=keyboard("yes", "no"))
    second = await api.send_message(USER, "Another")
    elsewhere = await api.send_message(OTHER_USER, "Hi")

    assert isinstance(first, Message)
    assert (first.message_id, second.message_id, elsewhere.message_id) == (1, 2, 1)
    assert first.chat.id == USER and first.chat.type == "private"
    assert first.from_user is not None and first.from_user.id == api.id
    assert first.reply_markup is not None
    assert first.reply_markup.model_dump() == keyboard("yes", "no").model_dump()
    assert [m.text for m in stub.messages_to(USER)] == ["Pick one", "Another"]
    assert stub.buttons(stub.messages_to(USER)[0]) == [("YES", "yes"), ("NO", "no")]
    assert stub.last_message(OTHER_USER).text == "Hi"
    assert stub.calls[0] == (
        "sendMessage",
        {
            "chat_id": USER,
            "text": "Pick one",
            "reply_markup": {
                "inline_keyboard": [
                    [{"text": "YES", "callback_data": "yes"}],
                    [{"text": "NO", "callback_data": "no"}],
                ]
            },
        },
    )


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("", "Bad Request: message text is empty"),
        ("   \n", "Bad Request: message text is empty"),
        ("x" * 4097, "Bad Request: message is too long"),
    ],
)
async def test_bad_text_is_rejected(
    stub: TelegramStub, api: Bot, text: str, description: str
) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await api.send_message(USER, text)
    assert error.value.message == description
    assert stub.sent == []


async def test_text_limit_counts_characters_after_html_parsing(api: Bot) -> None:
    await api.send_message(USER, "x" * 4096)
    await api.send_message(USER, "<b>" + "é" * 4096 + "</b>", parse_mode="HTML")


async def test_callback_data_over_64_bytes_is_rejected(stub: TelegramStub, api: Bot) -> None:
    await api.send_message(USER, "fits", reply_markup=keyboard("x" * 64))
    with pytest.raises(TelegramBadRequest, match="Bad Request: BUTTON_DATA_INVALID"):
        # 33 two-byte characters: under 64 characters but over 64 bytes.
        await api.send_message(USER, "too long", reply_markup=keyboard("é" * 33))
    assert [m.text for m in stub.sent] == ["fits"]


async def test_caption_over_1024_characters_is_rejected(api: Bot) -> None:
    calendar = BufferedInputFile(b"BEGIN:VCALENDAR", filename="event.ics")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await api.send_document(USER, calendar, caption="c" * 1025)


async def test_blocked_chat_is_forbidden_and_not_recorded(stub: TelegramStub, api: Bot) -> None:
    sent = await api.send_message(USER, "before the block")
    stub.blocked.add(USER)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await api.send_message(USER, "after")
    with pytest.raises(TelegramForbiddenError):
        await api.edit_message_text("edited", chat_id=USER, message_id=sent.message_id)
    await api.send_message(OTHER_USER, "others still get messages")
    assert [m.text for m in stub.sent] == ["before the block", "others still get messages"]


async def test_unknown_chat_is_not_found(api: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await api.send_message("@nobody_here", "hello")


# --- Telegram's hard parts ----------------------------------------------------------------


async def test_global_rate_answers_429_with_retry_after(stub: TelegramStub, api: Bot) -> None:
    stub.global_rate = 5
    stub.retry_after = 3
    for chat_id in range(1, 6):
        await api.send_message(chat_id, "ok")
    with pytest.raises(TelegramRetryAfter) as error:
        await api.send_message(6, "sixth within a second")
    assert error.value.retry_after == 3
    # aiogram rewords the message but keeps Telegram's.
    assert "Original description: Too Many Requests: retry after 3" in error.value.message
    assert stub.retry_after_hits == 1
    assert len(stub.sent) == 5  # the rejected call was not delivered


async def test_per_chat_rate_limits_one_chat_only(stub: TelegramStub, api: Bot) -> None:
    stub.per_chat_rate = 2
    await api.send_message(USER, "one")
    await api.send_message(USER, "two")
    with pytest.raises(TelegramRetryAfter):
        await api.send_message(USER, "three")
    await api.send_message(OTHER_USER, "another chat is fine")
    assert stub.retry_after_hits == 1


async def test_rate_window_slides() -> None:
    async with TelegramStub(global_rate=1) as limited, client(limited.base_url) as bot:
        await bot.send_message(USER, "first")
        with pytest.raises(TelegramRetryAfter):
            await bot.send_message(USER, "too soon")
        await asyncio.sleep(1.0)
        await bot.send_message(USER, "a second later")
        assert [m.text for m in limited.sent] == ["first", "a second later"]


async def test_fail_next_answers_server_errors_then_recovers(stub: TelegramStub, api: Bot) -> None:
    stub.fail_next(2)
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Internal Server Error"):
            await api.send_message(USER, "lost")
    await api.send_message(USER, "delivered")
    assert [m.text for m in stub.sent] == ["delivered"]


async def test_fail_chat_affects_only_that_chat(stub: TelegramStub, api: Bot) -> None:
    stub.fail_chat(USER, 1, status=502)
    await api.send_message(OTHER_USER, "unaffected")
    with pytest.raises(TelegramServerError, match="Bad Gateway"):
        await api.send_message(USER, "lost")
    await api.send_message(USER, "delivered")


async def test_delay_adds_latency_to_sends(stub: TelegramStub, api: Bot) -> None:
    stub.delay = 0.2
    started = time.monotonic()
    await api.send_message(USER, "slow")
    assert time.monotonic() - started >= 0.2


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


# --- edits, deletes, files, commands ------------------------------------------------------


async def test_edits_follow_telegrams_rules(stub: TelegramStub, api: Bot) -> None:
    sent = await api.send_message(USER, "draft", reply_markup=keyboard("a"))

    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await api.edit_message_text(
            "draft", chat_id=USER, message_id=sent.message_id, reply_markup=keyboard("a")
        )
    # Leaving out reply_markup removes the keyboard, so the same text is a change.
    edited = await api.edit_message_text("draft", chat_id=USER, message_id=sent.message_id)
    assert isinstance(edited, Message) and edited.reply_markup is None
    assert edited.edit_date is not None

    await api.edit_message_reply_markup(
        chat_id=USER, message_id=sent.message_id, reply_markup=keyboard("b")
    )
    assert stub.current_text(USER, sent.message_id) == "draft"
    assert stub.buttons(stub.sent[-1]) == [("B", "b")]
    assert stub.messages_to(USER) == stub.sent[:1]  # edits are not new messages

    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await api.edit_message_text("ghost", chat_id=USER, message_id=999)


async def test_deleted_message_has_no_current_text(stub: TelegramStub, api: Bot) -> None:
    sent = await api.send_message(USER, "short-lived")
    assert await api.delete_message(USER, sent.message_id)
    assert stub.current_text(USER, sent.message_id) is None
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await api.delete_message(USER, sent.message_id)


async def test_send_document_keeps_the_bytes(stub: TelegramStub, api: Bot) -> None:
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    sent = await api.send_document(
        USER, BufferedInputFile(ics, filename="meeting.ics"), caption="Add to calendar"
    )

    assert sent.document is not None
    assert (sent.document.file_name, sent.document.mime_type) == ("meeting.ics", "text/calendar")
    assert sent.document.file_size == len(ics)
    record = stub.last_message(USER)
    assert record.text == "Add to calendar"
    assert record.document is not None and record.document.data == ics

    again = await api.send_document(OTHER_USER, sent.document.file_id)
    assert again.document is not None and again.document.file_id == sent.document.file_id


async def test_send_photo_needs_a_real_image(stub: TelegramStub, api: Bot) -> None:
    png = io.BytesIO()
    Image.new("RGB", (400, 200), "white").save(png, format="PNG")
    sent = await api.send_photo(USER, BufferedInputFile(png.getvalue(), filename="qr.png"))

    assert sent.photo is not None
    assert [(size.width, size.height) for size in sent.photo] == [(90, 45), (400, 200)]
    assert stub.last_message(USER).photo is not None
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await api.send_photo(USER, BufferedInputFile(b"not an image", filename="x.png"))


async def test_copy_and_forward_deliver_the_original_content(stub: TelegramStub, api: Bot) -> None:
    ics = b"BEGIN:VCALENDAR"
    original = await api.send_document(
        USER, BufferedInputFile(ics, filename="e.ics"), caption="event"
    )

    copied = await api.copy_message(OTHER_USER, USER, original.message_id)
    forwarded = await api.forward_message(OTHER_USER, USER, original.message_id)

    copy_record, forward_record = stub.messages_to(OTHER_USER)
    assert (copy_record.method, copy_record.message_id) == ("copyMessage", copied.message_id)
    assert copy_record.document is not None and copy_record.document.data == ics
    assert forward_record.text == "event"
    assert forwarded.forward_origin is not None
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await api.copy_message(OTHER_USER, USER, 999)


async def test_webhook_excludes_polling_until_deleted(stub: TelegramStub, api: Bot) -> None:
    stub.push_message(USER, "waiting")
    with pytest.raises(TelegramBadRequest, match="An HTTPS URL must be provided"):
        await api.set_webhook("http://example.org/hook")
    await api.set_webhook("https://example.org/hook")
    assert (await api.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await api.get_updates()

    await api.delete_webhook(drop_pending_updates=True)
    assert await api.get_updates() == []


async def test_commands_are_kept_per_scope_and_language(stub: TelegramStub, api: Bot) -> None:
    await api.set_my_commands([BotCommand(command="start", description="Start")])
    await api.set_my_commands(
        [BotCommand(command="help", description="Cymorth")], language_code="cy"
    )
    organiser = BotCommandScopeChat(chat_id=USER)
    await api.set_my_commands(
        [BotCommand(command="broadcast", description="Send")], scope=organiser
    )

    assert [c.command for c in await api.get_my_commands()] == ["start"]
    assert [c.command for c in await api.get_my_commands(language_code="cy")] == ["help"]
    assert [c.command for c in await api.get_my_commands(scope=organiser)] == ["broadcast"]
    assert stub.commands_for({"type": "chat", "chat_id": USER})[0]["command"] == "broadcast"

    await api.delete_my_commands(language_code="cy")
    assert await api.get_my_commands(language_code="cy") == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await api.set_my_commands([BotCommand(command="Start", description="Capital")])


# --- HTML parse mode ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "plain", "entities"),
    [
        (
            "<b>bold</b> and <em>it</em>",
            "bold and it",
            [("bold", 0, 4), ("italic", 9, 2)],
        ),
        ("a &lt;b&gt; &amp; &quot;c&quot; &#65;", 'a <b> & "c" A', []),
        ("5 & 6 &nbsp;", "5 & 6 &nbsp;", []),  # unknown references stay literal
        ("<b>😀</b>!", "😀!", [("bold", 0, 2)]),  # lengths in UTF-16 code units
        (
            '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
            "st",
            [("spoiler", 0, 1), ("spoiler", 1, 1)],
        ),
        ("<blockquote expandable>q</blockquote>", "q", [("expandable_blockquote", 0, 1)]),
        ("<b><i>both</i></b><u></u>", "both", [("bold", 0, 4), ("italic", 0, 4)]),
    ],
)
def test_html_parses_like_telegram(
    html: str, plain: str, entities: list[tuple[str, int, int]]
) -> None:
    text, parsed = parse_html(html)
    assert text == plain
    assert [(e["type"], e["offset"], e["length"]) for e in parsed] == entities


def test_html_links_and_code_languages() -> None:
    _, [link] = parse_html('<a href="https://example.org/?a=1&amp;b=2">here</a>')
    assert link["url"] == "https://example.org/?a=1&b=2"
    _, [pre] = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert (pre["type"], pre["language"]) == ("pre", "python")


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>unclosed", "Can't find end tag corresponding to start tag b"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("é<foo>", 'Unsupported start tag "foo" at byte offset 2'),  # offsets are in bytes
        ("I <3 you", 'Unsupported start tag "3" at byte offset 2'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_html_errors_use_telegrams_wording(html: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as raised:
        parse_html(html)
    assert str(raised.value) == error


async def test_bad_html_is_rejected_through_the_api(stub: TelegramStub, api: Bot) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await api.send_message(USER, "<b>oops", parse_mode="HTML")
    assert error.value.message == (
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag b"
    )
    sent = await api.send_message(USER, "<b>fine</b> &amp; well", parse_mode="HTML")
    assert sent.text == "fine & well"
    assert stub.last_message(USER).text == "<b>fine</b> &amp; well"  # as the bot wrote it


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


# --- BotProcess and the standalone server -------------------------------------------------


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


# A child that says it is ready, then waits; SIGTERM makes it exit with code 3.
WAITS_FOR_SIGTERM = python(
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))\n"
    "print('ready')\n"
    "time.sleep(30)\n"
)


async def wait_for_log(process: BotProcess, text: str, seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while text not in process.log_text():
        assert time.monotonic() < deadline, f"{text!r} never appeared\n{process.log_tail()}"
        await asyncio.sleep(0.02)


async def test_bot_process_passes_env_and_captures_output() -> None:
    code = (
        "import os, sys\n"
        "print('probe', os.environ['PBCHAT_PROBE'], os.getcwd())\n"
        "print('to stderr', file=sys.stderr)\n"
    )
    process = BotProcess({"PBCHAT_PROBE": "42"}, argv=python(code))
    await process.start()
    assert await process.wait(timeout=5) == 0
    assert f"probe 42 {REPO_ROOT}" in process.log_text()
    assert "to stderr" in process.log_text()


async def test_bot_process_stop_sends_sigterm() -> None:
    async with BotProcess({}, argv=WAITS_FOR_SIGTERM) as process:
        await wait_for_log(process, "ready")
        assert process.returncode is None
        assert await process.stop() == 3


async def test_bot_process_that_ignores_sigterm_is_killed() -> None:
    stubborn = python(
        "import signal, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "print('ready')\n"
        "time.sleep(30)\n"
    )
    process = BotProcess({}, argv=stubborn)
    await process.start()
    await wait_for_log(process, "ready")
    with pytest.raises(TimeoutError, match="still running"):
        await process.stop(timeout=0.3)
    assert process.returncode == -signal.SIGKILL


async def test_failing_test_gets_the_bot_log_attached() -> None:
    with pytest.raises(ValueError, match="test failed") as raised:
        async with BotProcess({}, argv=WAITS_FOR_SIGTERM) as process:
            await wait_for_log(process, "ready")
            raise ValueError("test failed")
    assert process.returncode == -signal.SIGKILL  # no graceful wait after a failure
    assert "ready" in "\n".join(raised.value.__notes__)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_stub_runs_standalone() -> None:
    port = free_port()
    argv = [sys.executable, "-m", "tests.support.telegram_stub", "--port", str(port)]
    async with BotProcess({}, argv=argv + ["--global-rate", "30"]) as server:
        await wait_for_log(server, "Telegram stand-in on")
        async with client(f"http://127.0.0.1:{port}") as bot:
            await bot.send_message(USER, "benchmark")
        assert await server.stop(signal.SIGINT) == 0
    assert "1 messages accepted, 0 answered 429" in server.log_text()


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
