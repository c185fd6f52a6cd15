"""`python -m bot tally FILE.pb --rule ...`: recount a Pabulib file with pbchat's own rules.

Anyone holding a round's `.pb` export can rerun the count and get the same answer as the bot.
Output is one line of JSON (the last line); `--explain` first prints one plain-English line per
project saying why it was or was not funded. Bad input: one line on stderr, exit code 2, naming
the line of the file at fault when there is one; a file too big to count (models/pabulib.py:
MAX_BYTES, MAX_PROJECTS, MAX_VOTES) is refused before it is read. A file that names a project
twice on one ballot is counted as pabutools counts it (once), with a warning on stderr naming
those voters; so is a file whose voter ids are empty or repeated (each row a ballot).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from fractions import Fraction

from models.pabulib import (
    MAX_BYTES,
    MAX_PROJECTS,
    MAX_VOTES,
    Amount,
    Election,
    PabulibError,
    ballot_points,
    read_pb,
)
from models.tally import (
    Result,
    ballot_support,
    equal_shares,
    equal_shares_add1,
    equal_shares_add1_greedy,
    explain,
    fund_down_ranking,
)

RULES = ("greedy", "mes", "mes-add1", "mes-add1-greedy")
EXIT_BAD_INPUT = 2
NAMED_AT_MOST = 20
"""How many voters a warning names before it says only how many more there are."""

POINTS_HELP = (
    "Approval and choose-1 ballots give 1 point to each project ticked. Cumulative and scoring "
    "ballots give the points written. Ordinal (ranked) ballots give the first choice as many "
    "points as the file's META max_length, the second one point less, and so on; a file "
    "without max_length is counted as if max_length were the length of its longest ballot. "
    "A project named twice on one ballot counts once (with the points written last), as in "
    "pabutools, and a warning names those voters."
)
LIMITS_HELP = (
    f"A malformed file is refused with one line on stderr naming the line at fault (exit code "
    f"2). So is a file over {MAX_BYTES // 2**20} MB, before it is read, and one with more "
    f"than {MAX_PROJECTS:,} projects or {MAX_VOTES:,} votes, before its ballots are read. "
    "Refused too: an empty project_id, an empty or negative cost, negative points. Only "
    "warned about, and counted as pabutools counts them: a project named twice on one ballot, "
    "and a voter_id that is empty or used by an earlier ballot (each row is a ballot)."
)


class _BadArguments(Exception):
    """Raised instead of argparse's usage-and-exit, so main() reports it in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _BadArguments(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m bot tally",
        description="Recount a Pabulib .pb file with one of pbchat's allocation rules.",
        epilog=f"{POINTS_HELP} {LIMITS_HELP}",
    )
    parser.add_argument("file", help="the .pb file")
    parser.add_argument("--rule", choices=RULES, required=True, help="the allocation rule")
    parser.add_argument(
        "--policy",
        choices=("skip", "stop", "partial"),
        default="skip",
        help="what fund-down-the-ranking does with a bid that does not fit (greedy and the "
        "fill of mes-add1-greedy; default: skip)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="first print why each project was (not) funded"
    )
    return parser


def count(election: Election, rule: str, policy: str = "skip") -> Result:
    """Count `election` by `rule`.

    Approval ballots use MES with cost utility (as in Assen and Świecie); points ballots
    (cumulative, scoring, ordinal) use score utility, the points being each voter's utility.
    """
    ballots = ballot_points(election)
    costs, budget = election.costs, election.budget
    utility = "cost" if election.vote_type in ("approval", "choose-1") else "score"
    if rule == "greedy":
        return fund_down_ranking(costs, ballot_support(costs, ballots), budget, policy)
    if rule == "mes":
        return equal_shares(costs, ballots, budget, utility)
    if rule == "mes-add1":
        return equal_shares_add1(costs, ballots, budget, utility)
    return equal_shares_add1_greedy(costs, ballots, budget, utility, policy)


def summary(election: Election, result: Result) -> dict[str, object]:
    """The JSON line: selected ids in the file's PROJECTS order, whole money as integers."""
    funded = set(result.selected)
    return {
        "selected": [p.project_id for p in election.projects if p.project_id in funded],
        "cost": _json_number(result.cost),
        "rule": result.rule,
        "budget": _json_number(result.budget),
        "voters": len(election.votes),
    }


def _json_number(amount: Amount) -> int | float:
    """JSON has no fractions: whole amounts stay exact, others become the nearest float."""
    return int(amount) if Fraction(amount).denominator == 1 else float(amount)


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit code (0, or 2 for a bad file or argument)."""
    try:
        args = _parser().parse_args(argv)
    except _BadArguments as error:
        return _fail(str(error))
    try:
        election = read_pb(args.file)
    except OSError as error:  # "No such file or directory", without Python's "[Errno 2]"
        return _fail(f"cannot read {args.file}: {error.strerror or error}")
    except PabulibError as error:
        return _fail(f"cannot read {args.file}: {error}")
    # While it is counted, the election is frozen: its objects (one Vote per ballot, and more)
    # are then not traversed each time the cyclic collector runs (Łódź 2022, 90,494 ballots:
    # ballot_points 0.07 -> 0.03 s). Unfrozen after, for a caller that goes on in-process.
    gc.freeze()
    try:
        _count_and_print(election, args.rule, args.policy, args.explain)
    finally:
        gc.unfreeze()
    return 0


def _count_and_print(election: Election, rule: str, policy: str, explaining: bool) -> None:
    """Count; print why each project was (not) funded if asked, then the JSON line."""
    if election.repeated:
        _warn_repeated(election.repeated)
    if election.reused_ids:
        _warn_reused_ids(election.reused_ids)
    result = count(election, rule, policy)
    if explaining:
        unit = "supporters" if election.vote_type in ("approval", "choose-1") else "points"
        names = {p.project_id: p.name for p in election.projects}
        currency = election.meta.get("currency", "")
        for line in explain(result, currency=currency, names=names, support_unit=unit):
            print(line)
    print(json.dumps(summary(election, result), ensure_ascii=False))


def _warn_repeated(voters: tuple[str, ...]) -> None:
    """Which voters named a project twice (the count goes on)."""
    _warn(voters, "name a project more than once; each such project is counted once on that "
          "ballot. Voters", voters)


def _warn_reused_ids(voters: tuple[str, ...]) -> None:
    """Which voter ids are empty or used twice (the count goes on)."""
    _warn(voters, "have a voter_id that is empty or used by an earlier ballot; each is counted "
          "as a ballot of its own. Voter ids", tuple(map(repr, voters)))


def _warn(voters: tuple[str, ...], said: str, names: tuple[str, ...]) -> None:
    """One line on stderr about ballots counted all the same, naming the first few."""
    named = ", ".join(names[:NAMED_AT_MOST])
    more = len(names) - NAMED_AT_MOST
    if more > 0:
        named += f" and {more} more"
    print(f"tally: warning: {len(voters)} ballot(s) {said}: {named}", file=sys.stderr)


def _fail(message: str) -> int:
    print(f"tally: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
