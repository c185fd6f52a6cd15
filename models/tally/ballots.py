"""Ballot rules: whether one voter's choices are a valid ballot of a given kind."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from models.pabulib import Amount


class BallotKind(StrEnum):
    """The kinds of ballot, one spelling everywhere: rounds store these values
    (models.round re-exports this), the chat, paper ballots and the tally read them."""

    SCORE = "score"
    APPROVAL = "approval"
    TOP_N = "top_n"
    TOKENS = "tokens"
    KNAPSACK = "knapsack"


Choices = Mapping[str, int] | Collection[str]
SCORES: Final = range(1, 6)

BALLOT_ERRORS: Final = {
    "unknown-bid": "a choice is not a bid in this round",
    "own-bid": "a voter chose a bid they submitted",
    "duplicate-bid": "the same bid was chosen twice",
    "score-not-integer": "a score is not a whole number",
    "score-out-of-range": "a score is outside 1..5",
    "missing-score": "scoring every bid is required and some bid has no score",
    "too-many": "more bids ticked than the organiser allows",
    "tokens-not-integer": "a number of tokens is not a whole number",
    "tokens-out-of-range": "a bid got fewer than 0 tokens or more than the cap per bid",
    "tokens-total": "the tokens do not add up to the total allowed (or exceed it)",
    "over-pot": "the ticked bids cost more than the pot",
}
"""Every code `validate_ballot` returns, with its meaning; the bot translates the codes."""


def validate_ballot(
    kind: BallotKind,
    choices: Choices,
    *,
    bids: Mapping[str, Amount],
    pot: Amount | None = None,
    n_max: int | None = None,
    tokens: int | None = None,
    max_per_bid: int | None = None,
    require_all: bool = False,
    own_bids: Collection[str] = frozenset(),
) -> list[str]:
    """Error codes (see BALLOT_ERRORS) for a ballot; an empty list means it is valid.

    `choices` maps bid id to score or tokens for `score` and `tokens` ballots, and is the
    ticked bid ids for the others. `require_all` means "score every bid" for score ballots and
    "spend exactly `tokens`" for tokens ballots (otherwise up to `tokens`). A voter's own bids
    are never allowed, and are not required for "score every bid". A missing setting the kind
    needs (`n_max`, `tokens`, `pot`) is the organiser's error, so it raises ValueError.
    """
    if kind not in _KIND_RULES:
        raise ValueError(f"unknown ballot kind {kind!r}")
    chosen = list(choices)
    errors = []
    if len(set(chosen)) != len(chosen):
        errors.append("duplicate-bid")
    if any(pid not in bids for pid in chosen):
        errors.append("unknown-bid")
    if any(pid in own_bids for pid in chosen):
        errors.append("own-bid")
    settings = _BallotSettings(bids, pot, n_max, tokens, max_per_bid, require_all, own_bids)
    errors.extend(_KIND_RULES[kind](choices, settings))
    return errors


@dataclass(frozen=True)
class _BallotSettings:
    bids: Mapping[str, Amount]
    pot: Amount | None
    n_max: int | None
    tokens: int | None
    max_per_bid: int | None
    require_all: bool
    own_bids: Collection[str]


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _values(choices: Choices, kind: str) -> Mapping[str, Any]:
    if not isinstance(choices, Mapping):
        raise TypeError(f"{kind} ballots map each bid to a number")
    return choices


def _score_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    scores = _values(choices, "score")
    if not all(_is_whole(v) for v in scores.values()):
        yield "score-not-integer"
    elif any(v not in SCORES for v in scores.values()):
        yield "score-out-of-range"
    if s.require_all and set(s.bids) - set(s.own_bids) - set(scores):
        yield "missing-score"


def _approval_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    return iter(())


def _top_n_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    if s.n_max is None:
        raise ValueError("top-N ballots need n_max")
    if len(set(choices)) > s.n_max:
        yield "too-many"


def _token_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    if s.tokens is None:
        raise ValueError("tokens ballots need tokens")
    spent = _values(choices, "tokens")
    if not all(_is_whole(v) for v in spent.values()):
        yield "tokens-not-integer"
        return
    cap = s.tokens if s.max_per_bid is None else s.max_per_bid
    if any(not 0 <= v <= cap for v in spent.values()):
        yield "tokens-out-of-range"
    total = sum(spent.values())
    if total > s.tokens or (s.require_all and total != s.tokens):
        yield "tokens-total"


def _knapsack_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    if s.pot is None:
        raise ValueError("knapsack ballots need the pot")
    if sum(s.bids[pid] for pid in set(choices) if pid in s.bids) > s.pot:
        yield "over-pot"


_KIND_RULES: Final[dict[str, Callable[[Any, _BallotSettings], Iterator[str]]]] = {
    BallotKind.SCORE: _score_rules,
    BallotKind.APPROVAL: _approval_rules,
    BallotKind.TOP_N: _top_n_rules,
    BallotKind.TOKENS: _token_rules,
    BallotKind.KNAPSACK: _knapsack_rules,
}
