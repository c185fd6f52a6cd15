"""The Method of Equal Shares (Peters and Skowron), one run, exactly.

Ballots are prepared once (`_prepare`) into whole-number utilities, so that any number of runs
(add1 makes many, see models.tally.completion) share the work. A run keeps voters' money as
integer numerators over one common denominator.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import chain
from operator import mul
from typing import Final

import numpy as np

from models.pabulib import Amount
from models.tally.outcome import (
    DEFAULT_TIE_BREAK,
    BidOutcome,
    Reason,
    Result,
    TieBreak,
    Utility,
)


@dataclass(frozen=True)
class _Bid:
    """One bid as MES sees it: its supporters (ballot groups) and their utility.

    `supported` says whether any ballot gave it points: that decides whether a free bid is
    funded, since its cost utility is 0. Utilities are whole numbers: `utilities` holds the
    distinct values (one for cost utility) and `utility_code` each supporter's index into it,
    so that supporters can be grouped by (money, utility) with numpy. `bound`
    is cost / total utility, below which ρ can never be (None: no one would pay for it), and
    `bound_is_price_from` the share from which every supporter can pay ρ·u at ρ = `bound`;
    `voters` how many voters support it.
    """

    index: int
    project_id: str
    cost: Amount
    tie_rank: int
    supported: bool
    supporters: np.ndarray
    weight: np.ndarray
    utility_code: np.ndarray
    utilities: tuple[int, ...]
    bound: Fraction | None
    bound_is_price_from: Fraction | None
    voters: int


@dataclass(frozen=True)
class _Electorate:
    """Ballots prepared once for any number of MES runs.

    Every ballot belongs to a group with a weight (its number of ballots). Voters with identical
    ballots always hold identical money within a run, so when many runs follow, identical
    ballots share a group (Świecie: 2,553 ballots, 695 groups); otherwise each ballot is its
    own group (see `_prepare`). `support` is each bid's total points, as `ballot_support`
    counts them.
    """

    voters: int
    weight: np.ndarray
    group_of: np.ndarray
    bids: tuple[_Bid, ...]
    support: dict[str, Amount]
    cost_denominator: int


_HeapEntry = tuple[float, Fraction, int, int, int]
"""(ρ rounded, ρ or a lower bound on it, tie-break rank, purchases made when it was priced, bid).

The rounded ρ only makes comparisons cheap: rounding never reverses an order, and when two
rounded values are equal the exact ones decide.
"""


@dataclass
class _Run:
    """The state of one MES run.

    Groups that have paid the same amounts for the same bids hold the same money, and there are
    far fewer such money classes than groups, so money is kept per class: group g holds
    ``money[money_class[g]]``, an integer numerator over `denominator` (an object array of
    Python ints: the numerators outgrow any fixed-size integer).
    """

    denominator: int
    money_class: np.ndarray
    money: np.ndarray
    order: list[int] = field(default_factory=list)
    payments: dict[int, _Payment] = field(default_factory=dict)

    def cost(self, bids: Sequence[_Bid]) -> Amount:
        return sum((bids[i].cost for i in self.order), 0)


@dataclass(frozen=True)
class _Pairs:
    """A bid's supporters grouped by (money class, utility), as they stand in a run.

    Supporters in one pair hold the same money and pay alike. `pair[k]` is the pair of the
    bid's k-th supporter group; per pair: `money_class`, `utility` and `weight` (voters), the
    last two as lists of Python ints (they are used one pair at a time).
    """

    pair: np.ndarray
    money_class: np.ndarray
    utility: list[int]
    weight: list[int]


@dataclass(frozen=True)
class _Payment:
    """What a funded bid's supporters paid: `paid[pair[k]]` by its k-th supporter group."""

    pair: np.ndarray
    paid: list[int]
    denominator: int


def _prepare(
    projects: Mapping[str, Amount],
    ballots: Sequence[Mapping[str, Amount]],
    utility: Utility,
    tie_break: TieBreak,
    group: bool = False,
) -> _Electorate:
    """Turn ballots into whole-number utilities per bid, grouping identical ballots if asked.

    Cost utility: u_i(p) = cost(p) for every bid i gave points to. Score utility: u_i(p) = the
    points. Multiplying every utility by the same number changes no decision (it rescales every
    ρ alike), so fractional utilities are scaled up to integers.

    Grouping identical ballots shrinks the arrays every later step works on, but costs a pass
    over the ballots in Python, so it is asked for when many runs follow (add1) and not for a
    single run, where it would cost more than it saves (and on a 100,000-voter election nearly
    every ballot is unique anyway). Two equal ballots that list their bids in different orders
    land in different groups, which costs a little speed and nothing else.
    """
    if utility not in ("cost", "score"):
        raise ValueError(f"unknown utility {utility!r}")
    if group:
        # A ballot's bids, then its points: one flat tuple is cheaper to build than a tuple of
        # (bid, points) pairs, and two such tuples are equal exactly when the pairs are (equal
        # tuples have equal lengths, so equal halves). Each group is read from its first
        # ballot.
        groups: dict[tuple[str | Amount, ...], int] = {}
        add = groups.setdefault
        group_of = np.array([add((*b, *b.values()), len(groups)) for b in ballots], dtype=np.intp)
        first = np.unique(group_of, return_index=True)[1]
        rows: Sequence[Mapping[str, Amount]] = [ballots[i] for i in first.tolist()]
    else:
        group_of = np.arange(len(ballots), dtype=np.intp)
        rows = ballots
    weight = np.bincount(group_of, minlength=len(rows))
    entries = _entries(rows, {pid: j for j, pid in enumerate(projects)})
    cost_denominator = math.lcm(*(Fraction(cost).denominator for cost in projects.values()))
    if utility == "cost":
        scale = cost_denominator
    else:
        scale = math.lcm(*{Fraction(p).denominator for p in set(entries.points.tolist())})
    tie_order = sorted(projects, key=lambda pid: tie_break(pid, projects[pid]))
    tie_rank = {pid: rank for rank, pid in enumerate(tie_order)}
    bids = tuple(
        _make_bid(j, pid, projects[pid], tie_rank[pid], entries.of_bid(j), utility, scale, weight)
        for j, pid in enumerate(projects)
    )
    voters_of_entry = weight.astype(object)[entries.group]
    support = {
        pid: (entries.points[rows] * voters_of_entry[rows]).sum()
        for pid, rows in zip(projects, entries.rows(), strict=True)
    }
    return _Electorate(len(ballots), weight, group_of, bids, support, cost_denominator)


@dataclass(frozen=True)
class _Entries:
    """Every (ballot group, bid, points) entry, sorted by bid.

    Bid j's entries are ``start[j]:start[j + 1]``; `points` holds the exact values (ints or
    Fractions, as given), `group` the ballot group each entry comes from.
    """

    group: np.ndarray
    points: np.ndarray
    start: np.ndarray

    def rows(self) -> Iterator[slice]:
        """Each bid's slice of the entries, in bid order."""
        for j in range(len(self.start) - 1):
            yield slice(self.start[j], self.start[j + 1])

    def of_bid(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        rows = slice(self.start[j], self.start[j + 1])
        return self.group[rows], self.points[rows]


def _entries(rows: Sequence[Mapping[str, Amount]], column: Mapping[str, int]) -> _Entries:
    """Flatten the ballot groups' points into arrays sorted by bid (C-speed where it can)."""
    pids = list(chain.from_iterable(rows))
    try:
        bid = np.fromiter(map(column.__getitem__, pids), dtype=np.intp, count=len(pids))
    except KeyError:
        unknown = sorted(set(pids) - column.keys())
        raise ValueError(f"ballot names unknown bids {unknown}") from None
    points = _objects(list(chain.from_iterable(row.values() for row in rows)))
    sizes = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
    group = np.repeat(np.arange(len(rows)), sizes)
    # Bid numbers are small: sorted stably as 16-bit numbers, numpy sorts them by radix, some
    # 20 times faster than the merge sort it uses on 64-bit ones, and a stable sort has only
    # one answer.
    keys = bid.astype(np.uint16) if len(column) <= 1 << 16 else bid
    order = np.argsort(keys, kind="stable")
    start = np.searchsorted(bid[order], np.arange(len(column) + 1))
    return _Entries(group[order], points[order], start)


def _make_bid(
    index: int,
    pid: str,
    cost: Amount,
    tie_rank: int,
    entries: tuple[np.ndarray, np.ndarray],
    utility: Utility,
    scale: int,
    weight: np.ndarray,
) -> _Bid:
    groups, points = entries
    backed = (points > 0).astype(bool)
    if utility == "cost":
        # A free bid's cost utility is 0: it has backers but, to MES, no paying supporters.
        supporters = groups[backed] if cost else groups[:0]
        utilities = [int(cost * scale)] if len(supporters) else []
        code = np.zeros(len(supporters), dtype=np.intp)
    else:
        supporters = groups[backed]
        distinct, code = np.unique(points[backed] * scale, return_inverse=True)
        utilities = [int(u) for u in distinct.tolist()]
    # bincount sums float64 weights; they are whole numbers far below 2**53, so exactly.
    weights = weight[supporters].astype(np.float64)
    code = code.astype(np.intp)
    voters_per_utility = np.bincount(code, weights=weights, minlength=len(utilities)).tolist()
    total_utility = sum(int(w) * u for w, u in zip(voters_per_utility, utilities, strict=True))
    bound = Fraction(cost, total_utility) if total_utility else None
    return _Bid(
        index=index,
        project_id=pid,
        cost=cost,
        tie_rank=tie_rank,
        supported=bool(backed.any()),
        supporters=supporters,
        weight=weights,
        utility_code=code,
        utilities=tuple(utilities),
        bound=bound,
        bound_is_price_from=None if bound is None else bound * max(utilities),
        voters=int(sum(voters_per_utility)),
    )


def _objects(values: Sequence[Amount]) -> np.ndarray:
    """A 1-d object array of exact numbers (np.array would pick a fixed-size number type)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _pairs(bid: _Bid, run: _Run) -> _Pairs:
    """The bid's supporters grouped by (money class, utility) as they stand in `run`."""
    kinds = len(bid.utilities)
    key = run.money_class[bid.supporters]
    present, totals, pair = group_supporters(key, bid.weight, bid.utility_code, kinds)
    weight = totals.astype(np.int64).tolist()
    if kinds > 1:
        utility = [bid.utilities[k] for k in (present % kinds).tolist()]
        return _Pairs(pair, present // kinds, utility, weight)
    return _Pairs(pair, present, list(bid.utilities) * len(present), weight)


def group_supporters(
    key: np.ndarray, weight: np.ndarray, code: np.ndarray | None = None, kinds: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Supporters grouped by (money class `key`, utility `code` of `kinds`): each group's
    key · kinds + code, in increasing order; its voters (the sum of its `weight`s); and each
    supporter's group, by its place among them.

    Used by exact runs (`_pairs`) and by vouching (models.tally.alike) alike. Keys are small
    integers (money classes number in the thousands at most), so counting them with bincount
    is cheaper than sorting them with np.unique. bincount sums float64 weights: whole numbers
    far below 2⁵³, so exactly; every group has a voter, so none is left out as empty.
    """
    if kinds > 1:
        key = key * kinds + code
    totals = np.bincount(key, weights=weight)
    present = np.flatnonzero(totals)
    slot = np.empty(len(totals), dtype=np.intp)
    slot[present] = np.arange(len(present))
    return present, totals.take(present), slot.take(key)


def _price(bid: _Bid, run: _Run, pairs: _Pairs | None = None) -> tuple[Fraction, _Pairs] | None:
    """The smallest ρ at which the bid's supporters can pay for it, or None if they cannot.

    Each supporter i pays min(money_i, ρ·u_i). Start by assuming everyone pays ρ·u_i; whoever
    cannot afford that at the ρ it gives pays all they have instead, which raises ρ for the
    rest; repeat until everyone left can pay (pabutools' "poor/rich" loop; ρ only rises, so it
    ends, usually after a pass or two). In exact integers over the run's common denominator,
    on plain lists: bids mostly have a few dozen pairs, where numpy's cost per call outweighs
    its speed; from `_MANY_PAIRS` on, on object arrays (see `_rho_by_arrays`).
    `pairs`, if given, must be the bid's pairs as they stand.
    """
    if pairs is None:
        pairs = _pairs(bid, run)
    money = run.money[pairs.money_class]
    need = int(bid.cost * run.denominator)
    if len(money) >= _MANY_PAIRS:
        rho = _rho_by_arrays(money, pairs.weight, pairs.utility, need, run.denominator)
    else:
        rho = _rho_by_lists(money.tolist(), pairs.weight, pairs.utility, need, run.denominator)
    return None if rho is None else (rho, pairs)


_MANY_PAIRS: Final = 128
"""From this many pairs, a bid is priced on object arrays rather than lists (Bielany's final run
takes about as long with 64 or 256 here)."""


def _rho_by_lists(
    money: list[int], weight: list[int], utility: list[int], need: int, denominator: int
) -> Fraction | None:
    """`_price`'s ρ, pair by pair: `need` and `money` are over `denominator`."""
    # sum(map(mul, ...)) rather than a generator: the same sums, without a Python step per pair.
    if sum(map(mul, weight, money)) < need:
        return None
    rich = range(len(money))
    paid_by_poor, utility_of_rich = 0, sum(map(mul, weight, utility))
    while True:
        # money < ρ·u with ρ = (need - paid_by_poor) / (denominator · utility_of_rich)
        short = need - paid_by_poor
        poor = [k for k in rich if money[k] * utility_of_rich < short * utility[k]]
        if not poor:
            return Fraction(short, denominator * utility_of_rich)
        rich = [k for k in rich if money[k] * utility_of_rich >= short * utility[k]]
        paid_by_poor += sum(weight[k] * money[k] for k in poor)
        utility_of_rich -= sum(weight[k] * utility[k] for k in poor)


def _rho_by_arrays(
    money: np.ndarray, weight: list[int], utility: list[int], need: int, denominator: int
) -> Fraction | None:
    """`_rho_by_lists` on object arrays: the same steps on the same Python ints, so the same ρ,
    with the loops over pairs in C. Late in a run bids have many pairs (Warszawa 2021 Bielany's
    final run prices 346 times with 128 pairs or more, up to 1,234), and there this is about
    a quarter faster."""
    weights, utilities = _objects(weight), _objects(utility)
    if weights.dot(money) < need:
        return None
    paid_by_poor, utility_of_rich = 0, weights.dot(utilities)
    while True:
        short = need - paid_by_poor
        poor = money * utility_of_rich < utilities * short
        if not poor.any():
            return Fraction(short, denominator * utility_of_rich)
        paid_by_poor += weights[poor].dot(money[poor])
        utility_of_rich -= weights[poor].dot(utilities[poor])
        rich = ~poor
        money, weights, utilities = money[rich], weights[rich], utilities[rich]


def _pay(bid: _Bid, run: _Run, rho: Fraction, pairs: _Pairs | None = None) -> None:
    """Fund the bid at price ρ: each supporter pays min(money, ρ·u), exactly.

    Each (money class, utility) pair of its supporters becomes a new money class. `pairs`, if
    given, must be the bid's pairs as they stand (those its price was found with).
    """
    denominator = math.lcm(run.denominator, rho.denominator)
    if denominator != run.denominator:
        run.money = run.money * (denominator // run.denominator)
        run.denominator = denominator
    price = rho.numerator * (denominator // rho.denominator)
    if pairs is None:
        pairs = _pairs(bid, run)
    money = run.money[pairs.money_class].tolist()
    paid = [min(m, price * u) for m, u in zip(money, pairs.utility, strict=True)]
    run.money_class[bid.supporters] = len(run.money) + pairs.pair
    left = [m - p for m, p in zip(money, paid, strict=True)]
    run.money = np.concatenate([run.money, _objects(left)])
    run.order.append(bid.index)
    run.payments[bid.index] = _Payment(pairs.pair, paid, denominator)


def _first_bound(bid: _Bid, share: Fraction, purchases: int) -> _HeapEntry | None:
    """The heap entry a bid starts a run with (None if MES can never fund it).

    ρ ≥ cost / (total utility) always. Before anyone has paid (free bids cost nothing) that
    bound is exact if every supporter can pay ρ·u out of their share, so the bid starts out
    priced: with cost utility that holds whenever the bid is affordable at all, which saves
    pricing every bid in the first round. A bid that its supporters' whole shares together do
    not cover is left out: money only falls, so MES can never fund it, and in the add1 climb
    most bids are such (Budapest 2024: 107 of 175 at the first steps).
    """
    if bid.bound is None or bid.bound_is_price_from is None or bid.cost == 0:
        return None
    if bid.voters * share < bid.cost:
        return None
    exact = bid.bound_is_price_from <= share
    return float(bid.bound), bid.bound, bid.tie_rank, purchases if exact else -1, bid.index


_Record = list[tuple[tuple[Fraction, int], tuple[Fraction | float, int]]]
"""For each bid bought from the heap: (its ρ, its rank), (the least other bound, its rank)."""


def _run_equal_shares(
    electorate: _Electorate, share: Fraction, record: _Record | None = None
) -> _Run:
    """One run of MES in which every voter starts with `share`.

    Repeatedly fund the bid with the smallest ρ (ties: the tie-break) until no bid's supporters
    can afford it. Spending only ever raises ρ, so a bid's last computed ρ is a lower bound:
    the bids wait in a heap ordered by (bound, tie-break rank), and when the bid on top was
    priced since the last purchase, its bound is exact and beats every other bid's true ρ
    ("lazy greedy"; pabutools prunes the same way). Most bids are never re-priced.
    `record`, if given, gets the winner's (ρ, rank) and the least (bound, rank) of any other
    bid for each bid bought from the heap, as models.tally.interval.Course keeps them.
    """
    denominator = math.lcm(share.denominator, electorate.cost_denominator)
    start = _objects([int(share * denominator)])
    run = _Run(denominator, np.zeros(len(electorate.weight), dtype=np.intp), start)
    for bid in sorted(electorate.bids, key=lambda b: b.tie_rank):
        if bid.supported and bid.cost == 0:
            _pay(bid, run, Fraction(0))
    heap = [_first_bound(bid, share, len(run.order)) for bid in electorate.bids]
    heap = [entry for entry in heap if entry is not None]
    heapq.heapify(heap)
    priced: dict[int, _Pairs] = {}  # each bid's pairs from its latest pricing, for paying
    while heap:
        _, bound, rank, priced_after, index = heapq.heappop(heap)
        bid = electorate.bids[index]
        if priced_after == len(run.order):
            _pay(bid, run, bound, priced.pop(index, None))
            if record is not None:  # the winner's ρ, and the least any other bid could cost
                rival = (heap[0][1], heap[0][2]) if heap else (math.inf, 0)
                record.append(((bound, rank), rival))
            continue
        found = _price(bid, run)
        if found is not None:
            rho, priced[index] = found
            heapq.heappush(heap, (float(rho), rho, rank, len(run.order), index))
    return run


class _Payments(Mapping[str, tuple[Fraction, ...]]):
    """What each ballot (in input order) paid for each funded bid, spelled out when asked for.

    Spelling out every ballot's payment for every funded bid would take longer than the count
    itself on a large election, and is rarely needed.
    """

    def __init__(self, electorate: _Electorate, run: _Run) -> None:
        self._electorate = electorate
        self._funded = {electorate.bids[i].project_id: electorate.bids[i] for i in run.order}
        self._payments = run.payments
        self._spelled: dict[str, tuple[Fraction, ...]] = {}

    def __getitem__(self, pid: str) -> tuple[Fraction, ...]:
        if pid not in self._spelled:
            self._spelled[pid] = self._spell(self._funded[pid])
        return self._spelled[pid]

    def _spell(self, bid: _Bid) -> tuple[Fraction, ...]:
        payment = self._payments[bid.index]
        per_pair = [Fraction(paid, payment.denominator) for paid in payment.paid]
        per_group = np.full(len(self._electorate.weight), Fraction(0), dtype=object)
        per_group[bid.supporters] = [per_pair[k] for k in payment.pair.tolist()]
        return tuple(per_group[self._electorate.group_of].tolist())

    def __iter__(self) -> Iterator[str]:
        return iter(self._funded)

    def __len__(self) -> int:
        return len(self._funded)


def _mes_result(
    rule: str,
    electorate: _Electorate,
    budget: Amount,
    share: Fraction,
    run: _Run,
) -> Result:
    """Turn the final run into a Result; per-ballot payments are spelled out on demand."""
    position = {index: place for place, index in enumerate(run.order, start=1)}
    # Each ballot group's money, once for every bid left unfunded: what a bid's supporters
    # still hold is then one dot product in C over its supporters (object arrays, so exact
    # Python ints; the weights are whole numbers, so exact as int64 too).
    money_of_group = run.money[run.money_class]
    outcomes = {}
    for bid in electorate.bids:
        support = electorate.support[bid.project_id]
        outcome = BidOutcome(bid.project_id, bid.cost, support, Reason.NO_SUPPORT, "equal-shares")
        if bid.index in position:
            outcome = replace(
                outcome, reason=Reason.FUNDED, position=position[bid.index], granted=bid.cost
            )
        elif bid.supported:
            held = money_of_group[bid.supporters].dot(bid.weight.astype(np.int64))
            left = Fraction(held, run.denominator)
            outcome = replace(outcome, reason=Reason.SUPPORTERS_SHORT, supporters_left=left)
        outcomes[bid.project_id] = outcome
    selected = tuple(electorate.bids[i].project_id for i in run.order)
    payments = _Payments(electorate, run)
    return Result(rule, budget, selected, outcomes, share=share, payments=payments)


def _no_ballots(rule: str, projects: Mapping[str, Amount], budget: Amount) -> Result:
    outcomes = {
        pid: BidOutcome(pid, cost, 0, Reason.NO_SUPPORT, "equal-shares")
        for pid, cost in projects.items()
    }
    return Result(rule, budget, (), outcomes)


def equal_shares(
    projects: Mapping[str, Amount],
    ballots: Sequence[Mapping[str, Amount]],
    budget: Amount,
    utility: Utility = "cost",
    tie_break: TieBreak = DEFAULT_TIE_BREAK,
) -> Result:
    """The Method of Equal Shares (Peters and Skowron), exactly.

    The budget is split equally over all n ballots, empty ones included (as pabutools does: a
    voter who backed nothing still holds a share, which stays unspent). Then, repeatedly, the
    bid whose supporters can pay for it at the smallest ρ is funded, each supporter paying
    min(money, ρ·u) where u is their utility: the bid's cost for everyone who approved it
    (`utility="cost"`), or the points they gave it (`utility="score"`). Exact ties on ρ go by
    `tie_break` (pabutools instead takes the project id as a string, "10" before "9").
    Free bids that someone backed are funded first; pabutools never funds them under cost
    utility, where their utility is 0.
    """
    if not ballots:
        return _no_ballots("mes", projects, budget)
    electorate = _prepare(projects, ballots, utility, tie_break)
    share = Fraction(budget) / electorate.voters
    run = _run_equal_shares(electorate, share)
    return _mes_result("mes", electorate, budget, share, run)
