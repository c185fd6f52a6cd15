"""Completing Equal Shares: add1, and add1 followed by funding down the ranking."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Final

import numpy as np

from models.pabulib import Amount
from models.tally.mes import (
    _Bid,
    _Electorate,
    _first_bound,
    _mes_result,
    _no_ballots,
    _objects,
    _Pairs,
    _pairs,
    _pay,
    _prepare,
    _price,
    _Run,
    _run_equal_shares,
)
from models.tally.outcome import DEFAULT_TIE_BREAK, Policy, Result, TieBreak, Utility
from models.tally.ranking import ballot_support, fund_down_ranking

_SweepEntry = tuple[float, Fraction, int, int, int, Fraction]
"""A _HeapEntry followed by how fast its ρ (or bound on ρ) moves as the share rises."""


@dataclass(frozen=True)
class _Checkpoint:
    """A sweep's state before one of its rounds: enough to rerun from there at a later step.

    `holds_below` is the first add1 step at which a decision taken before this round may go
    otherwise (None: none can).
    """

    step: int
    denominator: int
    money_class: np.ndarray
    money: np.ndarray
    slope_denominator: int
    slope: np.ndarray
    purchases: int
    heap: list[_SweepEntry]
    holds_below: int | None


class _Sweep:
    """MES at add1's successive shares, rerunning only the rounds that may turn out otherwise.

    add1 reruns MES with the share raised by 1 per step, and most of those runs decide exactly
    as the one before (Assen: 845 runs, 38 different courses). Along a fixed course of
    decisions every voter's money is an affine function of the share: starting at the share,
    each payment of ρ·u subtracts an affine amount, since ρ = (cost − money of those paying all
    they have) / (utility of the rest) is affine too. So, next to each money class, the sweep
    keeps its slope (d money / d share), and for each decision the step up to which it
    provably stands:

    - the winner's payers: those paying all they have (money < ρ·u) and those paying ρ·u stay
      so (one linear inequality per money class);
    - the winner beats every other bid: its ρ stays below a lower bound on theirs. A bid's
      last computed ρ is one (spending only raises prices), and so is, as the share moves,
      the same formula with the same split of its supporters into "pay all" and "pay ρ·u":
      whatever the split, (cost − their money) / (utility of the rest) ≤ the true ρ;
    - a bid found unaffordable stays so: its supporters' money stays below its cost.

    Before each round the sweep keeps a checkpoint. To go to a later step it restarts from the
    last checkpoint whose decisions still stand there, moving the money along its slopes, and
    reruns the rounds after it (Assen: 133 rounds instead of 6,947). Everything is exact.
    """

    def __init__(self, electorate: _Electorate, base: Fraction) -> None:
        self.electorate = electorate
        self.base = base
        self.step = 0
        self.holds_below: int | None = None
        denominator = math.lcm(base.denominator, electorate.cost_denominator)
        start = _objects([int(base * denominator)])
        self.run = _Run(denominator, np.zeros(len(electorate.weight), dtype=np.intp), start)
        self.slope_denominator, self.slope = 1, _objects([1])  # money rises with the share
        self.heap: list[_SweepEntry] = []  # empty while the free bids are funded
        self.checkpoints: list[_Checkpoint] = []
        for bid in sorted(electorate.bids, key=lambda b: b.tie_rank):
            if bid.supported and bid.cost == 0:
                pairs = _pairs(bid, self.run)
                nobody = [False] * len(pairs.weight)
                self._fund(bid, Fraction(0), Fraction(0), pairs, nobody)
        entries = [_first_bound(bid, base, len(self.run.order)) for bid in electorate.bids]
        self.heap = [(*entry, Fraction(0)) for entry in entries if entry is not None]
        heapq.heapify(self.heap)
        self._rounds()

    @property
    def cost(self) -> Amount:
        return self.run.cost(self.electorate.bids)

    def go_to(self, step: int) -> None:
        """Rerun at add1 step `step` (a later one), from the last checkpoint that stands."""
        last = max(
            k
            for k, checkpoint in enumerate(self.checkpoints)
            if checkpoint.holds_below is None or checkpoint.holds_below > step
        )
        checkpoint = self.checkpoints[last]
        del self.checkpoints[last + 1 :]
        rise = step - checkpoint.step
        run = self.run
        run.denominator = math.lcm(checkpoint.denominator, checkpoint.slope_denominator)
        run.money = checkpoint.money * (run.denominator // checkpoint.denominator)
        run.money += checkpoint.slope * (rise * run.denominator // checkpoint.slope_denominator)
        run.money_class = checkpoint.money_class.copy()
        del run.order[checkpoint.purchases :]
        self.slope_denominator, self.slope = checkpoint.slope_denominator, checkpoint.slope
        self.step, self.holds_below = step, checkpoint.holds_below
        # Past prices and bounds, moved along their slopes, are still bounds; none is known to
        # be the exact price any more, so each is priced again before it can win.
        self.heap = []
        for _, bound, rank, _, index, slope in checkpoint.heap:
            moved = bound + slope * rise if slope else bound
            self.heap.append((float(moved), moved, rank, -1, index, slope))
        heapq.heapify(self.heap)
        self._rounds(checkpoint_first=False)

    def _rounds(self, checkpoint_first: bool = True) -> None:
        """The lazy-greedy loop of _run_equal_shares, with slopes, limits and checkpoints."""
        if checkpoint_first:
            self._checkpoint()
        # each bid's pairs and which of them are poor, from its latest pricing, for paying
        priced: dict[int, tuple[_Pairs, list[bool]]] = {}
        bids = self.electorate.bids
        while self.heap:
            _, bound, rank, priced_after, index, slope = heapq.heappop(self.heap)
            bid = bids[index]
            if priced_after == len(self.run.order):
                if index in priced:
                    pairs, poor = priced.pop(index)
                else:  # priced by its first bound, which every supporter can pay
                    pairs = _pairs(bid, self.run)
                    poor = [False] * len(pairs.weight)
                self._fund(bid, bound, slope, pairs, poor)
                self._checkpoint()
                continue
            pairs = _pairs(bid, self.run)
            found = _price(bid, self.run, pairs)
            if found is None:
                self._stays_unaffordable(bid, pairs)
                continue
            rho = found[0]
            poor, rising = self._split(rho, pairs)
            priced[index] = pairs, poor
            heapq.heappush(self.heap, (float(rho), rho, rank, len(self.run.order), index, rising))

    def _checkpoint(self) -> None:
        run = self.run
        self.checkpoints.append(
            _Checkpoint(
                self.step,
                run.denominator,
                run.money_class.copy(),
                run.money,
                self.slope_denominator,
                self.slope,
                len(run.order),
                list(self.heap),
                self.holds_below,
            )
        )

    def _limit(self, distance: Fraction) -> None:
        """A decision stands for shares from the current one to below it + `distance` (≥ 0).

        It stands at the current step whatever the distance: that is where it was taken.
        """
        first_step_beyond = self.step + max(1, -(-distance.numerator // distance.denominator))
        if self.holds_below is None or first_step_beyond < self.holds_below:
            self.holds_below = first_step_beyond

    def _split(self, rho: Fraction, pairs: _Pairs) -> tuple[list[bool], Fraction]:
        """Which pairs cannot pay ρ·u (so pay all they have), and how fast ρ moves.

        While the same pairs pay all they have, ρ' = −(the rise of their money) / (the utility
        of the rest): their money pays more of the cost as the share rises.
        """
        money = self.run.money[pairs.money_class].tolist()
        slope = self.slope[pairs.money_class].tolist()
        weight, utility = pairs.weight, pairs.utility
        threshold = rho.numerator * self.run.denominator
        poor = [m * rho.denominator < threshold * u for m, u in zip(money, utility, strict=True)]
        rising_money = sum(w * s for w, s, p in zip(weight, slope, poor, strict=True) if p)
        utility_of_rich = sum(w * u for w, u, p in zip(weight, utility, poor, strict=True) if not p)
        return poor, Fraction(-rising_money, self.slope_denominator * utility_of_rich)

    def _stays_unaffordable(self, bid: _Bid, pairs: _Pairs) -> None:
        money = self.run.money[pairs.money_class].tolist()
        slope = self.slope[pairs.money_class].tolist()
        short = int(bid.cost * self.run.denominator) - sum(
            w * m for w, m in zip(pairs.weight, money, strict=True)
        )
        rising = sum(w * s for w, s in zip(pairs.weight, slope, strict=True))
        if rising > 0:
            self._limit(Fraction(short * self.slope_denominator, rising * self.run.denominator))

    def _fund(
        self, bid: _Bid, rho: Fraction, rho_slope: Fraction, pairs: _Pairs, poor: list[bool]
    ) -> None:
        """Fund the bid, after noting how far its winning and its payers stand."""
        for _, bound, _, _, _, slope in self.heap:
            if slope < rho_slope:  # the winner's price gains on this bid's bound
                self._limit((bound - rho) / (rho_slope - slope))
        self._payers_stand(rho, rho_slope, pairs, poor)
        slope = self.slope[pairs.money_class].tolist()
        _pay(bid, self.run, rho, pairs)
        # The new classes follow the old ones' order (see _pay): give them their slopes.
        denominator = math.lcm(self.slope_denominator, rho_slope.denominator)
        scale = denominator // self.slope_denominator
        rising = rho_slope.numerator * (denominator // rho_slope.denominator)
        new = [
            0 if p else s * scale - rising * u
            for s, u, p in zip(slope, pairs.utility, poor, strict=True)
        ]
        self.slope = np.concatenate([self.slope * scale, _objects(new)])
        self.slope_denominator = denominator

    def _payers_stand(
        self, rho: Fraction, rho_slope: Fraction, pairs: _Pairs, poor: list[bool]
    ) -> None:
        """Limit by the first share at which a payer would switch between "all" and "ρ·u".

        For each pair the margin m − ρ·u (rich) or ρ·u − m (poor) is ≥ 0 now and moves at
        a fixed rate; the first to reach 0, if any, ends this decision. Kept in integers:
        margin·D·ρ_den and rate·E·ρ'_den, compared by cross-multiplying.
        """
        run = self.run
        price = rho.numerator * run.denominator
        price_rise = rho_slope.numerator * self.slope_denominator
        first = None
        for m, s, u, p in zip(
            run.money[pairs.money_class].tolist(),
            self.slope[pairs.money_class].tolist(),
            pairs.utility,
            poor,
            strict=True,
        ):
            margin = m * rho.denominator - price * u
            rate = s * rho_slope.denominator - price_rise * u
            if p:
                margin, rate = -margin, -rate
            if rate < 0 and (first is None or margin * -first[1] < first[0] * -rate):
                first = (margin, rate)
        if first is not None:
            margin, rate = first
            self._limit(
                Fraction(
                    margin * self.slope_denominator * rho_slope.denominator,
                    -rate * run.denominator * rho.denominator,
                )
            )


IDLE_STOPS: Final = 3
"""Sweep stops in a row that skipped no step, after which plain runs take over for a while."""
PLAIN_STEPS: Final = 8
"""How many steps are then run plainly before the sweep starts afresh."""
MOST_PLAIN_STEPS: Final = 64
"""The longest stretch of plain runs (stretches double while fresh sweeps skip nothing)."""


def _last_fitting_share(
    electorate: _Electorate, base: Fraction, steps: int, budget: Amount
) -> Fraction:
    """add1's share: the last of base, base + 1, ..., base + steps whose MES result fits.

    Raising stops at the first step that does not fit. Steps whose decisions provably match
    the last run's are skipped: they select the same bids, so they fit or not alike. Where the
    outcome changes at almost every step (Warszawa 2021 Bielany), a sweep rerun costs more
    than a plain MES run and skips nothing, so after IDLE_STOPS such reruns in a row the next
    PLAIN_STEPS steps are run plainly and a new sweep starts from there; while the new sweeps
    skip nothing either, the stretches double (up to MOST_PLAIN_STEPS). Either way every step
    is accounted for, so the answer is the stepwise one.
    """
    origin, sweep = 0, _Sweep(electorate, base)  # the sweep's step 0 is add1's step `origin`
    fitting, idle, skipped, stretch = 0, 0, False, PLAIN_STEPS
    while sweep.cost <= budget:
        now = origin + sweep.step
        holds_below = None if sweep.holds_below is None else origin + sweep.holds_below
        fitting = steps if holds_below is None else min(holds_below - 1, steps)
        if fitting == steps:
            break
        idle = idle + 1 if fitting == now else 0
        skipped = skipped or fitting > now
        if idle < IDLE_STOPS:
            sweep.go_to(fitting + 1 - origin)
            continue
        for _ in range(stretch):
            if fitting == steps:
                return base + fitting
            if _run_equal_shares(electorate, base + fitting + 1).cost(electorate.bids) > budget:
                return base + fitting
            fitting += 1
        stretch = PLAIN_STEPS if skipped else min(2 * stretch, MOST_PLAIN_STEPS)
        origin, sweep, idle, skipped = fitting, _Sweep(electorate, base + fitting), 0, False
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
    `_Sweep` steps up, rerunning only the rounds whose decisions may change from one step to
    the next (handing over to plain runs where that skips nothing, see `_last_fitting_share`),
    and the result is one ordinary MES run at the share it finds. `equal_shares_add1_stepwise`
    is the same count by the definition, kept to test this one against.
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

    Far too slow for large elections (Warszawa 2021 Bielany needs 166 runs, Budapest 2024
    thousands), it is kept as the oracle the fast completion is tested and measured against.
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
