"""How close an unfunded bid came, in numbers, under the round's own rule.

Two measures, in the spirit of the pabumeasures package (which computes such measures for
Pabulib elections):

- **More support**: the fewest extra voters who back the bid as fully as a ballot allows
  (score 5, a tick, all their tokens) and nothing else, after which the count funds it.
  Under Equal Shares they bring their share of the pot with them, as real new voters would.
- **Cheaper**: the most the bid could have cost and still been funded, everything else as it
  was.

Both are found by counting again (models.voting.count_election) with the election changed:
a search over whole numbers, so the answers are exact for the rule used, whatever it is
(fund down the ranking with any policy, Equal Shares and its completions). Pure functions;
the bot words them (bot/ui/results_view.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from models.pabulib import Election, Vote
from models.tally.outcome import Amount

# No search runs longer than this many counts: a "Why?" tap stays quick on any round.
MAX_COUNTS = 40


@dataclass(frozen=True)
class HowClose:
    """`voters`: extra full backers needed (None: no number would do, e.g. it costs more than
    the pot). `most_cost`: the highest cost at which it would have been funded (None: not at
    any cost, e.g. nobody backed it)."""

    voters: int | None
    most_cost: Amount | None


def how_close(election: Election, pid: str, count, *, top: Amount | None) -> HowClose:
    """`count(election)` is the round's rule (a Result); `top`: the points of a full backer
    (None for approval ballots)."""
    return HowClose(voters=_backers_to_win(election, pid, count, top),
                    most_cost=_most_cost_to_win(election, pid, count))


def _funded(election: Election, pid: str, count) -> bool:
    return count(election).bids[pid].funded


def _with_cost(election: Election, pid: str, cost: Amount) -> Election:
    projects = tuple(replace(p, cost=cost) if p.project_id == pid else p
                     for p in election.projects)
    return replace(election, projects=projects)


def _with_backers(election: Election, pid: str, extra: int, top: Amount | None) -> Election:
    first = len(election.votes) + 1
    votes = tuple(Vote(f"extra-{first + n}", (pid,), None if top is None else (top,))
                  for n in range(extra))
    meta = {**election.meta, "num_votes": str(len(election.votes) + extra)}
    return replace(election, votes=election.votes + votes, meta=meta)


def _most_cost_to_win(election: Election, pid: str, count) -> Amount | None:
    cost = election.costs[pid]
    low, high = 0, int(cost) - 1  # the answer is in [low, high], if funded at `low`
    if high < low or not _funded(_with_cost(election, pid, low), pid, count):
        return None
    for _ in range(MAX_COUNTS):
        if low >= high:
            break
        middle = (low + high + 1) // 2
        if _funded(_with_cost(election, pid, middle), pid, count):
            low = middle
        else:
            high = middle - 1
    return low


def _backers_to_win(election: Election, pid: str, count, top: Amount | None) -> int | None:
    if election.costs[pid] > election.budget:
        return None
    low, high = 0, 1  # not funded with `low` extra backers; look for a `high` that is
    counts = 0
    while not _funded(_with_backers(election, pid, high, top), pid, count):
        low, high, counts = high, high * 2, counts + 1
        if counts >= MAX_COUNTS // 2:
            return None
    while high - low > 1 and counts < MAX_COUNTS:
        middle = (low + high) // 2
        counts += 1
        if _funded(_with_backers(election, pid, middle, top), pid, count):
            high = middle
        else:
            low = middle
    return high
