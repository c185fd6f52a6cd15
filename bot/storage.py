"""aiogram FSM storage on the application's own database (the default; Redis is the scale path).

Inside an update, state is written through that update's session (`update_session`), so the
conversation step and the data it saved (a draft answer, say) commit together or not at all,
and SQLite never sees two writers from one update.

Both storages read a conversation's data together with its state. aiogram's FSM middleware
reads the state of every update, and most handlers then read the data: one round trip instead
of two. The data read stands for the rest of that update (`_read_with_state`, a context
variable): aiogram runs each update in a task of its own, every update starts with a fresh
read of the state, and the person's turn keeps other processes from writing meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.conversation import load_state, save_state

update_session: ContextVar[AsyncSession | None] = ContextVar("update_session", default=None)
# (key, data as JSON text) read with the state in this update; decoded afresh for each caller,
# who may change what they get.
_read_with_state: ContextVar[tuple[StorageKey, str] | None] = ContextVar(
    "read_with_state", default=None)


def _keep(key: StorageKey, text: str) -> None:
    _read_with_state.set((key, text))


def _kept(key: StorageKey) -> dict[str, Any] | None:
    held = _read_with_state.get()
    return json.loads(held[1]) if held is not None and held[0] == key else None


def _written(key: StorageKey, data: Mapping[str, Any]) -> None:
    held = _read_with_state.get()
    if held is not None and held[0] == key:
        _keep(key, json.dumps(dict(data)))


class DatabaseStorage(BaseStorage):
    def __init__(self, session_maker: async_sessionmaker[AsyncSession]) -> None:
        self._session_maker = session_maker
        self._keys = DefaultKeyBuilder(with_destiny=True, with_bot_id=True)

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        current = update_session.get()
        if current is not None:
            yield current
            return
        async with self._session_maker.begin() as session:
            yield session

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        async with self._session() as session:
            await save_state(session, self._keys.build(key), key.user_id, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._session() as session:
            row = await load_state(session, self._keys.build(key))
        _keep(key, json.dumps((row.data or {}) if row else {}))
        return row.state if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        async with self._session() as session:
            await save_state(session, self._keys.build(key), key.user_id, data=dict(data))
        _written(key, data)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        kept = _kept(key)
        if kept is not None:
            return kept
        async with self._session() as session:
            row = await load_state(session, self._keys.build(key))
            return dict(row.data or {}) if row else {}

    async def close(self) -> None:
        """The engine belongs to the application, which disposes of it."""


class RedisStateStorage(RedisStorage):
    """aiogram's RedisStorage (same keys and values), reading the data with the state."""

    async def get_state(self, key: StorageKey) -> str | None:
        state, data = await self.redis.mget(self.key_builder.build(key, "state"),
                                            self.key_builder.build(key, "data"))
        _keep(key, data.decode() if isinstance(data, bytes) else data or "{}")
        return state.decode() if isinstance(state, bytes) else state

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        kept = _kept(key)
        return kept if kept is not None else await super().get_data(key)

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await super().set_data(key, data)
        _written(key, data)
