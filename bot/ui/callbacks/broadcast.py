"""Callback data of /broadcast."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class BroadcastAction(StrEnum):
    AUDIENCE = "a"
    SKIP_WELSH = "sk"
    NOW = "now"
    LATER = "lat"
    SEND = "go"
    DISCARD = "x"
    STOP = "stop"
    RETRY = "again"  # send the uncertain ones again (models/unreached.py)


class BroadcastCb(CallbackData, prefix="bc"):
    action: BroadcastAction
    value: str = ""
