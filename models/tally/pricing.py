"""A bid's price in a bounded MES run (models.tally.interval), from its supporters' money.

What a bounded run knows of a bid (`_FloatBid`), and the interval [lowest, highest] that surely
holds its exact ρ given its supporters' money and error bounds (`_priced`: pabutools' split of
the poor from the rest, then a covering check). Why the bounds hold is in models.tally.interval.
Where it was built, the compiled pricing (models.tally.native) takes the same steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Final

import numpy as np

from models.tally import native

_EPS: Final = 2.0**-52
_BLAS_ALONE: Final = 8192
"""Longest vectors `np.dot` is given: OpenBLAS splits a longer dot product over threads, whose
waiting burns as much CPU as the work on a busy machine (and slowed every later numpy call)."""
_MOST_SPLITS: Final = 64
"""How many times `_priced` re-splits the poor from the rest before it gives up (unsure)."""
_UNAFFORDABLE: Final = native.pricing.UNAFFORDABLE if native.pricing else (-1.0, -1.0)
"""What `_priced` returns for a bid whose supporters surely cannot pay for it (told apart by
identity: the compiled pricing returns this very tuple)."""


@dataclass(frozen=True)
class _FloatBid:
    tie_rank: int
    cost: float
    supporters: np.ndarray
    weight: np.ndarray
    utility: np.ndarray
    weighted_utility: np.ndarray
    total_utility: float
    voters: float  # how many voters support it
    top_utility: float
    flat_utility: float  # every supporter's utility, if they are all the same (else 0)
    slack: float  # the relative error bound of a sum over its supporters
    bound: Fraction | None
    bound_is_price_from: Fraction | None
    # The heap's first entry, worked out once: (bound rounded down, up, price_from rounded down,
    # up); None for a bid that never enters the heap.
    start: tuple[float, float, float, float] | None


def _priced(
    bid: _FloatBid,
    held: np.ndarray,
    off: np.ndarray,
    hint: float,
    weight: np.ndarray,
) -> tuple[float, float] | None:
    """(lowest, highest) possible exact ρ, _UNAFFORDABLE if surely unaffordable, None: unsure.

    `held`, `off`: the supporters' money and error bounds, each counted `weight` times (per
    group, or per money class: see models.tally.purse). The split into poor and rich is found
    on the floating-point money (pabutools' loop); any split gives a lower bound, and the
    upper bound is checked, so a wrong split only widens the interval. (The poor are picked by
    0/1 factors rather than selected from the arrays: on a few hundred supporters, numpy's
    selecting costs several times more than its arithmetic.) The compiled pricing
    (models.tally.native) takes the same steps where it was built.
    """
    compiled = native.pricing
    if compiled is not None:
        return compiled.price(
            held, off, None, weight, bid.utility, bid.flat_utility, bid.cost,
            bid.total_utility, bid.slack, hint,
        )
    utility, cost, slack = bid.utility, bid.cost, bid.slack
    dot = np.dot if len(held) <= _BLAS_ALONE else _dot_unthreaded
    total = float(dot(weight, held))
    spread = float(dot(weight, off)) * (1 + slack)  # how far the supporters' total can be off
    if total * (1 + slack) + spread < cost:
        return _UNAFFORDABLE
    if total * (1 - slack) - spread < cost:
        return None
    rho, count = cost / bid.total_utility, 0
    if hint > rho:  # start from an earlier lower bound: fewer rounds of finding the poor
        rho, count = hint, -1
    flat = bid.flat_utility
    split = poor_split(bid, held, rho, count, dot, weight)
    if split is None:
        return None
    rho, count, paid, used, poor_weight = split
    # Only the poor's money enters ρ, so only their errors move it.
    moved = float(dot(poor_weight, off)) * (1 + slack) if count else 0.0
    rest = bid.total_utility - used
    short = cost - paid * (1 + slack) - moved
    lowest = 0.0 if short <= 0 else short / rest * (1 - 2 * _EPS)
    highest = (cost - paid * (1 - slack) + moved) / rest * (1 + 4 * slack + 1e-13)
    least = np.maximum(held - off, 0.0)  # no group can hold less than this
    for _ in range(2):
        charge = highest * flat if flat else highest * utility
        covered = float(dot(weight, np.minimum(least, charge)))
        if covered * (1 - slack - 8 * _EPS) >= cost:
            return lowest, highest
        highest *= 1 + 1e-9
    return None


def poor_split(bid: _FloatBid, held: np.ndarray, rho: float, count: int, dot,
               weight: np.ndarray | None = None
               ) -> tuple[float, int, float, float, np.ndarray] | None:
    """pabutools' loop on floating-point money: the supporters who cannot pay ρ·u pay all they
    hold (the poor), ρ is set again from that split, until the split stops changing. Starts
    from `rho` with `count` poor (-1: none known). (ρ, number of poor, what the poor hold,
    their utility, their weights), or None: the poor alone hold all the utility, or the split
    did not settle. Any split gives bounds; the loop only makes them tighter. `weight`: how
    many times each of `held` counts (default: each supporter's voters). What the poor hold
    and their utility are sums of the same products w·m and w·u as over the poor alone, with
    exact zeros for the rest."""
    if weight is None:
        weight = bid.weight
    utility, cost, flat = bid.utility, bid.cost, bid.flat_utility
    paid, used, chosen = 0.0, 0.0, None
    weighted = None  # each supporter's weight times what it holds, once split
    for _ in range(_MOST_SPLITS):
        poor = held < (rho * flat if flat else rho * utility)
        now = int(np.count_nonzero(poor))
        if now == count:
            break
        count = now
        if weighted is None:
            weighted = weight * held
        # 0/1 times w·h: the same products as (w·[poor])·h, so the same sum
        chosen = poor.astype(np.float64)
        paid = float(dot(chosen, weighted))
        # whole numbers below 2**50: exact
        if flat:
            used = float(dot(chosen, weight)) * flat
        else:
            used = float(dot(chosen, bid.weighted_utility))
        if used >= bid.total_utility:
            return None
        rho = (cost - paid) / (bid.total_utility - used)
    else:
        return None
    return rho, count, paid, used, weight if chosen is None else weight * chosen


def _dot_unthreaded(a: np.ndarray, b: np.ndarray) -> float:
    """a · b without BLAS (any order of summing keeps within the same error bound)."""
    return float(np.add.reduce(a * b))
