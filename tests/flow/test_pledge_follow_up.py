"""The follow-up "How did it go?" is an outbox row due one period after the pledge: the
delivery worker sends it once, on time, across a restart of the bot and of the worker; the
answer buttons and the few words after them are recorded, in English and in Welsh.

The bot's clock is moved over the six weeks (the `clock` fixture), never waited for."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from aiogram.methods import SendMessage

from bot.jobs.delivery import DeliveryWorker, RateLimiter
from bot.ui.callbacks.pledges import PledgeAction, PledgeCb
from models.outbox import Status
from models.pledge import Outcome, Stage, follow_up_key
from tests.support.event_fixtures import EN, outbox
from tests.support.festival import ANN, CERI, pledge_of, start_festival
from tests.support.flow import alerts, texts

PERIOD_DAYS = 42  # "6 weeks" from the pledge to the follow-up
MINUTE = 1 / (24 * 60)  # in days
ASKED = {ANN: "How did it go?", CERI: "Sut aeth hi?"}


@asynccontextmanager
async def delivering(harness, name: str):
    """A delivery worker, as the bot process runs one, for the length of the block."""
    worker = DeliveryWorker(harness.bot, harness.session_maker, RateLimiter(100, burst=10),
                            worker_id=name, poll_interval=0.05)
    task = asyncio.create_task(worker.run())
    try:
        yield worker
    finally:
        await worker.stop()
        await task


def follow_ups_to(harness, chat_id: int) -> list[SendMessage]:
    return [r for r in harness.telegram.requests if isinstance(r, SendMessage)
            and r.chat_id == chat_id and ASKED[chat_id] in r.text]


async def wait_until(predicate, seconds: float) -> None:
    async with asyncio.timeout(seconds):
        while not await predicate():  # noqa: ASYNC110 (the database is polled)
            await asyncio.sleep(0.05)


async def test_follow_up_fires_once_across_restarts(harness, session_maker, clock):
    await start_festival(harness, session_maker, EN, "6 weeks")
    async with delivering(harness, "first"):  # the questions go out
        await wait_until(lambda: _sent(session_maker, "fol:"), 10)
    for person, pledge in ((ANN, "Start a litter pick"), (CERI, "Gwirfoddoli")):
        await harness.send(person, "Listening")
        await harness.send(person, pledge)
    ann, ceri = await pledge_of(session_maker, ANN), await pledge_of(session_maker, CERI)
    # The follow-up's buttons do nothing before it has been sent.
    early = PledgeCb(action=PledgeAction.OUTCOME, pledge=ann.id, value=Outcome.DONE).pack()
    assert alerts(await harness.tap(ANN, early))
    assert (await pledge_of(session_maker, ANN)).stage == Stage.WAITING

    # A minute before the time, a worker sends nothing; then the bot restarts.
    clock(PERIOD_DAYS - MINUTE)
    async with delivering(harness, "before"):
        await asyncio.sleep(1)
    assert not follow_ups_to(harness, ANN) and not follow_ups_to(harness, CERI)
    await harness.restart()

    clock(PERIOD_DAYS + MINUTE)
    async with delivering(harness, "after-restart"):
        await wait_until(lambda: _sent(session_maker, follow_up_key(ann.id),
                                       follow_up_key(ceri.id)), 15)
    # Another restart and another worker: nothing is sent again.
    await harness.restart()
    async with delivering(harness, "again"):
        await asyncio.sleep(1.5)
    [to_ann], [to_ceri] = follow_ups_to(harness, ANN), follow_ups_to(harness, CERI)
    assert "Start a litter pick" in to_ann.text and "Gwirfoddoli" in to_ceri.text
    assert [b.text for b in to_ceri.reply_markup.inline_keyboard[0]] == [
        "Wedi'i wneud ✅", "Yn rhannol 🌓", "Ddim eto ⏳"]

    # The answers: a button, then a few words (or Skip).
    done = to_ann.reply_markup.inline_keyboard[0][0].callback_data
    sent = await harness.tap(ANN, done)
    assert "Anything you'd like to add?" in texts(sent)[0]
    assert alerts(await harness.tap(ANN, done))  # once only
    sent = await harness.send(ANN, "Twelve of us came")
    assert texts(sent)[0].startswith("Thank you.")
    partly = to_ceri.reply_markup.inline_keyboard[0][1].callback_data
    sent = await harness.tap(CERI, partly)
    assert "Oes unrhyw beth" in texts(sent)[0]
    skip = sent[-1].reply_markup.inline_keyboard[0][0].callback_data
    sent = await harness.tap(CERI, skip)
    assert texts(sent)[0].startswith("Diolch.")
    ann, ceri = await pledge_of(session_maker, ANN), await pledge_of(session_maker, CERI)
    assert (ann.outcome, ann.outcome_note, ann.stage) == ("done", "Twelve of us came", "done")
    assert (ceri.outcome, ceri.outcome_note, ceri.stage) == ("partly", None, "done")


async def _sent(session_maker, *prefixes: str) -> bool:
    for prefix in prefixes:
        rows = await outbox(session_maker, prefix)
        if not rows or any(row.status != Status.SENT for row in rows):
            return False
    return True
