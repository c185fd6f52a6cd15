"""A resident's first minutes: privacy notice with a language switch, menu, in English and
Welsh. Every other way in is in tests/flow/test_first_contact_flow.py."""

from __future__ import annotations

import pytest
from aiogram.methods import SetMyCommands
from sqlalchemy import select

from bot.ui.callbacks import LanguageCb, LanguageSwitchCb, Locale, MenuCb, MenuItem
from handlers.menu import NOT_READY
from models.user import User
from tests.support.flow import alerts, buttons, texts

RESIDENT = 4242


async def choose(harness, locale: Locale, user_id: int = RESIDENT):
    return await harness.tap(user_id, LanguageCb(locale=locale).pack())


async def test_first_start_answers_at_once_in_english_with_a_switch_to_welsh(harness):
    """No question before the menu: the notice (with one button for Cymraeg), then the menu."""
    sent = await harness.send(RESIDENT, "/start")
    shown = texts(sent)
    assert shown[0].startswith("<b>Before we start</b>") and "/privacy" in shown[0]
    assert buttons(sent[0]) == [("Cymraeg", LanguageSwitchCb(locale=Locale.CY).pack())]
    assert shown[1:] == ["What would you like to do?"]


async def test_welsh_app_gets_welsh_at_once_with_a_switch_to_english(harness):
    sent = await harness.send(RESIDENT, "/start", language_code="cy")
    shown = texts(sent)
    assert shown[0].startswith("<b>Cyn i ni ddechrau</b>")
    assert buttons(sent[0]) == [("English", LanguageSwitchCb(locale=Locale.EN).pack())]
    assert shown[1:] == ["Beth hoffech chi ei wneud?"]
    async with harness.session_maker() as session:
        user = await session.scalar(select(User).where(User.telegram_id == RESIDENT))
    assert user.locale == "cy" and user.privacy_seen_at is not None


async def test_switching_to_welsh_from_the_notice_shows_it_and_the_menu_in_welsh(harness):
    await harness.send(RESIDENT, "/start")
    sent = await harness.tap(RESIDENT, LanguageSwitchCb(locale=Locale.CY).pack())
    shown = texts(sent)
    assert "Cyn i ni ddechrau" in shown[0] and "/privacy" in shown[0]  # the notice, edited
    assert shown[1].startswith("Mae'r iaith wedi'i gosod i'r Gymraeg")
    assert shown[2] == "Beth hoffech chi ei wneud?"
    assert [text for text, _ in buttons(sent[-1])] == [
        "Digwyddiadau 📅", "Gwneud cais 📝", "Pleidleisio 🗳", "Fy mhethau 📂",
        "Iaith · Language 🌐", "Help ❓",
    ]
    async with harness.session_maker() as session:
        user = await session.scalar(select(User).where(User.telegram_id == RESIDENT))
    assert user.locale == "cy" and user.privacy_seen_at is not None


async def test_privacy_notice_is_shown_once(harness):
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.EN)
    sent = await choose(harness, Locale.CY)
    assert not any("Cyn i ni ddechrau" in text for text in texts(sent))


async def test_language_can_be_switched_any_time(harness):
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.CY)
    sent = await harness.send(RESIDENT, "/language")
    assert [text for text, _ in buttons(sent[0])] == ["Cymraeg", "English"]
    sent = await choose(harness, Locale.EN)
    assert texts(sent)[-1] == "What would you like to do?"
    assert texts(await harness.send(RESIDENT, "/help"))[0].startswith("<b>pbchat</b> helps")


@pytest.mark.parametrize("item", list(MenuItem))
async def test_no_dead_menu_buttons(harness, item):
    """Every entry does something; one whose feature has not landed says so politely."""
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.EN)
    sent = await harness.tap(RESIDENT, MenuCb(item=item).pack())
    not_ready = ["Sorry, this part isn't ready yet. We'll let you know when it is."]
    if item in NOT_READY:
        assert alerts(sent) == not_ready
    else:
        assert alerts(sent) != not_ready and (texts(sent) or alerts(sent)), item


async def test_menu_help_and_language_buttons_work(harness):
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.CY)
    help_text = texts(await harness.tap(RESIDENT, MenuCb(item=MenuItem.HELP).pack()))[0]
    assert "999" in help_text and "0800 555 111" in help_text and "Fearless" in help_text
    assert "Nid yw'r sgwrs hon ar gyfer rhoi gwybod am drosedd" in help_text
    sent = await harness.tap(RESIDENT, MenuCb(item=MenuItem.LANGUAGE).pack())
    assert texts(sent) == ["Choose your language · Dewiswch eich iaith"]


async def test_unknown_deep_link_gets_a_friendly_line_and_the_menu(harness):
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.EN)
    sent = await harness.send(RESIDENT, "/start nonsense_123")
    assert texts(sent)[0].startswith("That link didn't match anything")
    assert texts(sent)[1] == "What would you like to do?"


async def test_malformed_deep_link_is_handled_too(harness):
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.EN)
    sent = await harness.send(RESIDENT, "/start " + "<script>" * 20)
    assert texts(sent)[0].startswith("That link didn't match anything")


async def test_deep_link_opens_at_once_and_again_after_a_switch(harness):
    sent = await harness.send(RESIDENT, "/start ev_999999", language_code="cy")
    assert texts(sent)[1].startswith("Doedd y ddolen honno ddim")
    sent = await harness.tap(RESIDENT, LanguageSwitchCb(locale=Locale.EN).pack())
    assert any(text.startswith("That link didn't match anything") for text in texts(sent))
    assert texts(sent)[-1] == "What would you like to do?"


async def test_cancel_without_a_conversation(harness):
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.CY)
    sent = await harness.send(RESIDENT, "/cancel")
    assert texts(sent)[0] == "Does dim byd i'w stopio. Dyma'r ddewislen."


async def test_cancel_leaves_a_conversation_and_keeps_its_data(harness):
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.EN)
    key = harness.dp.fsm.get_context(harness.bot, RESIDENT, RESIDENT)
    await key.set_state("Somewhere:deep")
    await key.update_data(draft="kept")
    sent = await harness.send(RESIDENT, "/cancel")
    assert texts(sent)[0].startswith("Stopped. Anything you had started is kept")
    assert await key.get_state() is None
    assert (await key.get_data())["draft"] == "kept"


async def test_text_the_bot_does_not_expect(harness):
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.CY)
    sent = await harness.send(RESIDENT, "helo")
    assert texts(sent)[0].startswith("Mae'n ddrwg gennym, wnes i ddim deall")
    assert texts(sent)[1] == "Beth hoffech chi ei wneud?"


async def test_text_as_a_first_message_gets_the_notice_then_an_answer(harness):
    sent = await harness.send(RESIDENT, "hello")
    assert texts(sent)[0].startswith("<b>Before we start</b>")
    assert texts(sent)[1].startswith("Sorry, I didn't understand that")


@pytest.mark.parametrize("data", ["m:nope", "l:xx", "garbage", "m:", "🙂" * 10, "fg:maybe"])
async def test_forged_or_stale_buttons_change_nothing(harness, data):
    await harness.send(RESIDENT, "/start")
    await choose(harness, Locale.CY)
    sent = await harness.tap(RESIDENT, data)
    assert alerts(sent) == ["Mae'r botwm yna wedi dyddio. Dyma'r ddewislen gyfredol."]
    async with harness.session_maker() as session:
        user = await session.scalar(select(User).where(User.telegram_id == RESIDENT))
    assert user.locale == "cy"


async def test_command_menu_is_registered_in_both_languages(harness):
    calls = [r for r in harness.telegram.requests
             if isinstance(r, SetMyCommands) and r.scope is None]
    by_language = {call.language_code: call.commands for call in calls}
    assert set(by_language) == {None, "en", "cy"}
    assert [c.command for c in by_language["cy"]] == [c.command for c in by_language["en"]]
    assert by_language["cy"][0].description == "Prif ddewislen"
    assert by_language["en"][0].description == "Main menu"
    assert "broadcast" not in {c.command for c in by_language["en"]}  # organisers' chats only
