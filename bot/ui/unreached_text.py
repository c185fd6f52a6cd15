"""The "could not be reached" part of a broadcast report, and its "Try again for these" button."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardMarkup

from bot.ui.callbacks import BroadcastAction, BroadcastCb
from bot.ui.keyboards import single_button
from models.outbox import Status
from models.unreached import LISTED, Unreached

WHY = {Status.BLOCKED: "bc-why-blocked", Status.FAILED: "bc-why-failed",
       Status.UNCERTAIN: "bc-why-uncertain"}


def unreached_text(i18n: Any, found: list[Unreached]) -> str:
    if not found:
        return ""
    lines = [i18n.get("bc-unreached-title")]
    lines += [f"• {u.reference} — {i18n.get(WHY[u.why])}" for u in found[:LISTED]]
    if len(found) > LISTED:
        lines.append(i18n.get("bc-unreached-more", more=len(found) - LISTED))
    if any(u.why == Status.UNCERTAIN for u in found):
        lines.append(i18n.get("bc-unreached-retry-hint"))
    return "\n\n" + "\n".join(lines)


def retry_button(i18n: Any, broadcast_id: int, found: list[Unreached]) -> InlineKeyboardMarkup:
    uncertain = sum(1 for u in found if u.why == Status.UNCERTAIN)
    return single_button(i18n.get("bc-retry", people=uncertain),
                         BroadcastCb(action=BroadcastAction.RETRY, value=str(broadcast_id)))
