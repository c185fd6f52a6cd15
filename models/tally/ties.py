"""Exact ties in a bounded MES run (models.tally.interval), settled without an exact run.

Two bids whose current prices overlap stop a bounded run: its intervals cannot tell which is
cheaper, so the caller counts the whole share again exactly, which on a large election costs
about 25 bounded runs (Warszawa 2023 Wola: 22 exact runs, 2.5 of its 4.1 s). Most such
overlaps are exact ties. With cost utilities, a bid whose supporters all pay ρ·u costs
ρ = 1 / (its voters), so two bids with as many voters tie; later in a run, a bid whose poor
supporters hold nothing at all costs ρ = cost / (utility of the rest), the same for every
bid with as many voters left. The tie-break then decides, as in an exact run.

Why this is exact: a group the purse holds at exactly 0 with error bound 0 (models.tally.purse
gives that to a group that surely could not pay) holds exactly nothing. If every other
supporter surely holds at least ρ*·u, for ρ* = cost / (total utility − utility of those who
hold nothing), then Σ min(m, ρ*·u) = ρ*·(utility of the rest) = cost, and at any smaller ρ
the sum is smaller: ρ* is the exact price, a fraction of whole numbers (costs and utilities
are whole numbers below 2⁵⁰, models.tally.interval). Any other overlap is left to the exact
run, as before.
"""

from __future__ import annotations

import heapq
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import numpy as np

if TYPE_CHECKING:
    from models.tally.interval import _FloatBid
    from models.tally.purse import Purse

_EPS: Final = 2.0**-52

Entry = tuple[float, int, int, int, float]
"""A heap entry of a bounded run: (lowest ρ, tie-break rank, round priced, bid, highest ρ)."""


def exact_price(bid: _FloatBid, purse: Purse) -> Fraction | None:
    """The bid's exact ρ where its supporters surely either hold nothing or can pay ρ·u; else
    None."""
    held, off, weight, _ = purse.holding(bid)
    broke = (held == 0.0) & (off == 0.0)
    if bid.flat_utility:
        used = float(np.dot(broke, weight)) * bid.flat_utility
    else:
        if len(weight) != len(bid.utility):  # per class (flat utilities only): not expected
            return None
        used = float(np.dot(broke, bid.weighted_utility))
    rest = bid.total_utility - used  # whole numbers below 2**50: exact
    if rest <= 0:
        return None
    rho = Fraction(int(bid.cost), int(rest))
    # Every other supporter surely holds at least ρ·u (rounding covered on both sides).
    charge = float(rho) * (1 + 4 * _EPS)
    charge = charge * bid.flat_utility if bid.flat_utility else charge * bid.utility
    least = (held - off) * (1 - 4 * _EPS)
    if not bool(np.all(broke | (least >= charge))):
        return None
    return rho


def settled_tie(
    bids: tuple[_FloatBid, ...], purse: Purse, heap: list[Entry], mine: Entry, round_: int
) -> tuple[int, float, float, tuple[Fraction | float, int], Fraction] | None:
    """The winner of a round where `mine` (taken off the heap) and the heap's first entry are
    both priced this round and overlap, if both prices are exact and every other bid left is
    surely dearer than the cheaper one (the tie-break deciding an exact tie); else None.

    Returns the winner's (bid, lowest, highest, a lower bound on every other bid's ρ, its
    exact ρ); the other of the two goes back on the heap.
    """
    other = heap[0]
    if other[2] != round_ or mine[2] != round_:
        return None
    prices = [exact_price(bids[entry[3]], purse) for entry in (mine, other)]
    if prices[0] is None or prices[1] is None:
        return None
    if (prices[0], mine[1]) < (prices[1], other[1]):
        (winner, exact), (loser, beaten) = (mine, prices[0]), (other, prices[1])
    else:
        (winner, exact), (loser, beaten) = (other, prices[1]), (mine, prices[0])
    heapq.heappop(heap)  # `other`
    rival: tuple[Fraction | float, int] = (beaten, loser[1])
    if heap:
        lowest, rank = heap[0][0], heap[0][1]
        # The rest must be surely dearer than the winner, as in the lazy greedy.
        if not (winner[4] < lowest or (winner[4] <= lowest and winner[1] < rank)):
            heapq.heappush(heap, other)
            return None
        rival = min(rival, (lowest, rank))
    heapq.heappush(heap, loser)
    return winner[3], winner[0], winner[4], rival, exact
