"""Check-in at the door: codes typed (or scanned) in check-in mode, walk-ins, attendance."""

from __future__ import annotations

import pytest

from bot.ui.callbacks import EventAction as A
from bot.ui.callbacks import EventAdminAction as Adm
from models import event as events
from models.event import RegStatus
from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import CY, EN, ev, eva, join, make_event, registration
from tests.support.flow import alerts, buttons, texts

ANN, BEN = 7101, 7102


@pytest.mark.parametrize("locale", [EN, CY])
async def test_codes_walk_ins_and_attendance(harness, session_maker, locale):
    event_id = await make_event(session_maker, capacity=1, ask_first_name=True,
                                ask_access=True)
    await join(harness, ANN, EN)
    await harness.tap(ANN, ev(A.REGISTER, event_id))
    await harness.send(ANN, "Ann")
    await harness.send(ANN, "Wheelchair <space>")
    await join(harness, BEN, EN)
    await harness.tap(BEN, ev(A.REGISTER, event_id))  # waiting list
    await harness.send(BEN, "Ben")
    await harness.tap(BEN, ev(A.SKIP, event_id))
    ann = await registration(session_maker, event_id, ANN)
    ben = await registration(session_maker, event_id, BEN)
    assert ben.status == RegStatus.WAITING

    await join(harness, ORGANISER_ID, locale)
    sent = await harness.send(ORGANISER_ID, "/checkin")
    assert buttons(sent[0])[0][1] == eva(Adm.CHECKIN, event_id)
    sent = await harness.tap(ORGANISER_ID, eva(Adm.CHECKIN, event_id))
    assert ("0 o 1" if locale is CY else "0 of 1") in texts(sent)[0]
    # A scanner or a person typing: any case, with a dash in the middle.
    typed = f"{ann.code[:3].lower()}-{ann.code[3:]}"
    sent = await harness.send(ORGANISER_ID, typed)
    assert texts(sent)[0].startswith(f"{ann.code} ")
    assert "<b>Ann</b>" in texts(sent)[0] and "Wheelchair &lt;space&gt;" in texts(sent)[0]
    sent = await harness.send(ORGANISER_ID, ann.code)
    assert ("'n barod" if locale is CY else "already") in texts(sent)[0]
    sent = await harness.send(ORGANISER_ID, "KKKKKK")
    assert ("Does dim cofrestriad" if locale is CY else "No registration") in texts(sent)[0]
    sent = await harness.send(ORGANISER_ID, "hello there")
    assert ("cod" if locale is CY else "code") in texts(sent)[0]
    # Someone from the waiting list who turns up is let in.
    await harness.send(ORGANISER_ID, ben.code)
    assert (await registration(session_maker, event_id, BEN)).status == RegStatus.CONFIRMED

    sent = await harness.tap(ORGANISER_ID, eva(Adm.WALKIN, event_id))
    assert ("Enw cyntaf" if locale is CY else "first name") in texts(sent)[0]
    sent = await harness.send(ORGANISER_ID, "Cerys")
    assert ("3 yma" if locale is CY else "3 here") in texts(sent)[0]
    await harness.tap(ORGANISER_ID, eva(Adm.WALKIN, event_id))
    sent = await harness.tap(ORGANISER_ID, eva(Adm.SKIP, event_id))
    assert ("4 yma" if locale is CY else "4 here") in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, eva(Adm.CHECKOUT, event_id))
    assert ("daeth 4" if locale is CY else "4 came") in texts(sent)[0]
    # After finishing, typing a code is no longer check-in.
    assert not any(ann.code in t for t in texts(await harness.send(ORGANISER_ID, ann.code)))

    async with session_maker() as session:
        assert await events.attended(session, event_id, ANN)
        assert await events.attended(session, event_id, BEN)
        people = await events.registrations_of(session, event_id)
        assert sorted((p.first_name or "", p.walk_in) for p in people) == [
            ("", True), ("Ann", False), ("Ben", False), ("Cerys", True)]
        assert len({p.code for p in people}) == 4


async def test_walk_in_without_questions_is_one_tap(harness, session_maker):
    event_id = await make_event(session_maker)
    await join(harness, ORGANISER_ID, EN)
    await harness.send(ORGANISER_ID, f"/checkin {event_id}")
    sent = await harness.tap(ORGANISER_ID, eva(Adm.WALKIN, event_id))
    assert texts(sent)[0].startswith("Walk-in registered and checked in")


async def test_check_in_buttons_of_another_event_are_stale(harness, session_maker):
    first, second = await make_event(session_maker), await make_event(session_maker)
    await join(harness, ORGANISER_ID, EN)
    await harness.send(ORGANISER_ID, f"/checkin {first}")
    assert alerts(await harness.tap(ORGANISER_ID, eva(Adm.WALKIN, second)))
    async with session_maker() as session:
        assert await events.registrations_of(session, second) == []
