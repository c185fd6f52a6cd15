"""Vouching at the same share (models.tally.vouch): never a step it cannot stand for.

Two bounded runs with the same course vouch for the shares between them, or for a first part
of them, by comparing prices at the same share; the add1 search takes every step they vouch
for without running it, and follows guesses of where the course changes. On small elections
built to tie, every share a pair of runs vouches for runs their course exactly, and add1 with
any guesses at all lands where stepping lands.
"""

from __future__ import annotations

import random
from fractions import Fraction
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.tally import (
    alike,
    completion,
    equal_shares_add1,
    equal_shares_add1_stepwise,
    purse,
    vouch,
)
from models.tally.alike import KeptRuns
from models.tally.interval import prepare_intervals
from models.tally.mes import _prepare, _run_equal_shares
from models.tally.outcome import DEFAULT_TIE_BREAK
from models.tally.vouch import chord_positive, parted_prices, vouched_steps
from tests.support.tally import (
    ASSEN,
    CZESTOCHOWA,
    KRAKOW,
    SWIECIE,
    ballots_of_a_few_kinds,
    election_and_ballots,
)

# Every run here is checked with the compiled pricing and with numpy's (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("each_pricing")


@st.composite
def elections(draw):
    """Elections that tie and nearly tie, over enough bids for several rounds.

    Few distinct costs and ballots copied from a few kinds: bids sharing a cost and their
    supporters tie at every share, costs one apart nearly tie.
    """
    ids = [f"p{i}" for i in range(draw(st.integers(2, 7)))]
    price = st.sampled_from([1, 10, 11, 99, 100, 101, 300])
    costs = {pid: draw(price) for pid in ids}
    points = draw(st.sampled_from([st.integers(0, 1), st.integers(0, 3)]))
    ballots = ballots_of_a_few_kinds(draw, ids, points, most_kinds=6, most_copies=5)
    utility = draw(st.sampled_from(["cost", "score"]))
    return costs, ballots, utility


@st.composite
def large_shares(draw):
    """Elections where one step is small beside the share, as in a city's count.

    Bids cost from 5 to 100 shares, so supporters run short of money and prices drift as the
    share rises; "twins" (a bid's near-copy, a little dearer or cheaper, backed by most of its
    supporters) keep a winner's margin over its runner-up small for long stretches, which is
    where runs at two shares vouch only by comparing prices at the same share.
    """
    # Drawn from a seeded generator rather than piece by piece: hypothesis favours small
    # and boundary values, which here would rarely give a long course with a close race.
    chance = draw(st.randoms(use_true_random=False))
    share = chance.randint(2000, 20000)
    ids = [f"p{i}" for i in range(chance.randint(3, 8))]
    costs = {pid: chance.randint(5 * share, 100 * share) for pid in ids}
    kinds = [{pid for pid in ids if chance.random() < 0.4} for _ in range(chance.randint(3, 12))]
    for twin in range(chance.randint(1, 3)):
        original = chance.choice(ids)
        name = f"t{twin}"
        costs[name] = costs[original] + chance.choice([-200, -20, -1, 1, 20, 200])
        for kind in kinds:
            if original in kind and chance.random() < 0.9:
                kind.add(name)
    score = chance.random() < 0.3
    ballots = [
        {pid: chance.randint(1, 3) if score else 1 for pid in sorted(kind)}
        for kind in kinds
        if kind
        for _ in range(chance.randint(1, 60))
    ] or [{ids[0]: 1}]
    utility = "score" if score and chance.random() < 0.5 else "cost"
    start = share + Fraction(chance.randint(0, 9), 10)
    return (costs, ballots, utility), start, chance.randint(2, 1500)


small_shares = st.tuples(elections(), st.fractions(min_value=0, max_value=300, max_denominator=30))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(large_shares(), st.none() | st.integers(1, 40), st.booleans(), st.booleans())
def test_every_share_vouched_for_runs_the_course(start, guided_from, floored, grouped):
    # The later run may be guided by one further up and may price its rivals only as far as
    # vouching for the earlier one needs, as in the search. Whatever part of the stretch the
    # two vouch for (all of it, a first part, or none), every share there, whole steps and
    # between, runs the same course when counted exactly. Supporters are grouped by class
    # (as on a city's count) or not (as on a small one), and runs read once are read again.
    (costs, ballots, utility), share, width = start
    electorate = _prepare(costs, ballots, utility, DEFAULT_TIE_BREAK, group=True)
    bounded = prepare_intervals(electorate)
    here = completion._course(electorate, bounded, share)
    guide = None
    if guided_from is not None:
        guide = completion._course(electorate, bounded, share + width + guided_from, tight=True)
    there = completion._course(
        electorate,
        bounded,
        share + width,
        tight=True,
        guide=guide,
        below=here if floored else None,
    )
    kept = KeptRuns()
    with patch.object(alike, "_GROUPED_FROM", 0 if grouped else 10**9):
        vouched = vouched_steps(bounded, here, there, width, kept)
        assert vouched_steps(bounded, here, there, width, kept) == vouched
    assert 0 <= vouched <= width
    if here.order != there.order:
        assert vouched == 0
    # Every whole step (a course could change and change back in between), and shares
    # between steps at a few dozen of them.
    for step in range(vouched + 1):
        parts = (Fraction(0), Fraction(1, 3), Fraction(29, 30)) if step % 37 == 0 else (0,)
        for part in parts:
            between = min(share + step + part, share + vouched)
            assert _run_equal_shares(electorate, between).order == list(here.order)


@st.composite
def climbs(draw):
    """A tying election and a budget between its dearest bid and all its bids together."""
    costs, ballots, utility = draw(elections())
    top, total = max(costs.values()), sum(costs.values())
    return costs, ballots, draw(st.integers(top, max(top, total))), utility


@pytest.mark.parametrize("path", [ASSEN, SWIECIE, KRAKOW, CZESTOCHOWA], ids=lambda p: p.stem)
def test_guesses_read_both_runs_where_they_part(path):
    # The search guesses where two runs' courses part from each run's prices in the round
    # where they part, read by class (the rounds before bought the same bids in both). At
    # every guess the search makes on a real count, the bounds read hold the exact ρ there:
    # each run's own winner's, counted exactly.
    election, ballots = election_and_ballots(path)
    costs = {project.project_id: project.cost for project in election.projects}
    electorate = _prepare(costs, ballots, "cost", DEFAULT_TIE_BREAK, group=True)
    real = completion.predicted_change
    checked, margins_checked = [], []

    def guess(prepared, lower, upper, steps, kept=None):
        parted = alike.parting(lower.order, upper.order)
        free = len(lower.order) - len(lower.highest)
        if lower.trace and upper.trace and free <= parted < len(upper.order):
            # (the lower run may have stopped buying there)
            bids = (upper.order[parted],) + lower.order[parted : parted + 1]
            prices = parted_prices(prepared, lower, upper, bids)
            pairs = [(upper, prices[1][0])] + [(lower, p) for p in prices[0][1:]]
            for run, price in pairs:
                record: list = []
                _run_equal_shares(electorate, Fraction(run.trace.share), record)
                exact = record[parted - free][0][0]
                assert price is not None and price[0] <= exact <= price[1]
            checked.append(len(pairs))
            if parted < len(lower.order):
                # Where the runs priced each other's winner in that round, the guess takes the
                # margins from their own prices: the same margins, to within the intervals.
                r, (second, first) = parted - free, bids
                found = vouch._margins_priced(lower, upper, r, parted, first, second)
                if found is not None and None not in (prices[0][0], prices[1][1]):
                    mid = [[sum(p) / 2 for p in row] for row in prices]
                    read = (mid[0][0] - mid[0][1], mid[1][0] - mid[1][1])
                    for own, again in zip(found, read, strict=True):
                        assert abs(own - again) <= 1e-9 * abs(mid[0][1])
                    margins_checked.append(r)
        return real(prepared, lower, upper, steps, kept)

    with patch.object(completion, "predicted_change", guess):
        equal_shares_add1(costs, ballots, election.budget, "cost")
    assert sum(checked) >= 10
    assert margins_checked or path == CZESTOCHOWA  # (its runs never priced both winners)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(climbs(), st.randoms(use_true_random=False), st.booleans())
def test_add1_lands_where_stepping_lands_whatever_it_guesses(
    instance, chance: random.Random, grouped
):
    # Guesses of where the course changes only choose where to run MES next; the steps taken
    # are those runs vouch for. Guessing anywhere at all (or not at all) changes nothing,
    # whether vouching groups supporters by class or not.
    costs, ballots, budget, utility = instance

    def guess(prepared, lower, upper, steps, kept=None):
        return chance.choice([None, 0, steps - 1, chance.randrange(steps)])

    with (
        patch.object(completion, "predicted_change", guess),
        patch.object(alike, "_GROUPED_FROM", 0 if grouped else 10**9),
    ):
        fast = equal_shares_add1(costs, ballots, budget, utility)
    slow = equal_shares_add1_stepwise(costs, ballots, budget, utility)
    assert (fast.selected, fast.share, fast.cost) == (slow.selected, slow.share, slow.cost)
    assert fast.bids == slow.bids


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(climbs())
def test_add1_on_tying_elections_is_exactly_the_stepwise_add1(instance):
    costs, ballots, budget, utility = instance
    fast = equal_shares_add1(costs, ballots, budget, utility)
    slow = equal_shares_add1_stepwise(costs, ballots, budget, utility)
    assert (fast.selected, fast.share, fast.cost) == (slow.selected, slow.share, slow.cost)
    assert {pid: fast.payments[pid] for pid in fast.selected} == {
        pid: slow.payments[pid] for pid in slow.selected
    }


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_subnormal=False)


@settings(max_examples=2000, deadline=None)
@given(st.integers(1, 10**6), finite, finite)
def test_steps_taken_where_the_chord_is_positive_are_exactly_those(steps, at_a, at_b):
    # Where a rival's bound less the winner's line is positive at a but not at the upper end,
    # the steps taken are those where the chord between the two is still positive, worked out
    # exactly here; floating point may give up a step or so, never take one too many.
    taken = chord_positive(steps, at_a, at_b)
    assert 0 <= taken <= steps

    def chord(k):
        return Fraction(at_a) + (Fraction(at_b) - Fraction(at_a)) * k / steps

    if taken:
        assert chord(0) > 0 and chord(taken) > 0
    if at_a > 0 and taken < steps:
        assert chord(taken + 2) <= 0 or taken + 2 > steps


@pytest.mark.parametrize("classes_from", [0, 10**9])
def test_a_run_is_read_one_group_a_class(classes_from):
    # Groups alike hold the same exact money, so vouching reads one group a class, unchecked;
    # a bounded run holds them identical too, whether its purse keeps money per class or per
    # group, and reading one a class (`Paid.at`) reads what spelling a purchase out does.
    costs = {"a": 100, "b": 140, "c": 10_000, "d": 10_000}
    ballots = [{"a": 1, "c": 1}] + [{"a": 1, "d": 1}] * 2 + [{"b": 1}] * 4
    electorate = _prepare(costs, ballots, "cost", DEFAULT_TIE_BREAK, group=True)
    bounded = prepare_intervals(electorate)
    with patch.object(purse, "_CLASSES_FROM", classes_from):
        course = completion._course(electorate, bounded, Fraction(60))
    assert course.trace is not None and course.order == (1, 0)
    with patch.object(alike, "_GROUPED_FROM", 0):
        rounds = alike.Rounds(bounded, course.order, 0)
    # "a" is bought second, by two groups that backed no winner before: one class.
    assert len(rounds.at(1).parent) == 1 and len(course.trace.paid[1].rows) == 2
    run = alike.Run(course.trace, rounds)
    for r, paid in enumerate(course.trace.paid):
        found = rounds.at(r)
        money, error = paid.at(found.one)
        assert (run.before(r).money == run.held[0].take(found.parent)).all()
        assert (paid.money == money.take(found.alike)).all()
        assert (paid.error == error.take(found.alike)).all()
