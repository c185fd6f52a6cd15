"""The compiled pricing (models/tally/_pricing.c) against the numpy code it stands in for.

The adversary is a second implementation drifting from the first: a price interval that no
longer holds the exact ρ, supporters charged other numbers, a whole count that comes out
differently. So, on random supporters, money and error bounds, each implementation's interval
must hold the exact ρ (worked out in fractions from the exact money), the two must agree on
what they are sure of, and charging must give the numpy numbers bit for bit; on real elections
the count is the same either way. And a careless caller: arrays of the wrong type, length or
an index outside them are refused, never read past.
"""

from __future__ import annotations

import heapq
import random
import shutil
import sysconfig
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from models.tally import equal_shares_add1, interval, native, pricing, purse, ties, vouch
from models.tally.alike import Before
from models.tally.pricing import _UNAFFORDABLE, _FloatBid
from tests.support.tally import ASSEN, CZESTOCHOWA, KRAKOW, SWIECIE, election_and_ballots

compiled = native.pricing
needs_compiled = pytest.mark.skipif(compiled is None, reason="the C pricing was not built")


def test_the_compiled_pricing_is_built_wherever_a_compiler_is():
    """`make` installs with the machine's C compiler; the speed figures assume it was used.
    (Without a compiler or Python's headers the install goes on, and numpy's pricing counts.)"""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        pytest.skip(f"no C compiler ({compiler}) here: the numpy pricing counts")
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        pytest.skip("no Python headers here: the numpy pricing counts")
    assert compiled is not None, (
        "models/tally/_pricing.c was not built although a C compiler and Python's headers are"
        " here: run `make` again, and read what pip says"
    )


def bid_of(utility: np.ndarray, weight: np.ndarray, cost: int, flat: bool) -> _FloatBid:
    weighted = weight * utility
    return _FloatBid(
        tie_rank=0,
        cost=float(cost),
        supporters=np.arange(len(weight), dtype=np.intp),
        weight=weight,
        utility=utility,
        weighted_utility=weighted,
        total_utility=float(weighted.sum()),
        voters=float(weight.sum()),
        top_utility=float(utility.max()),
        flat_utility=float(utility[0]) if flat else 0.0,
        slack=(len(weight) + 4) * 2.0**-52,
        bound=None,
        bound_is_price_from=None,
        start=None,
    )


def exact_rho(money: list[Fraction], weight, utility, cost: int) -> Fraction | None:
    """The least ρ with Σ w·min(m, ρ·u) = cost (pabutools' loop, in fractions); None: the
    supporters cannot afford it."""
    if sum(int(w) * m for w, m in zip(weight, money, strict=True)) < cost:
        return None
    poor: set[int] = set()
    while True:
        paid = sum(int(weight[i]) * money[i] for i in poor)
        rest = sum(int(weight[i]) * int(utility[i]) for i in range(len(money)) if i not in poor)
        rho = (cost - paid) / rest
        now = {i for i in range(len(money)) if money[i] < rho * int(utility[i])}
        if now == poor:
            return rho
        poor = now


@st.composite
def supporters(draw):
    """A bid and its supporters' exact money, their money as floats and error bounds that
    hold it (as a bounded run keeps them), and a lower bound on ρ to start from (or 0)."""
    n = draw(st.integers(1, 30))
    flat = draw(st.booleans())
    if flat:
        utility = np.full(n, float(draw(st.integers(1, 5000))))
    else:
        utility = np.array(draw(st.lists(st.integers(1, 5000), min_size=n, max_size=n)), float)
    weight = np.array(draw(st.lists(st.integers(1, 6), min_size=n, max_size=n)), float)
    cost = draw(st.integers(1, 10**6))
    exact = [
        Fraction(draw(st.integers(0, 10**7)), draw(st.sampled_from([1, 3, 7, 1000, 2**40])))
        for _ in range(n)
    ]
    if draw(st.booleans()):  # some hold exactly nothing (those a run knows surely paid all)
        exact = [m if draw(st.booleans()) else Fraction(0) for m in exact]
    held = np.array([float(m) for m in exact])
    slack = draw(st.sampled_from([1.0, 1.5, 1e3, 1e9]))
    error = np.array(
        [0.0 if m == 0 else float(abs(m - Fraction(h))) * slack + float(m) * 2.0**-50
         for m, h in zip(exact, held, strict=True)]
    )
    bid = bid_of(utility, weight, cost, flat)
    rho = exact_rho(exact, weight, utility, cost)
    hint = 0.0
    if rho is not None and draw(st.booleans()):
        hint = float(rho) * draw(st.sampled_from([0.5, 0.9, 1 - 1e-12]))
    return bid, held, error, hint, rho


def numpy_priced(bid, held, error, hint, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(native, "pricing", None)
        return pricing._priced(bid, held.copy(), error.copy(), hint, bid.weight)


@needs_compiled
@settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=supporters())
def test_both_pricings_hold_the_exact_rho_and_agree(case, monkeypatch):
    bid, held, error, hint, rho = case
    found = {
        "numpy": numpy_priced(bid, held, error, hint, monkeypatch),
        "compiled": pricing._priced(bid, held, error, hint, bid.weight),
    }
    for how, price in found.items():
        if price is _UNAFFORDABLE:
            assert rho is None, f"{how} called an affordable bid unaffordable"
        elif price is not None:
            assert rho is not None, f"{how} priced a bid its supporters cannot afford"
            lowest, highest = price
            assert lowest <= rho <= highest, f"{how}: {rho} outside {price}"
    a, b = found["numpy"], found["compiled"]
    event("numpy: " + ("unsure" if a is None else "sure"))
    if a is None or b is None:  # unsure (a near-tie of sums): either may give up first
        return
    assert (a is _UNAFFORDABLE) == (b is _UNAFFORDABLE)
    if a is not _UNAFFORDABLE:
        assert a == pytest.approx(b, rel=1e-9, abs=1e-300)


def charge_case(seed: int, flat: bool):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    money = rng.uniform(0, 500, n) * (rng.random(n) < 0.9)
    error = money * rng.uniform(0, 1e-12, n)
    utility = np.full(n, 7.0) if flat else rng.integers(1, 900, n).astype(float)
    lowest = float(rng.uniform(0, 2))
    highest = lowest * (1 + float(rng.uniform(0, 1e-6)))
    return money, error, utility, lowest, highest


@needs_compiled
@pytest.mark.parametrize("flat", [True, False])
@pytest.mark.parametrize("seed", range(40))
def test_charging_gives_the_numpy_numbers_bit_for_bit(seed, flat):
    money, error, utility, lowest, highest = charge_case(seed, flat)
    bid = bid_of(utility, np.ones(len(money)), 1, flat)
    want_money, want_error = purse._charged(
        bid, money.copy(), error.copy(), lowest, highest, None if flat else utility
    )
    # Per group: read and written in place, supporter i being group rows[i].
    rows = np.random.default_rng(seed).permutation(len(money)).astype(np.intp)
    got_money, got_error = money.copy(), error.copy()
    compiled.charge(got_money, got_error, rows, utility[rows], bid.flat_utility, lowest,
                    highest, got_money, got_error, rows)
    assert got_money.tobytes() == want_money.tobytes()
    assert got_error.tobytes() == want_error.tobytes()
    if flat:  # per class: read from the old classes, written to new places in a longer array
        target = np.arange(len(money), dtype=np.intp) * 2 + 1
        to_money, to_error = np.full(2 * len(money), -1.0), np.full(2 * len(money), -1.0)
        compiled.charge(money, error, None, None, bid.flat_utility, lowest, highest,
                        to_money, to_error, target)
        assert to_money[target].tobytes() == want_money.tobytes()
        assert to_error[target].tobytes() == want_error.tobytes()
        assert (to_money[::2] == -1.0).all()


@needs_compiled
@pytest.mark.parametrize("seed", range(200))
def test_covering_agrees_with_numpy(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    flat = bool(rng.integers(0, 2))
    utility = np.full(n, 3.0) if flat else rng.integers(1, 50, n).astype(float)
    weight = rng.integers(1, 5, n).astype(float)
    least = rng.uniform(0, 100, n)
    bid = bid_of(utility, weight, int(rng.integers(1, 20_000)), flat)
    for rho in rng.uniform(0, 10, 20):
        numpy_says = float(np.dot(weight, np.minimum(least, rho * utility))) * (
            1 - bid.slack - 16 * 2.0**-52
        ) >= bid.cost
        assert vouch._covers(bid, least, float(rho), np.dot) == numpy_says


@needs_compiled
def test_arrays_it_cannot_read_safely_are_refused():
    money, error = np.ones(4), np.zeros(4)
    weight, utility = np.ones(3), np.ones(3)
    price = compiled.price
    with pytest.raises(IndexError):
        price(money, error, np.array([0, 1, 4], dtype=np.intp), weight, utility, 0.0,
              1.0, 3.0, 1e-15, 0.0)
    with pytest.raises(IndexError):
        price(money, error, np.array([0, -1, 2], dtype=np.intp), weight, utility, 0.0,
              1.0, 3.0, 1e-15, 0.0)
    with pytest.raises(TypeError):
        price(money.astype(np.float32), error, None, np.ones(4), np.ones(4), 0.0, 1.0, 4.0,
              1e-15, 0.0)
    with pytest.raises(TypeError):
        price(money, error, np.array([0, 1, 2], dtype=np.int32), weight, utility, 0.0,
              1.0, 3.0, 1e-15, 0.0)
    with pytest.raises(ValueError):  # more supporters than money, with no index
        price(money[:2], error[:2], None, weight, utility, 0.0, 1.0, 3.0, 1e-15, 0.0)
    with pytest.raises((BufferError, ValueError, TypeError)):  # not contiguous
        price(np.ones(8)[::2], error, None, np.ones(4), np.ones(4), 0.0, 1.0, 4.0, 1e-15, 0.0)
    with pytest.raises((ValueError, BufferError)):  # written to, so it must be writable
        frozen = np.ones(4)
        frozen.flags.writeable = False
        compiled.charge(money, error, None, None, 1.0, 0.1, 0.2, frozen, np.zeros(4), None)
    with pytest.raises(IndexError):
        compiled.charge(money, error, None, None, 1.0, 0.1, 0.2, np.ones(2), np.ones(2),
                        np.array([0, 1, 2, 3], dtype=np.intp))


@needs_compiled
@pytest.mark.parametrize("path", [ASSEN, SWIECIE, KRAKOW, CZESTOCHOWA], ids=lambda p: p.stem)
def test_real_elections_count_the_same_with_either_pricing(path, monkeypatch):
    election, ballots = election_and_ballots(path)
    with_c = equal_shares_add1(election.costs, ballots, election.budget)
    monkeypatch.setattr(native, "pricing", None)
    with_numpy = equal_shares_add1(election.costs, ballots, election.budget)
    assert with_c == with_numpy


def vouch_case(seed: int):
    """A winner's supporters by class as vouching reads them between shares a and b: money
    and error bounds before the purchase, which were rich, and what each paid along the lines
    so far (at a and at b)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 200))
    flat = bool(rng.integers(0, 2))
    utility = np.full(n, 5.0) if flat else rng.integers(1, 60, n).astype(float)
    weight = rng.integers(1, 9, n).astype(float)
    a = float(rng.uniform(50, 150))
    b = a + float(rng.uniform(0, 20))
    money = rng.uniform(0, a, n) * (rng.random(n) < 0.85)
    error = money * rng.uniform(0, 1e-12, n)
    rich = rng.random(n) < 0.6
    owed = np.sort(rng.uniform(0, a, (2, n)), axis=0)
    cost = int(rng.uniform(0.2, 0.9) * float(np.dot(weight, money)) + 1)
    bid = bid_of(utility, weight, cost, flat)
    return bid, money, error, rich, owed, a, b, float(b - a)


def both_ways(monkeypatch, call, *args):
    with_c = call(*args)
    with monkeypatch.context() as patched:
        patched.setattr(native, "pricing", None)
        with_numpy = call(*args)
    return with_c, with_numpy


def agree(with_c, with_numpy):
    if with_c is None or with_numpy is None:  # unsure: only at a threshold of a sum
        return with_c is with_numpy
    return with_c == pytest.approx(with_numpy, rel=1e-9)


@needs_compiled
@pytest.mark.parametrize("seed", range(150))
def test_the_winners_line_agrees_with_numpy(seed, monkeypatch):
    bid, money, error, rich, owed, a, b, d = vouch_case(seed)
    before = Before(money, error, rich, rich)
    side = vouch._LowerSide(np.zeros((2, len(money))), a, b, 12, d)
    rho = bid.cost / bid.total_utility
    for highest, then in [(rho * 3, rho * 2), (rho * 1.01, rho), (0.0, 0.0)]:
        found = both_ways(monkeypatch, side.winner_line, bid, before, owed, highest, then)
        assert agree(*found), (highest, then, found)


@needs_compiled
@pytest.mark.parametrize("seed", range(150))
def test_a_rivals_lower_bounds_agree_with_numpy(seed, monkeypatch):
    bid, money, error, rich, owed, a, b, d = vouch_case(seed)
    side = vouch._UpperSide(np.zeros((2, len(money))), a, b, 12, d)
    now = money + error
    rho = bid.cost / bid.total_utility
    for near in [0.0, rho, rho * 1.5]:
        found = both_ways(monkeypatch, side.lower_bounds, bid, now, owed, near)
        assert agree(*found), (near, found)


@needs_compiled
@pytest.mark.parametrize("seed", range(200))
def test_exact_prices_agree_with_numpy(seed, monkeypatch):
    # A purse where some supporters hold exactly nothing (paid all they had) and the rest hold
    # enough, or not quite enough, to pay cost / (their utility) each: exact or not, the two
    # must say the same, and the same fraction.
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 120))
    flat = bool(rng.integers(0, 2))
    utility = np.full(n, 4.0) if flat else rng.integers(1, 30, n).astype(float)
    weight = rng.integers(1, 5, n).astype(float)
    cost = int(rng.integers(1, 5000))
    broke = rng.random(n) < 0.4
    rest = float(np.dot(weight[~broke], utility[~broke])) or 1.0
    money = (cost / rest) * utility * rng.choice([1.001, 1.5, 3.0], n)
    if seed % 2:  # one who cannot quite pay ρ·u: no exact price
        money[int(rng.integers(0, n))] = cost / rest * 0.999
    money[broke] = 0.0
    error = np.where(broke, 0.0, money * 1e-13)
    bid = bid_of(utility, weight, cost, flat)
    wallet = purse.Purse(n, 0.0, purse.ClassMemo())
    wallet.money, wallet.error = money, error
    found = both_ways(monkeypatch, ties.exact_price, bid, wallet)
    assert found[0] == found[1]
    if seed % 2 == 0 and not broke.all():
        assert found[0] == Fraction(cost, int(rest)), "every supporter can pay: exact"


@pytest.mark.parametrize("seed", range(300))
def test_an_entry_put_into_the_heap_keeps_it_a_heap(seed):
    # The heap of a bounded run: replacing or taking out one entry sifts it into place, and
    # the heap then pops the very same entries, in the same order, as one heapified anew.
    rng = random.Random(seed)
    size = rng.randint(1, 60)
    heap = [(rng.choice([0.5, 1.0, rng.random()]), i % 7, 0, i, 1.0) for i in range(size)]
    heapq.heapify(heap)
    place = rng.randrange(len(heap))
    entry = None if rng.random() < 0.5 else (rng.random() * 2, 3, 1, 1000, 2.0)
    want = heap[:place] + heap[place + 1 :] + ([] if entry is None else [entry])
    interval._put_at(heap, place, entry)
    assert all(heap[(k - 1) // 2] <= heap[k] for k in range(1, len(heap)))
    assert [heapq.heappop(heap) for _ in range(len(heap))] == sorted(want)
