"""Vouching for a stretch of add1's steps by comparing prices at the same share.

Two bounded runs at shares a < b that fund the same bids in the same order vouch for every
share in between when, in every round, the winner's highest ρ at a is below every other bid's
lowest at b (`Course.vouches_between`). That coarse check compares prices at different
shares, so the drift of the share itself eats the winner's margin: on Budapest 2024 it covers
about 9 steps a run. Where it fails, `vouches_finely` compares the two at the same share s,
for every s in [a, b] at once, in the rounds where the coarse check fails.

Why it holds (d = b − a; money before a round, along the course both runs follow):

- At s, every group holds at least what it held at a, plus s − a if at a it paid ρ·u (not all
  it had) in every round so far: prices at s are at most those at a, so it pays at most what
  it paid at a, and it started with s − a more. Call that lower bound L(s); it is affine in s.
- At s, every group holds at most max(0, m_b − (b − s)), m_b its money at b (by induction over
  the rounds: at s it pays at least what it pays at b, and it started with b − s less). Call
  that U(s); it is convex in s.
- The winner: for an affine ρ(s), Σ min(L(s), ρ(s)·u) is concave in s (a sum of minimums of
  affine functions), so if it covers the cost at s = a and at s = b it covers it throughout,
  and ρ(s) is above the winner's ρ at every s. So the line through an upper bound at a (the
  run's own) and one at b on the money L(b) bounds the winner's ρ from above.
- A rival: any split S of its supporters gives ρ ≥ (cost − Σ_S U(s)) / (utility of the rest),
  which is concave in s. Concave minus affine is concave: if a rival's bound is above the
  winner's line at a and at b, it is above it throughout.

Money and error bounds come from the runs' `Trace`s; every sum is rounded the safe way, as in
models.tally.interval. An exact run (where a bounded one was unsure) has no trace, and then
only the coarse check is made.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Final

import numpy as np

from models.tally.interval import Course, IntervalElectorate, Trace, _dot_unthreaded, _FloatBid

_EPS: Final = 2.0**-52
_BLAS_ALONE: Final = 8192
_MOST_SPLITS: Final = 64


def vouches_finely(prepared: IntervalElectorate, lower: Course, upper: Course, steps: int) -> bool:
    """Whether every share between `lower`'s and `upper`'s (`steps` units above) runs their
    course, shown round by round at the same share where the coarse check is not enough."""
    if lower.order != upper.order or lower.trace is None or upper.trace is None:
        return False
    failing = [
        r
        for r, (rival, highest) in enumerate(zip(upper.rivals, lower.highest, strict=True))
        if not rival > highest
    ]
    if not failing:
        return True
    if any(isinstance(h[0], Fraction) for h in lower.highest):
        return False
    d = float(steps)
    below, above = _Replay(lower.trace), _Replay(upper.trace)
    free = len(lower.order) - len(lower.highest)
    for r in failing:
        below.advance(r)
        above.advance(r)
        winner = prepared.bids[lower.order[free + r]]
        highest_a, rank = lower.highest[r]
        assert isinstance(highest_a, float)
        least = below.least(winner, d)
        highest_b = _covering_price(winner, least)
        if highest_b is None:
            return False
        proven = upper.trace.proven[r]
        for lowest, other_rank, _, index, _ in upper.trace.others[r]:
            bound = (lowest, other_rank)
            if proven is not None:
                bound = max(bound, proven)
            if bound > (highest_a, rank):
                continue
            rival = prepared.bids[index]
            found = above.rival_bounds(rival, d)
            if found is None:
                return False
            at_a, at_b = found
            if not (
                _beats(at_a, other_rank, highest_a, rank)
                and _beats(at_b, other_rank, highest_b, rank)
            ):
                return False
    return True


def _beats(rival: float, rival_rank: int, winner: float, winner_rank: int) -> bool:
    return rival > winner or (rival >= winner and winner_rank < rival_rank)


class _Replay:
    """A traced run's money and error bounds, rebuilt round by round from its start."""

    def __init__(self, trace: Trace) -> None:
        self.trace = trace
        self.money = np.full(trace.groups, trace.share)
        self.error = np.full(trace.groups, trace.share * _EPS)
        self.rich = np.ones(trace.groups, dtype=bool)
        self.round = 0

    def advance(self, round_: int) -> None:
        """Apply the purchases before round `round_`."""
        while self.round < round_:
            paid = self.trace.paid[self.round]
            self.money[paid.rows] = paid.money
            self.error[paid.rows] = paid.error
            self.rich[paid.rows] &= paid.rich
            self.round += 1

    def least(self, bid: _FloatBid, d: float) -> np.ndarray:
        """A lower bound on what each of `bid`'s supporters holds at this run's share + d."""
        rows = bid.supporters
        least = np.maximum(self.money[rows] - self.error[rows], 0.0)
        return least + d * self.rich[rows]

    def rival_bounds(self, bid: _FloatBid, d: float) -> tuple[float, float] | None:
        """Lower bounds on `bid`'s ρ at this run's share − d and at its share, from one split.

        None where the split finds no rich supporter (nothing is shown then).
        """
        rows = bid.supporters
        most_b = self.money[rows] + self.error[rows]
        most_a = np.maximum(most_b - d, 0.0) + 4 * _EPS * most_b
        most_b = most_b * (1 + 2 * _EPS)
        weight, utility, cost, slack = bid.weight, bid.utility, bid.cost, bid.slack
        dot = np.dot if len(rows) <= _BLAS_ALONE else _dot_unthreaded
        flat = bid.flat_utility
        rho, count, used, poor_weight = cost / bid.total_utility, -1, 0.0, weight * 0.0
        for _ in range(_MOST_SPLITS):
            poor = most_a < (rho * flat if flat else rho * utility)
            now = int(np.count_nonzero(poor))
            if now == count:
                break
            count = now
            poor_weight = weight * poor
            paid = float(dot(poor_weight, most_a)) * (1 + slack)
            used = float(poor_weight.sum()) * flat if flat else float(dot(poor_weight, utility))
            if used >= bid.total_utility:
                return None
            rho = (cost - paid) / (bid.total_utility - used)
        else:
            return None
        rest = bid.total_utility - used
        bounds = []
        for most in (most_a, most_b):
            paid = float(dot(poor_weight, most)) * (1 + slack) if count else 0.0
            bounds.append((cost - paid) / rest * (1 - 4 * _EPS) if cost > paid else -math.inf)
        return bounds[0], bounds[1]


def _covering_price(bid: _FloatBid, least: np.ndarray) -> float | None:
    """A ρ at which supporters holding at least `least` surely cover the cost (None: unsure)."""
    weight, utility, cost, slack = bid.weight, bid.utility, bid.cost, bid.slack
    dot = np.dot if len(least) <= _BLAS_ALONE else _dot_unthreaded
    flat = bid.flat_utility
    rho, count = cost / bid.total_utility, -1
    for _ in range(_MOST_SPLITS):
        poor = least < (rho * flat if flat else rho * utility)
        now = int(np.count_nonzero(poor))
        if now == count:
            break
        count = now
        poor_weight = weight * poor
        paid = float(dot(poor_weight, least))
        used = float(poor_weight.sum()) * flat if flat else float(dot(poor_weight, utility))
        if used >= bid.total_utility:
            return None
        rho = (cost - paid) / (bid.total_utility - used)
    else:
        return None
    highest = rho * (1 + 4 * slack + 1e-13)
    for _ in range(2):
        charge = highest * flat if flat else highest * utility
        covered = float(dot(weight, np.minimum(least, charge)))
        if covered * (1 - slack - 16 * _EPS) >= cost:
            return highest
        highest *= 1 + 1e-9
    return None
