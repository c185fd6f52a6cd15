"""The ballot's rules as pure functions: order, limits at the tap, what may be confirmed."""

from __future__ import annotations

from dataclasses import dataclass

from models.ballot.rules import (
    Limits,
    for_recording,
    next_position,
    still_offered,
    tap,
    tap_refusal,
    unfinished,
    value_allowed,
    voter_order,
)
from models.round import BallotKind

SECRET = b"ballot secret"


@dataclass(frozen=True)
class Card:
    id: int
    amount_pence: int = 1_000_00


CARDS = [Card(n) for n in range(1, 13)]


def test_each_voter_has_an_order_of_their_own_that_never_changes():
    mine = voter_order(CARDS, secret=SECRET, round_id=1, telegram_id=5)
    assert voter_order(list(reversed(CARDS)), secret=SECRET, round_id=1, telegram_id=5) == mine
    assert sorted(mine, key=lambda card: card.id) == CARDS
    others = {tuple(voter_order(CARDS, secret=SECRET, round_id=1, telegram_id=person))
              for person in range(6, 30)}
    assert len(others) == 24 and tuple(CARDS) not in others
    # Another round or another secret: another order (no one can work it out without it).
    assert voter_order(CARDS, secret=SECRET, round_id=2, telegram_id=5) != mine
    assert voter_order(CARDS, secret=b"other", round_id=1, telegram_id=5) != mine


def test_first_places_are_shared_out_fairly():
    firsts = [voter_order(CARDS, secret=SECRET, round_id=1, telegram_id=person)[0].id
              for person in range(1200)]
    assert all(40 <= firsts.count(card.id) <= 160 for card in CARDS)  # 100 expected each


def test_a_knapsack_pick_over_the_pot_is_refused_with_its_numbers():
    limits = Limits(kind=BallotKind.KNAPSACK, pot_pence=2_500_00)
    choices = {1: 1, 2: 1}
    refusal = tap_refusal(limits, CARDS, choices, 3, 1)
    assert (refusal.code, refusal.total, refusal.limit, refusal.left) == (
        "over-pot", 3_000_00, 2_500_00, 500_00)
    assert tap_refusal(limits, CARDS, choices, 3, 0) is None
    assert tap_refusal(limits, CARDS, choices, 2, 1) is None  # yes again on a picked bid


def test_top_n_and_tokens_limits():
    top = Limits(kind=BallotKind.TOP_N, n=2)
    assert tap_refusal(top, CARDS, {1: 1, 2: 1}, 3, 1).code == "too-many"
    assert tap_refusal(top, CARDS, {1: 1, 2: 0}, 3, 1) is None
    tokens = Limits(kind=BallotKind.TOKENS, tokens=5)
    refusal = tap_refusal(tokens, CARDS, {1: 4}, 2, 3)
    assert (refusal.code, refusal.left) == ("tokens-over", 1)
    assert tap_refusal(tokens, CARDS, {1: 4}, 1, 5) is None  # changing the same bid


def test_what_may_be_confirmed():
    scores = Limits(kind=BallotKind.SCORE, score_all=True)
    gap = unfinished(scores, CARDS[:3], {1: 4, 3: 2})
    assert (gap.code, gap.left, gap.position) == ("score-all-left", 1, 1)
    assert unfinished(Limits(kind=BallotKind.SCORE, score_all=False), CARDS[:3], {}) is None
    tokens = Limits(kind=BallotKind.TOKENS, tokens=5)
    assert unfinished(tokens, CARDS[:3], {1: 3}).left == 2
    assert unfinished(tokens, CARDS[:3], {1: 3, 2: 2}) is None


def test_values_the_cards_offer_and_what_is_recorded():
    assert not value_allowed(Limits(kind=BallotKind.SCORE), 0)
    assert value_allowed(Limits(kind=BallotKind.SCORE, score_all=False), 0)
    assert not value_allowed(Limits(kind=BallotKind.SCORE), 6)
    assert not value_allowed(Limits(kind=BallotKind.APPROVAL), 2)
    assert for_recording(BallotKind.APPROVAL, {1: 1, 2: 0}) == {1: 1}
    assert for_recording(BallotKind.SCORE, {1: 0, 2: 5}) == {2: 5}


def test_a_resumed_ballot_goes_on_at_the_first_card_not_answered():
    assert next_position(CARDS[:4], {1: 3, 3: 2}, -1) == 1
    assert next_position(CARDS[:4], {1: 3, 2: 1, 3: 2}, 1) == 3
    assert next_position(CARDS[:2], {1: 3, 2: 1}, 0) == 2  # the review


def test_an_answer_button_counts_only_for_the_card_shown_and_a_value_it_offers():
    score = Limits(kind=BallotKind.SCORE)
    cards = CARDS[:3]
    assert tap(score, cards, {}, showing=2, bid_id=2, value=5) is None
    for showing, bid_id, value in ((1, 2, 5), (2, 2, 9), (2, 2, 0), (99, 99, 5)):
        # another card than the one on screen, a forged value, a bid no longer offered
        assert tap(score, cards, {}, showing=showing, bid_id=bid_id,
                   value=value).code == "out-of-date"
    knapsack = Limits(kind=BallotKind.KNAPSACK, pot_pence=1_500_00)
    assert tap(knapsack, cards, {1: 1}, showing=2, bid_id=2, value=1).code == "over-pot"


def test_answers_for_withdrawn_bids_are_dropped():
    assert still_offered(CARDS[:2], {1: 4, 2: 0, 7: 5}) == {1: 4, 2: 0}
