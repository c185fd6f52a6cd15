"""Each process's copy of the rounds being voted in, exact for every update that reads it.

A score tap needs the round (is voting open, what kind of ballot) and its bid cards; reading
them was two of the tap's six database round trips and a third of the bot's CPU under load,
for data that changes a few times a day. So each process keeps a copy, and the database
says when it is out of date: every change to `rounds`, `round_areas` or `bids` adds one to
`rounds_version.version` in the same transaction (triggers, migration 0013; on PostgreSQL
deferred to the commit, so the counter's row lock is taken last and held only while
committing). An update reads the counter once its person's turn has come: on PostgreSQL
in its claim's own statement (models/processed_update.py; through a VOLATILE function,
whose query sees what committed while the claim waited for the turn), so at no extra round
trip; on SQLite with a small query in the update's transaction. A copy is used only for
updates whose version it is at least as new as: an update never sees a round older than
what had committed when its turn came.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, Row, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.ballot import cards_offered, votable_cards
from models.base import Base
from models.round import Round, get_round


class RoundsVersion(Base):
    """One row (id 1): how many times rounds, their areas or bids have changed."""

    __tablename__ = "rounds_version"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


# The counter (None where its row is missing: then nothing is kept). The PostgreSQL function
# (migration 0013) reads it with a snapshot of its own, taken when it is called.
_CURRENT_VERSION = select(RoundsVersion.version).where(RoundsVersion.id == 1)
VERSION_AFTER_TURN = func.pbchat_rounds_version()


@dataclass(frozen=True)
class VotingCopy:
    """A round with its areas, detached from any session: read it, never change it."""

    round: Round
    cards: tuple[Row, ...]  # every votable bid, in ballot order (models.ballot.votable_cards)

    def offered_to(self, telegram_id: int) -> list[Row]:
        return cards_offered(self.cards, telegram_id)


class RoundCache:
    """Copies of rounds, all made at `version` or later; a newer version empties it."""

    def __init__(self) -> None:
        self._version = -1
        self._copies: dict[int, VotingCopy] = {}

    async def voting(self, session: AsyncSession, round_id: int,
                     version: int | None) -> VotingCopy | None:
        """The round as this update (claimed at `version`) may see it; None if there is none."""
        if version is None:  # the counter is missing: read afresh, keep nothing
            return await _copy(session, round_id)
        if version > self._version:
            self._version, self._copies = version, {}
        if round_id in self._copies:
            return self._copies[round_id]
        started_at = self._version
        copy = await _copy(session, round_id)
        # Another update may have moved the cache on while this one read: what was read is
        # then possibly older than the cache's version, so it is handed out but not kept.
        # No round, nothing kept: forged round ids must not fill the process's memory.
        if self._version == started_at and copy is not None:
            self._copies[round_id] = copy
        return copy


@dataclass
class VotingRounds:
    """The cache as one update sees it: its session, and the version its claim read (or
    None: read it here, in the update's transaction, on first use)."""

    cache: RoundCache
    session: AsyncSession
    version: int | None = None
    _read: bool = False

    async def get(self, round_id: int) -> VotingCopy | None:
        if self.version is None and not self._read:
            self.version, self._read = await self.session.scalar(_CURRENT_VERSION), True
        return await self.cache.voting(self.session, round_id, self.version)


async def _copy(session: AsyncSession, round_id: int) -> VotingCopy | None:
    round_ = await get_round(session, round_id)
    if round_ is None:
        return None
    cards = tuple(await votable_cards(session, round_id))
    for area in round_.areas:
        session.expunge(area)
    session.expunge(round_)
    return VotingCopy(round_, cards)
