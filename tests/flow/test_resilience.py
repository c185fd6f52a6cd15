"""Failures, re-deliveries and restarts: the bot keeps going and forgets nothing."""

from __future__ import annotations

import asyncio
import logging

import asyncpg
import pytest
from aiogram.types import Update
from sqlalchemy import func, select

from bot.middlewares import DatabaseMiddleware
from bot.ui.callbacks import LanguageCb, LanguageSwitchCb, Locale
from handlers import errors
from models.db import backend_of
from models.processed_update import ProcessedUpdate, prune_processed
from models.user import get_or_create_user
from tests.support.databases import PG_ADMIN_DSN
from tests.support.flow import message_update, texts

RESIDENT = 5151


async def test_same_update_delivered_twice_is_processed_once(harness):
    update = message_update(RESIDENT, "/start")
    first = await harness.feed(update)
    second = await harness.feed(update)
    assert len(texts(first)) == 2 and second == []  # the notice and the menu, once


@pytest.mark.parametrize("fails", [False, True])
async def test_same_update_at_two_processes_at_once_is_handled_once(session_maker, fails):
    """Two processes' middlewares, each with its own per-person lock, get one update at the
    same moment: the database claim on its id lets one handler run. On PostgreSQL the claim
    is part of the handler's transaction, so the second waits for the first to finish; if the
    first fails, its claim goes with it and the second handles the update instead. On SQLite
    (one process) the claim is committed first and a failed update is not tried again."""
    claim_apart = backend_of(session_maker) == "sqlite"
    update = Update.model_validate(message_update(RESIDENT, "/help"))
    runs = []

    async def handler(event, data):
        runs.append(data["user"].telegram_id)
        await asyncio.sleep(0.2)  # still inside the transaction when the other arrives
        if fails and len(runs) == 1:
            raise RuntimeError("the first process fails")
        return "answered"

    def process():
        middleware = DatabaseMiddleware(session_maker, claim_apart=claim_apart)
        return middleware(handler, update, {"event_from_user": update.message.from_user})

    results = await asyncio.gather(process(), process(), return_exceptions=True)
    answered = [r for r in results if r == "answered"]
    if fails and not claim_apart:
        assert len(runs) == 2 and len(answered) == 1
    else:
        assert len(runs) == 1 and len(answered) == (0 if fails else 1)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_one_persons_updates_take_turns_across_processes(session_maker):
    """Two processes get two different updates from one person at the same moment: on
    PostgreSQL the second waits for the first's transaction (the person's turn is taken with
    the update claim), so a quick second tap meets the step the first one moved to. Someone
    else's update does not wait."""
    spans: dict[int, tuple[float, float]] = {}

    async def handler(event, data):
        started = asyncio.get_running_loop().time()
        await asyncio.sleep(0.3)
        spans[event.update_id] = (started, asyncio.get_running_loop().time())
        return "answered"

    def process(update_id: int, person: int):
        update = Update.model_validate(message_update(person, "/help"))
        update = update.model_copy(update={"update_id": update_id})
        middleware = DatabaseMiddleware(session_maker, claim_apart=False)
        return middleware(handler, update, {"event_from_user": update.message.from_user})

    async with session_maker.begin() as session:  # known already: no insert to wait on
        for person in (RESIDENT, RESIDENT + 1):
            await get_or_create_user(session, person)
    assert await asyncio.gather(process(9_001, RESIDENT), process(9_002, RESIDENT),
                                process(9_003, RESIDENT + 1)) == ["answered"] * 3
    (first, second) = sorted([spans[9_001], spans[9_002]])
    assert second[0] >= first[1]  # one after the other
    assert spans[9_003][0] < max(spans[9_001][1], spans[9_002][1])  # alongside


async def test_processed_ids_are_pruned_after_a_while(harness, session_maker):
    await harness.send(RESIDENT, "/help")
    async with session_maker.begin() as session:
        assert await prune_processed(session) == 0
    async with session_maker.begin() as session:
        from datetime import timedelta
        assert await prune_processed(session, keep=timedelta(seconds=-1)) >= 1
        assert await session.scalar(select(func.count()).select_from(ProcessedUpdate)) == 0


async def test_a_failing_handler_gets_a_kind_message_in_the_users_language(harness, caplog):
    await harness.send(RESIDENT, "/start")
    await harness.tap(RESIDENT, LanguageCb(locale=Locale.CY).pack())
    harness.telegram.fail_next(RuntimeError("kaboom"))
    update = message_update(RESIDENT, "/help")
    with caplog.at_level(logging.ERROR, logger=errors.__name__):
        sent = await harness.feed(update)
    assert texts(sent) == [
        "Mae'n ddrwg gennym, aeth rhywbeth o'i le ar ein hochr ni. "
        "Rhowch gynnig arall arni mewn munud."
    ]
    assert f"update {update['update_id']} failed" in caplog.text
    assert "kaboom" in caplog.text
    # ...and the next update is handled normally.
    assert texts(await harness.send(RESIDENT, "/cancel"))[0].startswith("Does dim byd")


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_the_bot_gets_over_the_database_dropping_every_connection(harness, caplog):
    """No pre-ping (models/db.py): when the server has dropped the pool's connections (a
    restart, a proxy's idle timeout), the next update finds out on its first statement and
    is tried again on a fresh connection; the person notices nothing."""
    await harness.send(RESIDENT, "/start")
    await harness.tap(RESIDENT, LanguageCb(locale=Locale.EN).pack())
    admin = await asyncpg.connect(PG_ADMIN_DSN.rsplit("/", 1)[0] + "/postgres", timeout=5)
    try:
        name = harness.settings.database_url.rsplit("/", 1)[1]
        dropped = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1",
            name)
    finally:
        await admin.close()
    assert dropped >= 1
    with caplog.at_level(logging.WARNING):
        sent = texts(await harness.send(RESIDENT, "/cancel"))
    assert sent[0].startswith("There's nothing to stop")
    assert "database connection lost" in caplog.text
    assert texts(await harness.send(RESIDENT, "/cancel"))[0].startswith("There's nothing to stop")


async def test_conversation_state_survives_a_restart(harness):
    await harness.send(RESIDENT, "/start ev_1")
    await harness.restart()
    sent = await harness.tap(RESIDENT, LanguageSwitchCb(locale=Locale.CY).pack())
    # The deep link kept across the restart is opened again in the language switched to.
    assert texts(sent)[2].startswith("Doedd y ddolen honno ddim")
    context = harness.dp.fsm.get_context(harness.bot, RESIDENT, RESIDENT)
    await context.set_state("Bid:amount")
    await context.update_data(amount="1500")
    await harness.restart()
    context = harness.dp.fsm.get_context(harness.bot, RESIDENT, RESIDENT)
    assert await context.get_state() == "Bid:amount"
    assert (await context.get_data())["amount"] == "1500"
