"""Organisers: configured ones, ones added in chat, and the audit trail of what they did."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import DeleteMyCommands, SetMyCommands
from sqlalchemy import select

from bot.callbacks import (
    BroadcastAction,
    BroadcastCb,
    LanguageCb,
    Locale,
    OrganiserAction,
    OrganiserCb,
)
from bot.commands import ORGANISER_COMMANDS, show_organiser_menu
from models.audit import AuditEntry
from tests.conftest import ORGANISER_ID
from tests.flow import alerts, message_update, texts

NEWCOMER = 8080


def cb(action: OrganiserAction, telegram_id: int = 0) -> str:
    return OrganiserCb(action=action, telegram_id=telegram_id).pack()


def shared_user_update(from_id: int, shared_id: int) -> dict:
    update = message_update(from_id, "x")
    message = update["message"]
    del message["text"]
    message["users_shared"] = {"request_id": 1, "users": [{"user_id": shared_id}]}
    return update


async def test_an_organiser_adds_someone_who_can_then_organise(harness):
    # [-1:]: a first message gets the privacy notice first (bot/first_contact.py).
    assert texts(await harness.send(NEWCOMER, "/broadcast"))[-1:] == [
        "Sorry, this is for organisers."]
    sent = await harness.send(ORGANISER_ID, "/organisers")
    assert f"Set in the configuration: {ORGANISER_ID}" in texts(sent)[-1]
    sent = await harness.tap(ORGANISER_ID, cb(OrganiserAction.ADD))
    assert texts(sent)[0].startswith("Who should become an organiser?")
    assert texts(await harness.send(ORGANISER_ID, "Dave"))[0].startswith("Please pick a person")
    sent = await harness.feed(shared_user_update(ORGANISER_ID, NEWCOMER))
    assert texts(sent) == [f"{NEWCOMER} is now an organiser."]
    assert texts(await harness.send(NEWCOMER, "/broadcast")) == ["Who should get this message?"]


async def test_typed_id_and_removal(harness):
    await harness.send(ORGANISER_ID, "/organisers")
    await harness.tap(ORGANISER_ID, cb(OrganiserAction.ADD))
    assert texts(await harness.send(ORGANISER_ID, f" {NEWCOMER} ")) == [
        f"{NEWCOMER} is now an organiser."]
    sent = await harness.tap(ORGANISER_ID, cb(OrganiserAction.REMOVE, NEWCOMER))
    assert alerts(sent) == ["Removed. They are no longer an organiser."]
    assert texts(await harness.send(NEWCOMER, "/broadcast"))[-1:] == [
        "Sorry, this is for organisers."]
    again = await harness.tap(ORGANISER_ID, cb(OrganiserAction.REMOVE, NEWCOMER))
    assert alerts(again) == ["That button is out of date. Here's the current menu."]


async def test_residents_cannot_add_themselves(harness):
    for data in (cb(OrganiserAction.ADD), cb(OrganiserAction.REMOVE, ORGANISER_ID)):
        assert alerts(await harness.tap(NEWCOMER, data)) == ["Sorry, this is for organisers."]
    assert texts(await harness.send(NEWCOMER, "/organisers")) == ["Sorry, this is for organisers."]
    assert texts(await harness.send(NEWCOMER, "/audit")) == ["Sorry, this is for organisers."]
    assert texts(await harness.send(ORGANISER_ID, "/broadcast"))[-1:] == [
        "Who should get this message?"]


async def test_audit_records_commands_and_buttons_but_no_free_text(harness, session_maker):
    assert texts(await harness.send(ORGANISER_ID, "/audit"))[-1:] == [
        "No organiser actions recorded yet."]
    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID,
                      BroadcastCb(action=BroadcastAction.AUDIENCE, value="all").pack())
    await harness.send(ORGANISER_ID, "A private thought about Mrs Jones")
    await harness.send(NEWCOMER, "/broadcast")  # refused: not an organiser action
    async with session_maker() as session:
        entries = await session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        actions = [e.action for e in entries]
    assert actions == ["command /audit", "command /broadcast", "button bc:a:all",
                       "answer at Draft:english"]
    shown = texts(await harness.send(ORGANISER_ID, "/audit"))[0]
    assert "Latest organiser actions" in shown and "button bc:a:all" in shown
    assert "Mrs Jones" not in shown


def organiser_menus(harness) -> dict[int, list[tuple[str, str]]]:
    return {call.scope.chat_id: [(c.command, c.description) for c in call.commands]
            for call in harness.telegram.requests
            if isinstance(call, SetMyCommands) and call.scope is not None}


async def test_only_organisers_chats_get_the_organiser_menu_in_their_language(harness):
    menus = organiser_menus(harness)
    assert list(menus) == [ORGANISER_ID]  # configured organisers, at start-up
    assert {name for name, _ in menus[ORGANISER_ID]} >= set(ORGANISER_COMMANDS) | {"start"}
    await harness.send(NEWCOMER, "/start")
    await harness.tap(NEWCOMER, LanguageCb(locale=Locale.CY).pack())
    await harness.send(ORGANISER_ID, "/organisers")
    await harness.tap(ORGANISER_ID, cb(OrganiserAction.ADD))
    await harness.send(ORGANISER_ID, str(NEWCOMER))
    assert ("broadcast", "Anfon neges at bobl") in organiser_menus(harness)[NEWCOMER]
    await harness.tap(ORGANISER_ID, cb(OrganiserAction.REMOVE, NEWCOMER))
    deleted = [call.scope.chat_id for call in harness.telegram.requests
               if isinstance(call, DeleteMyCommands)]
    assert deleted == [NEWCOMER]


async def test_added_organisers_get_their_menu_after_a_restart(harness):
    await harness.send(ORGANISER_ID, "/organisers")
    await harness.tap(ORGANISER_ID, cb(OrganiserAction.ADD))
    await harness.send(ORGANISER_ID, str(NEWCOMER))
    harness.telegram.requests.clear()
    await harness.restart()
    menus = organiser_menus(harness)
    assert set(menus) == {ORGANISER_ID, NEWCOMER}
    assert ("broadcast", "Send a message to people") in menus[NEWCOMER]


async def test_an_organiser_who_never_started_the_bot_does_not_stop_anything(harness):
    harness.telegram.fail_next(TelegramBadRequest(method=None, message="chat not found"))
    assert await show_organiser_menu(harness.bot, harness.dp["i18n_middleware"].core,
                                     NEWCOMER, "en") is False
    assert texts(await harness.send(ORGANISER_ID, "/broadcast"))[-1:] == [
        "Who should get this message?"]
