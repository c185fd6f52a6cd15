"""The outbox: every message the bot sends on its own initiative, one row per recipient.

The notifier (bot/jobs/notifier.py) renders each message in the recipient's language and
`enqueue`s it (broadcasts are planned by models/broadcast.py); the delivery worker
(`bot.jobs.delivery`) claims due rows one at a time, sends them and records the outcome. The
row is the single source of truth for "was this delivered?", which is what makes delivery
exactly-once across restarts.

Life of a row::

    pending --claim_next--> sending --> sent | blocked | failed | uncertain
       ^                       |
       +------ retry/requeue --+
    pending --cancel_pending--> cancelled
    pending --claim_next (recipient has blocked the bot)--> blocked

The functions below only build and execute statements; callers own the transaction and
commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Index,
    Integer,
    String,
    Update,
    bindparam,
    case,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, aliased, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.upsert import dialect_insert
from models.user import User

ERROR_LENGTH = 500


class Status(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"
    UNCERTAIN = "uncertain"
    CANCELLED = "cancelled"


class Kind(StrEnum):
    TEXT = "text"
    PHOTO = "photo"
    DOCUMENT = "document"


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        # Serves claim_next ("first pending row with due_at <= now, oldest first") as a
        # plain index range scan, and every other lookup by status.
        Index("ix_outbox_status_due_at_id", "status", "due_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(160), unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # Will reference the broadcasts table once it exists.
    broadcast_id: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    # Keyword arguments of the Bot API method for `kind` (text, parse_mode, photo, caption,
    # reply_markup as a dict, ...), without chat_id.
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default=Status.PENDING.value)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Failed tries so far; flood-control waits (429) do not count.
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(ERROR_LENGTH))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)


@dataclass(frozen=True)
class NewMessage:
    """One rendered message for one recipient, as handed to `enqueue`."""

    dedupe_key: str
    chat_id: int
    kind: Kind | str
    payload: dict[str, Any]
    due_at: datetime
    broadcast_id: int | None = None


def html_payload(text: str, markup: dict[str, Any] | None = None) -> dict[str, Any]:
    """A text message in Telegram's HTML mode as the delivery worker sends it; the keyboard
    (a reply_markup as JSON) only when there is one. Used by the notifier and by broadcasts
    only (tests/flow/test_one_notifier.py)."""
    payload: dict[str, Any] = {"text": text, "parse_mode": "HTML"}
    if markup:
        payload["reply_markup"] = markup
    return payload


async def enqueue(session: AsyncSession, messages: Iterable[NewMessage]) -> int:
    """Add messages whose dedupe_key is new; return how many rows were inserted.

    Planning the same thing twice is harmless: ON CONFLICT DO NOTHING skips known keys
    atomically, even when two planners race. One statement with a list of parameters
    lets SQLAlchemy batch the rows into multi-row INSERTs ("insertmanyvalues"), and
    RETURNING yields only the rows actually inserted, which makes the count exact on
    every driver (executemany row counts are not).
    """
    values = [_row_values(message) for message in messages]
    if not values:
        return 0
    table = OutboxMessage.__table__
    statement = (
        dialect_insert(session)(table)
        .on_conflict_do_nothing(index_elements=[table.c.dedupe_key])
        .returning(table.c.id)
    )
    result = await session.execute(statement, values)
    return len(result.all())


def _row_values(message: NewMessage) -> dict[str, Any]:
    return {
        "dedupe_key": message.dedupe_key,
        "chat_id": message.chat_id,
        "broadcast_id": message.broadcast_id,
        "kind": str(message.kind),
        "payload": message.payload,
        "status": Status.PENDING.value,
        "due_at": message.due_at,
        "attempts": 0,
    }


async def claim_next(session: AsyncSession, worker_id: str, now: datetime) -> OutboxMessage | None:
    """Move the oldest due pending row to `sending` for this worker and return it.

    One UPDATE ... WHERE id = (SELECT ...) RETURNING statement, so the claim is atomic:
    on PostgreSQL the sub-select locks its row with FOR UPDATE SKIP LOCKED (concurrent
    workers pass over each other's candidates instead of queueing on them); SQLite
    ignores that clause but runs one writer at a time, and the repeated
    `status = 'pending'` test makes a lost race a no-op rather than a double claim.

    Rows for a recipient who has blocked the bot (users.blocked_at set; a private chat's
    id is the user's telegram_id) are closed as `blocked` by the same statement instead
    of being handed out, and the next row is tried. Deciding at claim time, rather than
    in a bulk sweep, also covers users who block the bot halfway through a broadcast.
    """
    params = {"worker_id": worker_id, "now": now}
    while True:
        row = await session.scalar(_CLAIM, params)
        if row is None or row.status == Status.SENDING:
            return row


def _claim_statement() -> Update:
    now = bindparam("now", type_=UtcDateTime())
    candidate = aliased(OutboxMessage)
    next_due = (
        select(candidate.id)
        .where(candidate.status == Status.PENDING.value, candidate.due_at <= now)
        .order_by(candidate.due_at, candidate.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    recipient_blocked = exists().where(
        User.telegram_id == OutboxMessage.chat_id, User.blocked_at.is_not(None)
    )
    return (
        update(OutboxMessage)
        .where(OutboxMessage.id == next_due, OutboxMessage.status == Status.PENDING.value)
        .values(
            status=case((recipient_blocked, Status.BLOCKED.value), else_=Status.SENDING.value),
            claimed_by=bindparam("worker_id", type_=String()),
            claimed_at=now,
        )
        .returning(OutboxMessage)
        .execution_options(populate_existing=True)
    )


# Built once: the delivery worker claims every row with it, and constructing the
# statement costs more than running it on SQLite.
_CLAIM = _claim_statement()


async def mark_sent(session: AsyncSession, row_id: int, telegram_message_id: int) -> None:
    await _set(
        session,
        row_id,
        status=Status.SENT.value,
        sent_at=utcnow(),
        telegram_message_id=telegram_message_id,
    )


async def mark_retry(session: AsyncSession, row_id: int, error: str, due_at: datetime) -> None:
    """A try failed in a way that may pass (5xx, network): count it and try again later."""
    await _set(
        session,
        row_id,
        status=Status.PENDING.value,
        due_at=due_at,
        attempts=OutboxMessage.attempts + 1,
        last_error=_clip(error),
    )


async def requeue(session: AsyncSession, row_id: int, due_at: datetime) -> None:
    """Put a claimed row back without counting a failure (flood control, shutdown)."""
    await _set(session, row_id, status=Status.PENDING.value, due_at=due_at)


async def mark_blocked(session: AsyncSession, row_id: int) -> None:
    await _set(session, row_id, status=Status.BLOCKED.value)


async def mark_failed(session: AsyncSession, row_id: int, reason: str) -> None:
    await _set(
        session,
        row_id,
        status=Status.FAILED.value,
        attempts=OutboxMessage.attempts + 1,
        last_error=_clip(reason),
    )


async def mark_uncertain(session: AsyncSession, row_id: int, reason: str) -> None:
    """The request may or may not have reached Telegram; see `recover_stale`."""
    await _set(session, row_id, status=Status.UNCERTAIN.value, last_error=_clip(reason))


async def _set(session: AsyncSession, row_id: int, **values: Any) -> None:
    # Deliberately not guarded by status: the worker that sent the row knows its outcome
    # best, even if recover_stale has meanwhile (wrongly) given up on it as `uncertain`.
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def _clip(text: str) -> str:
    return text if len(text) <= ERROR_LENGTH else text[: ERROR_LENGTH - 1] + "…"


async def recover_stale(session: AsyncSession, older_than: datetime) -> int:
    """Mark rows claimed before `older_than` and still `sending` as `uncertain`.

    Such rows belong to a worker that died between claiming and recording. The request
    may well have reached Telegram before the crash, and the Bot API has no idempotency
    key, so sending again could deliver the message twice. Exactly-once is impossible
    here; we choose at-most-once and leave the rows for an organiser to see in the
    status counts instead of resending them. At most `concurrency` rows per worker can
    end up here, because a worker never claims more than it has in flight.
    """
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == Status.SENDING.value, OutboxMessage.claimed_at < older_than)
        .values(status=Status.UNCERTAIN.value, last_error="worker stopped while sending")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


async def status_counts(session: AsyncSession, broadcast_id: int) -> dict[str, int]:
    """Rows of one broadcast per status; statuses with no rows are absent."""
    result = await session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.broadcast_id == broadcast_id)
        .group_by(OutboxMessage.status)
    )
    return {status: count for status, count in result}


async def cancel_pending(session: AsyncSession, broadcast_id: int) -> int:
    """Withdraw a broadcast's unsent rows; rows already being sent are left to finish."""
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.broadcast_id == broadcast_id,
            OutboxMessage.status == Status.PENDING.value,
        )
        .values(status=Status.CANCELLED.value)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


async def pending_count(session: AsyncSession, broadcast_id: int | None = None) -> int:
    """Rows waiting to be sent (due or not), for one broadcast or for the whole outbox."""
    statement = select(func.count()).where(OutboxMessage.status == Status.PENDING.value)
    if broadcast_id is not None:
        statement = statement.where(OutboxMessage.broadcast_id == broadcast_id)
    return await session.scalar(statement) or 0
