"""Callback data of a round's update schedule (handlers/project_schedule.py), organisers only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks.ids import RowId


class ScheduleAction(StrEnum):
    CHANGE = "c"  # ask for new days
    STANDARD = "s"  # go back to the setting's days


class ScheduleCb(CallbackData, prefix="psc"):
    action: ScheduleAction
    round: RowId = 0
