"""One-time voting codes: printed cards that give one ballot to whoever uses them first.

Organisers print a stack of cards for a round (bot/ui/voting_cards.py); each card's QR opens the
bot on `start=v_<code>`. The first Telegram account to use a code claims it in one
`UPDATE ... WHERE claimant_key IS NULL`, so two people scanning the same card at the same
moment cannot both get it; UNIQUE(code_hash) and UNIQUE(round_id, claimant_key) back that up.

Nothing stored leads from a card to a ballot or to a person:
- the code is kept only as an HMAC under the ballot secret (`code_hash`): the database cannot
  reprint a card, and a leaked table gives no usable codes;
- the claimant is an HMAC of the round and the Telegram id under the same secret, a different
  value from the ballot's `voter_key`, so the two tables cannot be joined without the secret;
- /forget takes the claimant away (`forget_claims`). One vote per person does not rest on the
  card: the roll (models/ballot/box.py) keeps that, also for someone who used /forget while voting
  is open, and a card is never taken by someone already on the round's roll.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from models.ballot import has_voted, random_key
from models.base import Base, UtcDateTime, utcnow
from models.round import Round, RoundStatus

# Read aloud or typed from a card without mistakes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 10  # 25**10 ≈ 9.5e13: guessing one is hopeless at any rate Telegram allows
MAX_CODES = 500  # per request: 63 A4 pages of cards
_SEPARATORS = re.compile(r"[\s-]+")


class VotingCode(Base):
    __tablename__ = "voting_codes"
    __table_args__ = (
        UniqueConstraint("code_hash", name="uq_voting_codes_code_hash"),
        UniqueConstraint("round_id", "claimant_key", name="uq_voting_codes_round_claimant"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    claimant_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Claim(StrEnum):
    CLAIMED = "claimed"  # the code is now this person's
    ALREADY_YOURS = "yours"  # they used it before
    USED = "used"  # someone else got there first
    HAS_ONE = "has_one"  # they already hold another code for this round
    VOTED = "voted"  # they are on the round's roll already: the card stays free for another
    UNKNOWN = "unknown"  # no such code (mistyped or forged)


@dataclass(frozen=True)
class ClaimResult:
    outcome: Claim
    round_id: int | None = None


# ---------------------------------------------------------------------------------------------
# Pure rules


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise(text: str) -> str:
    """What a person typed or a link carried, as stored: capitals, no spaces or dashes."""
    return _SEPARATORS.sub("", text).upper()


def spaced(code: str) -> str:
    """'7KQ9X-4MRTA' on the card: easier to read out and type."""
    return f"{code[:5]}-{code[5:]}"


def code_hash(secret: bytes, code: str) -> str:
    return hmac.new(secret, b"code:" + normalise(code).encode(), hashlib.sha256).hexdigest()


def claimant_key(secret: bytes, round_id: int, telegram_id: int) -> str:
    return hmac.new(secret, f"claim:{round_id}:{telegram_id}".encode(),
                    hashlib.sha256).hexdigest()


# ---------------------------------------------------------------------------------------------
# Queries


async def generate_codes(session: AsyncSession, round_id: int, count: int, *,
                         secret: bytes) -> list[str]:
    """`count` fresh codes for the round; only their hashes are kept. Returned once, to print."""
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_code())
    session.add_all(VotingCode(round_id=round_id, code_hash=code_hash(secret, code))
                    for code in codes)
    await session.flush()
    return sorted(codes)


async def claim_code(session: AsyncSession, code: str, telegram_id: int, *,
                     secret: bytes) -> ClaimResult:
    found = await session.scalar(
        select(VotingCode).where(VotingCode.code_hash == code_hash(secret, code)))
    if found is None:
        return ClaimResult(Claim.UNKNOWN)
    mine = claimant_key(secret, found.round_id, telegram_id)
    if found.claimant_key is not None:
        return ClaimResult(Claim.ALREADY_YOURS if found.claimant_key == mine else Claim.USED,
                           found.round_id)
    if await has_voted(session, found.round_id, telegram_id, secret=secret):
        return ClaimResult(Claim.VOTED, found.round_id)
    try:
        async with session.begin_nested():
            claimed = await session.execute(
                update(VotingCode)
                .where(VotingCode.id == found.id, VotingCode.claimant_key.is_(None))
                .values(claimant_key=mine, claimed_at=utcnow())
                .execution_options(synchronize_session=False))
    except IntegrityError:  # uq_voting_codes_round_claimant: they hold another card already
        return ClaimResult(Claim.HAS_ONE, found.round_id)
    if claimed.rowcount == 1:
        return ClaimResult(Claim.CLAIMED, found.round_id)
    holder = await session.scalar(select(VotingCode.claimant_key)
                                  .where(VotingCode.id == found.id))
    return ClaimResult(Claim.ALREADY_YOURS if holder == mine else Claim.USED, found.round_id)


async def forget_claims(session: AsyncSession, telegram_id: int, *, secret: bytes) -> int:
    """/forget: no card says any more that this person used it; how many cards they held.

    A card they voted with stays used, under a random key (their vote counts, and the roll
    stops them voting twice). A card they had not voted with yet is set free, as if never
    scanned: whoever holds it can still use it once. Runs before the roll forgets them
    (models/ballot/seal.py forget_voter), which may make their roll entry unreadable."""
    round_ids = list(await session.scalars(
        select(VotingCode.round_id).where(VotingCode.claimant_key.is_not(None)).distinct()))
    held = 0
    for round_id in round_ids:
        card = await session.scalar(select(VotingCode).where(
            VotingCode.round_id == round_id,
            VotingCode.claimant_key == claimant_key(secret, round_id, telegram_id)))
        if card is None:
            continue
        held += 1
        voted = await has_voted(session, round_id, telegram_id, secret=secret)
        # A used card keeps when it was used (as retention leaves it); a freed one is as new.
        card.claimant_key = random_key() if voted else None
        if not voted:
            card.claimed_at = None
    await session.flush()
    return held


async def holds_code(session: AsyncSession, round_id: int, telegram_id: int, *,
                     secret: bytes) -> bool:
    found = await session.scalar(
        select(VotingCode.id).where(
            VotingCode.round_id == round_id,
            VotingCode.claimant_key == claimant_key(secret, round_id, telegram_id)))
    return found is not None


async def claimant_keys(session: AsyncSession, round_id: int) -> set[str]:
    return set(await session.scalars(
        select(VotingCode.claimant_key).where(VotingCode.round_id == round_id,
                                              VotingCode.claimant_key.is_not(None))))


async def code_counts(session: AsyncSession, round_id: int) -> tuple[int, int]:
    """(codes made, codes used) for the round."""
    made, used = (await session.execute(
        select(func.count(), func.count(VotingCode.claimant_key))
        .where(VotingCode.round_id == round_id))).one()
    return made or 0, used or 0


async def rounds_taking_codes(session: AsyncSession) -> list[Round]:
    """Rounds whose vote is still to come or under way: cards can be printed for them."""
    return list(await session.scalars(
        select(Round).where(Round.status != RoundStatus.RESULTS).order_by(Round.id)))
