"""A whole programme seeded straight through the models (World Cafés, volunteers, PB events,
bids, voters, paper ballots, and rows that must not count), with the report's expected
figures and key-facts lines in both languages."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from models.ballot import Ballot, BallotEntry, RollEntry
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.event import (
    Event,
    EventKind,
    EventStatus,
    Helper,
    HelperStatus,
    Registration,
    RegStatus,
    Role,
)
from models.paper_ballot import PaperBallot, PaperEntry
from models.report import Figures
from models.round import Area, Round, RoundStatus

POUND = 100
SUMMARY_EN = ("115 people at 2 World Cafés · 40 volunteers · 600 at 3 PB events · "
              "77 bids asking £149,000 · 366 voters · 35 projects funded (£70,000)")
# Welsh counts after labels: no number is followed by a word that would change form with it.
SUMMARY_CY = ("Caffis y Byd: 2 (pobl: 115) · Gwirfoddolwyr: 40 · Digwyddiadau PB: 3 (pobl: 600) · "
              "Ceisiadau: 77 (yn gofyn am £149,000) · Pleidleiswyr: 366 · "
              "Prosiectau wedi'u hariannu: 35 (£70,000)")
# Expected per area: World Cafés, people at them, volunteers, PB events, people at them, bids,
# money asked, voters, funded, money awarded.
EXPECTED = {
    "Alway": Figures(1, 55, 13, 1, 200, 27, 54_000 * POUND, 145, 15, 30_000 * POUND),
    "Litherland": Figures(volunteers=3),
    "Ringland": Figures(1, 60, 15, 1, 250, 40, 80_000 * POUND, 201, 20, 40_000 * POUND),
    "Speke": Figures(0, 0, 10, 1, 150, 10, 15_000 * POUND, 50, 0, 0),
}
TOTAL = Figures(2, 115, 40, 3, 600, 77, 149_000 * POUND, 366, 35, 70_000 * POUND)

_codes = count(1)


def _round(name: str, status: RoundStatus, areas: list[Area]) -> Round:
    now = utcnow()
    return Round(name_en=name, name_cy=name, status=status.value, max_bid_pence=2000 * POUND,
                 priorities=[], questions=["title"], bid_deadline=now - timedelta(days=30),
                 ballot_kind="score", allocation_rule="greedy", allocation_policy="skip",
                 areas=areas)


def _event(kind: EventKind, area: str, *, days_ago: float = 10,
           status: EventStatus = EventStatus.OPEN) -> Event:
    start = utcnow() - timedelta(days=days_ago)
    return Event(kind=kind.value, title_en=f"{area} {kind}", title_cy=f"{area} {kind}",
                 description_en="-", area=area, venue="Hall", address="1 Road",
                 starts_at=start, ends_at=start + timedelta(hours=2), status=status.value,
                 created_at=start)


def _people(event: Event, came: int, no_shows: int = 10) -> list[Registration]:
    rows = [Registration(event_id=event.id, telegram_id=None, status=RegStatus.CONFIRMED.value,
                         code=f"S{next(_codes):07d}", walk_in=True,
                         checked_in_at=event.starts_at) for _ in range(came)]
    rows += [Registration(event_id=event.id, telegram_id=None, status=RegStatus.CONFIRMED.value,
                          code=f"S{next(_codes):07d}") for _ in range(no_shows)]
    return rows


async def seed_programme(session_maker) -> None:
    """2 World Cafés (115 checked in), 40 volunteers, 3 PB events (600 checked in), 77 bids
    asking £149,000, 366 voters, 35 projects funded (£70,000); and rows that must not count."""
    async with session_maker.begin() as session:
        ringland = Area(code="RNG", name_en="Ringland", name_cy="Ringland", pot_pence=0)
        alway = Area(code="ALW", name_en="Alway", name_cy="Alwe", pot_pence=0)
        speke = Area(code="SPK", name_en="Speke", name_cy="Speke", pot_pence=0)
        published = _round("Safer Newport 2026", RoundStatus.RESULTS, [ringland, alway])
        voting = _round("Safer Speke 2026", RoundStatus.VOTING, [speke])
        session.add_all([published, voting])
        await session.flush()

        # Events: the area names as organisers typed them (case, spaces, the Welsh name).
        cafe_r = _event(EventKind.WORLD_CAFE, "ringland ")
        cafe_a = _event(EventKind.WORLD_CAFE, "Alwe")
        vote_r = _event(EventKind.PB_VOTE, "Ringland")
        vote_a = _event(EventKind.PB_VOTE, "Alway")
        vote_s = _event(EventKind.PB_VOTE, "Speke")
        training = _event(EventKind.TRAINING, "Litherland")
        cancelled = _event(EventKind.WORLD_CAFE, "Ringland", status=EventStatus.CANCELLED)
        coming = _event(EventKind.PB_VOTE, "Ringland", days_ago=-5)
        events = [cafe_r, cafe_a, vote_r, vote_a, vote_s, training, cancelled, coming]
        session.add_all(events)
        await session.flush()
        for event, came in ((cafe_r, 60), (cafe_a, 55), (vote_r, 250), (vote_a, 200),
                            (vote_s, 150), (training, 30), (cancelled, 9), (coming, 0)):
            session.add_all(_people(event, came))
        await session.flush()

        # Volunteers: 40 different people; some help twice (counted once), one in two areas.
        helpers = ([(cafe_r, tid) for tid in range(1, 11)] + [(vote_r, tid) for tid in range(6, 16)]
                   + [(cafe_a, tid) for tid in range(16, 28)] + [(vote_a, 1)]
                   + [(vote_s, tid) for tid in range(28, 38)]
                   + [(training, tid) for tid in range(38, 41)])
        roles = {event.id: Role(event_id=event.id, name_en="Help", name_cy="Help")
                 for event in events}
        session.add_all(roles.values())
        await session.flush()
        status_of = {41: HelperStatus.WITHDRAWN, 42: HelperStatus.OFFERED}
        helpers += [(cafe_r, 41), (cafe_r, 42), (cancelled, 43), (coming, 44)]
        session.add_all(Helper(event_id=event.id, role_id=roles[event.id].id,
                               telegram_id=1000 + tid, first_name="V",
                               status=status_of.get(tid, HelperStatus.CONFIRMED).value)
                        for event, tid in helpers)

        # Bids: 40 + 27 + 10 received (35 funded in the published round); drafts and
        # withdrawn bids are not bids received.
        def bids(round_: Round, area: Area, n: int, pounds: int, funded: int) -> list[Bid]:
            statuses = [BidStatus.FUNDED] * funded + [
                BidStatus.NOT_FUNDED if round_ is published else BidStatus.ELIGIBLE] * (n - funded)
            return [Bid(round_id=round_.id, area_id=area.id, owner_telegram_id=5000 + i,
                        status=status.value, title="Bid", amount_pence=pounds * POUND)
                    for i, status in enumerate(statuses)]

        by_area = {"RNG": bids(published, ringland, 40, 2000, 20),
                   "ALW": bids(published, alway, 27, 2000, 15),
                   "SPK": bids(voting, speke, 10, 1500, 0)}
        noise = [Bid(round_id=published.id, area_id=ringland.id, status=status.value,
                     amount_pence=1000 * POUND)
                 for status in (BidStatus.DRAFT, BidStatus.DRAFT, BidStatus.WITHDRAWN)]
        session.add_all([bid for group in by_area.values() for bid in group] + noise)
        await session.flush()

        # Voters: 180 Ringland only, 100 Alway only, 20 both; 50 in Speke, 10 of whom also
        # voted in the first round (same keyed hash); paper: a sheet and a count of 25.
        receipts = count(1)

        first = ([(f"k{n}", ["RNG"]) for n in range(180)]
                 + [(f"k{n}", ["ALW"]) for n in range(180, 280)]
                 + [(f"k{n}", ["RNG", "ALW"]) for n in range(280, 300)])
        second = [(f"k{n}", ["SPK"]) for n in range(10)] + [
            (f"s{n}", ["SPK"]) for n in range(40)]
        for round_, voters in ((published, first), (voting, second)):
            for key, areas in voters:
                # Who voted (the roll: one key per person in every round) and, apart,
                # how (a sealed ballot: no key).
                row = Ballot(round_id=round_.id)
                session.add_all([row, RollEntry(round_id=round_.id, roll_key=key,
                                                receipt=f"R{next(receipts):05d}")])
                await session.flush()
                session.add_all(BallotEntry(ballot_id=row.id, bid_id=by_area[code][0].id,
                                            value=4) for code in areas)
        sheet = PaperBallot(round_id=published.id, label="sheet-1", sheets=1, source="chat")
        counted = PaperBallot(round_id=published.id, label="table-3", sheets=25, is_count=True,
                              source="chat")
        session.add_all([sheet, counted])
        await session.flush()
        session.add_all([PaperEntry(paper_ballot_id=sheet.id, bid_id=by_area["RNG"][1].id,
                                    value=5),
                         PaperEntry(paper_ballot_id=counted.id, bid_id=by_area["ALW"][1].id,
                                    value=80)])


FACTS_EN = ("World Cafés held: 2\nPeople at World Cafés: 115\nVolunteers: 40\n"
            "PB events held: 3\nPeople at PB events: 600\nBids received: 77 (asking £149,000)\n"
            "Voters: 366\nProjects funded: 35 (£70,000)")
FACTS_CY = ("Caffis y Byd a gynhaliwyd: 2\nPobl yng Nghaffis y Byd: 115\nGwirfoddolwyr: 40\n"
            "Digwyddiadau PB a gynhaliwyd: 3\nPobl mewn digwyddiadau PB: 600\n"
            "Ceisiadau a ddaeth i law: 77 (yn gofyn am £149,000)\nPleidleiswyr: 366\n"
            "Prosiectau a ariannwyd: 35 (£70,000)")
