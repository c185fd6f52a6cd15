"""The real bot process (`python -m bot`) against the HTTP Bot API stand-in.

A scripted resident with a Welsh app goes /start (Welsh at once) → menu → /language → English,
with a restart of the bot in the middle of it; nothing is forgotten and nothing is answered
twice. The journey runs on SQLite, and on PostgreSQL with the conversation in Redis (the
several-process setup).
"""

from __future__ import annotations

from bot.ui.callbacks import LanguageCb, LanguageSwitchCb, Locale, MenuCb, MenuItem
from tests.support.e2e import backend_env, bot_env, start_polling_bot, stub_token
from tests.support.telegram_stub import TelegramStub

RESIDENT = 31337


async def test_resident_journey_across_a_restart(database_url):
    async with TelegramStub(stub_token()) as stub, backend_env(stub, database_url) as env:
        process = await start_polling_bot(stub, env)
        # A Welsh app: Welsh at once, the notice first with one button for English.
        stub.push_message(RESIDENT, "/start", language_code="cy")
        notice, menu = await stub.wait_for_messages(RESIDENT, 2)
        assert notice.text.startswith("<b>Cyn i ni ddechrau</b>")
        assert stub.buttons(notice) == [("English", LanguageSwitchCb(locale=Locale.EN).pack())]
        assert menu.text == "Beth hoffech chi ei wneud?"

        # The bot goes down between the notice and the next tap.
        assert await process.stop() == 0, process.log_tail()
        process = await start_polling_bot(stub, env)

        count = stub.new_message_count(RESIDENT)
        stub.push_callback(RESIDENT, MenuCb(item=MenuItem.VOTE).pack(), language_code="cy")
        no_vote = await stub.wait_for_message(RESIDENT, count + 1)  # with "tell me when it opens"
        assert no_vote.text.startswith("Does dim pleidlais ar agor")

        assert await process.stop() == 0, process.log_tail()
        process = await start_polling_bot(stub, env)

        # Remembered across the restart: Welsh, and the notice isn't shown again.
        count = len(stub.messages_to(RESIDENT))
        stub.push_message(RESIDENT, "/language", language_code="cy")
        sent = await stub.wait_for_messages(RESIDENT, count + 1)
        assert [text for text, _ in stub.buttons(sent[-1])] == ["Cymraeg", "English"]
        stub.push_callback(RESIDENT, LanguageCb(locale=Locale.EN).pack())
        sent = await stub.wait_for_messages(RESIDENT, count + 2)
        assert sent[-1].text == "What would you like to do?"
        assert not any("Before we start" in (m.text or "") for m in sent)
        assert sum("Cyn i ni ddechrau" in (m.text or "") for m in sent) == 1

        commands = {(call.get("language_code") or ""): call
                    for method, call in stub.calls if method == "setMyCommands"}
        assert set(commands) == {"", "en", "cy"}
        assert await process.stop() == 0, process.log_tail()
        assert "Traceback" not in process.log_text()


async def test_redelivered_update_is_answered_once(tmp_path):
    async with TelegramStub() as stub:
        process = await start_polling_bot(stub, bot_env(stub, tmp_path / "e2e.db"))
        update_id = stub.push_message(RESIDENT, "/help")
        await stub.wait_for_messages(RESIDENT, 2)  # the first-contact notice, then the help
        stub.push_duplicate(update_id)
        stub.push_message(RESIDENT, "/privacy")
        sent = await stub.wait_for_messages(RESIDENT, 3)
        assert "Your privacy" in sent[2].text
        assert len(stub.messages_to(RESIDENT)) == 3
        await process.stop()
