"""What a count produces, shared by every rule: outcomes, reasons and the tie-break.

Money is exact throughout: ints and `fractions.Fraction`, never floats, because a single
rounding error can flip who is funded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any, Final, Literal

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
