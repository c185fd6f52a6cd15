"""Groups of voters a bounded run treats alike, and runs read by them (for models.tally.vouch).

Groups that backed the same winners so far, with the same utilities for them, hold the same
exact money at any share along a course: each started with the share and, in every round,
paid min(m, ρ·u) with the same m and u. Such groups form a class; a round's winner splits
each class its supporters are in (`Rounds`; a bounded run's purse, models.tally.purse, keeps
its money by the same classes while it can). So a money and error bound that holds for one
group's exact money holds for every other's in its class: a run is read one group a class
(`Run`), with nothing to check. (A bounded run in fact holds them identical, doing the same
arithmetic on each group or keeping one value a class, but no bound relies on that.)
Comparing two runs of a course by class rather than by group does the same sums with fewer
terms (a city's winners have thousands of supporter groups, in hundreds of classes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final, TypeVar

import numpy as np

from models.tally.interval import IntervalElectorate, Trace
from models.tally.mes import group_supporters
from models.tally.pricing import _FloatBid

_EPS: Final = 2.0**-52
_GROUPED_FROM: Final = 1024
"""Supporter groups are grouped further by class where a course's winners have at least this
many of them on average (with fewer, grouping costs more than it saves)."""
_T = TypeVar("_T")


@dataclass(frozen=True)
class _Alike:
    """A bid's supporters, grouped: each of `bid`'s weights and utilities is a group of them in
    one class (`parent`) with one utility for the bid; `alike[k]` is the k-th supporter's."""

    bid: _FloatBid
    parent: np.ndarray
    alike: np.ndarray
    one: np.ndarray | None  # a supporter of each group, by its place (None: one group each)


def _alike(bid: _FloatBid, ids: np.ndarray, grouped: bool) -> _Alike:
    """`bid`'s supporters grouped by class (`ids`) and utility (or not: one group each)."""
    key = ids.take(bid.supporters)
    if not grouped:
        return _Alike(bid, key, np.arange(len(key)), None)
    kinds, code = 1, None
    if not bid.flat_utility:
        utilities, code = np.unique(bid.utility, return_inverse=True)
        kinds = len(utilities)
    present, weight, alike = group_supporters(key, bid.weight, code, kinds)
    one = np.empty(len(present), dtype=np.intp)
    one[alike] = np.arange(len(alike))
    if kinds > 1:
        utility = utilities[present % kinds]
    else:
        utility = np.full(len(present), bid.flat_utility)
    grouped = replace(bid, weight=weight, utility=utility, weighted_utility=weight * utility)
    return _Alike(grouped, present // kinds, alike, one)


class Rounds:
    """The classes of a course's groups, round by round: the winner of each round splits the
    classes its supporters are in. Courses that part late share their first rounds' classes
    (`share`)."""

    def __init__(self, prepared: IntervalElectorate, order: tuple[int, ...], free: int) -> None:
        self.prepared, self.order, self.free = prepared, order, free
        self.winners = [prepared.bids[i] for i in order[free:]]
        self.ids = np.zeros(prepared.groups, dtype=np.int32)  # class 0: backed no winner yet
        self.count = 1
        self.bound = 1 + sum(len(bid.supporters) for bid in self.winners)  # of classes
        # Where winners have few supporters, grouping them costs more than it saves.
        self.grouped = self.bound >= _GROUPED_FROM * max(1, len(self.winners))
        self.rounds: list[_Alike] = []
        self.made: list[slice] = []  # the classes each round's purchase makes, one a group
        self.ids_before: list[np.ndarray] = []
        self.rivals: dict[tuple[int, int], _Alike] = {}

    def share(self, like: Rounds) -> None:
        """Take the rounds `like` (a course with the same free bids) grouped before the two
        courses part."""
        shared = 0
        for mine, theirs in zip(self.winners, like.winners[: len(like.rounds)], strict=False):
            if mine is not theirs:
                break
            shared += 1
        if not shared:
            return
        self.rounds, self.made = like.rounds[:shared], like.made[:shared]
        self.ids_before = like.ids_before[:shared]
        after = like.ids_before[shared] if shared < len(like.rounds) else like.ids
        self.ids, self.count = after.copy(), self.made[-1].stop
        self.rivals = {key: found for key, found in like.rivals.items() if key[0] < shared}

    def at(self, r: int) -> _Alike:
        """Round r's winner's supporters, grouped by class before it and utility."""
        while len(self.rounds) <= r:
            winner = self.winners[len(self.rounds)]
            alike = _alike(winner, self.ids, self.grouped)
            self.ids_before.append(self.ids.copy())
            self.rounds.append(alike)
            self.made.append(slice(self.count, self.count + len(alike.parent)))
            self.ids[winner.supporters] = self.count + alike.alike
            self.count += len(alike.parent)
        return self.rounds[r]

    def rival(self, r: int, index: int) -> _Alike:
        """Bid `index`'s supporters, grouped by class before round r and utility."""
        found = self.rivals.get((r, index))
        if found is None:
            if r < len(self.ids_before):
                ids = self.ids_before[r]
            else:  # round r's winner not grouped yet (or none: the course ended)
                if r:
                    self.at(r - 1)
                ids = self.ids
            found = _alike(self.prepared.bids[index], ids, self.grouped)
            self.rivals[r, index] = found
        return found


class Before:
    """What a round's winner's supporters held before its purchase, by group (`_Alike`): at
    least `held`, at most `most`; `rich`, which surely paid ρ·u in every round before;
    `paid_rho`, whether all of them surely paid ρ·u in this one. (Each is worked out when
    first asked for: a run is mostly read as one end, lower or upper, at a time.)"""

    __slots__ = ("_after", "_held", "_most", "error", "money", "rich")

    def __init__(self, money: np.ndarray, error: np.ndarray, rich: np.ndarray, after):
        self.money, self.error, self.rich, self._after = money, error, rich, after
        self._held: np.ndarray | None = None
        self._most: np.ndarray | None = None

    @property
    def held(self) -> np.ndarray:
        if self._held is None:
            self._held = np.maximum(self.money - self.error, 0.0)
        return self._held

    @property
    def most(self) -> np.ndarray:
        if self._most is None:
            self._most = self.money + self.error
        return self._most

    @property
    def paid_rho(self) -> bool:
        if not isinstance(self._after, bool):
            self._after = bool(self._after.all())
        return self._after


class Run:
    """One traced run's money by class, as far as comparisons have read it."""

    def __init__(self, trace: Trace, classes: Rounds) -> None:
        self.trace = trace
        self.classes = classes
        # By class, grown as classes are made (class 0, groups that backed no winner yet,
        # holds the share).
        self.held = np.empty((2, classes.count))  # money (row 0) and its error bound
        self.held[:, 0] = trace.share, trace.share * _EPS
        self.rich = np.ones(classes.count, dtype=bool)
        self.rounds: list[Before] = []

    def before(self, r: int) -> Before:
        """What round r's winner's supporters held before it."""
        while len(self.rounds) <= r:
            self.rounds.append(self._read(len(self.rounds)))
        return self.rounds[r]

    def _read(self, r: int) -> Before:
        alike = self.classes.at(r)
        parent, paid = alike.parent, self.trace.paid[r]
        if alike.one is None:
            money, error = paid.money, paid.error
        else:  # one supporter a class: its bounds hold for the class (see above)
            money, error = paid.at(alike.one)
        rich = self.rich.take(parent)
        now = self.classes.made[r]
        if now.stop > len(self.rich):
            more = max(now.stop, 2 * len(self.rich)) - len(self.rich)
            self.held = np.append(self.held, np.empty((2, more)), axis=1)
            self.rich = np.append(self.rich, np.empty(more, dtype=bool))
        # Which surely paid ρ·u (not all they had): a group paying all it has holds nothing.
        paid_rho = money > error
        self.held[0, now], self.held[1, now], self.rich[now] = money, error, rich & paid_rho
        held = self.held.take(parent, axis=1)
        return Before(held[0], held[1], rich, paid_rho)


class KeptRuns:
    """The last few runs and courses compared, as far as they were read: a search compares
    most runs twice (as the upper end of one stretch and the lower end of the next)."""

    def __init__(self, runs: int = 4, courses: int = 2) -> None:
        # (a course's classes take a copy of every group's class per round: fewer are kept)
        self.most_runs, self.most_courses = runs, courses
        self.courses: list[Rounds] = []
        self.runs: list[Run] = []

    def classes(self, prepared: IntervalElectorate, order: tuple[int, ...], free: int) -> Rounds:
        alike = [c for c in self.courses if c.prepared is prepared and c.free == free]
        found = next((c for c in alike if c.order == order), None)
        if found is None:
            found = Rounds(prepared, order, free)
            # The course that runs alike longest (most share their first rounds).
            like = max(alike, key=lambda c: parting(c.order, order), default=None)
            if like is not None and like.grouped == found.grouped:
                found.share(like)
        return _recent(self.courses, found, self.most_courses)

    def run(self, trace: Trace, classes: Rounds) -> Run:
        found = next((run for run in self.runs if run.trace is trace), None)
        if found is None or found.classes is not classes:
            found = Run(trace, classes)
        return _recent(self.runs, found, self.most_runs)


def parting(one: tuple[int, ...], other: tuple[int, ...]) -> int:
    """How many bids two orders share before they part."""
    return next(
        (k for k, (x, y) in enumerate(zip(one, other, strict=False)) if x != y),
        min(len(one), len(other)),
    )


def _recent(kept: list[_T], item: _T, most: int) -> _T:
    """Put `item` first in `kept`, which keeps at most `most`."""
    if item in kept:
        kept.remove(item)
    else:
        del kept[most - 1 :]
    kept.insert(0, item)
    return item
