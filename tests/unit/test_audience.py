"""models.audience: place names in buttons, and people in a place as models.event sees them."""

from __future__ import annotations

from datetime import timedelta

from models import audience as audiences
from models.audience import Audience, Choice, distinct_places, place_token
from models.base import utcnow
from models.event import Registration, RegStatus, home_area
from models.user import User
from tests.support.event_fixtures import make_event


def test_a_place_token_ignores_case_and_spaces_and_fits_a_button():
    assert place_token("Ringland") == place_token(" ringland ") == place_token("RINGLAND")
    assert place_token("Ringland") != place_token("Alway")
    assert len(place_token("Llanfair" * 20)) == 10
    # Casefold, not lower(): Welsh letters with a circumflex compare too.
    assert place_token("Ŵyl") == place_token("ŵyl")


def test_each_place_is_listed_once_in_order():
    assert distinct_places(["Ringland", "alway", " Ringland ", "RINGLAND", "", "Alway"]) == [
        "alway", "Ringland"]


async def test_people_in_a_place_are_those_whose_last_registration_was_there(session_maker):
    ringland = await make_event(session_maker)
    alway = await make_event(session_maker, area="alway", title_en="Alway", title_cy="Alway")
    history = {1: [ringland], 2: [ringland, alway], 3: [alway, ringland], 4: [alway], 5: []}
    async with session_maker.begin() as session:
        session.add_all(User(telegram_id=tid, locale="en") for tid in history)
        n = 0
        for tid, events in history.items():
            for event_id in events:
                n += 1
                session.add(Registration(event_id=event_id, telegram_id=tid, code=f"R{n:05d}",
                                         status=RegStatus.CANCELLED if n % 2 else
                                         RegStatus.CONFIRMED,
                                         created_at=utcnow() + timedelta(seconds=n)))
    async with session_maker() as session:
        homes = {tid: await home_area(session, tid) for tid in history}
        for place in ("Ringland", "ALWAY"):
            members = await audiences.members(session, Choice(Audience.AREA, None, place),
                                              secret=b"s")
            assert {m.telegram_id for m in members} == {
                tid for tid, home in homes.items() if home and home.casefold() == place.casefold()}
    assert homes == {1: "Ringland", 2: "alway", 3: "Ringland", 4: "alway", 5: None}
