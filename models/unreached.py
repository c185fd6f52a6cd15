"""Who a broadcast could not reach, and why, in words an organiser can act on; and trying
again, once, for the people it is not sure about.

People are named by a short reference ("P-7K2Q"), never by their Telegram id: the bot keeps
no residents' names, and the same person gets the same reference in every report (a keyed
hash: it cannot be turned back into the id without the key).

"Uncertain" rows are messages the bot was sending when it stopped: they may or may not have
arrived, and the Bot API cannot say which (models/outbox.py `recover_stale`). Sending them again
risks a duplicate; an organiser may choose that, once per broadcast.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.base import utcnow
from models.broadcast import Broadcast, BroadcastStatus
from models.outbox import OutboxMessage, Status

# How many people a report lists by reference; the rest are counted.
LISTED = 20
UNREACHED = (Status.BLOCKED, Status.FAILED, Status.UNCERTAIN)


def short_reference(secret: bytes, telegram_id: int) -> str:
    digest = hmac.new(secret, b"person-ref:" + str(telegram_id).encode(), hashlib.sha256)
    return "P-" + base64.b32encode(digest.digest()[:5]).decode()[:4]


@dataclass(frozen=True)
class Unreached:
    reference: str
    why: Status  # blocked, failed or uncertain


async def unreached(session: AsyncSession, broadcast_id: int, secret: bytes) -> list[Unreached]:
    rows = (await session.execute(
        select(OutboxMessage.chat_id, OutboxMessage.status)
        .where(OutboxMessage.broadcast_id == broadcast_id,
               OutboxMessage.status.in_([s.value for s in UNREACHED]))
        .order_by(OutboxMessage.status, OutboxMessage.id))).all()
    return [Unreached(short_reference(secret, chat_id), Status(status)) for chat_id, status in rows]


def can_retry(broadcast: Broadcast, found: list[Unreached]) -> bool:
    return broadcast.retried_at is None and any(u.why == Status.UNCERTAIN for u in found)


async def retry_uncertain(session: AsyncSession, broadcast: Broadcast) -> int:
    """Send the uncertain messages again, once per broadcast; how many (0: not allowed now).
    The broadcast goes back to sending, so its progress is followed and reported again."""
    claimed = await session.execute(
        update(Broadcast).where(Broadcast.id == broadcast.id, Broadcast.retried_at.is_(None),
                                Broadcast.status == BroadcastStatus.DONE)
        .values(retried_at=utcnow(), status=BroadcastStatus.SENDING.value)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        return 0
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.broadcast_id == broadcast.id,
               OutboxMessage.status == Status.UNCERTAIN.value)
        .values(status=Status.PENDING.value, due_at=utcnow(), claimed_by=None, claimed_at=None)
        .execution_options(synchronize_session=False))
    return result.rowcount
