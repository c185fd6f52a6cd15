"""Shared by the tally tests: the Pabulib files kept in the tree, and a definition-level MES.

`reference_mes` and `reference_add1` follow the definitions voter by voter, slowly, so that the
fast counts in models.tally can be checked against them on random small elections (`instances`).
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from models.pabulib import ballot_points, read_pb
from models.tally import cheaper_first

DATA = Path(__file__).parent.parent / "data" / "pabulib"
ASSEN = DATA / "Netherlands_Assen_2024.pb"
SWIECIE = DATA / "Poland_Swiecie_2023.pb"
KRAKOW = DATA / "Poland_Krakow_2020_Grzegorzki.pb"
CZESTOCHOWA = DATA / "Poland_Czestochowa_2020_Grabowka.pb"
TOULOUSE = DATA / "France_Toulouse_2022.pb"


@cache
def election_and_ballots(path: Path):
    """A Pabulib file read once per test run, with its ballots as points."""
    election = read_pb(path)
    return election, ballot_points(election)


def reference_mes(costs, ballots, share, utility="cost"):
    """MES straight from the definition, voter by voter, to check the fast one against.

    The price of a bid is found by evaluating f(ρ) = Σ min(money_i, ρ·u_i) at each supporter's
    breakpoint money_i / u_i and solving the linear piece where f reaches the cost.
    """
    money = [Fraction(share)] * len(ballots)

    def utility_of(i, pid):
        points = ballots[i].get(pid, 0)
        return 0 if points <= 0 else (costs[pid] if utility == "cost" else points)

    def price(pid):
        backers = [i for i in range(len(ballots)) if utility_of(i, pid) > 0]
        if not backers or sum(money[i] for i in backers) < costs[pid]:
            return None
        for rho in sorted({money[i] / utility_of(i, pid) for i in backers}):
            if sum(min(money[i], rho * utility_of(i, pid)) for i in backers) >= costs[pid]:
                capped = [i for i in backers if money[i] < rho * utility_of(i, pid)]
                spent = sum(money[i] for i in capped)
                rest = sum(utility_of(i, pid) for i in backers if i not in capped)
                return Fraction(costs[pid] - spent) / rest

    funded = [pid for pid in costs if costs[pid] == 0 and any(b.get(pid) for b in ballots)]
    while True:
        priced = {pid: price(pid) for pid in costs if pid not in funded}
        priced = {pid: rho for pid, rho in priced.items() if rho is not None}
        if not priced:
            return funded
        best = min(priced, key=lambda pid: (priced[pid], cheaper_first(pid, costs[pid])))
        for i in range(len(ballots)):
            money[i] -= min(money[i], priced[best] * utility_of(i, best))
        funded.append(best)


def reference_add1(costs, ballots, budget, utility="cost"):
    """pabutools' official add1 taken literally: every step, no shortcut for "all bids fit"."""
    base = Fraction(budget, len(ballots))
    kept = reference_mes(costs, ballots, base, utility)
    for step in range(1, math.floor(budget) + 1):
        result = reference_mes(costs, ballots, base + step, utility)
        if sum(costs[pid] for pid in result) > budget:
            break
        kept = result
    return kept


APPROVAL = st.integers(0, 1)


@st.composite
def instances(draw, points=APPROVAL):
    ids = [f"p{i}" for i in range(draw(st.integers(1, 5)))]
    costs = {pid: draw(st.integers(0, 30)) for pid in ids}
    ballots = draw(
        st.lists(st.fixed_dictionaries({pid: points for pid in ids}), min_size=1, max_size=7)
    )
    ballots = [{pid: p for pid, p in ballot.items() if p} for ballot in ballots]
    return costs, ballots, draw(st.integers(1, 40))


scored = instances(points=st.integers(0, 5))
policies = st.sampled_from(["skip", "stop", "partial"])


def ballots_of_a_few_kinds(draw, ids: list[str], points, most_kinds: int,
                           most_copies: int) -> list[dict[str, int]]:
    """Ballots copied from a few kinds, as real ones repeat: copies tie, kinds one point apart
    nearly tie, and the fast counts group the copies. `draw` is a hypothesis draw."""
    kinds = draw(
        st.lists(st.fixed_dictionaries({pid: points for pid in ids}), min_size=1,
                 max_size=most_kinds)
    )
    return [
        {pid: p for pid, p in kind.items() if p}
        for kind in kinds
        for _ in range(draw(st.integers(1, most_copies)))
    ]
