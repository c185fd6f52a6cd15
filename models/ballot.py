"""Ballots: one per person per round, stored without the person's Telegram id.

A ballot row carries `voter_key`, an HMAC-SHA256 of the voter's Telegram id under
`Settings.ballot_secret`, never the id itself; UNIQUE(round_id, voter_key) makes "one ballot
per person per round" a database rule, not a hope. Nothing in the database links a ballot to
a person: only someone holding the secret *and* a Telegram id can find that person's ballot
(the bot, to let them change it). Exports number voters 1..n in voter_key order.

Its entries are (ballot_id, bid_id, value): the score (score), tokens (tokens) or 1 (a tick,
for approval, top-N and knapsack). The voter gets a receipt code ("7KQ-29X") to quote.

A voter's own bids (owner_telegram_id is the voter) are never offered (`cards_offered`) and
`cast_ballot` refuses them through `models.tally.validate_ballot`.

The round's own rules (`Round.score_all`, `Round.changes_allowed`) are parameters of
`cast_ballot`, with the defaults the DOMAIN gives for UK events: every bid must be scored, and
a vote may be changed until voting closes. Who may vote is models/eligibility.py's business.

`age_band` is an anonymous statistic kept only when the round asks for it (issue #8): the
band lives with the ballot, so it is never stored for someone who did not vote, and it is as
unlinkable to a person as the ballot itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Row,
    String,
    UniqueConstraint,
    bindparam,
    delete,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utcnow
from models.bid import Bid, BidStatus
from models.round import BallotKind, Round, RoundStatus
from models.tally import validate_ballot

# Letters and digits nobody reads wrongly aloud or on a phone: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
RECEIPT_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
# Bids voters see: those organisers found eligible (and, after results, funded or not).
VOTABLE = (BidStatus.ELIGIBLE, BidStatus.FUNDED, BidStatus.NOT_FUNDED)
# validate_ballot spells top-N with a hyphen; the rounds model with an underscore.
_TALLY_KIND = {BallotKind.TOP_N: "top-n"}
TICK = 1


class Ballot(Base):
    __tablename__ = "ballots"
    __table_args__ = (
        UniqueConstraint("round_id", "voter_key", name="uq_ballots_round_voter"),
        UniqueConstraint("round_id", "receipt", name="uq_ballots_round_receipt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    voter_key: Mapped[str] = mapped_column(String(64))
    receipt: Mapped[str] = mapped_column(String(7))
    # models.eligibility.AgeBand, only in rounds that ask for it.
    age_band: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class BallotEntry(Base):
    __tablename__ = "ballot_entries"
    __table_args__ = (UniqueConstraint("ballot_id", "bid_id", name="uq_ballot_entries_bid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id", ondelete="CASCADE"),
                                           index=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), index=True)
    value: Mapped[int] = mapped_column()


# ---------------------------------------------------------------------------------------------
# Pure rules


def voter_key(secret: bytes, telegram_id: int) -> str:
    """The keyed hash that stands for a voter in `ballots`; 64 hex characters."""
    return hmac.new(secret, str(telegram_id).encode(), hashlib.sha256).hexdigest()


def new_receipt() -> str:
    """'7KQ-29X': six characters from RECEIPT_ALPHABET, about 2.4e8 codes."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


def is_tick_kind(kind: str) -> bool:
    return kind in (BallotKind.APPROVAL, BallotKind.TOP_N, BallotKind.KNAPSACK)


def ballot_problems(round_: Round, bids: list[Bid], choices: Mapping[int, int], own: set[int],
                    *, require_all: bool = True) -> list[str]:
    """validate_ballot's codes for choices {bid id: value} (value ignored for tick kinds)."""
    kind = round_.ballot_kind
    amounts = {str(bid.id): bid.amount_pence or 0 for bid in bids}
    ticks = is_tick_kind(kind)
    keyed = [str(bid_id) for bid_id in choices] if ticks else {
        str(bid_id): value for bid_id, value in choices.items()}
    return validate_ballot(
        _TALLY_KIND.get(BallotKind(kind), kind), keyed, bids=amounts, pot=round_.pot_pence,
        n_max=round_.ballot_n, tokens=round_.ballot_tokens, require_all=require_all,
        own_bids={str(bid_id) for bid_id in own},
    )


# ---------------------------------------------------------------------------------------------
# Queries


async def votable_bids(session: AsyncSession, round_id: int) -> list[Bid]:
    return list(await session.scalars(
        select(Bid).where(Bid.round_id == round_id, Bid.status.in_(VOTABLE))
        .order_by(Bid.number, Bid.id)
    ))


# What the ballot shows of each votable bid, as plain rows: a voter's taps read them, so the
# statement is built once (only its parameter changes) and no ORM objects are made.
_VOTABLE_CARDS = (
    select(Bid.id, Bid.title, Bid.group_name, Bid.amount_pence, Bid.description,
           Bid.photo_file_id, Bid.owner_telegram_id)
    .where(Bid.round_id == bindparam("round_id"), Bid.status.in_(VOTABLE))
    .order_by(Bid.number, Bid.id)
)


async def votable_cards(session: AsyncSession, round_id: int) -> list[Row]:
    """Every votable bid of the round, in ballot order, as read-only rows of what a bid card
    and the review show: id, title, group_name, amount_pence, description, photo_file_id
    (and owner_telegram_id, for `cards_offered`)."""
    return list(await session.execute(_VOTABLE_CARDS, {"round_id": round_id}))


def cards_offered(cards: Iterable[Row], telegram_id: int) -> list[Row]:
    """The cards this voter is asked about: all but their own bids."""
    return [card for card in cards if card.owner_telegram_id != telegram_id]


async def find_ballot(session: AsyncSession, round_id: int, key: str) -> Ballot | None:
    return await session.scalar(
        select(Ballot).where(Ballot.round_id == round_id, Ballot.voter_key == key))


async def ballot_choices(session: AsyncSession, ballot_id: int) -> dict[int, int]:
    rows = await session.execute(
        select(BallotEntry.bid_id, BallotEntry.value).where(BallotEntry.ballot_id == ballot_id))
    return {bid_id: value for bid_id, value in rows}


@dataclass
class CastResult:
    receipt: str | None = None
    problems: list[str] = field(default_factory=list)
    replaced: bool = False

    @property
    def ok(self) -> bool:
        return self.receipt is not None


async def cast_ballot(session: AsyncSession, round_: Round, telegram_id: int,
                      choices: Mapping[int, int], *, secret: bytes,
                      changes_allowed: bool = True, require_all: bool = True,
                      age_band: str | None = None) -> CastResult:
    """Record (or replace) a voter's ballot; problems are validate_ballot codes or
    'voting-closed' / 'already-voted'. Nothing is written unless the ballot is valid.
    A replaced ballot keeps its age band unless a new one is given."""
    if round_.status != RoundStatus.VOTING:
        return CastResult(problems=["voting-closed"])
    bids = await votable_bids(session, round_.id)
    own = {bid.id for bid in bids if bid.owner_telegram_id == telegram_id}
    problems = ballot_problems(round_, bids, choices, own, require_all=require_all)
    if problems:
        return CastResult(problems=problems)
    key = voter_key(secret, telegram_id)
    ballot = await find_ballot(session, round_.id, key)
    replaced = ballot is not None
    if ballot is not None and not changes_allowed:
        return CastResult(problems=["already-voted"])
    if ballot is None:
        ballot = Ballot(round_id=round_.id, voter_key=key, receipt=new_receipt(),
                        age_band=age_band)
        try:
            async with session.begin_nested():
                session.add(ballot)
                await session.flush()
        except IntegrityError:  # the same voter, at the same moment, from another update
            return CastResult(problems=["already-voted"])
    else:
        await session.execute(delete(BallotEntry).where(BallotEntry.ballot_id == ballot.id))
        ballot.updated_at = utcnow()
        if age_band is not None:
            ballot.age_band = age_band
    tick = is_tick_kind(round_.ballot_kind)
    session.add_all(BallotEntry(ballot_id=ballot.id, bid_id=bid_id,
                                value=TICK if tick else value)
                    for bid_id, value in choices.items() if tick or value)
    await session.flush()
    return CastResult(receipt=ballot.receipt, replaced=replaced)


async def has_voted(session: AsyncSession, round_id: int, telegram_id: int, *,
                    secret: bytes) -> bool:
    return await find_ballot(session, round_id, voter_key(secret, telegram_id)) is not None


async def turnout(session: AsyncSession, round_id: int) -> int:
    """How many ballots: the only live figure organisers see while voting is open."""
    return await session.scalar(
        select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id)) or 0


async def round_ballots(session: AsyncSession, round_id: int) -> list[dict[int, int]]:
    """Every ballot's {bid id: value}, in voter_key order (anonymous, stable)."""
    rows = await session.execute(
        select(Ballot.id, BallotEntry.bid_id, BallotEntry.value)
        .join(BallotEntry, BallotEntry.ballot_id == Ballot.id, isouter=True)
        .where(Ballot.round_id == round_id).order_by(Ballot.voter_key, BallotEntry.bid_id)
    )
    ballots: dict[int, dict[int, int]] = {}
    for ballot_id, bid_id, value in rows:
        entries = ballots.setdefault(ballot_id, {})
        if bid_id is not None:
            entries[bid_id] = value
    return list(ballots.values())


async def rounds_in_voting(session: AsyncSession) -> list[Round]:
    return list(await session.scalars(
        select(Round).where(Round.status == RoundStatus.VOTING).order_by(Round.id)))
