"""Plain filters (a bare `State`, an `F` expression) run on the event loop, not in a thread.

aiogram would run each through `asyncio.to_thread`; `run_filters_in_loop` (bot/filters.py)
turns them into coroutines once the routers are built."""

from __future__ import annotations

import asyncio

from aiogram import Router
from aiogram.filters.callback_data import CallbackQueryFilter

from bot.filters import ButtonPrefixes
from bot.ui.callbacks import EventAction as A
from bot.ui.callbacks import Locale, MenuCb, MenuItem
from bot.ui.callbacks.vote import VoteAction
from handlers import vote
from tests.support.ballot_screen import find, start
from tests.support.event_fixtures import EN, ev, join, make_event, registration
from tests.support.factories import join as vote_join
from tests.support.factories import voting_round
from tests.support.flow import texts

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


# --- routers passed over by a button's prefix (gate_buttons_by_prefix) ----------------------


def gates(router: Router) -> dict[str, frozenset[str]]:
    found = {}
    for own in router.callback_query._handler.filters or ():
        if isinstance(own.callback, ButtonPrefixes):
            found[router.name] = own.callback.prefixes
    for child in router.sub_routers:
        found.update(gates(child))
    return found


async def test_routers_of_one_kind_of_button_are_gated_once(harness):
    found = gates(harness.dp)
    assert found["handlers.vote"] == {"vt", "m"}  # VoteCb, and the menu's Vote
    assert found["handlers.events"] >= {"ev"}
    assert "handlers.fallback" not in found  # takes any button: never passed over
    await harness.restart()  # a new dispatcher on the same module-level routers
    assert gates(harness.dp) == found
    assert sum(isinstance(f.callback, ButtonPrefixes)
               for f in vote.router.callback_query._handler.filters) == 1


async def test_a_vote_tap_is_not_unpacked_by_other_routers(harness, session_maker,
                                                           monkeypatch):
    round_id, (a, _b, _c, _draft) = await voting_round(session_maker)
    await vote_join(harness, ANN, Locale.EN)
    screen = await start(harness, ANN, round_id)
    tried = []
    unpack = CallbackQueryFilter.__call__

    async def counted(self, query):
        tried.append(self.callback_data.__prefix__)
        return await unpack(self, query)

    monkeypatch.setattr(CallbackQueryFilter, "__call__", counted)
    sent = await harness.tap(ANN, find(screen, VoteAction.SET, value=4))
    assert texts(sent)[0].startswith("Bid 2 of 3")
    # Only the menu's and the vote router's own handlers, up to the score's.
    assert set(tried) <= {"m", "vt"} and len(tried) <= 5, tried
    # Any other button still finds its handler.
    assert texts(await harness.tap(ANN, MenuCb(item=MenuItem.EVENTS).pack()))
