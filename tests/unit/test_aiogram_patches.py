"""What bot/aiogram_patches.py relies on in aiogram, checked one thing at a time.

The adversary is an aiogram upgrade: each test names one private attribute or one habit of
aiogram's that a patch leans on, and fails if aiogram changes it (or no longer needs the
patch), before any conversation quietly runs slower or in the wrong order.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.dispatcher.event.handler import FilterObject
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.aiogram_patches import (
    all_filters,
    detach_router,
    router_filters,
    run_first_at_shutdown,
    take_out_fsm_middleware,
)
from bot.filters import ButtonPrefixes, gate_buttons_by_prefix, run_filters_in_loop

TOKEN = "42:AAH-aiogram-patches-0000000000000000000"
ANN = User(id=7, is_bot=False, first_name="Ann")


class PlumCb(CallbackData, prefix="plum"):
    n: int


def message(text: str) -> Message:
    return Message(message_id=1, date=datetime.now(UTC), text=text, from_user=ANN,
                   chat=Chat(id=ANN.id, type="private"))


def tap(data: str) -> Update:
    query = CallbackQuery(id="q1", from_user=ANN, chat_instance="c", data=data,
                          message=message("card"))
    return Update(update_id=1, callback_query=query)


def test_a_routers_own_filters_are_where_the_patches_look() -> None:
    # router_filters reads aiogram's private `TelegramEventObserver._handler`.
    router = Router()

    async def check(event: Message) -> bool:
        return True

    router.message.filter(check)
    assert [f.callback for f in router_filters(router.message)] == [check]

    @router.message(F.text == "hi")
    async def hello(event: Message) -> None: ...

    assert [f.callback for f in all_filters(router.message)][0] is check
    assert len(list(all_filters(router.message))) == 2


async def test_aiogram_still_runs_a_plain_filter_in_a_thread_and_the_patch_stops_it(
        monkeypatch) -> None:
    sent_to_thread = []
    real_to_thread = asyncio.to_thread

    async def to_thread(function, *args, **kwargs):
        sent_to_thread.append(function)
        return await real_to_thread(function, *args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", to_thread)
    plain = FilterObject(F.text == "hi")
    assert plain.awaitable is False  # if aiogram ran these in the loop, the patch could go
    assert await plain.call(message("hi")) is True
    assert len(sent_to_thread) == 1

    router = Router()

    @router.message(F.text == "hi")
    async def hello(event: Message) -> None: ...

    assert run_filters_in_loop(router) == 1
    handler = router.message.handlers[0]
    assert await handler.check(message("hi")) == (True, {})
    assert (await handler.check(message("bye")))[0] is False
    assert len(sent_to_thread) == 1  # no more hops


async def test_a_gated_router_is_passed_over_without_unpacking_other_buttons(
        monkeypatch) -> None:
    # The gate relies on CallbackQueryFilter.callback_data and the class's __prefix__ and
    # __separator__, and on a router's own filters running before any of its handlers.
    dp = Dispatcher()
    plums = Router(name="plums")
    pressed = []

    @plums.callback_query(PlumCb.filter())
    async def plum(query: CallbackQuery, callback_data: PlumCb) -> None:
        pressed.append(callback_data.n)

    detach_router(plums)
    dp.include_router(plums)
    assert gate_buttons_by_prefix(dp) == 1
    assert gate_buttons_by_prefix(dp) == 0  # never twice
    gate = router_filters(plums.callback_query)[0].callback
    assert isinstance(gate, ButtonPrefixes) and gate.prefixes == {"plum"}

    unpacked = []
    unpack = CallbackQueryFilter.__call__

    async def counted(self, query):
        unpacked.append(query.data)
        return await unpack(self, query)

    monkeypatch.setattr(CallbackQueryFilter, "__call__", counted)
    bot = Bot(TOKEN)
    try:
        assert await dp.feed_update(bot, tap("pear:1")) is UNHANDLED
        assert unpacked == []  # passed over on the prefix alone
        await dp.feed_update(bot, tap(PlumCb(n=3).pack()))
        assert pressed == [3] and unpacked == ["plum:3"]
    finally:
        await bot.session.close()


def test_aiogram_refuses_a_second_parent_and_detach_router_unties_it() -> None:
    # detach_router clears aiogram's private `Router._parent_router`.
    router = Router(name="kept")
    first, second = Dispatcher(), Dispatcher()
    first.include_router(router)
    with pytest.raises(RuntimeError, match="already attached"):
        second.include_router(router)
    second.include_router(detach_router(router))
    assert router.parent_router is second
    assert router not in first.sub_routers and router in second.sub_routers


def test_ours_run_before_aiogram_fsm_middleware() -> None:
    dp = Dispatcher()
    aiogram_own = list(dp.update.outer_middleware)
    assert aiogram_own[-1] is dp.fsm  # aiogram registers it, last of its own, when made

    async def first(handler, event, data): ...

    take_out_fsm_middleware(dp)
    dp.update.outer_middleware(first)
    dp.update.outer_middleware(dp.fsm)
    assert list(dp.update.outer_middleware) == [*aiogram_own[:-1], first, dp.fsm]


async def test_ours_runs_before_aiogram_closes_the_fsm_storage(monkeypatch) -> None:
    dp = Dispatcher()
    order = []

    async def close() -> None:
        order.append("storage closed")

    monkeypatch.setattr(dp.fsm.storage, "close", close)

    async def wait_idle() -> None:
        order.append("idle")

    run_first_at_shutdown(dp, wait_idle)
    await dp.emit_shutdown()
    assert order == ["idle", "storage closed"]
