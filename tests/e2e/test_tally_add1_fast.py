"""The fast add1 completion (leaps, bounded floating-point runs) is exactly the stepwise one.

On random elections that climb through many steps, with bounded runs made to give up at
random places, and on the two real add1 elections kept in tests/data/pabulib.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.tally import (
    Result,
    completion,
    equal_shares_add1,
    equal_shares_add1_stepwise,
    interval,
    ties,
)
from tests.support.tally import (
    ASSEN,
    SWIECIE,
    TOULOUSE,
    ballots_of_a_few_kinds,
    election_and_ballots,
)


@st.composite
def long_climbs(draw):
    """Elections whose add1 climbs through many steps: costs and budget in the hundreds.

    Voters come in a few kinds with repeated ballots (as real ones do, which the fast
    completion groups), approval or points, and the budget lies between the dearest bid and
    all bids together, so that add1 has something to decide.
    """
    ids = [f"p{i}" for i in range(draw(st.integers(2, 7)))]
    costs = {pid: draw(st.integers(1, 300)) for pid in ids}
    points = draw(st.sampled_from([st.integers(0, 1), st.integers(0, 4)]))
    ballots = ballots_of_a_few_kinds(draw, ids, points, most_kinds=5, most_copies=4)
    top, total = max(costs.values()), sum(costs.values())
    return costs, ballots, draw(st.integers(top, max(top, total)))


@settings(max_examples=150, deadline=None)
@given(long_climbs(), st.sampled_from(["cost", "score"]))
def test_fast_add1_is_exactly_the_stepwise_add1(instance, utility):
    # The fast completion skips the steps it can prove change nothing; the stepwise oracle
    # runs MES at every step. Same bids, same order, same share, same payments.
    costs, ballots, budget = instance
    fast = equal_shares_add1(costs, ballots, budget, utility)
    slow = equal_shares_add1_stepwise(costs, ballots, budget, utility)
    assert (fast.selected, fast.share, fast.cost) == (slow.selected, slow.share, slow.cost)
    assert {pid: fast.payments[pid] for pid in fast.selected} == {
        pid: slow.payments[pid] for pid in slow.selected
    }
    assert fast.bids == slow.bids


def unsure_at(calls: set[int]):
    """A bounded run that gives up (as on a near-tie) at the given calls, counted from 0."""
    real = completion.interval_course
    seen = iter(range(10**9))

    def bounded(*args, **kwargs):
        return None if next(seen) in calls else real(*args, **kwargs)

    return patch.object(completion, "interval_course", bounded)


@settings(max_examples=100, deadline=None)
@given(long_climbs(), st.sets(st.integers(0, 40)))
def test_fast_add1_is_still_exactly_stepwise_where_bounded_runs_give_up(instance, unsure):
    # A bounded run gives up where its bounds cannot prove a decision; the count then leaps
    # less far or runs MES exactly. Give up at random runs, so every seam is crossed.
    costs, ballots, budget = instance
    with unsure_at(unsure):
        fast = equal_shares_add1(costs, ballots, budget)
    slow = equal_shares_add1_stepwise(costs, ballots, budget)
    assert (fast.selected, fast.share, fast.cost) == (slow.selected, slow.share, slow.cost)


@cache
def stepwise_add1(path: Path) -> Result:
    election, ballots = election_and_ballots(path)
    return equal_shares_add1_stepwise(election.costs, ballots, election.budget)


@pytest.mark.parametrize("path", [ASSEN, SWIECIE], ids=["Assen", "Swiecie"])
@pytest.mark.parametrize("unsure", [set(), {0}, set(range(1, 400, 3)), set(range(10**4))])
def test_fast_add1_leaping_on_real_elections_is_still_exactly_stepwise(path, unsure):
    # Assen climbs 843 steps and Świecie 242, with the course changing many times on the way:
    # leaping, shrinking the leap and falling back to exact runs must all land on the
    # stepwise answer (the last case runs every step exactly).
    election, ballots = election_and_ballots(path)
    with unsure_at(unsure):
        fast = equal_shares_add1(election.costs, ballots, election.budget)
    slow = stepwise_add1(path)
    assert (fast.selected, fast.share) == (slow.selected, slow.share)


@pytest.mark.parametrize("path", [ASSEN, SWIECIE], ids=["Assen", "Swiecie"])
def test_fast_add1_is_exactly_the_stepwise_add1_on_real_elections(path):
    election, ballots = election_and_ballots(path)
    fast = equal_shares_add1(election.costs, ballots, election.budget)
    slow = equal_shares_add1_stepwise(election.costs, ballots, election.budget)
    assert (fast.selected, fast.share) == (slow.selected, slow.share)


@pytest.mark.parametrize("path", [ASSEN, SWIECIE], ids=["Assen", "Swiecie"])
def test_ties_on_real_elections_are_settled_inside_bounded_runs(path):
    # Assen's bids often tie exactly (as many voters, or as many who still hold money): the
    # bounded runs settle those ties by the tie-break themselves, so the search never has to
    # count a whole share exactly (each such run costs about 25 bounded ones on a city).
    election, ballots = election_and_ballots(path)
    runs, settled = [], []
    bounded_run = completion.interval_course

    def run(*args, **kwargs):
        runs.append(bounded_run(*args, **kwargs))
        return runs[-1]

    def tie(*args):
        settled.append(ties.settled_tie(*args))
        return settled[-1]

    with (
        patch.object(completion, "interval_course", run),
        patch.object(interval, "settled_tie", tie),
    ):
        fast = equal_shares_add1(election.costs, ballots, election.budget)
    assert runs and None not in runs
    if path == ASSEN:
        assert any(found is not None for found in settled)
    slow = stepwise_add1(path)
    assert (fast.selected, fast.share) == (slow.selected, slow.share)


def test_ties_of_three_and_more_are_settled_inside_bounded_runs_too():
    # Toulouse 2022: 199 bids of a few voters each, so bids tie in threes and more at almost
    # every step of its 1,617. Settled inside the bounded runs, the search counts no share
    # exactly; it used to count 1,071 (10 s of CPU, now about 2). The stepwise definition
    # takes 12 s here, so the expected result is written out: counted by
    # `equal_shares_add1_stepwise` (share 3,832,061 / 1,133, 128 bids costing 7,986,220 EUR).
    election, ballots = election_and_ballots(TOULOUSE)
    runs = []
    bounded_run = completion.interval_course

    def run(*args, **kwargs):
        runs.append(bounded_run(*args, **kwargs))
        return runs[-1]

    with patch.object(completion, "interval_course", run):
        fast = equal_shares_add1(election.costs, ballots, election.budget)
    assert runs and None not in runs
    assert fast.share == Fraction(3832061, 1133)
    assert len(fast.selected) == 128
    assert sum(election.costs[pid] for pid in fast.selected) == 7986220
