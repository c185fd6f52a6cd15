"""Telling organisers about new and changed bids: at once for one, one digest for a rush.

Each organiser gets at most one such message per `DIGEST_GAP`. The first bid after a quiet
spell is due at once; bids arriving within ten minutes of the last message go into one pending
outbox row due ten minutes after it, whose text is re-rendered with every new bid while it is
still pending. The row's dedupe key carries the moment its list starts (`since`), so nothing is
lost between two digests; at worst a bid that changes the moment a digest is claimed for sending
is listed in that digest and the next one.

A digest is true when it arrives: it lists only bids still waiting for review (sent or changed,
not yet decided) in rounds still taking bids. It is re-rendered when a bid comes in or changes,
when an organiser decides one and when a round closes for bids (`refresh_digests`); with
nothing left to list it is cancelled, not sent. It is due no later than a minute before the
earliest bid deadline among the bids it lists, so it never arrives after bidding has closed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.base import utcnow
from models.bid import Bid, BidStatus
from models.outbox import Kind, NewMessage, OutboxMessage, Status, enqueue
from models.round import Round, RoundStatus

DIGEST_GAP = timedelta(minutes=10)
CLAIM_MARGIN = timedelta(seconds=2)
# (organiser's Telegram id, bids changed since `since`, since) -> the outbox payload, in the
# organiser's language: bot/jobs/bid_notices.py renders; this module decides what and when.
Compose = Callable[[AsyncSession, int, list[Bid], datetime], Awaitable[dict[str, Any]]]


def digest_key(organiser_id: int, since: datetime) -> str:
    return f"bidsnew:{organiser_id}:{int(since.timestamp())}"


def since_of(dedupe_key: str) -> datetime:
    return datetime.fromtimestamp(int(dedupe_key.rsplit(":", 1)[1]), UTC)


# A digest due within this of a bid deadline goes out this long before it instead.
BEFORE_DEADLINE = timedelta(minutes=1)


async def changed_since(session: AsyncSession, since: datetime,
                        now: datetime | None = None) -> list[Bid]:
    """Bids sent or changed since `since` that still wait for review, in rounds still taking
    bids at `now`."""
    now = now or utcnow()
    return list(await session.scalars(
        select(Bid).join(Round, Round.id == Bid.round_id)
        .where(Bid.status == BidStatus.SUBMITTED, Bid.updated_at >= since,
               Round.status == RoundStatus.OPEN, Round.bid_deadline > now)
        .order_by(Bid.updated_at, Bid.id)
    ))


async def _due(session: AsyncSession, planned: datetime, bids: list[Bid],
               now: datetime) -> datetime:
    """`planned`, or earlier if bidding closes first in a round the digest lists."""
    deadline = await session.scalar(select(func.min(Round.bid_deadline)).where(
        Round.id.in_({bid.round_id for bid in bids})))
    if deadline is not None:
        planned = min(planned, deadline - BEFORE_DEADLINE)
    return max(now, planned)


async def refresh_digests(session: AsyncSession, compose: Compose) -> None:
    """Re-render every digest not yet sent, after bids stopped waiting (a decision, a round
    closed): each lists what still waits, or is cancelled if nothing does."""
    await session.flush()
    rows = list(await session.scalars(
        select(OutboxMessage).where(OutboxMessage.dedupe_key.like("bidsnew:%"),
                                    OutboxMessage.status == Status.PENDING.value)
        .with_for_update().execution_options(populate_existing=True)))
    for row in rows:
        await _rerender(session, row, compose)


async def notify_organisers(session: AsyncSession, organiser_ids: Iterable[int],
                            compose: Compose) -> None:
    """Add the latest bid changes to each organiser's pending digest, or start a new one."""
    await session.flush()
    for organiser_id in sorted(organiser_ids):
        # A few tries, because the sender may claim the pending digest, or another update may
        # start the same new digest, between two of these statements.
        for _ in range(3):
            if await _add_to_digest(session, organiser_id, compose):
                break


async def _add_to_digest(session: AsyncSession, organiser_id: int, compose: Compose) -> bool:
    # Locked (PostgreSQL), so two bids arriving together are rendered one after the other and
    # the second sees the first; SQLite already runs one writer at a time.
    latest = await session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.dedupe_key.like(f"bidsnew:{organiser_id}:%"))
        .order_by(OutboxMessage.id.desc()).limit(1)
        .with_for_update().execution_options(populate_existing=True)
    )
    if latest is not None and latest.status == Status.PENDING:
        return await _rerender(session, latest, compose)
    now = utcnow()
    if latest is None:
        since, due = _first_since(now), now
    elif latest.status == Status.CANCELLED:
        # Nothing was sent: the next digest keeps its place in time. Everything it would have
        # listed had stopped waiting when it was cancelled, so a second later is a fresh key.
        since, due = since_of(latest.dedupe_key) + timedelta(seconds=1), max(now, latest.due_at)
    else:
        since, due = _covered_until(latest), max(now, latest.due_at + DIGEST_GAP)
    bids = await changed_since(session, since, now)
    if not bids:
        return True
    return await enqueue(session, [NewMessage(
        dedupe_key=digest_key(organiser_id, since), chat_id=organiser_id, kind=Kind.TEXT,
        payload=await compose(session, organiser_id, bids, since),
        due_at=await _due(session, due, bids, now),
    )]) == 1


def _first_since(now: datetime) -> datetime:
    """Where an organiser's very first digest starts: the same moment for every update in the
    same ten minutes, so two bids arriving together land in one digest, not two."""
    gap = int(DIGEST_GAP.total_seconds())
    window = int(now.timestamp()) // gap * gap
    return datetime.fromtimestamp(window, UTC) - DIGEST_GAP


def _covered_until(row: OutboxMessage) -> datetime:
    """Bids changed before this moment are in a digest that has left.

    Re-rendering stops when the sender claims the row, so that is where its list ends; the
    margin covers a bid whose transaction was still open at the claim (listed twice rather
    than never).
    """
    claimed = row.claimed_at or row.due_at
    return max(row.due_at, claimed - CLAIM_MARGIN)


async def _rerender(session: AsyncSession, row: OutboxMessage, compose: Compose) -> bool:
    """Rewrite a digest not yet claimed by the sender, or cancel it if nothing is left to list;
    false if it has gone already."""
    since, now = since_of(row.dedupe_key), utcnow()
    bids = await changed_since(session, since, now)
    values = ({"payload": await compose(session, row.chat_id, bids, since),
               "due_at": await _due(session, row.due_at, bids, now)} if bids
              else {"status": Status.CANCELLED.value})
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row.id, OutboxMessage.status == Status.PENDING.value)
        .values(**values).execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
