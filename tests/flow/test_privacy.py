"""People can see (/mydata) and erase (/forget) what the bot holds about them."""

from __future__ import annotations

import json

from aiogram.methods import SendDocument

from bot.ui.callbacks import ForgetCb, LanguageCb, Locale
from tests.support.factories import mentions, rows_mentioning
from tests.support.flow import texts

RESIDENT = 6161


async def test_privacy_command_in_both_languages(harness):
    assert "What we keep" in texts(await harness.send(RESIDENT, "/privacy"))[-1]
    await harness.send(RESIDENT, "/start")
    await harness.tap(RESIDENT, LanguageCb(locale=Locale.CY).pack())
    assert "Beth rydyn ni'n ei gadw" in texts(await harness.send(RESIDENT, "/privacy"))[0]


async def test_mydata_sends_a_json_file_of_what_is_stored(harness):
    await harness.send(RESIDENT, "/start ev_5")
    await harness.tap(RESIDENT, LanguageCb(locale=Locale.EN).pack())
    sent = await harness.send(RESIDENT, "/mydata")
    document = next(r for r in sent if isinstance(r, SendDocument))
    data = json.loads(document.document.data)
    assert data["account"]["telegram_id"] == RESIDENT
    assert data["account"]["language"] == "en"


async def test_forget_asks_first_and_no_keeps_everything(harness, session_maker):
    await harness.send(RESIDENT, "/start")
    await harness.tap(RESIDENT, LanguageCb(locale=Locale.EN).pack())
    assert "Erase everything" in texts(await harness.send(RESIDENT, "/forget"))[0]
    sent = await harness.tap(RESIDENT, ForgetCb(confirm=False).pack())
    assert texts(sent) == ["Nothing was erased."]
    assert await rows_mentioning(session_maker, RESIDENT)


async def test_forget_leaves_the_telegram_id_in_no_table(harness, session_maker):
    await harness.send(RESIDENT, "/start ev_5")
    await harness.tap(RESIDENT, LanguageCb(locale=Locale.CY).pack())
    await harness.send(RESIDENT, "/forget")
    sent = await harness.tap(RESIDENT, ForgetCb(confirm=True).pack())
    assert texts(sent)[0].startswith("Wedi'i wneud: mae eich data wedi'i ddileu")
    assert await rows_mentioning(session_maker, RESIDENT) == []


def test_mentions_finds_whole_numbers_only():
    assert mentions(8101, 8101)
    assert mentions("fsm:123456789:8101:8101:default", 8101)
    assert mentions('{"chat_id": 8101}', 8101)
    assert not mentions("2026-11-26 01:52:28.381016", 8101)
    assert not mentions(81010, 8101)


