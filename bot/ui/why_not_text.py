"""The numbers under an unfunded bid's "Why not?": how much more support, or how much
cheaper, it needed under the round's rule (models/why_not.py), in plain words."""

from __future__ import annotations

from typing import Any

from models.amounts import format_pounds
from models.round import BallotKind, Round
from models.tally import SCORES
from models.voting import count_election
from models.why_not import how_close


def how_close_text(i18n: Any, round_: Round, count: Any, pid: str) -> str:
    """'' for a funded bid; else a line or two (`count`: a models.voting.AreaCount)."""
    if count.result.bids[pid].funded:
        return ""
    kind = round_.ballot_kind
    top = max(SCORES) if kind == BallotKind.SCORE else (
        round_.ballot_tokens if kind == BallotKind.TOKENS else None)
    close = how_close(count.election, pid, lambda election: count_election(
        election, round_.allocation_rule, round_.allocation_policy), top=top)
    unit, cost = count.pence_per_unit, count.election.costs[pid]
    lines = []
    if close.voters is None:
        if cost > count.election.budget:
            lines.append(i18n.get("why-never-fits", pot=format_pounds(
                int(count.election.budget * unit))))
    else:
        lines.append(i18n.get("why-needed-voters", voters=close.voters,
                              kind=kind if kind in (BallotKind.SCORE, BallotKind.TOKENS)
                              else "tick", top=top or 0))
    if close.most_cost is not None:
        lines.append(i18n.get("why-needed-cheaper",
                              less=format_pounds(int((cost - close.most_cost) * unit)),
                              most=format_pounds(int(close.most_cost * unit))))
    return "\n".join(lines)
