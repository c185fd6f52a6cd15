"""Sealing a round's ballot box when voting closes, and cutting one person loose (/forget).

When voting closes (`seal_round`, called wherever a round leaves voting: models/voting.py)
every ballot is written again in a random order with fresh ids, no key and no age band (the
bands become counts on the box), the old rows are deleted (SQLite overwrites them:
`secure_delete`) and the salt is thrown away. After that nothing in the database ties a
ballot to a person, whatever secret one holds.

`forget_voter` (/forget) cuts a person's ballot loose at once: it is written again under a
random key, so it still counts and nobody can find it from the person. While voting is open
their roll entry keeps its keyed hash, so coming back does not give a second vote; the hash
goes when the round is sealed. docs/privacy.md says what each stage leaves, and to whom.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime

from sqlalchemy import delete, insert, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.ballot.box import (
    Ballot,
    BallotBox,
    BallotEntry,
    RollEntry,
    keyed_ballot,
    random_key,
    roll_key,
    voter_key,
)
from models.base import utcnow
from models.round import Round, RoundStatus


async def _overwrite_deleted_rows(session: AsyncSession) -> None:
    """On SQLite, rows deleted on this connection are overwritten with zeros, not left
    readable in free pages (PostgreSQL: see docs/privacy.md on VACUUM)."""
    if (await session.connection()).dialect.name == "sqlite":
        await session.execute(text("PRAGMA secure_delete = ON"))


async def _contents(session: AsyncSession, ballot_ids: list[int]) -> dict[int, dict[int, int]]:
    contents: dict[int, dict[int, int]] = {ballot_id: {} for ballot_id in ballot_ids}
    for start in range(0, len(ballot_ids), 500):  # keep each statement's parameters few
        rows = await session.execute(
            select(BallotEntry.ballot_id, BallotEntry.bid_id, BallotEntry.value)
            .where(BallotEntry.ballot_id.in_(ballot_ids[start:start + 500])))
        for ballot_id, bid_id, value in rows:
            contents[ballot_id][bid_id] = value
    return contents


async def _write_again(session: AsyncSession, round_id: int,
                       ballots: list[tuple[str | None, str | None, dict[int, int]]],
                       old_ids: list[int]) -> None:
    """Insert (key, age band, entries) ballots in the order given, with fresh ids (inserted
    before the old rows go, so SQLite cannot hand an old id out again), then delete the old."""
    if ballots:  # in bulk: a round's seal writes every ballot of the round
        new_ids = list(await session.scalars(
            insert(Ballot).returning(Ballot.id, sort_by_parameter_order=True),
            [{"round_id": round_id, "voter_key": key, "age_band": band}
             for key, band, _ in ballots]))
        entries = [{"ballot_id": new_id, "bid_id": bid_id, "value": value}
                   for new_id, (_, _, chosen) in zip(new_ids, ballots, strict=True)
                   for bid_id, value in sorted(chosen.items())]
        if entries:
            await session.execute(insert(BallotEntry), entries)
    for start in range(0, len(old_ids), 500):
        chunk = old_ids[start:start + 500]
        await session.execute(delete(BallotEntry).where(BallotEntry.ballot_id.in_(chunk)))
        await session.execute(delete(Ballot).where(Ballot.id.in_(chunk))
                              .execution_options(synchronize_session=False))
    gone = set(old_ids)  # rows the session may still hold: forget them, they are deleted
    for old in [obj for obj in session.identity_map.values()
                if isinstance(obj, Ballot) and obj.id in gone]:
        session.expunge(old)


async def seal_round(session: AsyncSession, round_id: int, *, rng: random.Random | None = None,
                     now: datetime | None = None) -> int:
    """Cut every ballot of the round loose from the people who cast it; how many ballots.

    Each is written again, in a random order, with a fresh id, no key and no age band (the
    bands are added up on the box); the old rows are deleted; the salt goes; the roll entries
    of people who used /forget lose their keys. Safe to repeat: a sealed box is left alone.
    `rng` is for tests; the seal uses the system's cryptographic source.

    Taking the salt is the claim: one UPDATE, so of two processes sealing at once (or a seal
    and a /forget) the second waits for the first and then finds nothing left to do."""
    claimed = (await session.execute(
        update(BallotBox).where(BallotBox.round_id == round_id, BallotBox.salt.is_not(None))
        .values(salt=None).execution_options(synchronize_session=False))).rowcount
    if not claimed and not await _still_linked(session, round_id):
        return 0
    await _overwrite_deleted_rows(session)
    old = list(await session.execute(select(Ballot.id, Ballot.age_band)
                                     .where(Ballot.round_id == round_id)))
    contents = await _contents(session, [ballot_id for ballot_id, _ in old])
    ballots = [(None, None, contents[ballot_id]) for ballot_id, _ in old]
    (rng or random.SystemRandom()).shuffle(ballots)
    await _write_again(session, round_id, ballots, [ballot_id for ballot_id, _ in old])
    for entry in await session.scalars(select(RollEntry).where(
            RollEntry.round_id == round_id, RollEntry.forgotten.is_(True))):
        entry.roll_key = random_key()
    box = await session.get(BallotBox, round_id)
    if box is None:
        box = BallotBox(round_id=round_id)
        session.add(box)
    bands = Counter(box.age_bands or {})
    bands.update(band for _, band in old if band)
    box.salt, box.sealed_at, box.age_bands = None, now or utcnow(), dict(sorted(bands.items()))
    await session.flush()
    return len(ballots)


def _linked(round_id):
    """A ballot of the round that still carries a key or an age band."""
    return select(Ballot.id).where(
        Ballot.round_id == round_id,
        or_(Ballot.voter_key.is_not(None), Ballot.age_band.is_not(None))).exists()


async def _still_linked(session: AsyncSession, round_id: int) -> bool:
    return bool(await session.scalar(select(_linked(round_id))))


async def seal_closed_rounds(session: AsyncSession, *, now: datetime | None = None) -> list[int]:
    """Seal every round whose box is still open though voting is not (closed by any path,
    or open when this code was installed), or that got a keyed ballot after its seal (a vote
    confirmed at the very moment voting closed); the rounds sealed."""
    open_box = select(BallotBox.round_id).where(BallotBox.round_id == Round.id,
                                                BallotBox.salt.is_not(None)).exists()
    round_ids = list(await session.scalars(
        select(Round.id).where(Round.status != RoundStatus.VOTING.value,
                               or_(open_box, _linked(Round.id)))
        .order_by(Round.id)))
    for round_id in round_ids:
        await seal_round(session, round_id, now=now)
    return round_ids


async def forget_voter(session: AsyncSession, telegram_id: int, *, secret: bytes) -> int:
    """/forget: the person's ballots stay counted but nothing leads to them any more; how
    many rounds' roll entries were theirs.

    A ballot still found by its key (voting open) is written again under a random key, with
    a fresh id. The roll entry is marked forgotten; while voting is open it keeps its key, so
    coming back does not give a second vote (the seal takes the key away), otherwise the key
    goes now."""
    voter = voter_key(secret, telegram_id)
    entries = list(await session.scalars(
        select(RollEntry).where(RollEntry.roll_key == roll_key(voter))))
    for entry in entries:
        # Hold the box (an UPDATE that changes nothing) so a seal cannot run in between.
        held = (await session.execute(
            update(BallotBox).where(BallotBox.round_id == entry.round_id,
                                    BallotBox.salt.is_not(None))
            .values(salt=BallotBox.salt).execution_options(synchronize_session=False))).rowcount
        ballot = await keyed_ballot(session, entry.round_id, voter) if held else None
        if ballot is not None:
            await _overwrite_deleted_rows(session)
            contents = await _contents(session, [ballot.id])
            await _write_again(session, entry.round_id,
                               [(random_key(), ballot.age_band, contents[ballot.id])],
                               [ballot.id])
        entry.forgotten = True
        status = await session.scalar(select(Round.status).where(Round.id == entry.round_id))
        if status != RoundStatus.VOTING:
            entry.roll_key = random_key()
    await session.flush()
    return len(entries)


async def forget_roll(session: AsyncSession, round_id: int) -> int:
    """Retention: no roll entry of the round stands for a person any more (receipts stay)."""
    await seal_round(session, round_id)
    entries = list(await session.scalars(select(RollEntry).where(
        RollEntry.round_id == round_id, RollEntry.forgotten.is_(False))))
    for entry in entries:
        entry.roll_key, entry.forgotten = random_key(), True
    await session.flush()
    return len(entries)
