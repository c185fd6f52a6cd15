"""Completing Equal Shares: add1, and add1 followed by funding down the ranking."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction

from models.pabulib import Amount
from models.tally.alike import KeptRuns
from models.tally.interval import (
    Course,
    IntervalElectorate,
    interval_course,
    prepare_intervals,
)
from models.tally.mes import (
    _Electorate,
    _mes_result,
    _no_ballots,
    _prepare,
    _Record,
    _run_equal_shares,
)
from models.tally.outcome import DEFAULT_TIE_BREAK, Policy, Result, TieBreak, Utility
from models.tally.ranking import ballot_support, fund_down_ranking
from models.tally.vouch import predicted_change, vouched_steps

_GUESS_FROM = 4
"""Over at most this many steps, the search bisects rather than guesses where the course
changes (a guess costs about as much as a run)."""
_FINE_FROM = 2
"""Over at most this many steps, runs vouch only if they vouch without comparing prices at
the same share (which costs about as much as two runs)."""


def _course(
    electorate: _Electorate,
    bounded: IntervalElectorate,
    share: Fraction,
    tight: bool = False,
    guide: Course | None = None,
    below: Course | None = None,
) -> Course:
    """The course of the MES run at `share`: bounded, or exact where the bounds are unsure.

    `guide`, a run at a larger share, lets the bounded run skip pricing rivals in the rounds
    where the guide's bounds already prove the winner (see models.tally.interval).
    """
    found = interval_course(bounded, share, tight, guide, below, traced=True)
    if found is not None:
        return found
    record: _Record = []
    order = _run_equal_shares(electorate, share, record).order
    if not record:
        return Course(tuple(order), (), ())
    highest, rivals = zip(*record, strict=True)
    return Course(tuple(order), tuple(highest), tuple(rivals))


def _last_fitting_share(
    electorate: _Electorate, base: Fraction, steps: int, budget: Amount
) -> Fraction:
    """add1's share: the last of base, base + 1, ..., base + steps whose MES result fits.

    Raising stops at the first step that does not fit. Runs are bounded ones
    (models.tally.interval), exact where the bounds are unsure. From the last step known to fit,
    the search leaps ahead and runs MES there: if that run and the last one taken vouch for
    every step in between (`Course.vouches_between`, or else comparing prices at the same
    share, models.tally.vouch), all of them fund the same bids, so they fit as the last one
    did; they may vouch for a first part of the stretch only, and those steps are taken.
    Leaps double while they are vouched for. A run that did not vouch is kept above; below it,
    the search guesses where the course changes (`predicted_change`), or bisects, and a single
    step needs no vouching at all. So every step is accounted for, and the answer is the
    stepwise one: guesses only choose where to run next. A run below a kept one is guided by it
    (only the guide's winner is priced in a round where the guide's bounds prove it wins), and
    a run that is to vouch prices its rivals only as far as vouching asks: both save pricing,
    never a decision.
    """
    bounded = prepare_intervals(electorate)

    def course(step: int, below: Course, guide: tuple[int, Course] | None) -> Course:
        """The run at `step`, one step or more above `below`'s.

        More than one step above, it is to vouch for the steps from `below` up to it, so it
        prices its rivals tightly enough for that; `guide` (the nearest run above, if any)
        saves it pricing where its bounds prove the winner.
        """
        tight = below if step > fitting + 1 else None
        return _course(
            electorate,
            bounded,
            base + step,
            tight is not None,
            None if guide is None else guide[1],
            tight,
        )

    last: list[tuple[Course, Course, int]] = []
    kept = KeptRuns()

    def stretch(lower: tuple[int, Course], upper: tuple[int, Course]) -> int:
        """How many steps above `lower` the two runs vouch for (up to `upper`'s, all of them)."""
        if last and last[0][0] is lower[1] and last[0][1] is upper[1]:
            return last[0][2]  # asked again about the same two runs
        span = upper[0] - lower[0]
        found = span
        if not lower[1].vouches_between(upper[1]):
            # Comparing at the same share costs about two runs: over a few steps, bisecting
            # is as cheap.
            if span > _FINE_FROM:
                found = vouched_steps(bounded, lower[1], upper[1], span, kept)
            else:
                found = 0
            if found == span - 1:
                found = span  # the last step is the upper run's own: its course is known
        last[:] = [(lower[1], upper[1], found)]
        return found

    def fits(course: Course) -> bool:
        return sum((electorate.bids[i].cost for i in course.order), 0) <= budget

    # `here` is the last run taken, at `here[0]` steps; every step up to `fitting` (at least
    # here[0]) fits: a run there, or vouched for by `here` and a later run. `above` holds the
    # later runs that did not vouch for the steps up to them, nearest last.
    fitting, leap = 0, 1
    here: tuple[int, Course] = (0, _course(electorate, bounded, base))
    above: list[tuple[int, Course]] = []
    guesses = 0  # how many times the search guessed where the course changes since `here`
    while fitting < steps:
        if not above:
            target = min(fitting + leap, steps)
            there = (target, course(target, here[1], None))
        else:
            ahead = above[-1]
            vouched = here[0] + stretch(here, ahead)
            if vouched >= ahead[0]:
                there = ahead  # from here on, the run up there vouches after all
            elif max(fitting, vouched) > here[0] and ahead[1].order == here[1].order:
                # The course holds further than the runs could vouch for from so far below:
                # run where they could, closer to the run above, and vouch from there.
                fitting = max(fitting, vouched)
                there = (fitting, course(fitting, here[1], ahead))
            else:
                fitting = max(fitting, vouched)
                # Where the course changes, guessed from the prices where the two runs part
                # (a guess: only what runs vouch for is taken); bisect where no guess is made
                # or the last few guesses below this run did not find it.
                guess = None
                if guesses < 3 and ahead[0] - fitting > _GUESS_FROM:
                    guess = predicted_change(
                        bounded, here[1], ahead[1], ahead[0] - here[0], kept
                    )
                if guess is None or here[0] + guess < fitting:
                    target = fitting + max(1, (ahead[0] - fitting) // 2)
                else:
                    target, guesses = max(fitting + 1, here[0] + guess), guesses + 1
                there = ahead if target == ahead[0] else (target, course(target, here[1], ahead))
        if there[0] > fitting + 1 and (not above or there is not above[-1]):
            vouched = here[0] + stretch(here, there)
            if vouched < there[0]:
                fitting = max(fitting, vouched)
                above.append(there)
                continue
        if not fits(there[1]):
            return base + fitting
        # After a single step that changed the course, the next is likely to change it too.
        steady = there[0] > fitting + 1 or here[1].order == there[1].order
        leap = 2 * (there[0] - here[0]) if steady else 1
        fitting, here, guesses = there[0], there, 0
        while above and above[-1][0] <= fitting:
            above.pop()
    return base + fitting


def _last_fitting_share_stepwise(
    electorate: _Electorate, base: Fraction, steps: int, budget: Amount
) -> Fraction:
    """add1's share by the definition: run MES at base + 1, base + 2, ... until one overspends."""
    fitting = 0
    for step in range(1, steps + 1):
        if _run_equal_shares(electorate, base + step).cost(electorate.bids) > budget:
            break
        fitting = step
    return base + fitting


def equal_shares_add1(
    projects: Mapping[str, Amount],
    ballots: Sequence[Mapping[str, Amount]],
    budget: Amount,
    utility: Utility = "cost",
    tie_break: TieBreak = DEFAULT_TIE_BREAK,
) -> Result:
    """MES completed by "add1", the completion used in real elections (Assen, Świecie).

    MES usually leaves money unspent, so each voter's share is raised by one currency unit at a
    time (the virtual pot grows by n per step) and MES rerun from scratch; the result kept is
    the last one whose cost fits the real budget, and raising stops at the first that does not.
    It does not stop earlier when a result uses up the budget: that is pabutools'
    ``exhaustion_by_budget_increase(..., exhaustive_stop=False, budget_step=n)``, the official
    add1 (its shortcut ``voter_budget_increment=1`` stops at the first exhaustive result and
    gets Wieliczka 2023 wrong). Like pabutools, the virtual pot never exceeds budget·(n+1).

    If every supported bid together fits the budget, no run can exceed it, so the answer is the
    run at that ceiling; it is computed directly instead of stepping up to it. Otherwise
    `_last_fitting_share` steps up, leaping over stretches of steps that provably fund the same
    bids, with runs in floating point whose bounds prove each decision (exact runs where they
    cannot), and the result is one ordinary exact MES run at the share it finds.
    `equal_shares_add1_stepwise` is the same count by the definition, kept to test this one
    against.
    """
    return _add1(projects, ballots, budget, utility, tie_break, _last_fitting_share)


def equal_shares_add1_stepwise(
    projects: Mapping[str, Amount],
    ballots: Sequence[Mapping[str, Amount]],
    budget: Amount,
    utility: Utility = "cost",
    tie_break: TieBreak = DEFAULT_TIE_BREAK,
) -> Result:
    """`equal_shares_add1` by its definition: one full MES run per step, nothing skipped.

    Far too slow for large elections (Warszawa 2021 Bielany needs 161 exact runs, Budapest
    2024 over 23,000), it is kept as the oracle the fast completion is tested and measured against.
    """
    return _add1(projects, ballots, budget, utility, tie_break, _last_fitting_share_stepwise)


def _add1(
    projects: Mapping[str, Amount],
    ballots: Sequence[Mapping[str, Amount]],
    budget: Amount,
    utility: Utility,
    tie_break: TieBreak,
    last_fitting_share: Callable[[_Electorate, Fraction, int, Amount], Fraction],
) -> Result:
    if not ballots:
        return _no_ballots("mes-add1", projects, budget)
    electorate = _prepare(projects, ballots, utility, tie_break, group=True)
    base = Fraction(budget) / electorate.voters
    steps = math.floor(budget)
    supported_cost = sum((bid.cost for bid in electorate.bids if bid.supported), 0)
    if supported_cost <= budget:
        share = base + steps
    else:
        share = last_fitting_share(electorate, base, steps, budget)
    run = _run_equal_shares(electorate, share)
    return _mes_result("mes-add1", electorate, budget, share, run)


def equal_shares_add1_greedy(
    projects: Mapping[str, Amount],
    ballots: Sequence[Mapping[str, Amount]],
    budget: Amount,
    utility: Utility = "cost",
    policy: Policy = "skip",
    tie_break: TieBreak = DEFAULT_TIE_BREAK,
) -> Result:
    """`equal_shares_add1`, then fund down the ranking (by support) with the real money left.

    pabutools' equivalent is `completion_by_rule_combination` of the official add1 and
    `greedy_utilitarian_welfare` with cost satisfaction, which for approval ballots ranks by
    number of supporters, as here.
    """
    shares = equal_shares_add1(projects, ballots, budget, utility, tie_break)
    rest = {pid: cost for pid, cost in projects.items() if pid not in shares.selected}
    support = ballot_support(projects, ballots)
    fill = fund_down_ranking(rest, support, budget - shares.cost, policy, tie_break)
    offset = len(shares.selected)
    outcomes = {}
    for pid, outcome in shares.bids.items():
        if pid in fill.bids:
            later = fill.bids[pid]
            outcome = replace(
                later,
                stage="completion",
                position=None if later.position is None else later.position + offset,
                supporters_left=outcome.supporters_left,
            )
        outcomes[pid] = outcome
    return replace(
        shares,
        rule="mes-add1-greedy",
        selected=shares.selected + fill.selected,
        bids=outcomes,
    )
