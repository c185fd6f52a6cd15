"""Outbox queries, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from models import outbox
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


async def enqueue(session_maker: async_sessionmaker, *messages: NewMessage) -> int:
    async with session_maker() as session:
        inserted = await outbox.enqueue(session, messages)
        await session.commit()
    return inserted


async def rows(session_maker: async_sessionmaker) -> dict[str, OutboxMessage]:
    async with session_maker() as session:
        found = await session.scalars(select(OutboxMessage))
        return {row.dedupe_key: row for row in found}


async def claim(session_maker: async_sessionmaker, worker_id: str = "w1", now: datetime = NOW):
    async with session_maker() as session:
        row = await outbox.claim_next(session, worker_id, now)
        await session.commit()
    return row


async def apply(session_maker: async_sessionmaker, operation, *args):
    async with session_maker() as session:
        result = await operation(session, *args)
        await session.commit()
    return result


async def test_enqueue_is_idempotent_by_dedupe_key(session_maker) -> None:
    assert await enqueue(session_maker, message("a"), message("b")) == 2
    assert await enqueue(session_maker, message("b"), message("c")) == 1
    assert await enqueue(session_maker, message("a"), message("b"), message("c")) == 0

    stored = await rows(session_maker)
    assert sorted(stored) == ["a", "b", "c"]
    assert stored["a"].status == Status.PENDING
    assert stored["a"].attempts == 0


async def test_enqueue_round_trips_payload_and_times(session_maker) -> None:
    payload = {
        "photo": "AgACAgQAAxkBAAIB",
        "caption": "Vote <b>now</b> — ddim ond wythnos",
        "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "Vote", "callback_data": "v:1"}]]},
    }
    await enqueue(session_maker,
                  message("p", kind=outbox.Kind.PHOTO, payload=payload, broadcast_id=7))

    row = (await rows(session_maker))["p"]
    assert (row.kind, row.payload, row.broadcast_id) == ("photo", payload, 7)
    assert row.due_at == NOW


async def test_enqueue_ten_thousand_rows_in_bulk(session_maker) -> None:
    batch = [message(f"bc:1:u:{n}", chat_id=n, broadcast_id=1) for n in range(10_000)]

    assert await enqueue(session_maker, *batch) == 10_000
    assert await apply(session_maker, outbox.pending_count, 1) == 10_000


async def test_claim_next_takes_oldest_due_row(session_maker) -> None:
    await enqueue(
        session_maker,
        message("later", due_at=NOW - timedelta(minutes=1)),
        message("first", due_at=NOW - timedelta(minutes=5)),
        message("future", due_at=NOW + timedelta(hours=24)),
    )

    first = await claim(session_maker, "worker-a")
    second = await claim(session_maker, "worker-a")

    assert [first.dedupe_key, second.dedupe_key] == ["first", "later"]
    assert (first.status, first.claimed_by, first.claimed_at) == ("sending", "worker-a", NOW)
    assert await claim(session_maker) is None
    assert (await claim(session_maker, now=NOW + timedelta(hours=24))).dedupe_key == "future"


async def test_claim_next_closes_rows_to_users_who_blocked_the_bot(session_maker) -> None:
    async with session_maker() as session:
        session.add_all([User(telegram_id=1, blocked_at=NOW), User(telegram_id=2)])
        await session.commit()
    await enqueue(
        session_maker,
        message("to-blocked", chat_id=1, due_at=NOW - timedelta(minutes=2)),
        message("to-active", chat_id=2, due_at=NOW - timedelta(minutes=1)),
        message("to-group", chat_id=-1001, due_at=NOW),
    )

    claimed = [(await claim(session_maker)).dedupe_key, (await claim(session_maker)).dedupe_key]

    assert claimed == ["to-active", "to-group"]
    assert await claim(session_maker) is None
    assert (await rows(session_maker))["to-blocked"].status == Status.BLOCKED


async def test_concurrent_claims_never_share_a_row(session_maker) -> None:
    await enqueue(session_maker, *(message(f"m{n}", chat_id=n) for n in range(60)))

    async def claim_all(worker_id: str) -> list[int]:
        claimed = []
        while row := await claim(session_maker, worker_id):
            claimed.append(row.id)
        return claimed

    results = await asyncio.gather(*(claim_all(f"w{n}") for n in range(4)))

    all_ids = [row_id for ids in results for row_id in ids]
    assert len(all_ids) == len(set(all_ids)) == 60


async def test_outcomes_are_recorded(session_maker) -> None:
    await enqueue(session_maker, *(message(key) for key in ("sent", "retry", "requeue", "failed")))
    claimed = {}
    while row := await claim(session_maker):
        claimed[row.dedupe_key] = row.id
    later = NOW + timedelta(seconds=30)

    await apply(session_maker, outbox.mark_sent, claimed["sent"], 4242)
    await apply(session_maker, outbox.mark_retry, claimed["retry"], "Bad Gateway", later)
    await apply(session_maker, outbox.requeue, claimed["requeue"], later)
    await apply(session_maker, outbox.mark_failed, claimed["failed"], "x" * 600)

    stored = await rows(session_maker)
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


async def test_recover_stale_marks_abandoned_sends_uncertain(session_maker) -> None:
    await enqueue(session_maker, message("old"), message("recent"), message("waiting"))
    await claim(session_maker, now=NOW)
    await claim(session_maker, now=NOW + timedelta(minutes=5))

    recovered = await apply(session_maker, outbox.recover_stale, NOW + timedelta(minutes=1))

    assert recovered == 1
    stored = await rows(session_maker)
    assert {key: row.status for key, row in stored.items()} == {
        "old": "uncertain",
        "recent": "sending",
        "waiting": "pending",
    }
    # Uncertain rows are never handed out again.
    assert (await claim(session_maker, now=NOW + timedelta(hours=1))).dedupe_key == "waiting"
    assert await claim(session_maker, now=NOW + timedelta(hours=1)) is None


async def test_broadcast_counts_and_cancellation(session_maker) -> None:
    await enqueue(
        session_maker,
        *(message(f"bc:3:u:{n}", chat_id=n, broadcast_id=3) for n in range(5)),
        message("bc:4:u:1", broadcast_id=4),
        message("reminder"),
    )
    first = await claim(session_maker)
    await apply(session_maker, outbox.mark_sent, first.id, 1)
    await claim(session_maker)

    assert await apply(session_maker, outbox.status_counts, 3) == {
        "sent": 1,
        "sending": 1,
        "pending": 3,
    }
    assert await apply(session_maker, outbox.cancel_pending, 3) == 3
    assert await apply(session_maker, outbox.status_counts, 3) == {
        "sent": 1,
        "sending": 1,
        "cancelled": 3,
    }
    assert await apply(session_maker, outbox.pending_count, 3) == 0
    assert await apply(session_maker, outbox.pending_count) == 2


async def test_functions_leave_the_transaction_to_the_caller(session_maker) -> None:
    async with session_maker() as session:
        await outbox.enqueue(session, [message("uncommitted")])
        await session.rollback()

    assert await rows(session_maker) == {}
