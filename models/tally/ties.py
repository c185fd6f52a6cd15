"""Exact ties in a bounded MES run (models.tally.interval), settled without an exact run.

Two bids (or more) whose current prices overlap stop a bounded run: its intervals cannot tell
which is cheaper, so the caller counts the whole share again exactly, which on a large
election costs about 25 bounded runs (Warszawa 2023 Wola: 22 exact runs, 2.5 of its 4.1 s).
Most such overlaps are exact ties. With cost utilities, a bid whose supporters all pay ρ·u
costs ρ = 1 / (its voters), so two bids with as many voters tie; later in a run, a bid whose
poor supporters hold nothing at all costs ρ = cost / (utility of the rest), the same for every
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
import math
from fractions import Fraction
from typing import TYPE_CHECKING, Final, NamedTuple

import numpy as np

from models.tally import native

if TYPE_CHECKING:
    from models.tally.pricing import _FloatBid
    from models.tally.purse import Purse

_EPS: Final = 2.0**-52

Entry = tuple[float, int, int, int, float]
"""A heap entry of a bounded run: (lowest ρ, tie-break rank, round priced, bid, highest ρ)."""


def exact_price(bid: _FloatBid, purse: Purse) -> Fraction | None:
    """The bid's exact ρ where its supporters surely either hold nothing or can pay ρ·u; else
    None."""
    compiled = native.pricing
    if compiled is not None:  # the same steps in C (models/tally/native.py)
        money, error, index, weight = purse.sources(bid)
        rest = compiled.exact_rest(
            money, error, index, weight, bid.utility, bid.flat_utility, bid.cost,
            bid.total_utility,
        )
        return None if rest is None else Fraction(int(bid.cost), int(rest))
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


class PriceFirst(NamedTuple):
    """What `settled_tie` returns where a bid whose bound is from an earlier round could cost as
    little as the tied ones: price it now (it is off the heap), then look again."""

    entry: Entry


def settled_tie(
    bids: tuple[_FloatBid, ...], purse: Purse, heap: list[Entry], mine: Entry, round_: int
) -> tuple[int, float, float, tuple[Fraction | float, int], Fraction] | PriceFirst | None:
    """The winner of a round where `mine` (taken off the heap) and the heap's first entry are
    both priced this round and overlap, if their prices are exact; else None.

    Bids tie in threes and more (Toulouse 2022: 199 bids of few voters each, so many with as
    many voters). While the next bid on the heap could cost as little as the cheapest tied one
    (its bound is not above that exact ρ, or equal with a later tie-break rank), it joins the
    tie if it was priced this round and has an exact price, the round is left to the exact
    run if it has none, and a bid with an older bound is handed back to be priced first
    (`PriceFirst`). The tie-break decides among the exact prices, as in the exact run.

    Returns the winner's (bid, lowest, highest, a lower bound on every other bid's ρ, its
    exact ρ); every other tied bid goes back on the heap (and so do the bids looked at, but
    `mine`, when None or `PriceFirst` is returned).
    """
    other = heap[0]
    if other[2] != round_ or mine[2] != round_:
        return None
    tied: list[tuple[Fraction, Entry]] = []
    for entry in (mine, other):
        price = exact_price(bids[entry[3]], purse)
        if price is None:
            return None
        tied.append((price, entry))
    heapq.heappop(heap)  # `other`
    while True:
        exact, winner = min(tied, key=lambda found: (found[0], found[1][1]))
        if not heap or (exact, winner[1]) < (heap[0][0], heap[0][1]):
            break  # every bid left is surely dearer (or as dear and later in the tie-break)
        price = exact_price(bids[heap[0][3]], purse) if heap[0][2] == round_ else None
        if price is None:
            stale = heapq.heappop(heap) if heap[0][2] != round_ else None
            for _, entry in tied[1:]:
                heapq.heappush(heap, entry)
            return None if stale is None else PriceFirst(stale)
        tied.append((price, heapq.heappop(heap)))
    # A lower bound on every other bid's ρ: the tied ones' exact prices, and the least bound
    # of the rest (taken before the tied go back, whose own bounds are looser than their
    # prices).
    rival: tuple[Fraction | float, int] = (heap[0][0], heap[0][1]) if heap else (math.inf, 0)
    for price, entry in tied:
        if entry is not winner:
            heapq.heappush(heap, entry)
            rival = min(rival, (price, entry[1]))
    return winner[3], winner[0], winner[4], rival, exact
