"""Ballot groups' money in one bounded MES run (models.tally.interval): per money class early on.

A purchase changes each of the winner's supporters by the same arithmetic on that group's own
money, error bound and utility for the bid, and changes no one else. So groups that have
backed the same winners so far, with the same utility for each, hold the very same floating-
point money and the very same error bound: they form a money class. Early in a run there are
few (Budapest 2024, 20,132 groups: 32 classes after 5 purchases, 647 after 10), so the purse
keeps one value per class and each group's class, and a purchase costs work per class. Once
the classes are many (or a bid's supporters' utilities differ), it spells the money out per
group and goes on as before.

While a bid's supporters fall into few classes, a sum over them is taken over the classes,
each weighted by its voters among the supporters (whole numbers below 2⁵³, so summed exactly;
a class with none adds an exact 0): a sum of no more non-negative products than there are
supporters, so the rounding bound of a sum over the supporters covers it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np

if TYPE_CHECKING:
    from models.tally.interval import _FloatBid

_EPS: Final = 2.0**-52
_MOST_CLASSES: Final = 1024
"""Above this many classes, the purse keeps money per group (a purchase's work per class would
cost about as much as per supporter)."""
_FEW: Final = 3
"""A bid's supporters are summed per class when they are at least this many times the classes."""


class Paid:
    """One purchase in a bounded run: the supporters' money and error bounds afterwards.

    A supporter left surely holding something (money above its error bound) paid ρ·u, not
    all it had: one that pays all it has holds exactly nothing. (From a purchase made per
    class, kept as the supporters' classes and a copy of the classes' values, spelled out per
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
        return self._money if self._classes is None else self._money[self._classes]

    @property
    def error(self) -> np.ndarray:
        return self._error if self._classes is None else self._error[self._classes]


class Purse:
    """Every ballot group's money and error bound in one bounded run.

    Per class (`of`: each group's class; `money`, `error`, `size`: each class's value, error
    bound and number of groups) until `grouped`; then `money` and `error` are per group.
    """

    def __init__(self, groups: int, share: float) -> None:
        room = max(groups, 1)
        self.grouped = False
        self.of = np.zeros(groups, dtype=np.intp)
        self.money = np.empty(room)
        self.error = np.empty(room)
        self.size = np.empty(room, dtype=np.intp)
        self.money[0], self.error[0], self.size[0] = share, share * _EPS, groups
        self.classes = 1

    def holding(self, bid: _FloatBid) -> tuple[np.ndarray, np.ndarray, np.ndarray, object]:
        """(money, error bounds, voters) to sum over for the bid's supporters, and a token for
        `pay` (what was read, so that the winner's payment need not read it again).

        Per class where the supporters are many for the classes and all have the same utility
        (a class with no supporter counts 0 times), else per supporter. The arrays may be views
        of the purse: not to be written to.
        """
        rows = bid.supporters
        if self.grouped:
            held, off = self.money[rows], self.error[rows]
            return held, off, bid.weight, (held, off)
        classes = self.of[rows]
        known = self.classes
        if bid.flat_utility and _FEW * known <= len(classes):
            voters = np.bincount(classes, weights=bid.weight, minlength=known)
            return self.money[:known], self.error[:known], voters, classes
        return self.money.take(classes), self.error.take(classes), bid.weight, classes

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
        if not self.grouped and not bid.flat_utility:
            self._spell_out()
            token = None
        if self.grouped:
            if isinstance(token, tuple):
                held, off = token
            else:
                held, off = self.money[rows], self.error[rows]
            held, off = _charged(bid, held, off, lowest, highest, bid.utility)
            self.money[rows], self.error[rows] = held, off
            if trace is not None:
                trace.append(Paid(rows, held, off))
            return
        classes = token if isinstance(token, np.ndarray) else self.of[rows]
        self._pay_classes(bid, classes, lowest, highest, trace)
        if self.classes > _MOST_CLASSES:
            self._spell_out()

    def _pay_classes(
        self,
        bid: _FloatBid,
        classes: np.ndarray,
        lowest: float,
        highest: float,
        trace: list[Paid] | None,
    ) -> None:
        """`pay` per class, for a bid whose supporters all have the same utility.

        The supporters in a class all pay the same: the class's new value is worked out once.
        A class wholly among the supporters keeps its number; the supporters in any other
        become a new class (and the rest keep the old one).
        """
        known = self.classes
        count = np.bincount(classes, minlength=known)
        present = count > 0
        whole = count == self.size[:known]
        moving = present & ~whole
        new = int(np.count_nonzero(moving))
        held, off = _charged(
            bid, self.money[:known].copy(), self.error[:known].copy(), lowest, highest, None
        )
        if new:
            fresh = slice(known, known + new)
            self.money[fresh], self.error[fresh] = held[moving], off[moving]
            self.size[fresh] = count[moving]
            self.size[:known] -= count * moving
            renamed = np.arange(known)
            renamed[moving] = np.arange(known, known + new)
            classes = renamed[classes]
            self.of[bid.supporters] = classes
            self.classes = known + new
        np.copyto(self.money[:known], held, where=whole)
        np.copyto(self.error[:known], off, where=whole)
        if trace is not None:
            known = self.classes
            trace.append(
                Paid(bid.supporters, self.money[:known].copy(), self.error[:known].copy(), classes)
            )

    def _spell_out(self) -> None:
        """Keep money per group from now on."""
        if self.grouped:
            return
        known = self.classes
        self.money = self.money[:known][self.of]
        self.error = self.error[:known][self.of]
        self.grouped = True


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

    Writes over `held` and `off`. The middle of the interval is charged; a group that
    surely could not pay ρ·u (even holding the most it may, and charged the least) keeps
    exactly nothing, with no error. Any other keeps its error, plus u times half the
    interval's width (how far the exact ρ can be from the middle), plus rounding.
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
