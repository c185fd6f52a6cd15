"""A button press's answer is the update's result (bot/callback_reply.py): in webhook mode it
goes back in the reply to Telegram's POST, and a late answer never fails the update."""

from __future__ import annotations

import asyncio
import logging

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import AnswerCallbackQuery, SendMessage
from aiogram.types import Update

from bot.callback_reply import CallbackReplyMiddleware
from bot.dispatcher import create_bot
from bot.ui.callbacks import Locale, MenuCb, MenuItem
from bot.ui.callbacks.vote import VoteAction
from tests.conftest import make_settings
from tests.support.ballot_screen import find, start
from tests.support.databases import SQLITE_ONLY
from tests.support.factories import join, voting_round
from tests.support.fake_telegram import RecordingSession
from tests.support.flow import callback_update, texts

RESIDENT = 730_001
# The mechanism is the same on both backends; the flow tests run on SQLite only.


def answer(text: str) -> AnswerCallbackQuery:
    return AnswerCallbackQuery(callback_query_id="q1", text=text)


async def through_middleware(handler):
    """Run `handler` as an update's handler; return (result, what was sent meanwhile)."""
    session = RecordingSession()
    bot = create_bot(make_settings("sqlite+aiosqlite://"), session=session)
    sent_during: list = []

    async def wrapped(event, data):
        try:
            return await handler(bot)
        finally:
            sent_during.extend(session.requests)

    result = await CallbackReplyMiddleware()(wrapped, Update(update_id=1), {"bot": bot})
    return result, sent_during, session.requests


@SQLITE_ONLY
async def test_the_answer_is_the_updates_result_not_a_request(harness):
    update = callback_update(RESIDENT, MenuCb(item=MenuItem.VOTE).pack())
    result = await harness.dp.feed_update(harness.bot, Update.model_validate(update))
    assert isinstance(result, AnswerCallbackQuery)
    assert texts(harness.telegram.requests)[-1].startswith("No vote is open at the moment")
    assert not any(isinstance(r, AnswerCallbackQuery) for r in harness.telegram.requests)


async def test_only_the_first_answer_is_held():
    async def handler(bot):
        assert await bot(answer("first")) is True
        await bot(answer("second"))  # Telegram would refuse it; it is sent as it is
        await bot(SendMessage(chat_id=RESIDENT, text="next card"))

    result, sent_during, _ = await through_middleware(handler)
    assert result.text == "first"
    assert [type(r) for r in sent_during] == [AnswerCallbackQuery, SendMessage]
    assert sent_during[0].text == "second"


async def test_the_held_answer_is_sent_when_the_handler_fails():
    session = RecordingSession()
    bot = create_bot(make_settings("sqlite+aiosqlite://"), session=session)

    async def handler(event, data):
        await bot(answer("held"))
        raise RuntimeError("the handler fails")

    with pytest.raises(RuntimeError):
        await CallbackReplyMiddleware()(handler, Update(update_id=1), {"bot": bot})
    assert [r.text for r in session.requests] == ["held"]


async def test_a_handler_with_its_own_reply_keeps_it_and_ours_is_sent():
    own = SendMessage(chat_id=RESIDENT, text="mine")

    async def handler(bot):
        await bot(answer("held"))
        return own

    result, _, requests = await through_middleware(handler)
    assert result is own
    assert [r.text for r in requests] == ["held"]


async def test_a_task_left_running_sends_its_answer_itself():
    finished = asyncio.Event()
    tasks = []

    async def later(bot):
        await finished.wait()
        await bot(answer("from a task"))

    async def handler(bot):
        tasks.append(asyncio.create_task(later(bot)))

    result, _, requests = await through_middleware(handler)
    finished.set()
    await tasks[0]
    assert result is None
    assert [r.text for r in requests] == ["from a task"]


@SQLITE_ONLY
async def test_a_late_answer_does_not_lose_the_score(harness, session_maker, caplog):
    """The bot was slow and Telegram refuses the answer: the score is kept all the same."""
    round_id, (first, *_rest) = await voting_round(session_maker)
    await join(harness, RESIDENT, Locale.EN)
    await harness.tap(RESIDENT, MenuCb(item=MenuItem.VOTE).pack())
    screen = await start(harness, RESIDENT, round_id)
    first = screen.card_bid()
    record = harness.telegram.make_request

    async def too_late(bot, method, **options):
        if isinstance(method, AnswerCallbackQuery):
            raise TelegramBadRequest(method=method, message="Bad Request: query is too old")
        return await record(bot, method, **options)

    harness.telegram.make_request = too_late
    with caplog.at_level(logging.INFO):
        sent = await harness.tap(RESIDENT, find(screen, VoteAction.SET, value=4))
    assert texts(sent)[0].startswith("Bid 2 of")
    data = await harness.dp.fsm.get_context(harness.bot, RESIDENT, RESIDENT).get_data()
    assert data["vote_choices"] == {str(first): 4}
    assert "query is too old" in caplog.text and "Traceback" not in caplog.text


@SQLITE_ONLY
async def test_a_button_that_fails_after_its_answer_still_gets_the_kind_message(
        harness, session_maker, caplog):
    """The held answer goes out when the handler fails; the error handler's own answer is
    then refused (one per press) and the person is told all the same."""
    round_id, (first, *_rest) = await voting_round(session_maker)
    await join(harness, RESIDENT, Locale.EN)
    await harness.tap(RESIDENT, MenuCb(item=MenuItem.VOTE).pack())
    screen = await start(harness, RESIDENT, round_id)
    harness.telegram.fail_next(RuntimeError("the next card could not be sent"))
    with caplog.at_level(logging.ERROR):
        sent = await harness.tap(RESIDENT, find(screen, VoteAction.SET, value=4))
    assert [type(r) for r in sent] == [AnswerCallbackQuery, SendMessage]
    assert texts(sent) == ["Sorry, something went wrong on our side. Please try again in a "
                           "moment."]
    assert "the next card could not be sent" in caplog.text
