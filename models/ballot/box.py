"""Ballots, and the electoral roll kept apart from them: who voted is not how they voted.

Two tables, joined by nothing stored:
- `voting_roll` (RollEntry) says who voted in a round: a keyed hash of the person, the receipt
  code they were given, and whether they asked to be forgotten. Turnout, reminders, the
  "people who voted" audience and "one ballot per person" (UNIQUE(round_id, roll_key)) read it.
- `ballots` and `ballot_entries` say how people voted: (ballot, bid, value) rows, with no
  receipt, no timestamp and, once voting closes, no key at all.

While voting is open a ballot carries `voter_key` = HMAC(round salt, HMAC(secret, Telegram
id)): the salt is random, one per round, in `ballot_boxes`; the secret (`BALLOT_SECRET`, or
one derived from `BOT_TOKEN`) is kept outside the database. So a person's ballot can be found,
to let them change it, only by someone holding both; UNIQUE(round_id, voter_key) keeps one
ballot per person as a database rule too. Sealing the box when voting closes, and /forget,
are models/ballot/seal.py.

Receipts ("7KQ-29X") live on the roll, not on the ballot: `check_receipt` says whether a vote
with that receipt is in the count, and nothing of what it said.

Entries are (ballot_id, bid_id, value): the score (score), tokens (tokens) or 1 (a tick, for
approval, top-N and knapsack). What a ballot may hold is models/ballot/rules.py; `record`
checks it all again when it writes. The round's own rules (`Round.score_all`,
`Round.changes_allowed`) apply unless a caller overrides them. Who may vote is
models/eligibility.py's business.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Row,
    String,
    UniqueConstraint,
    bindparam,
    delete,
    false,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.ballot.rules import TICK, Card, all_required, ballot_problems, is_tick_kind
from models.base import Base, UtcDateTime
from models.bid import Bid, BidStatus
from models.round import Round, RoundStatus

# Letters and digits nobody reads wrongly aloud or on a phone: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
RECEIPT_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
# Bids voters see: those organisers found eligible (and, after results, funded or not).
VOTABLE = (BidStatus.ELIGIBLE, BidStatus.FUNDED, BidStatus.NOT_FUNDED)


class Ballot(Base):
    """How someone voted. No receipt, no time; `voter_key` only while voting is open."""

    __tablename__ = "ballots"
    __table_args__ = (
        UniqueConstraint("round_id", "voter_key", name="uq_ballots_round_voter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    # HMAC(round salt, voter_key(secret, id)) while voting is open; random after /forget;
    # NULL once the round is sealed. Several NULLs never clash in a UNIQUE constraint.
    voter_key: Mapped[str | None] = mapped_column(String(64))
    # models.eligibility.AgeBand, only in rounds that ask for it, and only until the seal.
    age_band: Mapped[str | None] = mapped_column(String(8))


class BallotEntry(Base):
    __tablename__ = "ballot_entries"
    __table_args__ = (UniqueConstraint("ballot_id", "bid_id", name="uq_ballot_entries_bid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id", ondelete="CASCADE"),
                                           index=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), index=True)
    value: Mapped[int] = mapped_column()


class RollEntry(Base):
    """Who voted in a round (the electoral roll): never how."""

    __tablename__ = "voting_roll"
    __table_args__ = (
        UniqueConstraint("round_id", "roll_key", name="uq_voting_roll_round_voter"),
        UniqueConstraint("round_id", "receipt", name="uq_voting_roll_round_receipt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    # roll_key(voter_key(secret, id)): the same in every round, so reports can count people;
    # random once the person used /forget (after voting closes) or retention ran.
    roll_key: Mapped[str] = mapped_column(String(64))
    receipt: Mapped[str] = mapped_column(String(7))
    # The person used /forget: the key stays only while voting is open (no second vote).
    forgotten: Mapped[bool] = mapped_column(default=False, server_default=false())


class BallotBox(Base):
    """A round's box: its salt while voting is open; when sealed, and the age bands' counts."""

    __tablename__ = "ballot_boxes"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"),
                                          primary_key=True, autoincrement=False)
    salt: Mapped[str | None] = mapped_column(String(64))
    sealed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # {age band: ballots}, moved off the ballots at the seal (rounds that ask for bands).
    age_bands: Mapped[dict[str, Any] | None] = mapped_column(JSON)


# ---------------------------------------------------------------------------------------------
# Pure rules


def voter_key(secret: bytes, telegram_id: int) -> str:
    """A person's keyed hash under the ballot secret; 64 hex characters. Never stored: the
    roll and the ballots each store their own hash of it."""
    return hmac.new(secret, str(telegram_id).encode(), hashlib.sha256).hexdigest()


def roll_key(voter: str) -> str:
    """What the roll stores for a person (`voter` is `voter_key(secret, id)`)."""
    return hashlib.sha256(f"pbchat roll {voter}".encode()).hexdigest()


def ballot_key(salt: str, voter: str) -> str:
    """What an open round's ballot stores for a person: needs the round's salt and the secret."""
    return hmac.new(bytes.fromhex(salt), f"ballot {voter}".encode(), hashlib.sha256).hexdigest()


def random_key() -> str:
    """A key tied to nobody, looking like any other."""
    return secrets.token_hex(32)


def new_receipt() -> str:
    """'7KQ-29X': six characters from RECEIPT_ALPHABET, about 2.4e8 codes."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


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


@dataclass(frozen=True)
class FoundBallot:
    """A person's ballot in an open round, as the voting conversation needs it."""

    id: int
    receipt: str
    age_band: str | None


async def _salt(session: AsyncSession, round_id: int) -> str | None:
    return await session.scalar(select(BallotBox.salt).where(BallotBox.round_id == round_id))


async def _open_box(session: AsyncSession, round_id: int) -> str:
    """The round's salt, made on its first ballot (and again if voting is opened again after
    a seal). Two first voters at once: one insert wins, the other reads its salt."""
    salt = await _salt(session, round_id)
    if salt is not None:
        return salt
    try:
        async with session.begin_nested():
            await session.execute(insert(BallotBox).values(round_id=round_id,
                                                           salt=secrets.token_hex(32)))
    except IntegrityError:
        await session.execute(update(BallotBox).where(
            BallotBox.round_id == round_id, BallotBox.salt.is_(None))
            .values(salt=secrets.token_hex(32)).execution_options(synchronize_session=False))
    return await _salt(session, round_id)


async def _roll_entry(session: AsyncSession, round_id: int, voter: str) -> RollEntry | None:
    return await session.scalar(select(RollEntry).where(
        RollEntry.round_id == round_id, RollEntry.roll_key == roll_key(voter)))


async def keyed_ballot(session: AsyncSession, round_id: int, voter: str) -> Ballot | None:
    """The ballot stored under this person's key in an open box (not after /forget, nor
    after the seal)."""
    salt = await _salt(session, round_id)
    if salt is None:
        return None
    return await session.scalar(select(Ballot).where(
        Ballot.round_id == round_id, Ballot.voter_key == ballot_key(salt, voter)))


@dataclass(frozen=True)
class Place:
    """One person in one round, read once: their roll entry (they voted) and, while the link
    stands, their ballot. A ballot is written with its roll entry, so no entry, no ballot."""

    voter: str  # voter_key(secret, Telegram id)
    entry: RollEntry | None
    ballot: Ballot | None


async def look_up(session: AsyncSession, round_id: int, voter: str) -> Place:
    """Where this person (`voter_key(secret, id)`) stands in the round's roll and box."""
    entry = await _roll_entry(session, round_id, voter)
    ballot = None if entry is None else await keyed_ballot(session, round_id, voter)
    return Place(voter, entry, ballot)


async def find_ballot(session: AsyncSession, round_id: int, key: str) -> FoundBallot | None:
    """The ballot of the person whose `voter_key(secret, id)` is `key`, while voting is open
    and the link stands (not after /forget, nor after the seal)."""
    place = await look_up(session, round_id, key)
    if place.ballot is None:
        return None
    return FoundBallot(place.ballot.id, place.entry.receipt, place.ballot.age_band)


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
                      changes_allowed: bool | None = None, require_all: bool | None = None,
                      age_band: str | None = None) -> CastResult:
    """Record (or replace) a voter's ballot, reading the round's bids; see `record`. The chat
    goes through models.ballot.voter.Ballots.confirm, which uses the process's round copy."""
    place = await look_up(session, round_.id, voter_key(secret, telegram_id))
    return await record(session, round_, telegram_id, choices, place,
                        cards=await votable_cards(session, round_.id),
                        changes_allowed=changes_allowed, require_all=require_all,
                        age_band=age_band)


async def record(session: AsyncSession, round_: Round, telegram_id: int,
                 choices: Mapping[int, int], place: Place, *, cards: Sequence[Card],
                 changes_allowed: bool | None = None, require_all: bool | None = None,
                 age_band: str | None = None) -> CastResult:
    """Record (or replace) the ballot of the person at `place`; `cards` are the round's
    votable bids (id, amount_pence, owner_telegram_id). Problems are validate_ballot codes
    (a voter's own bid is 'own-bid') or 'voting-closed' / 'already-voted' /
    'forgotten-vote' / 'sealed-vote'. Nothing is written unless the ballot is valid. The
    round's rules apply (`Round.changes_allowed`, `rules.all_required`) unless given here. A
    replaced ballot keeps its age band unless a new one is given. Someone on the roll whose
    ballot can no longer be found has voted and cannot vote again: they used /forget
    ('forgotten-vote'), or voted before the box was sealed and voting was opened again
    ('sealed-vote')."""
    if round_.status != RoundStatus.VOTING:
        return CastResult(problems=["voting-closed"])
    own = {card.id for card in cards if card.owner_telegram_id == telegram_id}
    problems = ballot_problems(round_, cards, choices, own, require_all=(
        all_required(round_) if require_all is None else require_all))
    if problems:
        return CastResult(problems=problems)
    entry, ballot, voter = place.entry, place.ballot, place.voter
    replaced = entry is not None
    if entry is not None:
        if not (round_.changes_allowed if changes_allowed is None else changes_allowed):
            return CastResult(problems=["already-voted"])
        if ballot is None:  # cut loose (/forget, or the seal): it counts, and is theirs no more
            return CastResult(problems=["forgotten-vote" if entry.forgotten else "sealed-vote"])
        await session.execute(delete(BallotEntry).where(BallotEntry.ballot_id == ballot.id))
        if age_band is not None:
            ballot.age_band = age_band
    else:
        salt = await _open_box(session, round_.id)
        entry = RollEntry(round_id=round_.id, roll_key=roll_key(voter), receipt=new_receipt())
        ballot = Ballot(round_id=round_.id, voter_key=ballot_key(salt, voter),
                        age_band=age_band)
        try:
            async with session.begin_nested():
                session.add_all([entry, ballot])
                await session.flush()
        except IntegrityError:  # the same voter, at the same moment, from another update
            return CastResult(problems=["already-voted"])
    tick = is_tick_kind(round_.ballot_kind)
    session.add_all(BallotEntry(ballot_id=ballot.id, bid_id=bid_id,
                                value=TICK if tick else value)
                    for bid_id, value in choices.items() if tick or value)
    await session.flush()
    return CastResult(receipt=entry.receipt, replaced=replaced)


async def has_voted(session: AsyncSession, round_id: int, telegram_id: int, *,
                    secret: bytes) -> bool:
    """On the round's roll (also after /forget, while voting is open)."""
    return await _roll_entry(session, round_id, voter_key(secret, telegram_id)) is not None


async def turnout(session: AsyncSession, round_id: int) -> int:
    """How many people voted in the chat (the roll): the only live figure organisers see
    while voting is open. It always equals the number of ballots."""
    return await session.scalar(
        select(func.count()).select_from(RollEntry).where(RollEntry.round_id == round_id)) or 0


async def round_ballots(session: AsyncSession, round_id: int) -> list[dict[int, int]]:
    """Every ballot's {bid id: value}: in the order of their keys while voting is open (a
    keyed hash under the round's salt, which goes at the seal), then in the random order the
    seal wrote them in. Never in the order people voted."""
    rows = await session.execute(
        select(Ballot.id, BallotEntry.bid_id, BallotEntry.value)
        .join(BallotEntry, BallotEntry.ballot_id == Ballot.id, isouter=True)
        .where(Ballot.round_id == round_id)
        .order_by(Ballot.voter_key, Ballot.id, BallotEntry.bid_id)
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


# ---------------------------------------------------------------------------------------------
# Receipts


def normal_receipt(text: str) -> str | None:
    """'7kq 29x', '7KQ29X' -> '7KQ-29X'; None if it cannot be a receipt."""
    chars = "".join(char for char in text.upper() if char.isalnum())
    if len(chars) != 6 or any(char not in RECEIPT_ALPHABET for char in chars):
        return None
    return f"{chars[:3]}-{chars[3:]}"


async def check_receipt(session: AsyncSession, receipt: str) -> list[Round]:
    """The rounds whose roll holds this receipt (a vote with it is in their count); nothing
    about what the vote said, which is not linked to the receipt at all."""
    code = normal_receipt(receipt)
    if code is None:
        return []
    return list(await session.scalars(
        select(Round).join(RollEntry, RollEntry.round_id == Round.id)
        .where(RollEntry.receipt == code).order_by(Round.id)))


async def export_voter(session: AsyncSession, telegram_id: int, *,
                       secret: bytes) -> list[dict[str, Any]]:
    """For /mydata: the rounds the roll says this person voted in, with their receipts. How
    they voted is left out: it is not kept with them (after the seal nothing leads to it)."""
    rows = await session.execute(
        select(RollEntry.round_id, RollEntry.receipt)
        .where(RollEntry.roll_key == roll_key(voter_key(secret, telegram_id)))
        .order_by(RollEntry.round_id))
    return [{"round": round_id, "receipt": receipt} for round_id, receipt in rows]
