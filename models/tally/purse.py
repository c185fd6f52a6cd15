"""Ballot groups' money in one bounded MES run (models.tally.interval): per money class early on.

A purchase changes each of the winner's supporters by the same arithmetic on that group's own
money, error bound and utility for the bid, and changes no one else. So groups that have
backed the same winners so far, with the same utility for each, hold the very same floating-
point money and the very same error bound: they form a money class. Early in a run there are
few (Budapest 2024, 20,132 groups: 32 classes after 5 purchases, 647 after 10), so the purse
keeps one value per class, and a purchase or a pricing costs work per class. Once the classes
are many (or a winner's supporters' utilities differ), it spells the money out per group.

Which groups form a class depends only on the bids bought so far, in order, not on the share;
add1's runs at many shares mostly buy the same first bids. So the classes (`Classes`), and
each bid's voters per class, are worked out once per sequence of purchases and kept with the
prepared electorate for every later run (within a budget); only the classes' values are the
run's own. (Vouching, models.tally.alike, reads a traced run by the same classes, worked out
per course and split by utility too, one supporter a class: `Paid.at`.)

A sum over a bid's supporters is taken over the classes that hold any of them, each weighted
by its voters among the supporters (whole numbers below 2⁵³, so summed exactly): a sum of no
more non-negative products than there are supporters, so the rounding bound of a sum over the
supporters covers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import numpy as np

from models.tally import native

if TYPE_CHECKING:
    from models.tally.pricing import _FloatBid

_EPS: Final = 2.0**-52
_MOST_CLASSES: Final = 2048
"""Above this many classes, the purse keeps money per group."""
_CLASSES_FROM: Final = 4096
"""With fewer groups than this, money is kept per group from the start. Keeping classes costs a
pass over every group each time new ones are worked out; with pricing in C (models.tally.native)
that pays back on large electorates only (in-process CPU, best of 2, classes from 2,048 / 4,096
/ 8,192 groups: Toulouse 2022, 2,449 groups, 1.88 / 1.62 / 1.48 s; Warszawa 2025
Praga-Południe, 7,060 groups, 0.54 / 0.50 / 0.72 s; Budapest 2024, 20,132 groups, 1.5 s by
class and 2.5 s per group)."""
_TRIAL: Final = 100
_REUSED_PER_NEW: Final = 4
"""After `_TRIAL` purchases needed new classes, new ones are worked out only while kept ones
are reused at least this many times as often (see `Purse._full`)."""
_MOST_KEPT: Final = 16_000_000
"""How many numbers the classes kept across runs may hold in all (8 bytes each)."""


class Paid:
    """One purchase in a bounded run: the supporters' money and error bounds afterwards.

    A supporter left surely holding something (money above its error bound) paid ρ·u, not
    all it had: one that pays all it has holds exactly nothing. (From a purchase made per
    class, kept as the supporters' classes and the classes' values, spelled out per
    supporter when read: most runs' traces are never read.)
    """

    __slots__ = ("_classes", "_error", "_money", "rows")

    def __init__(
        self,
        rows: np.ndarray,
        money: np.ndarray,
        error: np.ndarray,
        classes: np.ndarray | None = None,
    ) -> None:
        self.rows = rows
        self._money, self._error, self._classes = money, error, classes

    @property
    def money(self) -> np.ndarray:
        self._spell_out()
        return self._money

    @property
    def error(self) -> np.ndarray:
        self._spell_out()
        return self._error

    def at(self, places: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The money and error bounds of the supporters at `places` (in `rows`), without
        spelling out the others' (what vouching reads of a purchase: one supporter a class)."""
        if self._classes is None:
            return self._money.take(places), self._error.take(places)
        of = self._classes.take(places)
        return self._money.take(of), self._error.take(of)

    def _spell_out(self) -> None:
        if self._classes is not None:
            of, self._classes = self._classes, None
            self._money, self._error = self._money[of], self._error[of]


@dataclass
class Classes:
    """The money classes after a sequence of purchases: each group's class, each class's size.

    `supporters[id(bid)]`: the classes holding any of the bid's supporters and their voters
    there; `after[id(bid)]`: the classes once that bid is bought next. Both filled in as runs
    ask for them (read-only arrays, shared by every run that made the same purchases).
    """

    of: np.ndarray
    size: np.ndarray
    supporters: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    after: dict[int, _Step] = field(default_factory=dict)


@dataclass(frozen=True)
class _Step:
    """Buying a bid (all of whose supporters have the same utility) from some `Classes`:
    `owner`, the classes holding its supporters, become `target` (the same number where the
    class is wholly among them, else a new one); `classes`, the supporters' classes after."""

    owner: np.ndarray
    target: np.ndarray
    then: Classes
    classes: np.ndarray


@dataclass
class ClassMemo:
    """The classes kept across an electorate's runs, from the first (everyone in one class)."""

    first: Classes | None = None
    kept: int = 0  # numbers held in all
    new: int = 0  # purchases that needed classes worked out
    reused: int = 0  # purchases whose classes were kept from an earlier run


class Purse:
    """Every ballot group's money and error bound in one bounded run.

    Per class (`classes`; `money`, `error`: each class's value and error bound) until
    `classes` is None; then `money` and `error` are per group.
    """

    def __init__(self, groups: int, share: float, memo: ClassMemo) -> None:
        self.memo = memo
        if groups < _CLASSES_FROM:
            self.classes: Classes | None = None
            self.money, self.error = np.full(groups, share), np.full(groups, share * _EPS)
            return
        if memo.first is None:
            memo.first = Classes(np.zeros(groups, dtype=np.intp), np.array([groups]))
        self.classes = memo.first
        self.money = np.array([share])
        self.error = np.array([share * _EPS])

    def sources(self, bid: _FloatBid) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """What `holding` reads, before reading it: (money, error bounds, where in them each
        of the bid's supporters or their classes is, voters), for the compiled pricing."""
        rows = self.money, self.error
        classes = self.classes
        if classes is None:
            return *rows, bid.supporters, bid.weight
        if not bid.flat_utility:
            return *rows, classes.of[bid.supporters], bid.weight
        present, voters = self._voters(classes, bid)
        return *rows, present, voters

    def holding(self, bid: _FloatBid) -> tuple[np.ndarray, np.ndarray, np.ndarray, object]:
        """(money, error bounds, voters) to sum over for the bid's supporters, and a token for
        `pay` (what was read, so that the winner's payment need not read it again).

        Per class holding any of them where they all have the same utility, else per
        supporter.
        """
        rows = bid.supporters
        classes = self.classes
        if classes is None:
            held, off = self.money[rows], self.error[rows]
            return held, off, bid.weight, (held, off)
        if not bid.flat_utility:
            of = classes.of[rows]
            return self.money.take(of), self.error.take(of), bid.weight, None
        present, voters = self._voters(classes, bid)
        return self.money.take(present), self.error.take(present), voters, None

    def _voters(self, classes: Classes, bid: _FloatBid) -> tuple[np.ndarray, np.ndarray]:
        """The classes holding any of the bid's supporters, and its voters in each (kept)."""
        found = classes.supporters.get(id(bid))
        if found is None:
            of = classes.of[bid.supporters]
            voters = np.bincount(of, weights=bid.weight, minlength=len(classes.size))
            present = voters.nonzero()[0]  # every supporter group has a voter
            found = present, voters[present]
            if self._room(2 * len(present)):
                classes.supporters[id(bid)] = found
        return found

    def pay(
        self,
        bid: _FloatBid,
        lowest: float,
        highest: float,
        token: object = None,
        trace: list[Paid] | None = None,
    ) -> None:
        """Each supporter keeps max(0, m − ρ·u), for a ρ somewhere in [lowest, highest].

        A group that surely could not pay ρ·u is left with exactly nothing (no error); any other
        keeps its error, plus u times half the interval's width, plus rounding (`_charged`).
        `token`: what `holding` read for this bid since the last purchase, if it did. With
        `trace`, what the supporters hold afterwards is appended to it (see models.tally.vouch).
        """
        rows = bid.supporters
        if self.classes is not None and (not bid.flat_utility or self._full(self.classes, bid)):
            self._spell_out()
        compiled = native.pricing
        if self.classes is None and compiled is not None:
            money, error = self.money, self.error
            compiled.charge(money, error, rows, bid.utility, bid.flat_utility, lowest, highest,
                            money, error, rows)
            if trace is not None:
                trace.append(Paid(rows, money[rows], error[rows]))
            return
        if self.classes is None:
            if isinstance(token, tuple):
                held, off = token
            else:
                held, off = self.money[rows], self.error[rows]
            held, off = _charged(bid, held, off, lowest, highest, bid.utility)
            self.money[rows], self.error[rows] = held, off
            if trace is not None:
                trace.append(Paid(rows, held, off))
            return
        step = self._step(self.classes, bid)
        known, now = len(self.money), len(step.then.size)
        money, error = np.empty(now), np.empty(now)
        money[:known], error[:known] = self.money, self.error
        # The supporters in a class all pay the same: each class's new value is worked out once.
        if compiled is not None:
            compiled.charge(self.money, self.error, step.owner, None, bid.flat_utility, lowest,
                            highest, money, error, step.target)
        else:
            held, off = _charged(
                bid, self.money[step.owner], self.error[step.owner], lowest, highest, None
            )
            money[step.target], error[step.target] = held, off
        self.money, self.error, self.classes = money, error, step.then
        if trace is not None:
            trace.append(Paid(rows, money, error, step.classes))
        if now > _MOST_CLASSES:
            self._spell_out()

    def _step(self, classes: Classes, bid: _FloatBid) -> _Step:
        """The classes after buying `bid` (kept, where there is room)."""
        step = classes.after.get(id(bid))
        if step is not None:
            return step
        rows = bid.supporters
        before = classes.of[rows]
        known = len(classes.size)
        count = np.bincount(before, minlength=known)
        owner = count.nonzero()[0]
        count = count[owner]
        moving = count != classes.size[owner]
        new = int(np.count_nonzero(moving))
        target = owner.copy()
        target[moving] = np.arange(known, known + new)
        size = np.concatenate([classes.size, count[moving]])
        size[owner[moving]] -= count[moving]
        renamed = np.arange(known)
        renamed[owner] = target
        after = renamed[before]
        of = classes.of.copy()
        of[rows] = after
        step = _Step(owner, target, Classes(of, size), after)
        if self._room(len(of) + len(size) + 2 * len(owner) + len(after)):
            classes.after[id(bid)] = step
        return step

    def _full(self, classes: Classes, bid: _FloatBid) -> bool:
        """Whether to stop keeping money per class rather than work out new classes for `bid`.

        New classes cost a pass over every group; they pay back only when later runs make the
        same purchases (Budapest 2024: classes kept were reused 9,353 times for 121 worked out).
        Where runs part early they are seldom used again (Łódź 2022: 740 reuses for 646 worked
        out, which made its count 70% slower than per group), and paying per group from there
        on is cheaper; so is it once nothing more can be kept. Only speed depends on this: both
        ways do the same arithmetic on every group."""
        memo = self.memo
        if id(bid) in classes.after:
            memo.reused += 1
            return False
        memo.new += 1
        if memo.new > _TRIAL and memo.reused < _REUSED_PER_NEW * memo.new:
            return True
        return memo.kept + 2 * len(classes.of) > _MOST_KEPT

    def _room(self, numbers: int) -> bool:
        """Whether `numbers` more may be kept across runs (and count them if so)."""
        if self.memo.kept + numbers > _MOST_KEPT:
            return False
        self.memo.kept += numbers
        return True

    def _spell_out(self) -> None:
        """Keep money per group from now on."""
        if self.classes is None:
            return
        of = self.classes.of
        self.money, self.error = self.money[of], self.error[of]
        self.classes = None


def _charged(
    bid: _FloatBid,
    held: np.ndarray,
    off: np.ndarray,
    lowest: float,
    highest: float,
    utility: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """What groups holding `held` (error bounds `off`) with `utility` for the bid (None: the
    bid's one utility) keep after paying ρ·u for a ρ in [lowest, highest], and its error bound.

    Writes over `held`. The middle of the interval is charged; a group that surely could not
    pay ρ·u (even holding the most it may, and charged the least) keeps exactly nothing, with
    no error. Any other keeps its error, plus u times half the interval's width (how far the
    exact ρ can be from the middle), plus rounding.
    """
    rho = (lowest + highest) / 2
    half = (highest - lowest) / 2 * (1 + 4 * _EPS) + highest * _EPS
    flat = bid.flat_utility
    if flat:  # every supporter's utility is the same: the charge is one number
        charge = rho * flat
        off = off + (flat * half * (1 + 4 * _EPS) + 2 * _EPS * charge) + 2 * _EPS * held
        least_charge = lowest * flat * (1 - 4 * _EPS)
    else:
        assert utility is not None
        charge = rho * utility
        off = off + utility * half * (1 + 4 * _EPS) + 2 * _EPS * (held + charge)
        least_charge = lowest * utility * (1 - 4 * _EPS)
    surely_poor = (held + off) * (1 + 4 * _EPS) < least_charge
    # A surely poor group's held − charge is negative (least_charge ≤ charge), so it keeps 0.
    held -= charge
    np.maximum(held, 0.0, out=held)
    off *= 1 + 4 * _EPS
    off[surely_poor] = 0.0
    return held, off
