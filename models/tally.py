"""Count a PB round: fund down the ranking, the Method of Equal Shares, and ballot rules.

Everything here is a pure function of its arguments (no I/O, no database), so the bot, the
`tally` command line and the tests all count the same way. Money is exact throughout: ints and
`fractions.Fraction`, never floats, because a single rounding error can flip who is funded.

Projects are given as ``{project_id: cost}`` in the order they should be reported; ballots as
one ``{project_id: points}`` mapping per voter (approval: 1 per ticked bid). See DOMAIN.md,
"Allocation rules", for the rules themselves and the reference implementation (pabutools).
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction
from typing import Any, Final, Literal

import numpy as np

from models.pabulib import Amount

Policy = Literal["skip", "stop", "partial"]
Utility = Literal["cost", "score"]
Stage = Literal["ranking", "equal-shares", "completion"]
TieBreak = Callable[[str, Amount], Any]
"""Maps (project id, cost) to a sort key; among bids tied on support the smaller key wins."""

TIE_BREAK_DESCRIPTION: Final = (
    "Bids with equal support are ranked cheaper first; bids that also cost the same are ranked "
    "by project id in natural order (9 before 10, c9 before c10)."
)


def natural_key(project_id: str) -> tuple[str | int, ...]:
    """Sort key reading digit runs as numbers, so "9" < "10" and "c9" < "c10".

    Splitting on digit runs always alternates text and number, so two keys compare position
    by position without ever comparing a str to an int.
    """
    return tuple(
        int(part) if index % 2 else part
        for index, part in enumerate(re.split(r"(\d+)", project_id))
    )


def cheaper_first(project_id: str, cost: Amount) -> tuple[Amount, tuple[str | int, ...]]:
    """pbchat's declared tie-break (TIE_BREAK_DESCRIPTION): lower cost, then natural id order.

    Cheaper first leaves the most money for the bids below; the id is only a last resort that
    anyone can check by eye.
    """
    return cost, natural_key(project_id)


DEFAULT_TIE_BREAK: Final[TieBreak] = cheaper_first


class Reason(StrEnum):
    """Why a bid ended up funded or not; stable codes the bot can translate."""

    FUNDED = "funded"
    PARTLY_FUNDED = "partly-funded"
    NO_SUPPORT = "no-support"
    DID_NOT_FIT = "did-not-fit"
    COUNT_STOPPED = "count-stopped"
    SUPPORTERS_SHORT = "supporters-short"


@dataclass(frozen=True)
class BidOutcome:
    """What happened to one bid, with the numbers needed to explain it.

    `position` is the bid's place in the order of funding (1 = funded first). `pot_left` is the
    money in the pot when a ranking reached the bid; `supporters_left` is what its supporters
    still held between them when equal shares ended.
    """

    project_id: str
    cost: Amount
    support: Amount
    reason: Reason
    stage: Stage
    position: int | None = None
    granted: Amount = 0
    pot_left: Amount | None = None
    supporters_left: Fraction | None = None

    @property
    def funded(self) -> bool:
        return self.reason in (Reason.FUNDED, Reason.PARTLY_FUNDED)


@dataclass(frozen=True)
class Result:
    """The outcome of a count.

    `selected` lists the funded bids in the order they were funded; `bids` has an outcome for
    every bid, in input order. For equal shares, `share` is each voter's money in the run that
    produced the result and `payments` what each ballot (in input order) paid for each bid.
    """

    rule: str
    budget: Amount
    selected: tuple[str, ...]
    bids: Mapping[str, BidOutcome]
    share: Fraction | None = None
    payments: Mapping[str, tuple[Fraction, ...]] = field(default_factory=dict)

    @property
    def cost(self) -> Amount:
        """Money granted in total (a partly funded bid counts what it was offered)."""
        return sum((bid.granted for bid in self.bids.values()), 0)


# --- Fund down the ranking ---------------------------------------------------------------


def rank_bids(
    projects: Mapping[str, Amount],
    support: Mapping[str, Amount],
    tie_break: TieBreak = DEFAULT_TIE_BREAK,
) -> list[str]:
    """Bids by support, highest first, ties settled by `tie_break`."""
    return sorted(projects, key=lambda pid: (-support.get(pid, 0), tie_break(pid, projects[pid])))


def fund_down_ranking(
    projects: Mapping[str, Amount],
    support: Mapping[str, Amount],
    budget: Amount,
    policy: Policy = "skip",
    tie_break: TieBreak = DEFAULT_TIE_BREAK,
) -> Result:
    """Walk the ranking with the money left, funding each bid that fits (the UK default).

    A bid that does not fit is passed over (`skip`, the default), ends the count (`stop`), or
    is offered what is left (`partial`, which empties the pot). Bids nobody supported are never
    funded. With approval ballots and `skip` this is pabutools' `greedy_utilitarian_welfare`
    with cost satisfaction, except for ties (see TIE_BREAK_DESCRIPTION) and zero-support bids.
    """
    if policy not in ("skip", "stop", "partial"):
        raise ValueError(f"unknown policy {policy!r}")
    left = budget
    stopped = False
    selected: list[str] = []
    outcomes: dict[str, BidOutcome] = {}
    for pid in rank_bids(projects, support, tie_break):
        cost = projects[pid]
        bid = BidOutcome(pid, cost, support.get(pid, 0), Reason.NO_SUPPORT, "ranking")
        if bid.support > 0:
            bid = replace(bid, reason=Reason.DID_NOT_FIT, pot_left=left)
            if stopped:
                bid = replace(bid, reason=Reason.COUNT_STOPPED)
            elif cost <= left or (policy == "partial" and left > 0):
                granted = min(cost, left)
                reason = Reason.FUNDED if granted == cost else Reason.PARTLY_FUNDED
                selected.append(pid)
                bid = replace(bid, reason=reason, position=len(selected), granted=granted)
                left -= granted
            else:
                stopped = policy == "stop"
        outcomes[pid] = bid
    return Result("greedy", budget, tuple(selected), {pid: outcomes[pid] for pid in projects})


def fund_per_area(
    projects: Mapping[str, Amount],
    support: Mapping[str, Amount],
    areas: Mapping[str, str],
    pots: Mapping[str, Amount],
    policy: Policy = "skip",
    tie_break: TieBreak = DEFAULT_TIE_BREAK,
) -> dict[str, Result]:
    """One pot per area: each area's bids are ranked and funded from that area's pot only.

    `areas` maps each bid to its area, `pots` each area to its money. Money never moves between
    areas, so each area gets exactly the result it would get counted on its own.
    """
    unknown = {pid for pid in projects if areas.get(pid) not in pots}
    if unknown:
        raise ValueError(f"bids without an area that has a pot: {sorted(unknown)}")
    return {
        area: fund_down_ranking(
            {pid: cost for pid, cost in projects.items() if areas[pid] == area},
            support,
            pot,
            policy,
            tie_break,
        )
        for area, pot in pots.items()
    }


# --- Method of Equal Shares --------------------------------------------------------------


@dataclass(frozen=True)
class _Bid:
    """One bid as MES sees it: its supporters (ballot groups) and their utility.

    `supported` says whether any ballot gave it points: that decides whether a free bid is
    funded, since its cost utility is 0. Utilities are whole numbers: `utilities` holds the
    distinct values (one for cost utility) and `utility_code` each supporter's index into it,
    so that supporters can be grouped by (money, utility) with numpy. `bound`
    is cost / total utility, below which ρ can never be (None: no one would pay for it), and
    `bound_is_price_from` the share from which every supporter can pay ρ·u at ρ = `bound`.
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
        groups: dict[tuple[tuple[str, Amount], ...], int] = {}
        add = groups.setdefault
        group_of = np.array([add(tuple(b.items()), len(groups)) for b in ballots], dtype=np.intp)
        rows: Sequence[Mapping[str, Amount]] = [dict(ballot) for ballot in groups]
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
    pids = [pid for row in rows for pid in row]
    try:
        bid = np.fromiter(map(column.__getitem__, pids), dtype=np.intp, count=len(pids))
    except KeyError:
        unknown = sorted(set(pids) - column.keys())
        raise ValueError(f"ballot names unknown bids {unknown}") from None
    points = _objects([points for row in rows for points in row.values()])
    sizes = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
    group = np.repeat(np.arange(len(rows)), sizes)
    order = np.argsort(bid, kind="stable")
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
    )


def _objects(values: Sequence[Amount]) -> np.ndarray:
    """A 1-d object array of exact numbers (np.array would pick a fixed-size number type)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _pairs(bid: _Bid, run: _Run) -> _Pairs:
    """The bid's supporters grouped by (money class, utility) as they stand in `run`."""
    # Pair keys are small integers (money classes number in the thousands at most), so
    # counting them with bincount is cheaper than sorting them with np.unique.
    kinds = len(bid.utilities)
    key = run.money_class[bid.supporters]
    if kinds > 1:
        key = key * kinds + bid.utility_code
    totals = np.bincount(key, weights=bid.weight)
    present = np.flatnonzero(totals)
    slot = np.empty(len(totals), dtype=np.intp)
    slot[present] = np.arange(len(present))
    weight = totals[present].astype(np.int64).tolist()
    if kinds > 1:
        utility = [bid.utilities[k] for k in (present % kinds).tolist()]
        return _Pairs(slot[key], present // kinds, utility, weight)
    return _Pairs(slot[key], present, list(bid.utilities) * len(present), weight)


def _price(bid: _Bid, run: _Run, pairs: _Pairs | None = None) -> tuple[Fraction, _Pairs] | None:
    """The smallest ρ at which the bid's supporters can pay for it, or None if they cannot.

    Each supporter i pays min(money_i, ρ·u_i). Start by assuming everyone pays ρ·u_i; whoever
    cannot afford that at the ρ it gives pays all they have instead, which raises ρ for the
    rest; repeat until everyone left can pay (pabutools' "poor/rich" loop; ρ only rises, so it
    ends, usually after a pass or two). In exact integers over the run's common denominator,
    on plain lists: bids mostly have a few dozen pairs, where numpy's cost per call outweighs
    its speed (and thousands, on a 100,000-voter election, cost little either way).
    `pairs`, if given, must be the bid's pairs as they stand.
    """
    if pairs is None:
        pairs = _pairs(bid, run)
    money = run.money[pairs.money_class].tolist()
    weight, utility = pairs.weight, pairs.utility
    need = int(bid.cost * run.denominator)
    if sum(w * m for w, m in zip(weight, money, strict=True)) < need:
        return None
    rich = range(len(money))
    paid_by_poor, utility_of_rich = 0, sum(w * u for w, u in zip(weight, utility, strict=True))
    while True:
        # money < ρ·u with ρ = (need - paid_by_poor) / (denominator · utility_of_rich)
        short = need - paid_by_poor
        poor = [k for k in rich if money[k] * utility_of_rich < short * utility[k]]
        if not poor:
            return Fraction(short, run.denominator * utility_of_rich), pairs
        rich = [k for k in rich if money[k] * utility_of_rich >= short * utility[k]]
        paid_by_poor += sum(weight[k] * money[k] for k in poor)
        utility_of_rich -= sum(weight[k] * utility[k] for k in poor)


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
    pricing every bid in the first round.
    """
    if bid.bound is None or bid.bound_is_price_from is None or bid.cost == 0:
        return None
    exact = bid.bound_is_price_from <= share
    return float(bid.bound), bid.bound, bid.tie_rank, purchases if exact else -1, bid.index


def _run_equal_shares(electorate: _Electorate, share: Fraction) -> _Run:
    """One run of MES in which every voter starts with `share`.

    Repeatedly fund the bid with the smallest ρ (ties: the tie-break) until no bid's supporters
    can afford it. Spending only ever raises ρ, so a bid's last computed ρ is a lower bound:
    the bids wait in a heap ordered by (bound, tie-break rank), and when the bid on top was
    priced since the last purchase, its bound is exact and beats every other bid's true ρ
    ("lazy greedy"; pabutools prunes the same way). Most bids are never re-priced.
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
            continue
        found = _price(bid, run)
        if found is not None:
            rho, priced[index] = found
            heapq.heappush(heap, (float(rho), rho, rank, len(run.order), index))
    return run


# --- add1 without rerunning every step ----------------------------------------------------

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


def _last_fitting_share(
    electorate: _Electorate, base: Fraction, steps: int, budget: Amount
) -> Fraction:
    """add1's share: the last of base, base + 1, ..., base + steps whose MES result fits.

    Raising stops at the first step that does not fit. Steps whose decisions provably match
    the last run's are skipped: they select the same bids, so they fit or not alike.
    """
    sweep = _Sweep(electorate, base)
    fitting = 0
    while sweep.cost <= budget:
        fitting = steps if sweep.holds_below is None else min(sweep.holds_below - 1, steps)
        if fitting == steps:
            break
        sweep.go_to(fitting + 1)
    return base + fitting


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
    outcomes = {}
    for bid in electorate.bids:
        support = electorate.support[bid.project_id]
        outcome = BidOutcome(bid.project_id, bid.cost, support, Reason.NO_SUPPORT, "equal-shares")
        if bid.index in position:
            outcome = replace(
                outcome, reason=Reason.FUNDED, position=position[bid.index], granted=bid.cost
            )
        elif bid.supported:
            pairs = _pairs(bid, run)
            money = run.money[pairs.money_class].tolist()
            held = sum(w * m for w, m in zip(pairs.weight, money, strict=True))
            left = Fraction(held, run.denominator)
            outcome = replace(outcome, reason=Reason.SUPPORTERS_SHORT, supporters_left=left)
        outcomes[bid.project_id] = outcome
    selected = tuple(electorate.bids[i].project_id for i in run.order)
    payments = _Payments(electorate, run)
    return Result(rule, budget, selected, outcomes, share=share, payments=payments)


def ballot_support(
    projects: Mapping[str, Amount], ballots: Sequence[Mapping[str, Amount]]
) -> dict[str, Amount]:
    """Total points per bid (approval ballots: the number of supporters)."""
    support: dict[str, Amount] = dict.fromkeys(projects, 0)
    for ballot in ballots:
        for pid, points in ballot.items():
            support[pid] += points
    return support


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
    the next, and the result is one ordinary MES run at the share it finds.
    """
    if not ballots:
        return _no_ballots("mes-add1", projects, budget)
    electorate = _prepare(projects, ballots, utility, tie_break, group=True)
    base = Fraction(budget) / electorate.voters
    steps = math.floor(budget)
    supported_cost = sum((bid.cost for bid in electorate.bids if bid.supported), 0)
    if supported_cost <= budget:
        share = base + steps
    else:
        share = _last_fitting_share(electorate, base, steps, budget)
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


# --- Explanations -------------------------------------------------------------------------


def explain(
    result: Result,
    *,
    currency: str = "",
    names: Mapping[str, str] | None = None,
    support_unit: str = "supporters",
) -> list[str]:
    """One plain-English line per bid (input order) saying why it was or was not funded.

    English only: this serves the command line; the bot words its own messages from the same
    BidOutcome fields.
    """
    money = _money_formatter(currency)
    lines = []
    for pid, bid in result.bids.items():
        label = f"{pid} {names[pid]}" if names and names.get(pid) else pid
        lines.append(f"{label}: {_why(bid, result, money, support_unit)}")
    return lines


def _why(bid: BidOutcome, result: Result, money: Callable[[Amount], str], unit: str) -> str:
    backing = f"{_number(bid.support)} {unit}, cost {money(bid.cost)}"
    if bid.reason == Reason.FUNDED:
        if bid.stage == "equal-shares":
            most = max(result.payments[bid.project_id], default=0)
            return (
                f"Funded {_ordinal(bid.position)} by equal shares: {backing}, "
                f"no supporter paid more than {money(most)}"
            )
        if bid.stage == "completion":
            return f"Funded {_ordinal(bid.position)} from the money equal shares left: {backing}"
        return f"Funded {_ordinal(bid.position)}: {backing}"
    if bid.reason == Reason.PARTLY_FUNDED:
        return (
            f"Partly funded {_ordinal(bid.position)}: offered the {money(bid.granted)} left "
            f"in the pot, it asked for {money(bid.cost)}"
        )
    if bid.reason == Reason.NO_SUPPORT:
        return "Not funded: nobody supported it"
    if bid.reason == Reason.COUNT_STOPPED:
        return "Not funded: the count stopped at a bid ranked above it that did not fit"
    short = ""
    if bid.supporters_left is not None:
        short = (
            f"its supporters had {money(bid.supporters_left)} left between them "
            f"(each voter started with {money(result.share)}), it costs {money(bid.cost)}"
        )
    if bid.reason == Reason.SUPPORTERS_SHORT:
        return f"Not funded: {short}"
    left = f"{money(bid.pot_left)} left in the pot after the bids ranked above it"
    if short:
        return f"Not funded: {short}; then only {left}"
    return f"Not funded: {left}, it costs {money(bid.cost)}"


def _money_formatter(currency: str) -> Callable[[Amount], str]:
    suffix = f" {currency}" if currency else ""
    return lambda amount: f"{_number(amount)}{suffix}"


def _number(amount: Amount) -> str:
    """12400 -> "12,400"; fractions to two decimals, rounded down so no one is flattered."""
    if Fraction(amount).denominator == 1:
        return f"{int(amount):,}"
    cents = math.floor(Fraction(amount) * 100)
    return f"{cents // 100:,}.{cents % 100:02d}"


def _ordinal(place: int | None) -> str:
    place = place or 0
    suffix = "th" if 10 <= place % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(place % 10, "th")
    return f"{place}{suffix}"


# --- Ballot rules -------------------------------------------------------------------------

BallotKind = Literal["score", "approval", "top-n", "tokens", "knapsack"]
Choices = Mapping[str, int] | Collection[str]
SCORES: Final = range(1, 6)

BALLOT_ERRORS: Final = {
    "unknown-bid": "a choice is not a bid in this round",
    "own-bid": "a voter chose a bid they submitted",
    "duplicate-bid": "the same bid was chosen twice",
    "score-not-integer": "a score is not a whole number",
    "score-out-of-range": "a score is outside 1..5",
    "missing-score": "scoring every bid is required and some bid has no score",
    "too-many": "more bids ticked than the organiser allows",
    "tokens-not-integer": "a number of tokens is not a whole number",
    "tokens-out-of-range": "a bid got fewer than 0 tokens or more than the cap per bid",
    "tokens-total": "the tokens do not add up to the total allowed (or exceed it)",
    "over-pot": "the ticked bids cost more than the pot",
}
"""Every code `validate_ballot` returns, with its meaning; the bot translates the codes."""


def validate_ballot(
    kind: BallotKind,
    choices: Choices,
    *,
    bids: Mapping[str, Amount],
    pot: Amount | None = None,
    n_max: int | None = None,
    tokens: int | None = None,
    max_per_bid: int | None = None,
    require_all: bool = False,
    own_bids: Collection[str] = frozenset(),
) -> list[str]:
    """Error codes (see BALLOT_ERRORS) for a ballot; an empty list means it is valid.

    `choices` maps bid id to score or tokens for `score` and `tokens` ballots, and is the
    ticked bid ids for the others. `require_all` means "score every bid" for score ballots and
    "spend exactly `tokens`" for tokens ballots (otherwise up to `tokens`). A voter's own bids
    are never allowed, and are not required for "score every bid". A missing setting the kind
    needs (`n_max`, `tokens`, `pot`) is the organiser's error, so it raises ValueError.
    """
    if kind not in _KIND_RULES:
        raise ValueError(f"unknown ballot kind {kind!r}")
    chosen = list(choices)
    errors = []
    if len(set(chosen)) != len(chosen):
        errors.append("duplicate-bid")
    if any(pid not in bids for pid in chosen):
        errors.append("unknown-bid")
    if any(pid in own_bids for pid in chosen):
        errors.append("own-bid")
    settings = _BallotSettings(bids, pot, n_max, tokens, max_per_bid, require_all, own_bids)
    errors.extend(_KIND_RULES[kind](choices, settings))
    return errors


@dataclass(frozen=True)
class _BallotSettings:
    bids: Mapping[str, Amount]
    pot: Amount | None
    n_max: int | None
    tokens: int | None
    max_per_bid: int | None
    require_all: bool
    own_bids: Collection[str]


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _values(choices: Choices, kind: str) -> Mapping[str, Any]:
    if not isinstance(choices, Mapping):
        raise TypeError(f"{kind} ballots map each bid to a number")
    return choices


def _score_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    scores = _values(choices, "score")
    if not all(_is_whole(v) for v in scores.values()):
        yield "score-not-integer"
    elif any(v not in SCORES for v in scores.values()):
        yield "score-out-of-range"
    if s.require_all and set(s.bids) - set(s.own_bids) - set(scores):
        yield "missing-score"


def _approval_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    return iter(())


def _top_n_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    if s.n_max is None:
        raise ValueError("top-n ballots need n_max")
    if len(set(choices)) > s.n_max:
        yield "too-many"


def _token_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    if s.tokens is None:
        raise ValueError("tokens ballots need tokens")
    spent = _values(choices, "tokens")
    if not all(_is_whole(v) for v in spent.values()):
        yield "tokens-not-integer"
        return
    cap = s.tokens if s.max_per_bid is None else s.max_per_bid
    if any(not 0 <= v <= cap for v in spent.values()):
        yield "tokens-out-of-range"
    total = sum(spent.values())
    if total > s.tokens or (s.require_all and total != s.tokens):
        yield "tokens-total"


def _knapsack_rules(choices: Choices, s: _BallotSettings) -> Iterator[str]:
    if s.pot is None:
        raise ValueError("knapsack ballots need the pot")
    if sum(s.bids[pid] for pid in set(choices) if pid in s.bids) > s.pot:
        yield "over-pot"


_KIND_RULES: Final[dict[str, Callable[[Any, _BallotSettings], Iterator[str]]]] = {
    "score": _score_rules,
    "approval": _approval_rules,
    "top-n": _top_n_rules,
    "tokens": _token_rules,
    "knapsack": _knapsack_rules,
}
