"""Outbox queries, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from models import outbox
from models.db import create_session_maker
from models.outbox import NewMessage, OutboxMessage, Status
from models.user import User

NOW = datetime(2030, 5, 1, 12, 0, tzinfo=UTC)


def message(key: str, chat_id: int = 100, **overrides) -> NewMessage:
    fields = {
        "dedupe_key": key,
        "chat_id": chat_id,
        "kind": outbox.Kind.TEXT,
        "payload": {"text": f"hello {key}"},
        "due_at": NOW,
    }
    return NewMessage(**(fields | overrides))


async def enqueue(engine: AsyncEngine, *messages: NewMessage) -> int:
    async with create_session_maker(engine)() as session:
        inserted = await outbox.enqueue(session, messages)
        await session.commit()
    return inserted


async def rows(engine: AsyncEngine) -> dict[str, OutboxMessage]:
    async with create_session_maker(engine)() as session:
        found = await session.scalars(select(OutboxMessage))
        return {row.dedupe_key: row for row in found}


async def claim(engine: AsyncEngine, worker_id: str = "w1", now: datetime = NOW):
    async with create_session_maker(engine)() as session:
        row = await outbox.claim_next(session, worker_id, now)
        await session.commit()
    return row


async def apply(engine: AsyncEngine, operation, *args):
    async with create_session_maker(engine)() as session:
        result = await operation(session, *args)
        await session.commit()
    return result


async def test_enqueue_is_idempotent_by_dedupe_key(engine: AsyncEngine) -> None:
    assert await enqueue(engine, message("a"), message("b")) == 2
    assert await enqueue(engine, message("b"), message("c")) == 1
    assert await enqueue(engine, message("a"), message("b"), message("c")) == 0

    stored = await rows(engine)
    assert sorted(stored) == ["a", "b", "c"]
    assert stored["a"].status == Status.PENDING
    assert stored["a"].attempts == 0


async def test_enqueue_round_trips_payload_and_times(engine: AsyncEngine) -> None:
    payload = {
        "photo": "AgACAgQAAxkBAAIB",
        "caption": "Vote <b>now</b> — ddim ond wythnos",
        "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "Vote", "callback_data": "v:1"}]]},
    }
    await enqueue(engine, message("p", kind=outbox.Kind.PHOTO, payload=payload, broadcast_id=7))

    row = (await rows(engine))["p"]
    assert (row.kind, row.payload, row.broadcast_id) == ("photo", payload, 7)
    assert row.due_at == NOW


async def test_enqueue_ten_thousand_rows_in_bulk(engine: AsyncEngine) -> None:
    batch = [message(f"bc:1:u:{n}", chat_id=n, broadcast_id=1) for n in range(10_000)]

    assert await enqueue(engine, *batch) == 10_000
    assert await apply(engine, outbox.pending_count, 1) == 10_000


async def test_claim_next_takes_oldest_due_row(engine: AsyncEngine) -> None:
    await enqueue(
        engine,
        message("later", due_at=NOW - timedelta(minutes=1)),
        message("first", due_at=NOW - timedelta(minutes=5)),
        message("future", due_at=NOW + timedelta(hours=24)),
    )

    first = await claim(engine, "worker-a")
    second = await claim(engine, "worker-a")

    assert [first.dedupe_key, second.dedupe_key] == ["first", "later"]
    assert (first.status, first.claimed_by, first.claimed_at) == ("sending", "worker-a", NOW)
    assert await claim(engine) is None
    assert (await claim(engine, now=NOW + timedelta(hours=24))).dedupe_key == "future"


async def test_claim_next_closes_rows_to_users_who_blocked_the_bot(
    engine: AsyncEngine,
) -> None:
    async with create_session_maker(engine)() as session:
        session.add_all([User(telegram_id=1, blocked_at=NOW), User(telegram_id=2)])
        await session.commit()
    await enqueue(
        engine,
        message("to-blocked", chat_id=1, due_at=NOW - timedelta(minutes=2)),
        message("to-active", chat_id=2, due_at=NOW - timedelta(minutes=1)),
        message("to-group", chat_id=-1001, due_at=NOW),
    )

    claimed = [(await claim(engine)).dedupe_key, (await claim(engine)).dedupe_key]

    assert claimed == ["to-active", "to-group"]
    assert await claim(engine) is None
    assert (await rows(engine))["to-blocked"].status == Status.BLOCKED


async def test_concurrent_claims_never_share_a_row(engine: AsyncEngine) -> None:
    await enqueue(engine, *(message(f"m{n}", chat_id=n) for n in range(60)))

    async def claim_all(worker_id: str) -> list[int]:
        claimed = []
        while row := await claim(engine, worker_id):
            claimed.append(row.id)
        return claimed

    results = await asyncio.gather(*(claim_all(f"w{n}") for n in range(4)))

    all_ids = [row_id for ids in results for row_id in ids]
    assert len(all_ids) == len(set(all_ids)) == 60


async def test_outcomes_are_recorded(engine: AsyncEngine) -> None:
    await enqueue(engine, *(message(key) for key in ("sent", "retry", "requeue", "failed")))
    claimed = {}
    while row := await claim(engine):
        claimed[row.dedupe_key] = row.id
    later = NOW + timedelta(seconds=30)

    await apply(engine, outbox.mark_sent, claimed["sent"], 4242)
    await apply(engine, outbox.mark_retry, claimed["retry"], "Bad Gateway", later)
    await apply(engine, outbox.requeue, claimed["requeue"], later)
    await apply(engine, outbox.mark_failed, claimed["failed"], "x" * 600)

    stored = await rows(engine)
    assert stored["sent"].status == Status.SENT
    assert stored["sent"].telegram_message_id == 4242
    assert stored["sent"].sent_at is not None
    retry = stored["retry"]
    assert (retry.status, retry.attempts, retry.due_at) == ("pending", 1, later)
    assert retry.last_error == "Bad Gateway"
    requeued = stored["requeue"]
    assert (requeued.status, requeued.attempts, requeued.due_at) == ("pending", 0, later)
    failed = stored["failed"]
    assert (failed.status, failed.attempts, len(failed.last_error)) == ("failed", 1, 500)


async def test_recover_stale_marks_abandoned_sends_uncertain(engine: AsyncEngine) -> None:
    await enqueue(engine, message("old"), message("recent"), message("waiting"))
    await claim(engine, now=NOW)
    await claim(engine, now=NOW + timedelta(minutes=5))

    recovered = await apply(engine, outbox.recover_stale, NOW + timedelta(minutes=1))

    assert recovered == 1
    stored = await rows(engine)
    assert {key: row.status for key, row in stored.items()} == {
        "old": "uncertain",
        "recent": "sending",
        "waiting": "pending",
    }
    # Uncertain rows are never handed out again.
    assert (await claim(engine, now=NOW + timedelta(hours=1))).dedupe_key == "waiting"
    assert await claim(engine, now=NOW + timedelta(hours=1)) is None


async def test_broadcast_counts_and_cancellation(engine: AsyncEngine) -> None:
    await enqueue(
        engine,
        *(message(f"bc:3:u:{n}", chat_id=n, broadcast_id=3) for n in range(5)),
        message("bc:4:u:1", broadcast_id=4),
        message("reminder"),
    )
    first = await claim(engine)
    await apply(engine, outbox.mark_sent, first.id, 1)
    await claim(engine)

    assert await apply(engine, outbox.status_counts, 3) == {
        "sent": 1,
        "sending": 1,
        "pending": 3,
    }
    assert await apply(engine, outbox.cancel_pending, 3) == 3
    assert await apply(engine, outbox.status_counts, 3) == {
        "sent": 1,
        "sending": 1,
        "cancelled": 3,
    }
    assert await apply(engine, outbox.pending_count, 3) == 0
    assert await apply(engine, outbox.pending_count) == 2


async def test_functions_leave_the_transaction_to_the_caller(engine: AsyncEngine) -> None:
    async with create_session_maker(engine)() as session:
        await outbox.enqueue(session, [message("uncommitted")])
        await session.rollback()

    assert await rows(engine) == {}
