"""/report counts what happened: a café counts as held once anyone checked in (even before its
start time), people who use /forget stay in the figures as anonymous counts, the key facts come
line by line, and a date range narrows the report."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.ui.callbacks import ForgetCb
from models.base import utcnow
from models.event import Helper, HelperStatus, Registration, RegStatus, Role
from models.tallies import AnonymousCount
from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import CY, EN, join, make_event
from tests.support.flow import texts

RESIDENT = 742_001


async def report_text(harness, args: str = "") -> str:
    sent = await harness.send(ORGANISER_ID, f"/report {args}".strip())
    return texts(sent)[0]


async def a_cafe_running_early(session_maker) -> int:
    """A World Café due to start tomorrow where the resident has already checked in and is a
    confirmed volunteer, and a walk-in has checked in too."""
    event_id = await make_event(session_maker, starts_in=timedelta(days=1))
    async with session_maker.begin() as session:
        role = Role(event_id=event_id, name_en="Tables", name_cy="Byrddau")
        session.add(role)
        await session.flush()
        session.add_all([
            Registration(event_id=event_id, telegram_id=RESIDENT, code="C0000001",
                         status=RegStatus.CONFIRMED.value, first_name="Rhian",
                         checked_in_at=utcnow()),
            Registration(event_id=event_id, telegram_id=None, code="C0000002", walk_in=True,
                         status=RegStatus.CONFIRMED.value, checked_in_at=utcnow()),
            Helper(event_id=event_id, role_id=role.id, telegram_id=RESIDENT, first_name="Rhian",
                   status=HelperStatus.CONFIRMED.value)])
    return event_id


async def test_a_cafe_with_people_checked_in_counts_as_held_before_its_start(harness,
                                                                           session_maker):
    await a_cafe_running_early(session_maker)
    await make_event(session_maker, starts_in=timedelta(days=2))  # nobody in yet: not held
    await join(harness, ORGANISER_ID, EN)
    text = await report_text(harness)
    assert "World Cafés held: 1\nPeople at World Cafés: 2\nVolunteers: 1\n" in text


async def test_forget_keeps_the_counts_but_not_the_person(harness, session_maker):
    await a_cafe_running_early(session_maker)
    await join(harness, ORGANISER_ID, CY)
    before = await report_text(harness)
    assert "Caffis y Byd a gynhaliwyd: 1\nPobl yng Nghaffis y Byd: 2\nGwirfoddolwyr: 1\n" in before
    await join(harness, RESIDENT, EN)
    await harness.send(RESIDENT, "/forget")
    await harness.tap(RESIDENT, ForgetCb(confirm=True).pack())
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Registration).where(
            Registration.telegram_id == RESIDENT)) == 0
        assert await session.scalar(select(func.count()).select_from(Helper)) == 0
        kept = list(await session.scalars(select(AnonymousCount)))
    assert {(row.what, row.count) for row in kept} == {
        ("checked-in", 1), ("volunteer", 1), ("volunteer-person", 1)}
    # The counts say nothing about who: no id, no name, only numbers per event.
    assert {c.name for c in AnonymousCount.__table__.columns} == {"id", "event_id", "what",
                                                                  "count"}
    after = await report_text(harness)
    assert after == before


async def test_a_date_range(harness, session_maker):
    await a_cafe_running_early(session_maker)
    await join(harness, ORGANISER_ID, EN)
    old = await report_text(harness, "1/1/2020 31/12/2020")
    assert old.startswith("<b>Programme report</b> 📊\nFrom 1 Jan 2020 to 31 Dec 2020\n\n"
                          "World Cafés held: 0\n")
    day = (utcnow() + timedelta(days=1)).date()
    now = await report_text(harness, f"{day.isoformat()} {day.isoformat()}")
    assert "World Cafés held: 1\nPeople at World Cafés: 2\n" in now
    bad = await report_text(harness, "last spring")
    assert bad.startswith("To cover some dates only, give the first and last day")
    assert (await report_text(harness, "31/12/2020 1/1/2020")).startswith("To cover some")


async def test_a_date_range_in_welsh(harness, session_maker):
    await join(harness, ORGANISER_ID, CY)
    text = await report_text(harness, "2020-01-01 2020-12-31")
    assert text.splitlines()[1] == "Dyddiadau: 1 Ion 2020 – 31 Rhag 2020"
    assert (await report_text(harness, "ddoe")).startswith("I gynnwys rhai dyddiadau yn unig")
