"""Organisers: configured ones, ones added in chat, and the audit trail of what they did."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import DeleteMyCommands, SetMyCommands
from sqlalchemy import select

from bot.ui.callbacks import (
    LanguageCb,
    Locale,
    OrganiserAction,
    OrganiserCb,
)
from bot.ui.callbacks.organiser import ConfirmCb, Say
from bot.ui.commands import ORGANISER_COMMANDS, show_organiser_menu
from models.outbox import OutboxMessage
from tests.conftest import ORGANISER_ID
from tests.support.flow import alerts, buttons, message_update, texts

NEWCOMER = 8080


def cb(action: OrganiserAction, telegram_id: int = 0) -> str:
    return OrganiserCb(action=action, telegram_id=telegram_id).pack()


def answer_in(sent, say: Say) -> str:
    return next(data for request in sent for _, data in buttons(request)
                if data and data.startswith("cf:") and ConfirmCb.unpack(data).say == say)


def yes_in(sent) -> str:
    return answer_in(sent, Say.YES)


def no_in(sent) -> str:
    return answer_in(sent, Say.NO)


def shared_user_update(from_id: int, shared_id: int) -> dict:
    update = message_update(from_id, "x")
    message = update["message"]
    del message["text"]
    message["users_shared"] = {"request_id": 1, "users": [{"user_id": shared_id}]}
    return update


async def test_an_organiser_adds_someone_who_can_then_organise(harness):
    # [-1:]: a first message gets the privacy notice first (bot/conversation/first_contact.py).
    assert texts(await harness.send(NEWCOMER, "/broadcast"))[-1:] == [
        "Sorry, this is for organisers."]
    sent = await harness.send(ORGANISER_ID, "/organisers")
    assert f"Set in the configuration: {ORGANISER_ID}" in texts(sent)[-1]
    sent = await harness.tap(ORGANISER_ID, cb(OrganiserAction.ADD))
    assert texts(sent)[0].startswith("Who should become an organiser?")
    assert texts(await harness.send(ORGANISER_ID, "Dave"))[0].startswith("Please pick a person")
    sent = await harness.feed(shared_user_update(ORGANISER_ID, NEWCOMER))
    assert texts(sent)[1].startswith(f"<b>Make {NEWCOMER} an organiser?</b>\n")
    # Not yet: it waits for Yes.
    assert texts(await harness.send(NEWCOMER, "/broadcast")) == ["Sorry, this is for organisers."]
    assert texts(await harness.tap(ORGANISER_ID, yes_in(sent))) == [
        f"{NEWCOMER} is now an organiser."]
    assert texts(await harness.send(NEWCOMER, "/broadcast"))[-1:] == [
        "Who should get this message?"]


async def test_typed_id_and_removal(harness):
    await harness.send(ORGANISER_ID, "/organisers")
    await harness.tap(ORGANISER_ID, cb(OrganiserAction.ADD))
    asked = await harness.send(ORGANISER_ID, f" {NEWCOMER} ")
    assert texts(await harness.tap(ORGANISER_ID, yes_in(asked))) == [
        f"{NEWCOMER} is now an organiser."]
    asked = await harness.tap(ORGANISER_ID, cb(OrganiserAction.REMOVE, NEWCOMER))
    assert texts(asked)[0].startswith(f"<b>Remove this organiser: {NEWCOMER}?</b>")
    assert alerts(await harness.tap(ORGANISER_ID, no_in(asked))) == ["Nothing changed."]
    assert texts(await harness.send(NEWCOMER, "/broadcast"))[-1:] == [
        "Who should get this message?"]
    sent = await harness.tap(ORGANISER_ID, yes_in(asked))
    assert alerts(sent) == ["Removed. They are no longer an organiser."]
    assert texts(await harness.send(NEWCOMER, "/broadcast"))[-1:] == [
        "Sorry, this is for organisers."]
    again = await harness.tap(ORGANISER_ID, yes_in(asked))
    assert alerts(again)[0].startswith("This is out of date")


async def test_residents_cannot_add_themselves(harness):
    for data in (cb(OrganiserAction.ADD), cb(OrganiserAction.REMOVE, ORGANISER_ID)):
        assert alerts(await harness.tap(NEWCOMER, data)) == ["Sorry, this is for organisers."]
    assert texts(await harness.send(NEWCOMER, "/organisers")) == ["Sorry, this is for organisers."]
    assert texts(await harness.send(NEWCOMER, "/audit")) == ["Sorry, this is for organisers."]
    assert texts(await harness.send(ORGANISER_ID, "/broadcast"))[-1:] == [
        "Who should get this message?"]


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
    await harness.tap(ORGANISER_ID, yes_in(await harness.send(ORGANISER_ID, str(NEWCOMER))))
    assert ("broadcast", "Anfon neges at bobl") in organiser_menus(harness)[NEWCOMER]
    await harness.tap(ORGANISER_ID, yes_in(
        await harness.tap(ORGANISER_ID, cb(OrganiserAction.REMOVE, NEWCOMER))))
    deleted = [call.scope.chat_id for call in harness.telegram.requests
               if isinstance(call, DeleteMyCommands)]
    assert deleted == [NEWCOMER]


async def test_added_organisers_get_their_menu_after_a_restart(harness):
    await harness.send(ORGANISER_ID, "/organisers")
    await harness.tap(ORGANISER_ID, cb(OrganiserAction.ADD))
    await harness.tap(ORGANISER_ID, yes_in(await harness.send(ORGANISER_ID, str(NEWCOMER))))
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


async def test_the_new_organiser_is_told_in_their_language(harness, session_maker):
    await harness.send(NEWCOMER, "/start")
    await harness.tap(NEWCOMER, LanguageCb(locale=Locale.CY).pack())
    await harness.send(ORGANISER_ID, "/organisers")
    await harness.tap(ORGANISER_ID, cb(OrganiserAction.ADD))
    asked = await harness.send(ORGANISER_ID, str(NEWCOMER))
    await harness.tap(ORGANISER_ID, no_in(asked))
    async with session_maker() as session:
        assert list(await session.scalars(select(OutboxMessage.chat_id))) == []
    await harness.tap(ORGANISER_ID, yes_in(asked))
    async with session_maker() as session:
        told = [(row.chat_id, row.payload["text"])
                for row in await session.scalars(select(OutboxMessage))]
    assert told == [(NEWCOMER, "Mae Test wedi eich gwneud chi'n drefnydd. Mae gorchmynion y "
                               "trefnwyr yn eich dewislen nawr; anfonwch /help i'w gweld. 👋")]
