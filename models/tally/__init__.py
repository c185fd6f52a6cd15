"""Count a PB round: fund down the ranking, the Method of Equal Shares, and ballot rules.

Everything here is a pure function of its arguments (no I/O, no database), so the bot, the
`tally` command line and the tests all count the same way. Money is exact throughout: ints and
`fractions.Fraction`, never floats, because a single rounding error can flip who is funded.

Projects are given as ``{project_id: cost}`` in the order they should be reported; ballots as
one ``{project_id: points}`` mapping per voter (approval: 1 per ticked bid). See docs/domain.md,
"Counting", for the rules themselves and the reference implementation (pabutools).

The modules: `outcome` (what a count produces, the tie-break), `ranking` (fund down the
ranking), `mes` (one run of the Method of Equal Shares), `completion` (add1, and add1 then
the ranking), `explain` (reasons in words) and `ballots` (ballot rules). Everything public is
named here.
"""

from models.tally.ballots import BALLOT_ERRORS, SCORES, BallotKind, Choices, validate_ballot
from models.tally.completion import (
    equal_shares_add1,
    equal_shares_add1_greedy,
    equal_shares_add1_stepwise,
)
from models.tally.explain import explain
from models.tally.mes import equal_shares
from models.tally.outcome import (
    DEFAULT_TIE_BREAK,
    TIE_BREAK_DESCRIPTION,
    BidOutcome,
    Policy,
    Reason,
    Result,
    Stage,
    TieBreak,
    Utility,
    cheaper_first,
    natural_key,
)
from models.tally.ranking import ballot_support, fund_down_ranking, fund_per_area, rank_bids

__all__ = [
    "BALLOT_ERRORS",
    "DEFAULT_TIE_BREAK",
    "SCORES",
    "TIE_BREAK_DESCRIPTION",
    "BallotKind",
    "BidOutcome",
    "Choices",
    "Policy",
    "Reason",
    "Result",
    "Stage",
    "TieBreak",
    "Utility",
    "ballot_support",
    "cheaper_first",
    "equal_shares",
    "equal_shares_add1",
    "equal_shares_add1_greedy",
    "equal_shares_add1_stepwise",
    "explain",
    "fund_down_ranking",
    "fund_per_area",
    "natural_key",
    "rank_bids",
    "validate_ballot",
]
