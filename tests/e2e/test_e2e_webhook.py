"""Webhook mode: the real bot process serves Telegram's posts, checks the secret, answers
/healthz, and handles a re-delivered update once."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from tests.support.bot_process import BotProcess
from tests.support.databases import EMPTY_SQLITE_ONLY
from tests.support.e2e import free_port, wait_healthy
from tests.support.telegram_stub import DEFAULT_TOKEN, TelegramStub

SECRET = "s3cret-token-for-the-webhook-test"
RESIDENT = 4711


def update(update_id: int, text: str) -> dict:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()),
        "chat": {"id": RESIDENT, "type": "private"},
        "from": {"id": RESIDENT, "is_bot": False, "first_name": "T", "language_code": "cy"},
        "text": text, "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]}}


@EMPTY_SQLITE_ONLY
async def test_webhook_mode(empty_database_url):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with TelegramStub() as stub, aiohttp.ClientSession() as http:
        env = {"BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": stub.base_url,
               "DATABASE_URL": empty_database_url,
               "WEBHOOK_URL": "https://pbchat.example.org/tg/hook", "WEBHOOK_SECRET": SECRET,
               "PORT": str(port)}
        async with BotProcess(env) as process:
            await wait_healthy(http, base, process)
            assert any(method == "setWebhook" and params.get("secret_token") == SECRET
                       for method, params in stub.calls)

            async with http.post(f"{base}/tg/hook", json=update(1, "/help")) as response:
                assert response.status == 401
            async with http.post(f"{base}/tg/hook", json=update(1, "/help"),
                                 headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as response:
                assert response.status == 401
            assert stub.messages_to(RESIDENT) == []

            good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            for _ in range(2):  # Telegram re-delivers what it thinks failed
                async with http.post(f"{base}/tg/hook", json=update(2, "/help"),
                                     headers=good) as response:
                    assert response.status == 200
            # The first-contact notice, then the help; each once.
            notice, reply = await stub.wait_for_messages(RESIDENT, 2)
            assert notice.text.startswith("<b>Cyn i ni ddechrau</b>")
            assert "Mae <b>pbchat</b> yn helpu" in reply.text
            await asyncio.sleep(1)
            assert len(stub.messages_to(RESIDENT)) == 2
            assert await process.stop() == 0


@EMPTY_SQLITE_ONLY
async def test_a_button_press_is_answered_in_the_webhook_reply(empty_database_url):
    """Each update is answered once handled, and a button's answerCallbackQuery travels in
    that answer (one Bot API request fewer); Telegram keeps `max_connections` in flight."""
    port = free_port()
    async with TelegramStub() as stub, aiohttp.ClientSession() as http:
        env = {"BOT_TOKEN": DEFAULT_TOKEN, "TELEGRAM_API_URL": stub.base_url,
               "DATABASE_URL": empty_database_url,
               "WEBHOOK_URL": "https://pbchat.example.org/tg/hook", "WEBHOOK_SECRET": SECRET,
               "WEBHOOK_MAX_CONNECTIONS": "12", "PORT": str(port)}
        async with BotProcess(env) as process:
            await wait_healthy(http, f"http://127.0.0.1:{port}", process)
            assert [params.get("max_connections") for method, params in stub.calls
                    if method == "setWebhook"] == [12]
            stub.deliver_to([f"http://127.0.0.1:{port}/tg/hook"], SECRET)
            stub.push_message(RESIDENT, "/start")
            notice, _menu = await stub.wait_for_messages(RESIDENT, 2)
            _text, choice = stub.buttons(notice)[0]  # the switch to the other language
            stub.push_callback(RESIDENT, choice, message_id=notice.message_id)
            await stub.wait_for_messages(RESIDENT, 4)
            await stub.wait_for(lambda: stub.callback_answers, what="the button's answer")
            assert stub.webhook_replies == 1
            assert [method for method, _ in stub.calls].count("answerCallbackQuery") == 1
            assert await process.stop() == 0
