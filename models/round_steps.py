"""What an organiser's irreversible round steps would do, worked out before they confirm, and
re-opening voting. The steps themselves stay where they are (models/round.py, models/voting.py):
this module only reads, except `reopen_voting`.

Each preview carries `seen`, the number the organiser was shown; the Yes button repeats it and
the step goes ahead only if it still holds (and the round is still in the status it was in).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from models.ballot import turnout
from models.bid import BidStatus, draft_count, overview, round_bids
from models.paper_ballot import paper_sheet_count
from models.round import Round, RoundStatus
from models.user import User
from models.voting import count_round


@dataclass(frozen=True)
class ClosingBids:
    sent: int  # bids sent (not drafts, not withdrawn)
    waiting: int  # of those, still waiting for review
    drafts: int  # drafts that will never be sent

    @property
    def seen(self) -> int:
        return self.sent


async def closing_bids(session: AsyncSession, round_: Round) -> ClosingBids:
    bids = await round_bids(session, round_.id)
    sent = sum(1 for b in bids if b.status != BidStatus.WITHDRAWN)
    return ClosingBids(sent=sent, waiting=overview(round_, bids).to_review,
                       drafts=await draft_count(session, round_.id))


async def ballots_in(session: AsyncSession, round_: Round) -> int:
    """Chat ballots and paper sheets so far."""
    return await turnout(session, round_.id) + await paper_sheet_count(session, round_.id)


@dataclass(frozen=True)
class Publishing:
    funded: int  # bids that would be funded
    granted_pence: int
    pot_pence: int
    ballots: int
    told: int  # people who will get a message

    @property
    def seen(self) -> int:
        return self.ballots


async def publishing(session: AsyncSession, round_: Round) -> Publishing:
    """The count the results would show if published now (nothing is saved)."""
    counts = await count_round(session, round_)
    funded = sum(len(c.result.selected) for c in counts)
    granted = sum(c.area.pot_pence - c.money_left for c in counts)
    told = await session.scalar(
        select(func.count()).select_from(User).where(User.blocked_at.is_(None))) or 0
    return Publishing(funded=funded, granted_pence=granted, pot_pence=round_.pot_pence,
                      ballots=await ballots_in(session, round_), told=told)


async def reopen_voting(session: AsyncSession, round_: Round, now: datetime) -> bool:
    """Counting -> voting again, until the results are published; false otherwise. A planned
    closing time already past is dropped (voting then closes by hand), or the scheduler would
    close it again at once."""
    closes = round_.voting_closes
    values: dict = {"status": RoundStatus.VOTING.value}
    if closes is not None and closes <= now:
        values["voting_closes"] = None
    result = await session.execute(
        update(Round).where(Round.id == round_.id, Round.status == RoundStatus.COUNTING)
        .values(**values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    for key, value in values.items():
        set_committed_value(round_, key, value)
    return True
