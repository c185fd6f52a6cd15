"""Organisers: configured ones, ones added in chat, and the audit trail of what they did."""

from __future__ import annotations

from sqlalchemy import select

from bot.callbacks import BroadcastAction, BroadcastCb, OrganiserAction, OrganiserCb
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
    assert texts(await harness.send(NEWCOMER, "/broadcast")) == ["Sorry, this is for organisers."]
    sent = await harness.send(ORGANISER_ID, "/organisers")
    assert f"Set in the configuration: {ORGANISER_ID}" in texts(sent)[0]
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
    assert texts(await harness.send(NEWCOMER, "/broadcast")) == ["Sorry, this is for organisers."]
    again = await harness.tap(ORGANISER_ID, cb(OrganiserAction.REMOVE, NEWCOMER))
    assert alerts(again) == ["That button is out of date. Here's the current menu."]


async def test_residents_cannot_add_themselves(harness):
    for data in (cb(OrganiserAction.ADD), cb(OrganiserAction.REMOVE, ORGANISER_ID)):
        assert alerts(await harness.tap(NEWCOMER, data)) == ["Sorry, this is for organisers."]
    assert texts(await harness.send(NEWCOMER, "/organisers")) == ["Sorry, this is for organisers."]
    assert texts(await harness.send(NEWCOMER, "/audit")) == ["Sorry, this is for organisers."]
    assert texts(await harness.send(ORGANISER_ID, "/broadcast")) == ["Who should get this message?"]


async def test_audit_records_commands_and_buttons_but_no_free_text(harness, session_maker):
    assert texts(await harness.send(ORGANISER_ID, "/audit")) == [
        "No organiser actions recorded yet."]
    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID, BroadcastCb(action=BroadcastAction.AUDIENCE, value="all").pack())
    await harness.send(ORGANISER_ID, "A private thought about Mrs Jones")
    await harness.send(NEWCOMER, "/broadcast")  # refused: not an organiser action
    async with session_maker() as session:
        actions = [e.action for e in await session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["command /audit", "command /broadcast", "button bc:a:all",
                       "answer at Draft:english"]
    shown = texts(await harness.send(ORGANISER_ID, "/audit"))[0]
    assert "Latest organiser actions" in shown and "button bc:a:all" in shown
    assert "Mrs Jones" not in shown
