"""Plain filters (a bare `State`, an `F` expression) run on the event loop, not in a thread.

aiogram would run each through `asyncio.to_thread`; `run_filters_in_loop` (bot/filters.py)
turns them into coroutines once the routers are built."""

from __future__ import annotations

import asyncio

from aiogram import Router

from bot.callbacks import EventAction as A
from tests.event_fixtures import EN, ev, join, make_event, registration
from tests.flow import texts

ANN = 9201


def plain_filters(router: Router) -> list[object]:
    found = [event_filter.callback for observer in router.observers.values()
             for handler in [observer._handler, *observer.handlers]
             for event_filter in handler.filters or () if not event_filter.awaitable]
    return found + [f for child in router.sub_routers for f in plain_filters(child)]


async def test_every_filter_is_a_coroutine_once_the_dispatcher_is_built(harness):
    assert plain_filters(harness.dp) == []


async def test_a_conversation_of_state_and_text_filters_needs_no_thread(
        harness, session_maker, monkeypatch):
    def no_thread(*args, **kwargs):
        raise AssertionError("a filter was sent to a worker thread")

    monkeypatch.setattr(asyncio, "to_thread", no_thread)
    event_id = await make_event(session_maker, ask_first_name=True)
    await join(harness, ANN, EN)
    await harness.tap(ANN, ev(A.REGISTER, event_id))
    sent = await harness.send(ANN, "Ann")  # matched by a State and an F filter
    assert texts(sent)
    assert (await registration(session_maker, event_id, ANN)).first_name == "Ann"
