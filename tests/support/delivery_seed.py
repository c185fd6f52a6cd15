"""A known set of funded projects, payments and updates for the report's "After the vote"
figures (tests/unit/test_report_delivery.py, tests/flow/test_report_delivery_flow.py).

Two published rounds: "Delivery 2026" (bid deadline 30 days ago; areas Speke and Garston) and
"Delivery 2025" (400 days ago; its area Speke is the same area by name).

| project | round | area    | award  | status   | spent  | paid   | returned |
| SPK-001 | 2026  | Speke   | £1,500 | done     | £1,400 | £1,500 | £100     |
| SPK-002 | 2026  | Speke   | £1,000 | on track | £250   | £500   |          |
| GAR-001 | 2026  | Garston | £2,000 | stopped  | £300   | £1,000 | £700     |
| SPK-009 | 2025  | Speke   | £500   | delayed  | £100   | £500   |          |

SPK-001's last update (with its spend) is hidden: hiding leaves the accounts alone.
"""

from __future__ import annotations

from datetime import timedelta

from models.base import utcnow
from models.bid import Bid, BidStatus
from models.project import (
    NewUpdate,
    PaymentKind,
    Project,
    ProjectStatus,
    add_update,
    hide_update,
    record_payment,
)
from models.round import Area, Round, RoundStatus

POUND = 100
ORGANISER = 1
GROUP = 900_100


def _round(name: str, days_ago: int, areas: list[Area]) -> Round:
    return Round(name_en=name, name_cy=name, status=RoundStatus.RESULTS.value,
                 max_bid_pence=5000 * POUND, priorities=[], questions=["title"],
                 bid_deadline=utcnow() - timedelta(days=days_ago), ballot_kind="score",
                 allocation_rule="greedy", allocation_policy="skip", areas=areas)


async def seed_delivery(session_maker) -> None:
    now = utcnow()
    async with session_maker.begin() as session:
        speke = Area(code="SPK", name_en="Speke", name_cy="Speke", pot_pence=0)
        garston = Area(code="GAR", name_en="Garston", name_cy="Garstwn", pot_pence=0)
        old_speke = Area(code="SPK", name_en="Speke", name_cy="Speke", pot_pence=0)
        this_year = _round("Delivery 2026", 30, [speke, garston])
        last_year = _round("Delivery 2025", 400, [old_speke])
        session.add_all([this_year, last_year])
        await session.flush()
        plan = [  # round, area, reference, award, status, spent, paid, returned
            (this_year, speke, "SPK-001", 1500, ProjectStatus.DONE, 1400, 1500, 100),
            (this_year, speke, "SPK-002", 1000, ProjectStatus.ON_TRACK, 250, 500, 0),
            (this_year, garston, "GAR-001", 2000, ProjectStatus.STOPPED, 300, 1000, 700),
            (last_year, old_speke, "SPK-009", 500, ProjectStatus.DELAYED, 100, 500, 0)]
        for n, (round_, area, reference, award, status, spent, paid, returned) in enumerate(
                plan):
            bid = Bid(round_id=round_.id, area_id=area.id, owner_telegram_id=GROUP + n,
                      status=BidStatus.FUNDED.value, title="Bid", reference=reference,
                      amount_pence=award * POUND)
            session.add(bid)
            await session.flush()
            project = Project(round_id=round_.id, bid_id=bid.id, owner_telegram_id=GROUP + n,
                              award_pence=award * POUND, spent_pence=0,
                              status=ProjectStatus.STARTED.value, ask_days="30,90,180",
                              created_at=now, updated_at=now)
            session.add(project)
            await session.flush()
            # An earlier figure, then the latest: the latest counts.
            await add_update(session, project, GROUP + n, NewUpdate(
                text="Going well", spent_pence=spent * POUND // 2), now - timedelta(days=9))
            latest = await add_update(session, project, GROUP + n, NewUpdate(
                spent_pence=spent * POUND, status=status), now)
            if reference == "SPK-001":
                await hide_update(session, latest.id)
            await record_payment(session, project, PaymentKind.PAID, paid * POUND, ORGANISER,
                                 now)
            if returned:
                await record_payment(session, project, PaymentKind.RETURNED, returned * POUND,
                                     ORGANISER, now)
