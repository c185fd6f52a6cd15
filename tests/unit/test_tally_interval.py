"""The bounded (floating-point) MES run that add1 leaps with: it never claims a wrong course.

The adversary is rounding: a floating-point run can fund the wrong bid where two prices are
equal or nearly so, and a recount must never do that. So on random elections, ties and
near-ties included, a bounded run either gives up or names exactly the exact run's order; and
whenever one run vouches for the shares between it and a later run, every exact run in between
follows that course. Each is checked with money kept per group (as small electorates do) and
per money class (as large ones do early in a run), see `kept`.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models.tally import (
    completion,
    equal_shares_add1,
    equal_shares_add1_stepwise,
    interval,
    purse,
    ties,
)
from models.tally.interval import interval_course, prepare_intervals
from models.tally.mes import _prepare, _run_equal_shares
from models.tally.outcome import DEFAULT_TIE_BREAK
from tests.support.tally import ballots_of_a_few_kinds

# Every run here is checked with the compiled pricing and with numpy's (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("each_pricing")


@st.composite
def elections(draw):
    """Small elections built to tie: few distinct costs, ballots copied from a few kinds.

    Bids sharing a cost and a set of supporters tie exactly at every share; costs one apart
    and supporters that differ by one voter make near-ties.
    """
    ids = [f"p{i}" for i in range(draw(st.integers(1, 6)))]
    price = st.sampled_from([0, 1, 10, 11, 99, 100, 101, 1000, 10**9])
    costs = {pid: draw(price) for pid in ids}
    points = draw(st.sampled_from([st.integers(0, 1), st.integers(0, 3)]))
    ballots = ballots_of_a_few_kinds(draw, ids, points, most_kinds=4, most_copies=5)
    utility = draw(st.sampled_from(["cost", "score"]))
    return costs, ballots, utility


shares = st.fractions(min_value=0, max_value=2000, max_denominator=30)

PER_CLASS = {"_CLASSES_FROM": 0}
# How a run keeps its money (models.tally.purse): per group; per class; per class until there
# are two, then per group; per class with nothing kept across runs; per class until a purchase
# needs classes not kept from an earlier run, then per group.
keeping = st.sampled_from(
    [
        {"_CLASSES_FROM": 10**9},
        PER_CLASS,
        {"_CLASSES_FROM": 0, "_MOST_CLASSES": 2},
        {"_CLASSES_FROM": 0, "_MOST_KEPT": 0},
        {"_CLASSES_FROM": 0, "_TRIAL": 0},
    ]
)


def kept(how):
    return patch.multiple(purse, **how)


def exact_order(electorate, share):
    return _run_equal_shares(electorate, share).order


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(), shares, keeping)
@example(({"a": 10, "b": 10}, [{"a": 1, "b": 1}] * 3, "cost"), Fraction(10, 3), PER_CLASS)
@example(({"a": 10, "b": 11}, [{"a": 1, "b": 1}, {"a": 1}], "cost"), Fraction(21, 2), PER_CLASS)
@example(
    ({"a": 100, "b": 99}, [{"a": 1, "b": 1}, {"b": 1}, {"a": 1}], "cost"), Fraction(100), PER_CLASS
)
def test_a_bounded_run_gives_up_or_names_the_exact_course(election, share, how):
    costs, ballots, utility = election
    electorate = _prepare(costs, ballots, utility, DEFAULT_TIE_BREAK, group=True)
    bounded = prepare_intervals(electorate)
    for tight in (False, True):
        with kept(how):
            course = interval_course(bounded, share, tight=tight)
        if course is not None:
            assert list(course.order) == exact_order(electorate, share)


def test_an_exact_tie_is_settled_by_the_tie_break():
    # Two bids with the same cost and the same supporters cost the same at every share; only
    # the declared tie-break may separate them. Both prices are exact here (every supporter
    # can pay ρ·u), so the bounded run settles it as the exact run does, recording the exact ρ.
    electorate = _prepare(
        {"b": 10, "a": 10}, [{"a": 1, "b": 1}] * 3, "cost", DEFAULT_TIE_BREAK, group=True
    )
    course = interval_course(prepare_intervals(electorate), Fraction(4))
    assert course is not None and list(course.order) == exact_order(electorate, Fraction(4))
    assert [electorate.bids[i].project_id for i in course.order] == ["a"]
    assert course.highest[0] == (Fraction(1, 3), electorate.bids[course.order[0]].tie_rank)


# p2 leaves four voters with nothing; then p0 and p4 cost exactly the same, which only voters
# holding nothing keep from being cost / total utility.
BROKE_TIE = (
    {"p0": 30, "p1": 40, "p2": 80, "p3": 20, "p4": 30},
    [{"p2": 1}] * 4
    + [{"p0": 1, "p1": 1, "p2": 1, "p3": 1, "p4": 1}]
    + [{"p0": 1, "p1": 1, "p3": 1}] * 3,
    "cost",
)


# Three bids tie at every purchase: as many voters, the same cost.
THREE_WAY_TIE = ({"c": 10, "a": 10, "b": 10}, [{"a": 1, "b": 1, "c": 1}] * 3, "cost")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(), shares, keeping)
@example(BROKE_TIE, Fraction(20), PER_CLASS)
@example(THREE_WAY_TIE, Fraction(7), PER_CLASS)
@example(THREE_WAY_TIE, Fraction(7), {"_CLASSES_FROM": 10**9})
@example(BROKE_TIE, Fraction(20), {"_CLASSES_FROM": 10**9})
def test_a_tie_a_bounded_run_settles_is_the_exact_runs(election, share, how):
    # Where two current prices overlap, a bounded run settles the round only when both are
    # exact (every supporter holds exactly nothing or can surely pay ρ·u). Then the exact ρ it
    # records is the exact run's in that round, and the course is the exact one.
    costs, ballots, utility = election
    electorate = _prepare(costs, ballots, utility, DEFAULT_TIE_BREAK, group=True)
    settled = []

    def spy(*args):
        found = ties.settled_tie(*args)
        settled.append(found)
        return found

    with kept(how), patch.object(interval, "settled_tie", spy):
        course = interval_course(prepare_intervals(electorate), share)
    if course is None:
        return
    record: list = []
    assert list(course.order) == _run_equal_shares(electorate, share, record).order
    for (highest, rank), ((exact, exact_rank), _) in zip(course.highest, record, strict=True):
        assert rank == exact_rank
        if isinstance(highest, Fraction):
            assert highest == exact
        else:
            assert exact <= highest


@pytest.mark.parametrize("how", [{"_CLASSES_FROM": 10**9}, PER_CLASS], ids=["group", "class"])
def test_a_tie_of_three_is_settled_without_an_exact_run(how):
    # Toulouse 2022 has 199 bids of a few voters each: many tie in threes and more. Each such
    # round used to send the whole share to the exact run (1,071 of them, 8 of its 10 s).
    costs, ballots, utility = THREE_WAY_TIE
    electorate = _prepare(costs, ballots, utility, DEFAULT_TIE_BREAK, group=True)
    with kept(how):
        course = interval_course(prepare_intervals(electorate), Fraction(7))
    assert course is not None
    assert list(course.order) == exact_order(electorate, Fraction(7))
    assert [electorate.bids[i].project_id for i in course.order] == ["a", "b"]
    # The rival recorded is the tied bid's exact price, not its looser float bound: vouching
    # between two runs compares it with the winner's exact price.
    assert course.rivals[0] == (Fraction(1, 3), electorate.bids[course.order[1]].tie_rank)


def test_a_tie_among_supporters_who_hold_nothing_is_settled_without_an_exact_run():
    costs, ballots, utility = BROKE_TIE
    electorate = _prepare(costs, ballots, utility, DEFAULT_TIE_BREAK, group=True)
    for how in ({"_CLASSES_FROM": 10**9}, PER_CLASS):
        with kept(how):
            course = interval_course(prepare_intervals(electorate), Fraction(20))
        assert course is not None
        assert list(course.order) == exact_order(electorate, Fraction(20))
        assert any(isinstance(highest, Fraction) for highest, _ in course.highest)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections(), shares, st.integers(0, 40) | st.integers(41, 3000), st.booleans(), keeping)
@example(
    (
        {"A": 900, "B": 700, "C": 400},
        [{"A": 1}] * 3 + [{"A": 1, "B": 1}] * 2 + [{"B": 1, "C": 1}] * 2 + [{"C": 1}],
        "cost",
    ),
    Fraction(290),
    50,
    True,
    PER_CLASS,
)  # the guide funds B second, where at 290 C wins: B is affordable but not proven cheapest
def test_a_run_guided_by_a_later_one_gives_up_or_names_the_exact_course(
    election, share, width, bounded_guide, how
):
    # A guided run prices only the guide's winner where the guide's bounds prove it wins, and
    # drops the bids the guide found unaffordable; it must still name exactly the exact course.
    costs, ballots, utility = election
    electorate = _prepare(costs, ballots, utility, DEFAULT_TIE_BREAK, group=True)
    bounded = prepare_intervals(electorate)
    exact = replace(bounded, usable=False)
    with kept(how):
        guide = completion._course(electorate, bounded if bounded_guide else exact, share + width)
    for tight in (False, True):
        with kept(how):
            course = interval_course(bounded, share, tight, guide)
        if course is not None:
            assert list(course.order) == exact_order(electorate, share)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    elections(),
    shares,
    st.integers(1, 40),
    st.booleans(),
    st.booleans(),
    st.none() | st.integers(1, 20),
    st.booleans(),
    keeping,
)
def test_a_vouching_run_is_right_about_every_share_in_between(
    election, share, width, bounded_here, bounded_there, guided_from, floored, how
):
    # Courses come from bounded runs (float bounds) or, where those give up, from exact runs
    # (exact prices, ties decided by rank); either kind may vouch for the other. The later run
    # may be guided by a run further up, and may price its rivals only as far as vouching for
    # `here` needs.
    costs, ballots, utility = election
    electorate = _prepare(costs, ballots, utility, DEFAULT_TIE_BREAK, group=True)
    bounded = prepare_intervals(electorate)
    exact = replace(bounded, usable=False)
    with kept(how):
        here = completion._course(electorate, bounded if bounded_here else exact, share)
        guide = None
        if guided_from is not None:
            guide = completion._course(
                electorate, bounded, share + width + guided_from, tight=True
            )
        there = completion._course(
            electorate,
            bounded if bounded_there else exact,
            share + width,
            tight=True,
            guide=guide,
            below=here if floored else None,
        )
    if not here.vouches_between(there):
        return
    for step in range(width + 1):
        for part in (Fraction(0), Fraction(1, 3)):
            between = min(share + step + part, share + width)
            assert exact_order(electorate, between) == list(here.order)


def test_add1_leaps_over_steps_that_change_nothing():
    # Budapest VIII 2024 raises the share 51,514 times; checking every step would take
    # minutes. Here a small election whose course holds for long stretches: the count must
    # run MES far fewer times than it steps, and land where stepping lands.
    costs = {"A": 900, "B": 700, "C": 400}
    ballots = [{"A": 1}] * 3 + [{"A": 1, "B": 1}] * 2 + [{"B": 1, "C": 1}] * 2 + [{"C": 1}]
    calls = []
    real = completion.interval_course

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    with patch.object(completion, "interval_course", counted):
        fast = equal_shares_add1(costs, ballots, 1500)
    slow = equal_shares_add1_stepwise(costs, ballots, 1500)
    assert (fast.selected, fast.share) == (slow.selected, slow.share)
    steps = slow.share - Fraction(1500, len(ballots))
    assert steps > 100
    assert len(calls) < steps / 4
