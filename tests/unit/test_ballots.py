"""Ballot rules (docs/domain.md, "Ballots"): what each kind of ballot may contain."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.tally import BALLOT_ERRORS, validate_ballot

BIDS = {"a": 500, "b": 800, "c": 1200, "d": 2000}
POT = 2500


def check(kind, choices, **options):
    return validate_ballot(kind, choices, bids=BIDS, pot=POT, **options)


# --- Score: every bid gets an integer 1..5 -----------------------------------------------------


def test_a_full_score_ballot_is_valid():
    assert check("score", {"a": 1, "b": 5, "c": 3, "d": 2}, require_all=True) == []


@pytest.mark.parametrize("score", [0, 6, -1])
def test_scores_outside_one_to_five_are_refused(score):
    assert check("score", {"a": score}) == ["score-out-of-range"]


@pytest.mark.parametrize("score", [2.5, True, "3", None])
def test_scores_must_be_whole_numbers(score):
    assert check("score", {"a": score}) == ["score-not-integer"]


def test_scoring_every_bid_can_be_required():
    assert check("score", {"a": 3}) == []
    assert check("score", {"a": 3}, require_all=True) == ["missing-score"]


def test_a_voter_never_scores_their_own_bid_and_need_not():
    own = {"d"}
    assert check("score", {"a": 1, "b": 1, "c": 1}, require_all=True, own_bids=own) == []
    full = {"a": 1, "b": 1, "c": 1, "d": 5}
    assert check("score", full, require_all=True, own_bids=own) == ["own-bid"]


def test_score_ballots_must_map_bids_to_scores():
    with pytest.raises(TypeError):
        check("score", ["a", "b"])


# --- Ticks: approval, top-N, knapsack ---------------------------------------------------------


def test_approval_takes_any_known_bids():
    assert check("approval", ["a", "b", "c", "d"]) == []
    assert check("approval", []) == []
    assert check("approval", ["a", "zz"]) == ["unknown-bid"]
    assert check("approval", ["a", "a"]) == ["duplicate-bid"]
    assert check("approval", ["a"], own_bids={"a"}) == ["own-bid"]


def test_top_n_takes_at_most_n_bids():
    assert check("top_n", ["a", "b"], n_max=2) == []
    assert check("top_n", ["a", "b", "c"], n_max=2) == ["too-many"]


def test_knapsack_takes_bids_that_fit_the_pot():
    assert check("knapsack", ["a", "c"]) == []  # 1,700 of 2,500
    assert check("knapsack", ["b", "c", "a"]) == []  # exactly 2,500
    assert check("knapsack", ["c", "d"]) == ["over-pot"]


# --- Tokens: spread T over bids ------------------------------------------------------------


def test_tokens_may_total_up_to_t_or_exactly_t():
    assert check("tokens", {"a": 3, "b": 4}, tokens=10) == []
    assert check("tokens", {"a": 3, "b": 4}, tokens=10, require_all=True) == ["tokens-total"]
    assert check("tokens", {"a": 6, "b": 4}, tokens=10, require_all=True) == []
    assert check("tokens", {"a": 6, "b": 5}, tokens=10) == ["tokens-total"]


def test_tokens_can_be_capped_per_bid():
    assert check("tokens", {"a": 5, "b": 5}, tokens=10, max_per_bid=5) == []
    assert check("tokens", {"a": 6, "b": 4}, tokens=10, max_per_bid=5) == ["tokens-out-of-range"]


def test_tokens_are_whole_and_not_negative():
    assert check("tokens", {"a": 1.5}, tokens=10) == ["tokens-not-integer"]
    assert check("tokens", {"a": -2, "b": 5}, tokens=10) == ["tokens-out-of-range"]


# --- Organiser settings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "choices", "missing"),
    [("top_n", ["a"], "n_max"), ("tokens", {"a": 1}, "tokens"), ("knapsack", ["a"], "pot")],
)
def test_a_kind_without_its_setting_is_the_organisers_error(kind, choices, missing):
    with pytest.raises(ValueError, match=missing):
        validate_ballot(kind, choices, bids=BIDS)


def test_an_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="kind"):
        check("ranked", ["a"])


def test_several_problems_are_all_reported():
    errors = check("score", {"a": 9, "zz": 2}, own_bids={"a"}, require_all=True)
    assert errors == ["unknown-bid", "own-bid", "score-out-of-range", "missing-score"]


# --- Properties: the validator accepts exactly the valid ballots ----------------------------

ids = st.sampled_from([*BIDS, "zz"])
own_bids = st.frozensets(st.sampled_from(list(BIDS)), max_size=2)


@settings(max_examples=120, deadline=None)
@given(st.dictionaries(ids, st.integers(-1, 7)), own_bids, st.booleans())
def test_score_ballots(scores, own, require_all):
    valid = (
        set(scores) <= set(BIDS) - own
        and all(1 <= s <= 5 for s in scores.values())
        and (not require_all or set(scores) == set(BIDS) - own)
    )
    errors = check("score", scores, own_bids=own, require_all=require_all)
    assert (errors == []) == valid
    assert set(errors) <= set(BALLOT_ERRORS)


@settings(max_examples=120, deadline=None)
@given(st.lists(ids, max_size=6), own_bids, st.integers(0, 5))
def test_tick_ballots(ticks, own, n_max):
    known = set(ticks) <= set(BIDS) - own and len(set(ticks)) == len(ticks)
    cost = sum(BIDS.get(pid, 0) for pid in set(ticks))
    assert (check("approval", ticks, own_bids=own) == []) == known
    assert (check("top_n", ticks, own_bids=own, n_max=n_max) == []) == (
        known and len(ticks) <= n_max
    )
    assert (check("knapsack", ticks, own_bids=own) == []) == (known and cost <= POT)


@settings(max_examples=120, deadline=None)
@given(
    st.dictionaries(ids, st.integers(-1, 8)),
    own_bids,
    st.integers(1, 12),
    st.none() | st.integers(1, 6),
    st.booleans(),
)
def test_tokens_ballots(spent, own, tokens, cap, require_all):
    total = sum(spent.values())
    valid = (
        set(spent) <= set(BIDS) - own
        and all(0 <= v <= (tokens if cap is None else cap) for v in spent.values())
        and (total == tokens if require_all else total <= tokens)
    )
    options = {"tokens": tokens, "max_per_bid": cap, "require_all": require_all}
    errors = check("tokens", spent, own_bids=own, **options)
    assert (errors == []) == valid
    assert set(errors) <= set(BALLOT_ERRORS)
