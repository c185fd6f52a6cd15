"""Fund down the ranking: the three policies, ties, areas, and properties on random elections."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.tally import (
    TIE_BREAK_DESCRIPTION,
    Reason,
    ballot_support,
    cheaper_first,
    explain,
    fund_down_ranking,
    fund_per_area,
    natural_key,
    rank_bids,
)
from tests.support.tally import (
    instances,
    policies,
)

# --- Fund down the ranking -----------------------------------------------------------------

COSTS = {"A": 6, "B": 5, "C": 4, "D": 1}
SUPPORT = {"A": 10, "B": 8, "C": 6, "D": 1}


@pytest.mark.parametrize(
    ("policy", "selected", "cost"),
    [("skip", ("A", "C"), 10), ("stop", ("A",), 6), ("partial", ("A", "B"), 10)],
)
def test_the_three_policies(policy, selected, cost):
    result = fund_down_ranking(COSTS, SUPPORT, 10, policy)
    assert (result.selected, result.cost) == (selected, cost)


def test_skip_passes_over_a_bid_that_does_not_fit_and_says_what_was_left():
    result = fund_down_ranking(COSTS, SUPPORT, 10, "skip")
    b = result.bids["B"]
    assert (b.reason, b.pot_left, b.funded) == (Reason.DID_NOT_FIT, 4, False)
    assert result.bids["D"].pot_left == 0
    assert (
        explain(result)[1]
        == "B: Not funded: 4 left in the pot after the bids ranked above it, it costs 5"
    )


def test_stop_ends_the_count_at_the_first_bid_that_does_not_fit():
    result = fund_down_ranking(COSTS, SUPPORT, 10, "stop")
    assert result.bids["B"].reason == Reason.DID_NOT_FIT
    assert result.bids["C"].reason == result.bids["D"].reason == Reason.COUNT_STOPPED


def test_partial_offers_what_is_left_and_empties_the_pot():
    result = fund_down_ranking(COSTS, SUPPORT, 10, "partial")
    b = result.bids["B"]
    assert (b.reason, b.granted, b.position) == (Reason.PARTLY_FUNDED, 4, 2)
    assert result.bids["C"].reason == Reason.DID_NOT_FIT
    assert explain(result, currency="GBP")[1] == (
        "B: Partly funded 2nd: offered the 4 GBP left in the pot, it asked for 5 GBP"
    )


def test_explanations_read_like_the_brief():
    costs = {"x": 39_000, "y": 2_000}
    result = fund_down_ranking(costs, {"x": 610, "y": 12}, 40_200)
    assert explain(result, currency="PLN", names={"x": "Dogs"}) == [
        "x Dogs: Funded 1st: 610 supporters, cost 39,000 PLN",
        "y: Not funded: 1,200 PLN left in the pot after the bids ranked above it, "
        "it costs 2,000 PLN",
    ]


def test_bids_nobody_supported_are_never_funded():
    result = fund_down_ranking({"a": 1, "b": 1}, {"a": 3, "b": 0}, 10)
    assert result.selected == ("a",)
    assert result.bids["b"].reason == Reason.NO_SUPPORT
    assert explain(result)[1] == "b: Not funded: nobody supported it"


def test_ties_go_to_the_cheaper_bid_then_the_lower_id_in_natural_order():
    costs = {"10": 3, "9": 3, "2": 5, "1": 2}
    support = {"10": 4, "9": 4, "2": 4, "1": 1}
    assert rank_bids(costs, support) == ["9", "10", "2", "1"]
    assert fund_down_ranking(costs, support, 6).selected == ("9", "10")
    assert "cheaper first" in TIE_BREAK_DESCRIPTION and "9 before 10" in TIE_BREAK_DESCRIPTION


def test_natural_order_reads_numbers_inside_ids():
    ids = ["c10", "c9", "10", "9", "b", "a2", "a10"]
    assert sorted(ids, key=natural_key) == ["9", "10", "a2", "a10", "b", "c9", "c10"]
    assert cheaper_first("10", 1) < cheaper_first("9", 2)


def test_a_custom_tie_break_can_replace_the_default():
    costs = {"10": 3, "9": 3}
    as_strings = fund_down_ranking(costs, {"10": 1, "9": 1}, 3, tie_break=lambda pid, _: pid)
    assert as_strings.selected == ("10",)


def test_each_area_is_funded_from_its_own_pot():
    costs = {"n1": 6, "n2": 6, "s1": 5}
    support = {"n1": 9, "n2": 8, "s1": 1}
    areas = {"n1": "North", "n2": "North", "s1": "South"}
    results = fund_per_area(costs, support, areas, {"North": 10, "South": 5})
    assert {area: r.selected for area, r in results.items()} == {"North": ("n1",), "South": ("s1",)}
    assert fund_down_ranking(costs, support, 15).selected == ("n1", "n2")


def test_a_bid_whose_area_has_no_pot_is_an_error():
    with pytest.raises(ValueError, match="without an area"):
        fund_per_area({"a": 1}, {"a": 1}, {"a": "Nowhere"}, {"North": 10})


def test_an_unknown_policy_is_an_error():
    with pytest.raises(ValueError, match="policy"):
        fund_down_ranking(COSTS, SUPPORT, 10, "random")  # type: ignore[arg-type]


# --- Properties on random instances -------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(instances(points=st.integers(0, 9)), policies)
def test_greedy_never_exceeds_the_budget(instance, policy):
    costs, ballots, budget = instance
    result = fund_down_ranking(costs, ballot_support(costs, ballots), budget, policy)
    assert result.cost <= budget
    assert [pid for pid in result.selected] == [
        pid for pid in rank_bids(costs, ballot_support(costs, ballots)) if result.bids[pid].funded
    ]


@settings(max_examples=100, deadline=None)
@given(instances(points=st.integers(0, 9)))
def test_with_skip_every_unfunded_bid_cost_more_than_was_left(instance):
    costs, ballots, budget = instance
    result = fund_down_ranking(costs, ballot_support(costs, ballots), budget, "skip")
    for bid in result.bids.values():
        if bid.reason == Reason.DID_NOT_FIT:
            assert bid.cost > bid.pot_left
        else:
            assert bid.funded or bid.reason == Reason.NO_SUPPORT
