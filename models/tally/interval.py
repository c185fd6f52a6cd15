"""One MES run in floating point with a proven error bound, for add1's many runs.

An exact run keeps voters' money as integers over a common denominator that grows past 500 bits
on a large election, which makes it slow (Warszawa 2021 Bielany: about 0.15 s a run, and add1
steps 161 times). add1 only needs each run's course (which bids are funded, in which order),
and a course is decided by comparisons. So this run keeps every ballot group's money in
floating point together with a bound on how far it can be from the exact money, and every
price as an interval [lowest, highest] that surely holds the exact ρ. A decision is taken only
when the bounds prove it: the winner's highest possible ρ is below every other bid's lowest
(or equal, and the winner comes first in the tie-break); a bid is dropped only when its
supporters surely cannot pay for it. Exact ties of two bids or more are settled by the
tie-break (models.tally.ties); where the bounds cannot prove a decision otherwise (a near-tie),
the run gives up and the caller runs MES exactly. So a course this run returns is
always the exact run's course. (The money is kept per money class early in a run, where many
groups hold exactly the same: see models.tally.purse.)

Why the bounds hold (m is a group's exact money, a its floating-point value, |m − a| ≤ e):

- Any split of a bid's supporters into "pay all they have" (set S) and the rest gives a lower
  bound on ρ: cost = Σ min(m, ρ·u) ≤ Σ_S m + ρ·Σ_rest u. Using a + e for m it is still one.
- Any ρ at which Σ min(max(a − e, 0), ρ·u) already covers the cost is an upper bound.
- A payer keeps max(0, m − ρ·u); with ρ within h of the middle of its interval, the group's new
  value is within e + u·h of the exact one (plus rounding). A group that surely cannot pay ρ·u
  keeps exactly nothing, with no error: so errors do not snowball through the poor, whose
  money is what moves ρ.
- Money only ever falls during a run, so a bid's lower bound from an earlier round stays one
  (the lazy greedy of models.tally.mes relies on the same fact).

Rounding is covered generously: a sum of n non-negative products is within (n + 4)·2⁻⁵² of its
value (relative), in any order of summing, a product or a quotient within 2⁻⁵²; a sum over a
bid's supporters has at most as many terms as it has supporters (fewer when taken per class).
Costs and every bid's total utility must be whole numbers below 2⁵⁰, so that they and their
sums are exact in floating point; otherwise `IntervalElectorate.usable` is False and the caller
counts exactly.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Final

import numpy as np

from models.tally import native
from models.tally.mes import _Electorate
from models.tally.pricing import _UNAFFORDABLE, _FloatBid, _priced
from models.tally.purse import ClassMemo, Paid, Purse
from models.tally.ties import Entry, PriceFirst, settled_tie

__all__ = ["Course", "IntervalElectorate", "Paid", "Trace", "interval_course", "prepare_intervals"]

_EPS: Final = 2.0**-52
_EXACT_BELOW: Final = 2.0**50

@dataclass(frozen=True)
class IntervalElectorate:
    """An electorate's bids prepared once for any number of bounded runs."""

    groups: int
    bids: tuple[_FloatBid, ...]
    free: tuple[int, ...]  # supported free bids, in tie-break order (funded first, at ρ = 0)
    usable: bool
    # Per bid that can enter the heap: (voters, cost, its `_FloatBid.start` bound rounded down,
    # tie-break rank, index, bound rounded up, price_from rounded down, up).
    starts: tuple[tuple[float, float, float, int, int, float, float, float], ...] = ()
    memo: ClassMemo = field(default_factory=ClassMemo, compare=False, repr=False)
    """The money classes worked out so far, for every later run (see models.tally.purse)."""


def prepare_intervals(electorate: _Electorate) -> IntervalElectorate:
    bids = []
    usable = True
    for bid in electorate.bids:
        cost = Fraction(bid.cost)
        utilities = np.array(bid.utilities, dtype=np.float64)
        utility = utilities[bid.utility_code] if len(bid.utilities) else np.zeros(0)
        weighted = bid.weight * utility
        total = float(weighted.sum())
        if cost.denominator != 1 or cost >= _EXACT_BELOW or total >= _EXACT_BELOW:
            usable = False
        bids.append(
            _FloatBid(
                tie_rank=bid.tie_rank,
                cost=float(cost),
                supporters=bid.supporters,
                weight=bid.weight,
                utility=utility,
                weighted_utility=weighted,
                total_utility=total,
                voters=float(bid.weight.sum()),
                top_utility=float(max(bid.utilities, default=0)),
                flat_utility=float(bid.utilities[0]) if len(bid.utilities) == 1 else 0.0,
                slack=(len(bid.supporters) + 4) * _EPS,
                bound=bid.bound,
                bound_is_price_from=bid.bound_is_price_from,
                start=_start(bid.bound, bid.bound_is_price_from, float(cost)),
            )
        )
    free = tuple(
        bid.index
        for bid in sorted(electorate.bids, key=lambda b: b.tie_rank)
        if bid.supported and bid.cost == 0
    )
    starts = tuple(
        (bid.voters, bid.cost, bid.start[0], bid.tie_rank, index, *bid.start[1:])
        for index, bid in enumerate(bids)
        if bid.start is not None
    )
    return IntervalElectorate(len(electorate.weight), tuple(bids), free, usable, starts)


def _start(
    bound: Fraction | None, price_from: Fraction | None, cost: float
) -> tuple[float, float, float, float] | None:
    """`_FloatBid.start`: float() rounds to nearest, so each value is within a rounding of it."""
    if bound is None or price_from is None or cost == 0:
        return None
    rounded, from_ = float(bound), float(price_from)
    return (
        rounded * (1 - 2 * _EPS),
        rounded * (1 + 2 * _EPS),
        from_ * (1 - 2 * _EPS),
        from_ * (1 + 2 * _EPS),
    )


def _price_in(
    bid: _FloatBid,
    purse: Purse,
    hint: float = 0.0,
    keep: dict[int, object] | None = None,
) -> tuple[float, float] | None:
    """`_priced` for the money in a run's purse; `keep` keeps what was read, for the
    winner's payment."""
    compiled = native.pricing
    if compiled is not None:  # reads the purse where it is: nothing to keep
        money, error, index, weight = purse.sources(bid)
        return compiled.price(
            money, error, index, weight, bid.utility, bid.flat_utility, bid.cost,
            bid.total_utility, bid.slack, hint,
        )
    held, off, weight, token = purse.holding(bid)
    found = _priced(bid, held, off, hint, weight)
    if keep is not None and found is not None and found is not _UNAFFORDABLE:
        keep[id(bid)] = token
    return found


@dataclass(frozen=True)
class Trace:
    """A bounded run's money round by round: enough to rebuild it before any purchase.

    `paid[r]` is the r-th purchase from the heap, `others[r]` the heap (every bid still in the
    running, with a lower bound on its ρ) when it was bought, and `proven[r]` a further lower
    bound on all of them (from a guide, or from a tie settled exactly), if any.
    """

    share: float
    groups: int
    paid: tuple[Paid, ...]
    others: tuple[tuple[tuple[float, int, int, int, float], ...], ...]
    proven: tuple[tuple[float | Fraction, int] | None, ...]


@dataclass(frozen=True)
class Course:
    """A run's order of funding, and for each bought bid how surely it won.

    `highest[r]` is the most the exact ρ of the r-th bid bought through the heap (free bids
    come first and are not counted) can be, with that bid's tie-break rank; `rivals[r]` the
    least any bid still in the running then could cost, with its rank (the smallest among bids
    with that bound; infinity if none was left). From a bounded run the prices are floats,
    except in a round where it settled an exact tie (models.tally.ties): there the winner's exact
    ρ and the other's; from an exact run (models.tally.mes, where a bounded run gave up) the
    exact ρ and bounds.
    """

    order: tuple[int, ...]
    highest: tuple[tuple[float | Fraction, int], ...]
    rivals: tuple[tuple[float | Fraction, int], ...]
    dropped: tuple[tuple[int, int], ...] = ()
    """(len(order) then, bid) for each bid found surely unaffordable, in the order found."""
    trace: Trace | None = field(default=None, compare=False, repr=False)
    """How the run's money went, round by round, for models.tally.vouch (bounded runs only)."""

    @cached_property
    def rivals_below(self) -> tuple[tuple[float, int], ...]:
        """`rivals` as floats no larger (an exact price rounded down): comparing a float with
        a fraction is slow, and guided runs compare with these in every round."""
        return tuple(
            (value if isinstance(value, float) else float(value) * (1 - 2 * _EPS), rank)
            for value, rank in self.rivals
        )

    def vouches_between(self, later: Course) -> bool:
        """Whether every share between this run's and `later`'s (a larger one) runs this course.

        More money never raises a price, and along one course every voter holds at least as
        much at a larger share as at a smaller one (a payer keeps max(0, m − ρ·u), and ρ falls
        as m rises). So at a share in between, in each round, the winner's ρ is at most what it
        was here, and every other bid's at least what it was at `later`: if that is more, the
        winner wins there too (where they could be equal, the tie-break ranks decide, as they
        would at any share). A bid its supporters could not afford at `later` they cannot
        afford in between either, so the run also ends where both end.
        """
        return self.order == later.order and all(
            rival > highest for rival, highest in zip(later.rivals, self.highest, strict=True)
        )


def interval_course(
    prepared: IntervalElectorate,
    share: Fraction,
    tight: bool = False,
    guide: Course | None = None,
    below: Course | None = None,
    traced: bool = False,
) -> Course | None:
    """The exact MES run's course at `share`, or None where bounds cannot prove it.

    `tight` prices the runner-up afresh in every round (where its bound is an old one), which
    costs more pricing but makes `rivals` as high as they can be, for vouching. With `below`, a
    run at a smaller share this one is to vouch for, it stops as soon as the runner-up's bound
    is above what `below`'s winner could cost in that round: that is all vouching asks, and
    a run between the two, which could only cost less, asks no more.

    `guide`, a run at a larger share, saves pricing: while this run follows its course, each
    round first tries the bid the guide funded then (see `_guided_winner`). `traced` keeps a
    `Trace` of the run in the course, for models.tally.vouch.
    """
    if not prepared.usable:
        return None
    start = float(share)
    purse = Purse(prepared.groups, start, prepared.memo)
    order = list(prepared.free)
    won_at: list[tuple[float | Fraction, int]] = []
    rivals: list[tuple[float | Fraction, int]] = []
    heap = _first_heap(prepared, share, start, len(order))
    bids = prepared.bids
    # While this run funds what `guide` funded, in the same order, the guide's bounds hold here.
    following = guide is not None and guide.order[: len(order)] == tuple(order)
    underneath = below is not None and below.order[: len(order)] == tuple(order)
    dropped: list[tuple[int, int]] = []
    # Supporters' money and errors as read by this round's pricings, for the winner's payment.
    kept: dict[int, object] = {}
    paid: list[Paid] | None = [] if traced else None
    others: list[tuple[tuple[float, int, int, int, float], ...]] = []
    proven: list[tuple[float | Fraction, int] | None] = []
    known = 0  # how many of the guide's dropped bids are dropped here too
    tried = -1  # the round the guide's winner was last tried in
    while heap:
        decided = None
        if following and guide is not None and tried != len(order):
            tried = len(order)
            known = _drop_as_guide_did(guide, known, heap, len(order), dropped)
            if not heap:
                break
            decided = _guided_winner(bids, guide, purse, heap, order, won_at, dropped, kept)
        if decided is None:
            if not heap:
                break
            decided = _heap_winner(bids, purse, heap, len(order), dropped, kept)
            if decided is None:
                return None
            if decided is _AGAIN:
                continue
        index, lowest, highest, proven_rival, exact = decided
        rank = bids[index].tie_rank
        if tight:
            floor = None
            if underneath:
                played = len(won_at)
                if played < len(below.highest) and below.order[len(order)] == index:
                    floor = below.highest[played]
                else:
                    underneath = False
            if not _price_runner_up(
                bids, purse, heap, len(order), floor, proven_rival, dropped
            ):
                return None
        if traced:
            others.append(tuple(heap))
            proven.append(proven_rival)
        purse.pay(bids[index], lowest, highest, kept.get(id(bids[index])), paid)
        kept.clear()
        order.append(index)
        if following and guide is not None:
            following = len(order) <= len(guide.order) and guide.order[len(order) - 1] == index
        won_at.append((highest if exact is None else exact, rank))
        rival = (heap[0][0], heap[0][1]) if heap else (math.inf, 0)
        rivals.append(rival if proven_rival is None else max(rival, proven_rival))
    trace = None
    if paid is not None:
        trace = Trace(start, prepared.groups, tuple(paid), tuple(others), tuple(proven))
    return Course(tuple(order), tuple(won_at), tuple(rivals), tuple(dropped), trace)


def _first_heap(
    prepared: IntervalElectorate, share: Fraction, start: float, round_: int
) -> list[tuple[float, int, int, int, float]]:
    """The heap before anyone has paid: every bid its supporters' shares could pay for.

    Its bound cost / total utility is the exact ρ (priced in this round) if every supporter can
    pay ρ·u out of the share (as in models.tally.mes._first_bound). Floats decide this where
    they can; only a share within roundings of the threshold compares exactly.
    """
    below, above = start * (1 - 2 * _EPS), start * (1 + 2 * _EPS)
    heap = []
    for voters, cost, lowest, rank, index, highest, from_low, from_high in prepared.starts:
        if voters * start * (1 + 4 * _EPS) < cost:
            continue  # never affordable (see models.tally.mes._first_bound)
        if from_high < below:
            fresh = round_
        elif from_low > above:
            fresh = -1
        else:
            price_from = prepared.bids[index].bound_is_price_from
            fresh = round_ if price_from is not None and price_from <= share else -1
        heap.append((lowest, rank, fresh, index, highest))
    heapq.heapify(heap)
    return heap


_AGAIN: Final = (-1, -1.0, -1.0, None, None)
"""What `_heap_winner` returns when it priced a bid and has to look again."""


def _heap_winner(
    bids: tuple[_FloatBid, ...],
    purse: Purse,
    heap: list[tuple[float, int, int, int, float]],
    round_: int,
    dropped: list[tuple[int, int]],
    kept: dict[int, object],
) -> tuple[int, float, float, tuple[float | Fraction, int] | None, Fraction | None] | None:
    """The lazy greedy's next step: the winner (taken off the heap), _AGAIN, or None: unsure.

    The bid with the least bound is priced afresh; it wins once its current highest ρ is
    below every other bid's bound (or equal, and it comes first in the tie-break). Where two
    current prices overlap, an exact tie is settled by the tie-break (models.tally.ties): the
    winner then comes with a lower bound on every other bid's ρ and its own exact ρ.
    """
    heap_entry = heap[0]
    lowest, rank, priced_after, index, highest = heap_entry
    if priced_after != round_:
        found = _price_in(bids[index], purse, lowest, kept)
        if found is None:
            return None
        if found is _UNAFFORDABLE:
            heapq.heappop(heap)
            dropped.append((round_, index))
        else:
            heapq.heapreplace(heap, (found[0], rank, round_, index, found[1]))
        return _AGAIN
    heapq.heappop(heap)
    if heap:
        other_lowest, other_rank, other_priced, other_index, _ = heap[0]
        if not (highest < other_lowest or (highest <= other_lowest and rank < other_rank)):
            if other_priced == round_:
                # Two current prices overlap: an exact tie (models.tally.ties), or unsure.
                settled = settled_tie(bids, purse, heap, heap_entry, round_)
                if not isinstance(settled, PriceFirst):
                    return settled
                # A bid with an older bound might tie too: price it, and look again.
                heapq.heappush(heap, heap_entry)
                stale = settled.entry
            else:
                # The runner-up's bound is old: price it now, and look again.
                stale = heapq.heapreplace(heap, heap_entry)
            return _AGAIN if _price_again(bids, purse, heap, stale, round_, dropped, kept) else None
    return index, lowest, highest, None, None


def _price_again(
    bids: tuple[_FloatBid, ...],
    purse: Purse,
    heap: list[Entry],
    entry: Entry,
    round_: int,
    dropped: list[tuple[int, int]],
    kept: dict[int, object],
) -> bool:
    """Price the bid of `entry` (taken off the heap) afresh and put it back, or drop it where
    its supporters surely cannot pay for it; False where unsure."""
    lowest, rank, _, index, _ = entry
    found = _price_in(bids[index], purse, lowest, kept)
    if found is None:
        return False
    if found is _UNAFFORDABLE:
        dropped.append((round_, index))
    else:
        heapq.heappush(heap, (found[0], rank, round_, index, found[1]))
    return True


def _drop_as_guide_did(
    guide: Course,
    known: int,
    heap: list[tuple[float, int, int, int, float]],
    round_: int,
    dropped: list[tuple[int, int]],
) -> int:
    """Drop the bids `guide` found unaffordable by this point; how many of its drops are done.

    While this run has funded what the guide funded, in the same order, every group holds at
    most what it held there at the same point; so a bid its supporters surely could not pay
    for there, they cannot pay for here, from then on (money only falls).
    """
    gone = set()
    while known < len(guide.dropped) and guide.dropped[known][0] <= round_:
        gone.add(guide.dropped[known][1])
        known += 1
    if gone:
        kept = [entry for entry in heap if entry[3] not in gone]
        dropped.extend((round_, entry[3]) for entry in heap if entry[3] in gone)
        heap[:] = kept
        heapq.heapify(heap)
    return known


def _guided_winner(
    bids: tuple[_FloatBid, ...],
    guide: Course,
    purse: Purse,
    heap: list[tuple[float, int, int, int, float]],
    order: list[int],
    won_at: list[tuple[float | Fraction, int]],
    dropped: list[tuple[int, int]],
    kept: dict[int, object],
) -> tuple[int, float, float, tuple[float | Fraction, int], None] | None:
    """The bid `guide` (a run at a larger share) funded in this round, where it surely wins here.

    Only while this run has funded the same bids in the same order as `guide`: then every group
    holds at most what it held there, so every bid's ρ here is at least what it was there, and
    the guide's `rivals` entry for this round is a lower bound on every other bid's ρ here. If
    the guide's winner's highest possible ρ here is below it, that bid wins, after pricing
    only it; it is taken off the heap, and the guide's bound is returned as a proven rival
    bound. None where that is not shown: the run goes on as usual (with the bid's new price
    in the heap).
    """
    played = len(won_at)
    if played >= len(guide.rivals) or len(order) >= len(guide.order):
        return None
    index = guide.order[len(order)]
    bid = bids[index]
    rival = guide.rivals[played]
    place = next((at for at, entry in enumerate(heap) if entry[3] == index), None)
    if place is None:
        return None
    lowest, _, priced_after, _, highest = heap[place]
    # A bound from this very round (the first, where cost / total utility can be exact) is
    # already a current price.
    if priced_after == len(order):
        found: tuple[float, float] | None = (lowest, highest)
    else:
        found = _price_in(bid, purse, lowest, kept)
    if found is None:
        return None
    if found is not _UNAFFORDABLE and (
        (found[1], bid.tie_rank) < guide.rivals_below[played]
        or (not isinstance(rival[0], float) and (found[1], bid.tie_rank) < rival)
    ):
        _put_at(heap, place, None)
        return index, found[0], found[1], rival, None
    # Not proven here: the lazy greedy decides, with the price just found.
    if found is _UNAFFORDABLE:
        _put_at(heap, place, None)
        dropped.append((len(order), index))
    else:
        _put_at(heap, place, (found[0], bid.tie_rank, len(order), index, found[1]))
    return None


def _put_at(heap: list[Entry], place: int, entry: Entry | None) -> None:
    """Put `entry` in the heap at `place` instead of what is there, or take that out (None),
    and sift it up or down into order: a few steps, where heapify goes over the whole heap
    (which cost Toulouse 2022 a tenth of its count, a guided round at a time)."""
    if entry is None:
        entry = heap.pop()
        if place == len(heap):
            return
    while place > 0:
        parent = (place - 1) >> 1
        if heap[parent] < entry:
            break
        heap[place] = heap[parent]
        place = parent
    size = len(heap)
    while True:
        child = 2 * place + 1
        if child >= size:
            break
        if child + 1 < size and heap[child + 1] < heap[child]:
            child += 1
        if entry < heap[child]:
            break
        heap[place] = heap[child]
        place = child
    heap[place] = entry


def _price_runner_up(
    bids: tuple[_FloatBid, ...],
    purse: Purse,
    heap: list[tuple[float, int, int, int, float]],
    round_: int,
    floor: tuple[float | Fraction, int] | None,
    proven: tuple[float | Fraction, int] | None,
    dropped: list[tuple[int, int]],
) -> bool:
    """Price the bids left until the cheapest bound is a current price (False: unsure).

    Stops early once the least bound, or `proven` (another lower bound on every bid left),
    is above `floor`.
    """
    while heap and heap[0][2] != round_:
        if floor is not None and max((heap[0][0], heap[0][1]), proven or (-1.0, -1)) > floor:
            return True
        lowest, rank, _, index, _ = heap[0]
        found = _price_in(bids[index], purse, lowest)
        if found is None:
            return False
        if found is _UNAFFORDABLE:
            heapq.heappop(heap)
            dropped.append((round_, index))
        else:
            heapq.heapreplace(heap, (found[0], rank, round_, index, found[1]))
    return True
