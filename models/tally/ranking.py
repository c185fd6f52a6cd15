"""Fund down the ranking: the bids by support, highest first, each funded if it still fits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from models.pabulib import Amount
from models.tally.outcome import (
    DEFAULT_TIE_BREAK,
    BidOutcome,
    Policy,
    Reason,
    Result,
    TieBreak,
)


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


def ballot_support(
    projects: Mapping[str, Amount], ballots: Sequence[Mapping[str, Amount]]
) -> dict[str, Amount]:
    """Total points per bid (approval ballots: the number of supporters)."""
    support: dict[str, Amount] = dict.fromkeys(projects, 0)
    for ballot in ballots:
        for pid, points in ballot.items():
            support[pid] += points
    return support
