"""Vouching for a stretch of add1's steps by comparing prices at the same share.

Two bounded runs at shares a < b that fund the same bids in the same order vouch for every
share in between when, in every round, the winner's highest ρ at a is below every other bid's
lowest at b (`Course.vouches_between`). That coarse check compares prices at different
shares, so the drift of the share eats the winner's margin: on Budapest 2024 it covers about
9 steps a run. Where it fails, `vouched_steps` compares the two at the same share s, for every
s in [a, b] at once, in the rounds where the coarse check fails, and finds how far up from a
the course surely holds (all the way, or to where a bound crosses, or not at all).

Why it holds (d = b − a; money before a round, along the course both runs follow; every
bound below is shown round by round, so it holds at s once the rounds before are shown):

- Lower bounds on a group's money at s, both affine in s: what it held at a, plus s − a if
  at a it paid ρ·u (not all it had) in every round so far (prices at s are at most those at
  a, so it pays at most what it paid there, and it started with s − a more); and s minus
  Σ ρ⁺(s)·u over the rounds it backed the winner, ρ⁺ a line above that winner's ρ (below).
  Each group takes one of the two per round, so that its bound L(s) stays affine.
- Upper bounds, both convex in s: max(0, m_b − (b − s)), m_b its money at b (at s it pays at
  least what it pays at b, and it started with b − s less); and max(0, s − Σ ρ⁻(s)·u), ρ⁻ a
  line below that winner's ρ (a group paying all it has keeps nothing). One per group: U(s).
- The winner's line ρ⁺: for an affine ρ(s), Σ min(L(s), ρ(s)·u) is concave in s (a sum of
  minimums of affine functions), so if it covers the cost at s = a and at s = b it covers it
  throughout, and ρ(s) is above the winner's ρ at every s between.
- A rival (and the line ρ⁻ below a winner): any split S of its supporters gives
  ρ ≥ (cost − Σ_S U(s)) / (utility of the rest), which is concave in s, so the line through
  its values at a and at b is below it. Concave minus affine is concave: where the chord of
  (rival's bound − winner's line) is positive, so is the difference, and the winner wins.

Money and error bounds come from the runs' `Trace`s; every sum is rounded the safe way, as in
models.tally.interval. An exact run (where a bounded one was unsure) has no trace, and then
only the coarse check is made. `predicted_change` guesses where two runs' courses part, for
the search to try; a guess decides nothing.

Groups alike are counted once (models.tally.alike): groups that backed the same winners so
far, with the same utilities for them, hold the same exact money at a and at b, so one
group's money and error bound in each run bound every other's in its class. Every bound
above is per group and takes the same values for groups alike, running sums Σ ρ·u included
(the same terms added in the same order), so each class takes it once, weighted by its
voters (whole numbers, summed exactly). A sum over classes is then the same sum over groups,
in another order and with fewer terms: the same rounding bounds hold.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Final

import numpy as np

from models.tally import native
from models.tally.alike import Before, KeptRuns, Run, parting
from models.tally.interval import Course, IntervalElectorate
from models.tally.pricing import _UNAFFORDABLE, _dot_unthreaded, _FloatBid, _priced, poor_split

_EPS: Final = 2.0**-52
_BLAS_ALONE: Final = 8192
_MOST_SPLITS: Final = 64


def vouched_steps(
    prepared: IntervalElectorate,
    lower: Course,
    upper: Course,
    steps: int,
    kept: KeptRuns | None = None,
) -> int:
    """How many steps above `lower` (0 to `steps`, where `upper` is) surely run its course.

    Both runs must fund the same bids in the same order (else 0). In each round where the
    coarse check fails, the winner's line and each rival's bound are compared at both ends:
    their difference is concave, so it stays positive up to where the chord through its two
    ends crosses zero, and every share below that runs the course too. `kept` keeps what was
    rebuilt of the runs for later comparisons (a search compares most runs twice).
    """
    if lower.order != upper.order:
        return 0
    return _stretch(prepared, lower, upper, steps, kept or KeptRuns())


def _stretch(
    prepared: IntervalElectorate, lower: Course, upper: Course, steps: int, kept: KeptRuns
) -> int:
    """`vouched_steps` for two runs with the same order."""
    if lower.trace is None or upper.trace is None:
        return 0
    rounds = len(lower.highest)
    free = len(lower.order) - rounds
    failing = {
        r
        for r, (rival, highest) in enumerate(zip(upper.rivals, lower.highest, strict=True))
        if not rival > highest
    }
    if not failing:
        return steps
    d = float(steps)
    last = max(failing)
    classes = kept.classes(prepared, lower.order, free)
    classes.at(last)
    at_a, at_b = kept.run(lower.trace, classes), kept.run(upper.trace, classes)
    # What each class paid at most along the winners' lines (rows 0, 1: at a and at b), and
    # at least (rows 2, 3); each round reads its winner's classes' four at once.
    owed = np.zeros((4, classes.count))
    below = _LowerSide(owed[:2], lower.trace.share, upper.trace.share, rounds, d)
    above = _UpperSide(owed[2:], lower.trace.share, upper.trace.share, rounds, d)
    vouched = steps
    for r in range(last + 1):
        alike = classes.at(r)
        low, high = at_a.before(r), at_b.before(r)
        winner = alike.bid
        # A tie a bounded run settled exactly recorded the exact ρ: its line starts from a
        # float just above it (and the coarse checks compare the fraction itself).
        highest, then = _above(lower.highest[r][0]), _above(upper.highest[r][0])
        # Where every supporter was left holding something at a, none paid all it had: ρ was
        # cost / total utility, the least it can be, and stays so at every larger share on
        # this course. Its line is flat, and needs no pricing.
        flat = winner.bound is not None and low.paid_rho
        sums = owed.take(alike.parent, axis=1)
        line = (
            (highest, highest) if flat else below.winner_line(winner, low, sums[:2], highest, then)
        )
        if line is None:
            return 0
        if r in failing:
            vouched = min(vouched, _rivals_above(prepared, at_b, above, r, line, lower))
            if vouched <= 0:
                return 0
        if r == last:
            break  # what the winners paid is read in later rounds only
        made = classes.made[r]
        below.add(made, winner, sums[:2], line, 1 + 2 * _EPS)
        if flat:
            least = float(winner.bound) * (1 - 2 * _EPS)
            above.add(made, winner, sums[2:], (least, least), 1 - 2 * _EPS)
        else:
            above.paid_at_least(made, winner, high.most, sums[2:], highest)
    return vouched


def _above(price: float | Fraction) -> float:
    """A float at least `price`: a float as it is, an exact price rounded up."""
    return price if isinstance(price, float) else float(price) * (1 + 2 * _EPS)


def _rivals_above(
    prepared: IntervalElectorate,
    at_b: Run,
    above: _UpperSide,
    r: int,
    line: tuple[float, float],
    lower: Course,
) -> int:
    """How many steps above the lower run every bid left at the upper run in round r is surely
    dearer than the lower run's winner (whose line is `line`)."""
    highest, rank = lower.highest[r]
    trace = at_b.trace
    proven = trace.proven[r]
    steps = int(above.d)
    vouched = steps
    for lowest, other_rank, _, index, _ in trace.others[r]:
        bound = (lowest, other_rank)
        if proven is not None:
            bound = max(bound, proven)
        if bound > (highest, rank):
            continue  # the coarse check: dearer at the upper run than the winner at the lower
        alike = at_b.classes.rival(r, index)
        now = at_b.held.take(alike.parent, axis=1).sum(axis=0)  # money and its error bound
        found = above.lower_bounds(alike.bid, now, np.take(above.owed, alike.parent, axis=1))
        if found is None:
            return 0
        # The chord runs over the whole stretch, whatever other rivals allowed.
        vouched = min(vouched, chord_positive(steps, found[0] - line[0], found[1] - line[1]))
        if vouched <= 0:
            return 0
    return vouched


def chord_positive(steps: int, at_a: float, at_b: float) -> int:
    """How many whole steps up from a (0 to `steps`) the line through at_a (at a) and at_b
    (`steps` up) stays positive; 0 if at_a is not."""
    if not at_a > 0:
        return 0
    if at_b > 0:
        return steps
    # Its zero is x steps up; the margin covers the rounding of x (a few units in 2⁻⁵²).
    x = steps * at_a / (at_a - at_b)
    return max(0, min(steps, math.ceil(x * (1 - 1e-9)) - 1))


class _Side:
    """Running sums of what each class paid along one side's lines, at a (row 0) and b."""

    def __init__(self, owed: np.ndarray, rounds: int, d: float) -> None:
        self.d = d
        self.owed = owed
        self.sums = 2 * (rounds + 4) * _EPS  # relative rounding of the running sums

    def add(
        self,
        made: slice,
        bid: _FloatBid,
        owed: np.ndarray,
        line: tuple[float, float] | None,
        rounding: float,
    ) -> None:
        """The sums of the classes a purchase of `bid` makes (`made`): those of the classes
        they come from (`owed`, by group of its supporters), plus ρ·u along `line` if any."""
        if line is None:
            self.owed[:, made] = owed
            return
        utility = bid.flat_utility if bid.flat_utility else bid.utility
        for end, sums in enumerate(self.owed):
            np.add(owed[end], line[end] * rounding * utility, out=sums[made])


class _UpperSide(_Side):
    """From the upper run, what bounds every group's money at any share in between above.

    Two upper bounds, both convex in s, are kept for each group: max(0, m_b − (b − s)), and
    max(0, s − what it paid at least), Σ ρ⁻(s)·u over the rounds it backed the winner, where
    ρ⁻ is a line below the winner's ρ at every share in between. The second is the tighter
    one at a for a group that paid ρ·u at b (prices rise as the share falls, which the first
    ignores); a group takes one of them per bid priced, so that its bound stays convex.
    """

    def __init__(self, owed: np.ndarray, a: float, b: float, rounds: int, d: float) -> None:
        super().__init__(owed, rounds, d)
        self.ends = a * (1 + 2 * _EPS), b * (1 + 2 * _EPS)
        self.starts = np.array([[self.ends[0]], [self.ends[1]]])

    def most(self, now: np.ndarray, owed: np.ndarray) -> np.ndarray:
        """Upper bounds on what groups holding at most `now` at b, with running sums `owed`,
        hold at a (row 0) and at b (row 1), each convex between."""
        kept = np.empty((2, len(now)))
        np.maximum(now - self.d, 0.0, out=kept[0])
        kept[0] += 4 * _EPS * now
        np.multiply(now, 1 + 2 * _EPS, out=kept[1])
        paid = owed * (1 - self.sums)
        left = np.maximum(self.starts - paid, 0.0)
        left += 2 * _EPS * (self.starts + paid)
        better = left[0] + left[1] < kept[0] + kept[1]
        return np.where(better, left, kept)

    def lower_bounds(
        self, bid: _FloatBid, now: np.ndarray, owed: np.ndarray, near: float = 0.0
    ) -> tuple[float, float] | None:
        """Lower bounds on `bid`'s ρ at a and at b, from one split of its supporters into those
        who pay all they have and the rest (concave in s between). None: nothing shown.

        The split is the one pabutools' loop finds at a, or, given `near` (about ρ at a), the
        one at `near` (any split gives bounds; the loop only makes them tighter).
        """
        compiled = native.pricing
        if compiled is not None:
            a, b = self.ends
            return compiled.lower_bounds(
                now, owed, self.d, a, b, self.sums, bid.weight, bid.utility, bid.flat_utility,
                bid.cost, bid.total_utility, bid.slack, near,
            )
        most = self.most(now, owed)
        most_a = most[0]
        weight, utility, cost, slack = bid.weight, bid.utility, bid.cost, bid.slack
        dot = np.dot if len(most_a) <= _BLAS_ALONE else _dot_unthreaded
        flat = bid.flat_utility
        rho, count, used, poor_weight = cost / bid.total_utility, -1, 0.0, weight
        if near:
            rho, count = near, -2  # one split, at `near`: the loop ends after it
        for _ in range(_MOST_SPLITS):
            poor = most_a < (rho * flat if flat else rho * utility)
            now_poor = int(np.count_nonzero(poor))
            if now_poor == count:
                break
            count = -2 if count == -2 else now_poor
            poor_weight = weight * poor
            paid = float(dot(poor_weight, most_a)) * (1 + slack)
            used = float(poor_weight.sum()) * flat if flat else float(dot(poor_weight, utility))
            if used >= bid.total_utility:
                return None
            if count == -2:
                count = now_poor
                break
            rho = (cost - paid) / (bid.total_utility - used)
        else:
            return None
        rest = bid.total_utility - used
        bounds = []
        for end, row in enumerate(most):
            if end:  # (at a, `paid` is what the poor hold at most there, as found above)
                paid = float(dot(poor_weight, row)) * (1 + slack) if count else 0.0
            elif not count:
                paid = 0.0
            bounds.append((cost - paid) / rest * (1 - 4 * _EPS) if cost > paid else -math.inf)
        return bounds[0], bounds[1]

    def paid_at_least(
        self, made: slice, bid: _FloatBid, now: np.ndarray, owed: np.ndarray, near: float
    ) -> None:
        """Add a line below the winner's ρ (about `near` at a) times each group's utility to
        what it paid at least (nothing where no positive line is shown)."""
        found = self.lower_bounds(bid, now, owed, near)
        if found is None or min(found) <= 0.0:
            found = None
        self.add(made, bid, owed, found, 1 - 2 * _EPS)


class _LowerSide(_Side):
    """From the lower run, what bounds every group's money at any share in between below.

    Two lower bounds, both affine in s, are kept for each group: what it held at the lower
    run, plus s − a if it paid ρ·u there in every round so far, and s minus what it paid at
    most, Σ ρ⁺(s)·u over the rounds it backed the winner, where ρ⁺ is the winner's line (an
    upper bound on its ρ at every share in between). The second is the tighter one for a
    group that always paid ρ·u (prices fall as the share rises, which the first ignores); a
    group takes one of them per round, so that its bound stays affine.
    """

    def __init__(self, owed: np.ndarray, a: float, b: float, rounds: int, d: float) -> None:
        super().__init__(owed, rounds, d)
        self.ends = a * (1 - 2 * _EPS), b * (1 - 2 * _EPS)
        self.starts = np.array([[self.ends[0]], [self.ends[1]]])

    def winner_line(
        self, bid: _FloatBid, before: Before, owed: np.ndarray, highest: float, then: float
    ) -> tuple[float, float] | None:
        """Upper bounds on the winner's ρ at a and at b, the ends of a line above it between
        (`highest` and `then`, its upper bounds in the two runs, are tried first)."""
        compiled = native.pricing
        if compiled is not None:
            a, b = self.ends
            return compiled.winner_line(
                before.money, before.error, before.rich, owed, self.d, a, b, self.sums,
                bid.weight, bid.utility, bid.flat_utility, bid.cost, bid.total_utility,
                bid.slack, highest, then,
            )
        held, rich = before.held, before.rich
        kept = np.empty((2, len(held)))
        np.multiply(held, 1 - 4 * _EPS, out=kept[0])
        np.multiply(held + self.d * rich, 1 - 4 * _EPS, out=kept[1])
        paid = owed * (1 + self.sums)
        spent = self.starts - paid
        spent -= 2 * _EPS * (self.starts + paid)
        better = rich & (spent[1] > kept[1]) & (spent[0] >= 0.0)
        least = np.where(better, spent, kept)
        at_a = _covering_price(bid, least[0], highest)
        if at_a is None:
            return None
        at_b = _covering_price(bid, least[1], then * (1 + 1e-12))
        if at_b is None:
            return None
        return at_a, at_b


def _covering_price(bid: _FloatBid, least: np.ndarray, hint: float = 0.0) -> float | None:
    """A ρ at which supporters holding at least `least` (≥ 0) surely cover the cost.

    `hint`, if it covers, is taken as it is. None: unsure.
    """
    cost, slack = bid.cost, bid.slack
    dot = np.dot if len(least) <= _BLAS_ALONE else _dot_unthreaded
    if hint and _covers(bid, least, hint, dot):
        return hint
    split = poor_split(bid, least, cost / bid.total_utility, -1, dot)
    if split is None:
        return None
    rho = split[0]
    highest = rho * (1 + 4 * slack + 1e-13)
    for _ in range(2):
        if _covers(bid, least, highest, dot):
            return highest
        highest *= 1 + 1e-9
    return None


def _covers(bid: _FloatBid, least: np.ndarray, rho: float, dot) -> bool:
    """Whether supporters holding at least `least` (≥ 0) surely cover the cost at ρ."""
    compiled = native.pricing
    if compiled is not None:
        return compiled.covers(
            least, bid.weight, bid.utility, bid.flat_utility, rho, bid.cost, bid.slack
        )
    charge = rho * bid.flat_utility if bid.flat_utility else rho * bid.utility
    covered = float(dot(bid.weight, np.minimum(least, charge)))
    return covered * (1 - bid.slack - 16 * _EPS) >= bid.cost


def predicted_change(
    prepared: IntervalElectorate,
    lower: Course,
    upper: Course,
    steps: int,
    kept: KeptRuns | None = None,
) -> int | None:
    """How many steps above `lower` the last share running its course likely is (below
    `upper`, `steps` above, which runs another); None where no guess is made.

    A guess only, for the search to try, by linear interpolation (between events, money is
    affine in the share) in the first round where the two courses part: of the difference
    between the two winners' prices, or where `upper`'s winner is not affordable at `lower`
    (or `lower` has stopped buying), of the money its supporters hold. Both runs are read by
    class (`parted_prices`), with `kept`'s runs where the search compared them already.
    """
    if lower.trace is None or upper.trace is None:
        return None
    free = len(lower.order) - len(lower.highest)
    if free != len(upper.order) - len(upper.highest):
        return None
    parted = parting(lower.order, upper.order)
    if parted < free or parted >= len(upper.order):
        return None
    second = upper.order[parted]
    first = lower.order[parted] if parted < len(lower.order) else None
    if first is not None:
        # Mostly each run priced the other's winner in that very round (a runner-up): then
        # the runs' own prices give the margins, with nothing to read again.
        margins = _margins_priced(lower, upper, parted - free, parted, first, second)
        if margins is not None:
            return _interpolated(steps, margins[0], margins[1])
    runs, groups = _parted(prepared, lower, upper, parted - free, kept or KeptRuns())
    # The upper run's winner, priced at `lower` (not needed where `lower` stopped buying).
    reached = None if first is None else _price_by_class(runs[0], groups, second)
    if first is None or reached is _UNAFFORDABLE:
        # Where the upper run's winner comes within its supporters' reach.
        alike = groups(second)
        held = [float(np.dot(alike.bid.weight, run.held[0].take(alike.parent))) for run in runs]
        cost = prepared.bids[second].cost
        if not held[0] < cost <= held[1]:
            return None
        return _interpolated(steps, cost - held[0], cost - held[1])
    prices = [
        [_price_by_class(runs[0], groups, first), reached],
        [_price_by_class(runs[1], groups, index) for index in (first, second)],
    ]
    if any(p is None or p is _UNAFFORDABLE for row in prices for p in row):
        return None
    margins = [(row[1][0] + row[1][1]) / 2 - (row[0][0] + row[0][1]) / 2 for row in prices]
    return _interpolated(steps, margins[0], margins[1])


def _margins_priced(
    lower: Course, upper: Course, r: int, round_: int, first: int, second: int
) -> tuple[float, float] | None:
    """The two winners' margins in round r as the runs priced them there (each winner's
    highest ρ, the other's middle of its interval), if each run priced the other's winner in
    that round; else None."""
    assert lower.trace is not None and upper.trace is not None
    found = []
    for run, other in ((lower, second), (upper, first)):
        entry = next((e for e in run.trace.others[r] if e[3] == other), None)
        if entry is None or entry[2] != round_:
            return None
        found.append((float(run.highest[r][0]), (entry[0] + entry[4]) / 2))
    (won_low, other_low), (won_up, other_up) = found
    return other_low - won_low, won_up - other_up


def parted_prices(
    prepared: IntervalElectorate, lower: Course, upper: Course, bids: tuple[int, ...]
) -> list[list[tuple[float, float] | None]]:
    """Bounds on the ρ of each of `bids` in the round where the two runs' courses part, in
    the lower run (first list) and the upper one: what `predicted_change` compares."""
    free = len(lower.order) - len(lower.highest)
    runs, groups = _parted(
        prepared, lower, upper, parting(lower.order, upper.order) - free, KeptRuns()
    )
    return [[_price_by_class(run, groups, index) for index in bids] for run in runs]


def _parted(prepared: IntervalElectorate, lower: Course, upper: Course, r: int, kept: KeptRuns):
    """Both runs read by class up to round r, where they part (the rounds before it bought
    the same bids in both, so `lower`'s classes are theirs too), and each bid's supporters
    grouped by those classes."""
    free = len(lower.order) - len(lower.highest)
    classes = kept.classes(prepared, lower.order, free)
    runs = [kept.run(trace, classes) for trace in (lower.trace, upper.trace)]
    if r:
        for run in runs:
            run.before(r - 1)  # reads the purchases of rounds 0 to r − 1
    return runs, lambda index: classes.rival(r, index)


def _price_by_class(run: Run, groups, index: int):
    """Bid `index`'s ρ from a run read by class (`_priced` on the classes it spans)."""
    alike = groups(index)
    held = run.held.take(alike.parent, axis=1)
    return _priced(alike.bid, held[0], held[1], 0.0, alike.bid.weight)


def _interpolated(steps: int, at_lower: float, at_upper: float) -> int | None:
    """The last step before a line through the two values (positive, then not) crosses zero."""
    if not at_lower > 0 >= at_upper:
        return None
    return min(steps - 1, max(0, math.floor(steps * at_lower / (at_lower - at_upper))))
