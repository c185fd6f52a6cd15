"""Counting a round's ballots and publishing the results.

Each area of a round is counted on its own, from its own pot (docs/domain.md: "A round may
have one pot per area"), as one Pabulib election: the count is made *from* the `.pb` election
that the export writes, so recounting an export with `python -m bot tally` gives the round's result.
Amounts are whole pounds (META currency GBP) when every cost and the pot are, else pence
(GBX): add1 raises each voter's share one currency unit at a time, so the unit is part of the
count and the export states it; pounds also keep add1 a hundred times shorter.

Voters in an export are numbered 1..n in the order the sealed ballot box holds them (random,
models/ballot/seal.py): no Telegram id, nothing that leads back to one. Every way out of voting
seals the box first (`close_voting`, `apply_voting_windows`, `publish_results`). A ballot
that gave nothing to an area's bids is not a voter in that area. Paper ballots
(models/paper_ballot.py) follow the chat ballots as more anonymous voters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models.ballot import round_ballots, seal_closed_rounds, seal_round, votable_bids
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.db import clean_after_delete
from models.pabulib import Election, Project, Vote, ballot_points, write_pb
from models.paper_ballot import paper_ballots
from models.round import (
    PAPER_OPEN,
    AllocationRule,
    Area,
    BallotKind,
    Round,
    RoundStatus,
    shift_status,
)
from models.tally import (
    Result,
    ballot_support,
    equal_shares,
    equal_shares_add1,
    equal_shares_add1_greedy,
    fund_down_ranking,
)

VOTE_TYPES = {BallotKind.SCORE: "scoring", BallotKind.TOKENS: "cumulative"}
PB_RULES = {AllocationRule.GREEDY: "greedy", AllocationRule.MES: "equalshares",
            AllocationRule.MES_ADD1: "equalshares/add1",
            AllocationRule.MES_ADD1_GREEDY: "equalshares/add1/greedy"}


def project_id(bid: Bid) -> str:
    return bid.reference or str(bid.id)


def pence_per_unit(area: Area, bids: list[Bid]) -> int:
    amounts = [area.pot_pence, *(bid.amount_pence or 0 for bid in bids)]
    return 100 if all(amount % 100 == 0 for amount in amounts) else 1


def area_election(round_: Round, area: Area, bids: list[Bid],
                  ballots: list[dict[int, int]]) -> Election:
    """One area's count as a Pabulib election (anonymous voter ids 1..n)."""
    ours = [bid for bid in bids if bid.area_id == area.id]
    ids = {bid.id: project_id(bid) for bid in ours}
    vote_type = VOTE_TYPES.get(BallotKind(round_.ballot_kind), "approval")
    unit = pence_per_unit(area, ours)
    votes = []
    for ballot in ballots:
        chosen = [(ids[bid_id], value) for bid_id, value in ballot.items() if bid_id in ids]
        if chosen:
            points = None if vote_type == "approval" else tuple(v for _, v in chosen)
            votes.append(Vote(str(len(votes) + 1), tuple(pid for pid, _ in chosen), points))
    meta = {"description": f"{round_.name_en}: {area.name_en}", "country": "United Kingdom",
            "unit": round_.name_en, "subunit": area.name_en, "instance": str(round_.id),
            "num_projects": str(len(ours)), "num_votes": str(len(votes)),
            "budget": str(area.pot_pence // unit), "vote_type": vote_type,
            "rule": PB_RULES.get(AllocationRule(round_.allocation_rule), round_.allocation_rule),
            "currency": "GBP" if unit == 100 else "GBX"}
    if vote_type == "scoring":
        meta |= {"min_points": "1", "max_points": "5"}
    projects = tuple(Project(project_id(bid), (bid.amount_pence or 0) // unit, bid.title or "")
                     for bid in ours)
    return Election(meta, projects, tuple(votes))


def count_election(election: Election, rule: str, policy: str = "skip") -> Result:
    """The round's rule on one election (the same as `python -m bot tally`)."""
    ballots = ballot_points(election)
    costs, budget = election.costs, election.budget
    utility = "cost" if election.vote_type == "approval" else "score"
    if rule == AllocationRule.GREEDY:
        return fund_down_ranking(costs, ballot_support(costs, ballots), budget, policy)
    if rule == AllocationRule.MES:
        return equal_shares(costs, ballots, budget, utility)
    if rule == AllocationRule.MES_ADD1:
        return equal_shares_add1(costs, ballots, budget, utility)
    return equal_shares_add1_greedy(costs, ballots, budget, utility, policy)


@dataclass(frozen=True)
class AreaCount:
    area: Area
    election: Election
    result: Result

    @property
    def pence_per_unit(self) -> int:
        return 100 if self.election.meta["currency"] == "GBP" else 1

    @property
    def money_left(self) -> int:
        """Pence left in the area's pot."""
        return int(self.area.pot_pence - self.result.cost * self.pence_per_unit)


async def count_round(session: AsyncSession, round_: Round) -> list[AreaCount]:
    bids = await votable_bids(session, round_.id)
    ballots = await round_ballots(session, round_.id) + await paper_ballots(session, round_.id)
    counts = []
    for area in round_.areas:
        election = area_election(round_, area, bids, ballots)
        counts.append(AreaCount(area, election, count_election(
            election, round_.allocation_rule, round_.allocation_policy)))
    return counts


def export_pb(counts: list[AreaCount]) -> dict[str, str]:
    """File name -> `.pb` text, one file per area."""
    return {f"round-{c.election.meta['instance']}-{c.area.code}.pb": write_pb(c.election)
            for c in counts}


async def publish_results(session: AsyncSession, round_: Round) -> list[AreaCount] | None:
    """Count, mark every bid funded / not funded and move the round to results; the notes to
    every group about its own bid and to everyone else who started the bot go out through the
    notifier (bot/jobs/vote_notices.py `results`), which reads the bids' new statuses.
    None, and nothing changes, unless the round is in voting or counting."""
    if not await shift_status(session, round_, RoundStatus.RESULTS, source=PAPER_OPEN):
        return None
    await seal_round(session, round_.id)
    counts = await count_round(session, round_)
    funded = {pid for c in counts for pid in c.result.selected}
    now = utcnow()
    for bid in await votable_bids(session, round_.id):
        won = project_id(bid) in funded
        bid.status = (BidStatus.FUNDED if won else BidStatus.NOT_FUNDED).value
        bid.updated_at = now
    await session.flush()
    return counts


# What a seal rewrites (models/ballot/seal.py seal_round): old ballots, their entries, the salt,
# the keys of the roll entries of people who used /forget.
SEALED_TABLES = ("ballots", "ballot_entries", "ballot_boxes", "voting_roll")


async def clean_after_seal(engine: AsyncEngine) -> None:
    """Once a seal is committed (close_voting, publish_results, apply_voting_windows): no
    old keyed ballot stays where the database can read it back (models/db.py)."""
    await clean_after_delete(engine, SEALED_TABLES)


async def open_voting(session: AsyncSession, round_: Round) -> bool:
    """Closed for bids (reviewed) -> voting; false, and nothing changes, from anywhere else."""
    return await shift_status(session, round_, RoundStatus.VOTING, source=(RoundStatus.CLOSED,))


async def close_voting(session: AsyncSession, round_: Round) -> bool:
    """Voting -> counting (chat votes stop; paper sheets may still come), and the ballot box
    is sealed; false, and nothing changes, otherwise."""
    if not await shift_status(session, round_, RoundStatus.COUNTING,
                              source=(RoundStatus.VOTING,)):
        return False
    await seal_round(session, round_.id)
    return True


async def apply_voting_windows(session: AsyncSession, now: datetime) -> tuple[list[int], list[int]]:
    """Open and close voting at the times set on each round; (opened, closed) round ids.

    Only a round closed for bids opens on its own (its bids have been reviewed); one still
    taking bids waits for an organiser. A window already over when it is first seen is not
    opened at all. Every round no longer in voting whose ballot box is still open is sealed
    (those closed now, and any left open by an older version of the bot)."""
    opened = list(await session.scalars(
        update(Round).where(Round.status == RoundStatus.CLOSED, Round.voting_opens <= now,
                            or_(Round.voting_closes.is_(None), Round.voting_closes > now))
        .values(status=RoundStatus.VOTING.value).returning(Round.id)
        .execution_options(synchronize_session=False)))
    closed = list(await session.scalars(
        update(Round).where(Round.status == RoundStatus.VOTING, Round.voting_closes <= now)
        .values(status=RoundStatus.COUNTING.value).returning(Round.id)
        .execution_options(synchronize_session=False)))
    await seal_closed_rounds(session, now=now)
    return sorted(opened), sorted(closed)


async def rounds_for_voting_admin(session: AsyncSession) -> list[Round]:
    return list(await session.scalars(
        select(Round).where(Round.status.in_((RoundStatus.CLOSED, *PAPER_OPEN)))
        .order_by(Round.id)))


async def published_rounds(session: AsyncSession) -> list[Round]:
    """Rounds whose results are out, newest first."""
    return list(await session.scalars(
        select(Round).where(Round.status == RoundStatus.RESULTS).order_by(Round.id.desc())))
