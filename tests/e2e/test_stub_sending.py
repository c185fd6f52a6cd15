"""The Bot API stand-in answers sends as Telegram does, through aiogram's own HTTP client (as
the bot uses it): who the bot is, what a message may hold, rate limits and failures, edits,
files and commands."""

from __future__ import annotations

import asyncio
import io
import time

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import BotCommand, BotCommandScopeChat, BufferedInputFile, Message
from PIL import Image

from tests.support.api_client import USER, client, keyboard
from tests.support.telegram_stub import DEFAULT_TOKEN, TelegramStub

OTHER_USER = 1002


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
