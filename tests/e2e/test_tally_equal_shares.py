"""The Method of Equal Shares and its add1 completion on worked examples, and against a
definition-level MES on random small elections (tests/support/tally.py).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.tally import (
    Reason,
    ballot_support,
    equal_shares,
    equal_shares_add1,
    equal_shares_add1_greedy,
    explain,
    fund_down_ranking,
)
from tests.support.tally import (
    instances,
    policies,
    reference_add1,
    reference_mes,
    scored,
)

# --- Method of Equal Shares on worked examples ----------------------------------------------


def approvals(*groups: tuple[int, str]) -> list[dict[str, int]]:
    """`(3, "ab")` is three voters approving a and b; ids are single letters."""
    return [dict.fromkeys(ids, 1) for count, ids in groups for _ in range(count)]


def test_mes_gives_a_40_percent_minority_40_percent_of_the_money():
    # The textbook illustration: 60 voters want a1..a5, 40 want b1..b5, each costs 20, pot 100.
    # Fund down the ranking gives the majority everything; MES splits 60/40.
    costs = {f"{side}{i}": 20 for side in "ab" for i in range(1, 6)}
    ballots = [dict.fromkeys(["a1", "a2", "a3", "a4", "a5"], 1)] * 60
    ballots += [dict.fromkeys(["b1", "b2", "b3", "b4", "b5"], 1)] * 40
    result = equal_shares(costs, ballots, 100)
    assert result.selected == ("a1", "a2", "a3", "b1", "b2")
    assert result.share == 1
    assert result.payments["a1"][0] == Fraction(1, 3)
    assert result.payments["b1"][-1] == Fraction(1, 2)
    greedy = fund_down_ranking(costs, ballot_support(costs, ballots), 100)
    assert greedy.selected == ("a1", "a2", "a3", "a4", "a5")


def test_mes_lets_a_poor_supporter_pay_what_they_have():
    # 4 voters with 10 each. H (cost 9, all) goes first at 2.25 each, then G (cost 21,
    # voters 1, 3, 4) at 7 each; K (cost 8, voters 1 and 2) comes last: voter 1 has only
    # 0.75 left and pays it, voter 2 pays the other 7.25. A (cost 16) is never affordable.
    costs = {"A": 16, "G": 21, "H": 9, "K": 8}
    ballots = [
        dict.fromkeys("AGHK", 1),
        dict.fromkeys("AHK", 1),
        dict.fromkeys("GH", 1),
        dict.fromkeys("GH", 1),
    ]
    result = equal_shares(costs, ballots, 40)
    assert result.selected == ("H", "G", "K")
    assert result.payments["K"] == (Fraction(3, 4), Fraction(29, 4), 0, 0)
    assert result.bids["A"].reason == Reason.SUPPORTERS_SHORT
    assert result.bids["A"].supporters_left == Fraction(1, 2)


def test_mes_with_score_utility_pays_in_proportion_to_the_points():
    # Two voters with 4 each; X and Y cost 4 and get 4 points each, so both cost rho = 1 per
    # point. X goes first (tie-break): voter 1 pays 3 and voter 2 pays 1, which leaves each of
    # them exactly what Y asks of them (1 and 3).
    result = equal_shares({"X": 4, "Y": 4}, [{"X": 3, "Y": 1}, {"X": 1, "Y": 3}], 8, "score")
    assert result.selected == ("X", "Y")
    assert result.payments == {"X": (3, 1), "Y": (1, 3)}


def test_score_utility_and_cost_utility_split_a_cost_differently():
    # Voter 1 gives X 5 points, voter 2 gives it 1: with scores voter 1 pays 5/6 of X.
    costs = {"X": 4, "Y": 6}
    ballots = [{"X": 5, "Y": 1}, {"X": 1, "Y": 1}]
    by_cost = equal_shares(costs, ballots, 8)
    by_score = equal_shares(costs, ballots, 8, utility="score")
    assert by_cost.selected == by_score.selected == ("X",)
    assert by_cost.payments["X"] == (2, 2)
    assert by_score.payments["X"] == (Fraction(10, 3), Fraction(2, 3))


def test_empty_ballots_count_as_voters_holding_an_unspent_share():
    costs = {"a": 8}
    assert equal_shares(costs, [{"a": 1}, {"a": 1}], 8).selected == ("a",)
    with_abstainer = equal_shares(costs, [{"a": 1}, {"a": 1}, {}], 8)
    assert with_abstainer.share == Fraction(8, 3)
    assert with_abstainer.selected == ()


def test_free_bids_with_supporters_are_funded_first():
    result = equal_shares({"paid": 4, "free": 0, "unwanted": 0}, [{"paid": 1, "free": 1}], 4)
    assert result.selected == ("free", "paid")
    assert result.bids["unwanted"].reason == Reason.NO_SUPPORT


def test_no_ballots_funds_nothing():
    for rule in (equal_shares, equal_shares_add1, equal_shares_add1_greedy):
        assert rule({"a": 1}, [], 10).selected == ()


def test_ballots_naming_unknown_bids_are_an_error():
    with pytest.raises(ValueError, match="unknown bids"):
        equal_shares({"a": 1}, [{"b": 1}], 10)


# --- add1 completion ---------------------------------------------------------------------


def test_add1_raises_the_share_until_the_result_no_longer_fits():
    # Two voters, pot 10 (5 each). A (cost 6, both) goes first, leaving too little for B or C.
    # At 6 each voter 2 can also afford C (cost 9 in all); at 7 each both B and C follow A
    # (cost 13 > 10), so add1 keeps the result at 6 each.
    costs = {"A": 6, "B": 4, "C": 3}
    ballots = [{"A": 1, "B": 1}, {"A": 1, "C": 1}]
    assert equal_shares(costs, ballots, 10).selected == ("A",)
    result = equal_shares_add1(costs, ballots, 10)
    assert (result.selected, result.cost, result.share) == (("A", "C"), 9, 6)
    assert result.rule == "mes-add1"


def test_add1_does_not_stop_at_the_first_result_that_uses_up_the_money():
    # Four voters (one abstains), pot 12. At 3 each only X (cost 6) is affordable, and that
    # result is exhaustive: Y (cost 12) does not fit in the 6 left. pabutools' shortcut stops
    # there. The official add1 goes on: at 4 each Y is affordable and, backed by three voters,
    # beats X; {Y} costs exactly 12 and stays the result until X also fits again at 7 each.
    costs = {"X": 6, "Y": 12}
    ballots = [{"X": 1, "Y": 1}, {"X": 1, "Y": 1}, {"Y": 1}, {}]
    assert equal_shares(costs, ballots, 12).selected == ("X",)
    result = equal_shares_add1(costs, ballots, 12)
    assert (result.selected, result.share) == (("Y",), 6)


def test_a_bid_beyond_its_supporters_whole_shares_waits_until_add1_raises_them():
    # Two voters, pot 9 (4.50 each). A costs 8 and only voter 1 backs it: out of reach, and
    # said with what its supporter held. add1 raises the shares; at 8.50 each A is affordable
    # but A and B together (10) overspend, so add1 keeps the result at 7.50 each.
    costs = {"A": 8, "B": 2}
    ballots = [{"A": 1}, {"B": 1}]
    plain = equal_shares(costs, ballots, 9)
    assert plain.selected == ("B",)
    assert (plain.bids["A"].reason, plain.bids["A"].supporters_left) == (
        Reason.SUPPORTERS_SHORT,
        Fraction(9, 2),
    )
    result = equal_shares_add1(costs, ballots, 9)
    assert (result.selected, result.share) == (("B",), Fraction(15, 2))
    assert result.bids["A"].supporters_left == Fraction(15, 2)
    assert equal_shares(costs, ballots, 17).selected == ("B", "A")


def test_add1_when_every_supported_bid_fits_funds_them_all():
    result = equal_shares_add1({"a": 3, "b": 4, "c": 50}, [{"a": 1}, {"b": 1}], 10)
    assert sorted(result.selected) == ["a", "b"]
    assert result.share == 15  # the ceiling pabutools stops at: the pot becomes budget * (n + 1)


def test_add1_greedy_spends_what_equal_shares_left_down_the_ranking():
    # Three voters, pot 12. Up to 5 each, equal shares funds B then A (cost 10); at 6 each D
    # and C would follow (cost 14), so add1 keeps B and A. The ranking then has 2 left: D
    # (cost 1) and C (cost 3) have one supporter each; the cheaper D goes first and fits.
    costs = {"A": 6, "B": 4, "C": 3, "D": 1}
    ballots = [{"A": 1, "B": 1, "D": 1}, {"A": 1, "C": 1}, {"B": 1}]
    assert equal_shares_add1(costs, ballots, 12).selected == ("B", "A")
    filled = equal_shares_add1_greedy(costs, ballots, 12)
    assert (filled.selected, filled.cost, filled.rule) == (("B", "A", "D"), 11, "mes-add1-greedy")
    d, c = filled.bids["D"], filled.bids["C"]
    assert (d.stage, d.position) == ("completion", 3)
    assert (c.reason, c.pot_left) == (Reason.DID_NOT_FIT, 1)
    assert explain(filled)[2] == (
        "C: Not funded: its supporters had 2 left between them (each voter started with 5), "
        "it costs 3; then only 1 left in the pot after the bids ranked above it"
    )


# --- Properties on random instances -------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.one_of(instances(), scored), st.sampled_from(["cost", "score"]))
def test_mes_matches_the_definition(instance, utility):
    costs, ballots, budget = instance
    result = equal_shares(costs, ballots, budget, utility)
    assert list(result.selected) == reference_mes(
        costs, ballots, Fraction(budget, len(ballots)), utility
    )


@settings(max_examples=100, deadline=None)
@given(st.one_of(instances(), scored), st.sampled_from(["cost", "score"]))
def test_mes_payments_add_up(instance, utility):
    costs, ballots, budget = instance
    result = equal_shares(costs, ballots, budget, utility)
    assert result.cost <= budget
    for pid in result.selected:
        assert sum(result.payments[pid]) == costs[pid]
        others = [
            paid for paid, b in zip(result.payments[pid], ballots, strict=True) if pid not in b
        ]
        assert not any(others)
    for voter in range(len(ballots)):
        assert sum(paid[voter] for paid in result.payments.values()) <= result.share
    for bid in result.bids.values():
        if bid.reason == Reason.SUPPORTERS_SHORT:
            assert bid.supporters_left < bid.cost


@settings(max_examples=100, deadline=None)
@given(st.one_of(instances(), scored))
def test_cloning_every_voter_changes_nothing_but_the_share(instance):
    costs, ballots, budget = instance
    once = equal_shares(costs, ballots, budget, "score")
    twice = equal_shares(costs, ballots * 2, budget, "score")
    assert (once.selected, once.share) == (twice.selected, twice.share * 2)


@settings(max_examples=100, deadline=None)
@given(instances())
def test_add1_matches_the_definition_and_fits(instance):
    costs, ballots, budget = instance
    result = equal_shares_add1(costs, ballots, budget)
    assert list(result.selected) == reference_add1(costs, ballots, budget)
    assert result.cost <= budget
    next_share = equal_shares(costs, ballots, (result.share + 1) * len(ballots))
    at_ceiling = result.share == Fraction(budget, len(ballots)) + budget
    assert at_ceiling or next_share.cost > budget


@settings(max_examples=100, deadline=None)
@given(instances(), policies)
def test_add1_greedy_extends_add1_within_the_budget(instance, policy):
    costs, ballots, budget = instance
    shares = equal_shares_add1(costs, ballots, budget)
    filled = equal_shares_add1_greedy(costs, ballots, budget, policy=policy)
    assert filled.selected[: len(shares.selected)] == shares.selected
    assert filled.cost <= budget
    assert len(explain(filled)) == len(costs)
