"""What a voter may do on the ballot, tap by tap: pure functions, no database, no Telegram.

- **Order.** Each voter meets the bids in an order of their own, fixed for them and the round:
  bids sorted by a keyed hash (HMAC-SHA256 under the ballot secret) of the round, the person
  and the bid. Back, a restart and a second device all give the same order; another voter
  gets another order, so no bid gets every voter's fresh attention first; the bid numbers
  play no part. Without the secret nobody can tell which order a person saw.
- **Limits at the tap.** A knapsack pick that would take the total over the pot, a top-N pick
  past N, or tokens past the voter's allowance is refused when tapped (`tap_refusal`), with
  the numbers to explain it; Confirm never meets a problem the cards could have caught.
- **What may be confirmed.** Every bid scored (score rounds that ask for it), every token
  spent (tokens rounds): `all_required`; `unfinished` says which bid to go back to.
- **What may be recorded.** `ballot_problems` checks a whole ballot again as it is written
  (models.ballot.box.record), through models.tally's `validate_ballot`: the same kinds, the
  same spelling (`BallotKind`). A voter's own bids are never offered
  (models.ballot.box.cards_offered) and never accepted ('own-bid').
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from models.tally import SCORES, BallotKind, validate_ballot

TICK_KINDS = (BallotKind.APPROVAL, BallotKind.TOP_N, BallotKind.KNAPSACK)
TICK = 1  # what a tick is stored as (approval, top-N, knapsack)


class Card(Protocol):
    id: int
    amount_pence: int | None


class Round(Protocol):
    """The parts of models.round.Round the rules read."""

    ballot_kind: str
    pot_pence: int
    ballot_n: int | None
    ballot_tokens: int | None
    score_all: bool


C = TypeVar("C", bound="Card")


def order_key(secret: bytes, round_id: int, telegram_id: int, bid_id: int) -> bytes:
    return hmac.new(secret, f"order:{round_id}:{telegram_id}:{bid_id}".encode(),
                    hashlib.sha256).digest()


def voter_order(cards: Sequence[C], *, secret: bytes, round_id: int,
                         telegram_id: int) -> list[C]:
    """The cards in this voter's own order for the round (see the module's docstring)."""
    return sorted(cards, key=lambda card: order_key(secret, round_id, telegram_id, card.id))


@dataclass(frozen=True)
class Limits:
    """The parts of a round that bound a ballot."""

    kind: str
    pot_pence: int = 0
    n: int | None = None
    tokens: int | None = None
    score_all: bool = True

    @classmethod
    def of(cls, round_: Round) -> Limits:
        return cls(kind=round_.ballot_kind, pot_pence=round_.pot_pence, n=round_.ballot_n,
                   tokens=round_.ballot_tokens, score_all=round_.score_all)


def picked(choices: Mapping[int, int]) -> set[int]:
    return {bid_id for bid_id, value in choices.items() if value}


def spent_pence(cards: Sequence[Card], choices: Mapping[int, int]) -> int:
    chosen = picked(choices)
    return sum(card.amount_pence or 0 for card in cards if card.id in chosen)


def tokens_used(choices: Mapping[int, int]) -> int:
    return sum(value for value in choices.values() if value > 0)


@dataclass(frozen=True)
class Refusal:
    """Why a tap was refused: a locale key's last part, and the numbers it speaks of."""

    code: str  # "over-pot", "too-many", "tokens-over"; "out-of-date": not what the card offers
    total: int = 0  # pence (over-pot) or tokens (tokens-over) the choice would come to
    limit: int = 0  # the pot in pence, N, or the tokens there are
    left: int = 0  # pence or tokens still free before this choice


def tap_refusal(limits: Limits, cards: Sequence[Card], choices: Mapping[int, int],
                bid_id: int, value: int) -> Refusal | None:
    """None if giving `bid_id` the value `value` keeps the ballot within its limits."""
    after = {**choices, bid_id: value}
    if limits.kind == BallotKind.KNAPSACK and value:
        total = spent_pence(cards, after)
        if total > limits.pot_pence:
            return Refusal("over-pot", total=total, limit=limits.pot_pence,
                           left=max(0, limits.pot_pence - spent_pence(cards, _without(
                               choices, bid_id))))
    if limits.kind == BallotKind.TOP_N and value and limits.n is not None:
        if len(picked(after)) > limits.n:
            return Refusal("too-many", total=len(picked(after)), limit=limits.n)
    if limits.kind == BallotKind.TOKENS and limits.tokens is not None:
        total = tokens_used(after)
        if total > limits.tokens:
            return Refusal("tokens-over", total=total, limit=limits.tokens,
                           left=max(0, limits.tokens - tokens_used(_without(choices, bid_id))))
    return None


def tap(limits: Limits, cards: Sequence[Card], choices: Mapping[int, int], *, showing: int,
        bid_id: int, value: int) -> Refusal | None:
    """None if an answer button may give `bid_id` the value `value`: the bid is the card on
    screen (`showing`) and still offered, the value is one the card offers (a forged button
    may say anything), and the ballot stays within its limits (`tap_refusal`)."""
    if (bid_id != showing or bid_id not in {card.id for card in cards}
            or not value_allowed(limits, value)):
        return Refusal("out-of-date")
    return tap_refusal(limits, cards, choices, bid_id, value)


def still_offered(cards: Sequence[Card], choices: Mapping[int, int]) -> dict[int, int]:
    """The answers for bids still on this voter's ballot (a bid may have been withdrawn)."""
    offered = {card.id for card in cards}
    return {bid_id: value for bid_id, value in choices.items() if bid_id in offered}


def _without(choices: Mapping[int, int], bid_id: int) -> dict[int, int]:
    return {key: value for key, value in choices.items() if key != bid_id}


@dataclass(frozen=True)
class Unfinished:
    """What stops Confirm: a locale key's last part, how many are left, where to go back."""

    code: str  # "score-all-left", "tokens-unspent"
    left: int
    position: int  # the first card to go back to, in the voter's order


def unfinished(limits: Limits, cards: Sequence[Card],
               choices: Mapping[int, int]) -> Unfinished | None:
    """None when the ballot may be confirmed as it stands."""
    if limits.kind == BallotKind.SCORE and limits.score_all:
        gaps = [n for n, card in enumerate(cards) if not choices.get(card.id)]
        if gaps:
            return Unfinished("score-all-left", len(gaps), gaps[0])
    if limits.kind == BallotKind.TOKENS and limits.tokens:
        left = limits.tokens - tokens_used({card.id: choices.get(card.id, 0) for card in cards})
        if left > 0:
            gaps = [n for n, card in enumerate(cards) if not choices.get(card.id)]
            return Unfinished("tokens-unspent", left, gaps[0] if gaps else 0)
    return None


def next_position(cards: Sequence[Card], choices: Mapping[int, int], after: int) -> int:
    """The card after `after` still to be answered on a first pass (len(cards): the review).
    Answered cards are passed over, so a resumed ballot goes on where it stopped."""
    for n in range(after + 1, len(cards)):
        if cards[n].id not in choices:
            return n
    return len(cards)


def for_recording(kind: str, choices: Mapping[int, int]) -> dict[int, int]:
    """The draft as models.ballot.cast_ballot takes it: ticks as 1, no empty scores."""
    if kind in TICK_KINDS:
        return {bid_id: 1 for bid_id, value in choices.items() if value}
    if kind == BallotKind.SCORE:
        return {bid_id: value for bid_id, value in choices.items() if value}
    return dict(choices)


def value_allowed(limits: Limits, value: int) -> bool:
    """Is `value` an answer a card of this kind offers? (A forged button may say anything.)"""
    if limits.kind == BallotKind.SCORE:  # 0: no score, where the round allows that
        return value in SCORES or (value == 0 and not limits.score_all)
    if limits.kind in TICK_KINDS:
        return value in (0, 1)
    return 0 <= value <= (limits.tokens or 0)


def is_tick_kind(kind: str) -> bool:
    return kind in TICK_KINDS


def all_required(round_: Round) -> bool:
    """Must every bid be answered? Score ballots follow the round's setting; a tokens ballot
    spends every token (validate_ballot's 'tokens-total' says so whatever this is)."""
    return round_.score_all if round_.ballot_kind == BallotKind.SCORE else True


def ballot_problems(round_: Round, cards: Sequence[Card], choices: Mapping[int, int],
                    own: set[int], *, require_all: bool = True) -> list[str]:
    """validate_ballot's codes for choices {bid id: value} (value ignored for tick kinds)."""
    kind = BallotKind(round_.ballot_kind)
    amounts = {str(card.id): card.amount_pence or 0 for card in cards}
    keyed = [str(bid_id) for bid_id in choices] if is_tick_kind(kind) else {
        str(bid_id): value for bid_id, value in choices.items()}
    return validate_ballot(
        kind, keyed, bids=amounts, pot=round_.pot_pence, n_max=round_.ballot_n,
        tokens=round_.ballot_tokens, require_all=require_all,
        own_bids={str(bid_id) for bid_id in own},
    )
