"""Events as residents use them, in English and Welsh: the list, a deep link, registering
(with and without questions), the waiting list, cancelling, My things, volunteering, and
buttons that are old or forged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram.methods import SendDocument, SendPhoto
from sqlalchemy import func, select

from bot.jobs.event_monitor import EventMonitor
from bot.ui.callbacks import EventAction as A
from bot.ui.callbacks import MenuCb, MenuItem
from models import event as events
from models.base import utcnow
from models.event import Helper, Registration, RegStatus
from models.event_rules import OFFERED_PLACE
from models.outbox import Status
from tests.support.event_fixtures import (
    CY,
    EN,
    WELSH_TITLE,
    ev,
    join,
    make_event,
    outbox,
    registration,
)
from tests.support.flow import alerts, buttons, texts

ANN, BEN, CAT = 5001, 5002, 5003
STALE = {EN: "That button is out of date. Here's the current menu.",
         CY: "Mae'r botwm yna wedi dyddio. Dyma'r ddewislen gyfredol."}
REGISTER = {EN: "Register ✅", CY: "Cofrestru ✅"}


def monitor(harness, session_maker) -> EventMonitor:
    return EventMonitor(session_maker, harness.dp["notifier"])


@pytest.mark.parametrize("locale", [EN, CY])
async def test_list_puts_their_area_first_and_opens_an_event(harness, session_maker, locale):
    soon = await make_event(session_maker, starts_in=timedelta(days=1), area="Alway",
                            title_en="Alway café", title_cy="Caffi Alway")
    later = await make_event(session_maker, starts_in=timedelta(days=5))
    await join(harness, ANN, locale)
    sent = await harness.tap(ANN, MenuCb(item=MenuItem.EVENTS).pack())
    assert [data for _, data in buttons(sent[-1])] == [ev(A.SHOW, soon), ev(A.SHOW, later)]
    # Once they register in Ringland, Ringland comes first.
    await harness.tap(ANN, ev(A.REGISTER, later))
    sent = await harness.tap(ANN, MenuCb(item=MenuItem.EVENTS).pack())
    assert [data for _, data in buttons(sent[-1])] == [ev(A.SHOW, later), ev(A.SHOW, soon)]
    card = texts(await harness.tap(ANN, ev(A.SHOW, later)))[0]
    if locale is CY:
        assert WELSH_TITLE in card and "Caffi'r Byd" in card and "Rydych chi wedi cofrestru" in card
        assert "Siarad am ddiogelwch" in card
    else:
        assert "Ringland World Café" in card and "You're registered" in card
        assert "Talk about &lt;safety&gt; &amp; youth" in card  # organiser text is escaped


@pytest.mark.parametrize("locale", [EN, CY])
async def test_deep_link_then_one_tap_registers_with_code_and_calendar(harness, session_maker,
                                                                       locale):
    event_id = await make_event(session_maker)
    await join(harness, ANN, locale)
    sent = await harness.send(ANN, f"/start ev_{event_id}")
    assert buttons(sent[-1])[0] == (REGISTER[locale], ev(A.REGISTER, event_id, OFFERED_PLACE))
    sent = await harness.tap(ANN, ev(A.REGISTER, event_id))  # the one tap
    photo = next(r for r in sent if isinstance(r, SendPhoto))
    document = next(r for r in sent if isinstance(r, SendDocument))
    saved = await registration(session_maker, event_id, ANN)
    assert saved.status == RegStatus.CONFIRMED and saved.code in photo.caption
    assert photo.photo.data.startswith(b"\x89PNG")
    assert document.document.filename.endswith(".ics")
    assert b"DTSTART:" in document.document.data
    reminders = await outbox(session_maker, "rem:")
    assert sorted(r.dedupe_key for r in reminders) == [
        f"rem:{event_id}:7200:u:{ANN}", f"rem:{event_id}:86400:u:{ANN}"]
    event = await events_row(session_maker, event_id)
    due = {r.dedupe_key.split(":")[2]: r.due_at for r in reminders}
    assert due == {"86400": event.starts_at - timedelta(hours=24),
                   "7200": event.starts_at - timedelta(hours=2)}
    button = reminders[0].payload["reply_markup"]["inline_keyboard"][0][0]
    assert button["callback_data"] == ev(A.CANCEL, event_id)
    assert button["text"] == {EN: "Can't come? Cancel", CY: "Methu dod? Canslo"}[locale]
    assert ("Nodyn atgoffa" if locale is CY else "Reminder") in reminders[0].payload["text"]
    # Tapping Register again changes nothing.
    await harness.tap(ANN, ev(A.REGISTER, event_id))
    assert len(await outbox(session_maker, "rem:")) == 2


async def events_row(session_maker, event_id):
    async with session_maker() as session:
        return await events.get_event(session, event_id)


async def test_new_person_from_a_poster_chooses_a_language_then_registers(harness,
                                                                        session_maker):
    event_id = await make_event(session_maker)
    await harness.send(ANN, f"/start ev_{event_id}", language_code="cy")
    sent = await harness.tap(ANN, "l:cy")  # tap 1: the language
    assert buttons(sent[-1])[0] == (REGISTER[CY], ev(A.REGISTER, event_id, OFFERED_PLACE))
    await harness.tap(ANN, ev(A.REGISTER, event_id))  # tap 2
    assert (await registration(session_maker, event_id, ANN)).status == RegStatus.CONFIRMED


async def test_a_link_to_a_cancelled_event_says_so(harness, session_maker):
    event_id = await make_event(session_maker)
    async with session_maker.begin() as session:
        await events.cancel_event(session, await events.get_event(session, event_id))
    await join(harness, ANN, EN)
    sent = await harness.send(ANN, f"/start ev_{event_id}")
    assert texts(sent)[0].startswith("That link didn't match anything")


@pytest.mark.parametrize("locale", [EN, CY])
async def test_only_the_questions_the_organiser_chose(harness, session_maker, locale):
    name_only = await make_event(session_maker, ask_first_name=True)
    both = await make_event(session_maker, ask_first_name=True, ask_access=True)
    access_only = await make_event(session_maker, ask_access=True)
    await join(harness, ANN, locale)

    sent = await harness.tap(ANN, ev(A.REGISTER, name_only))
    assert ("enw cyntaf" if locale is CY else "first name") in texts(sent)[0]
    sent = await harness.send(ANN, "x" * 80)
    assert ("hyd at 64" if locale is CY else "up to 64") in texts(sent)[0]
    await harness.send(ANN, "/results")  # a command mid-question is a command, not a name
    assert await registration(session_maker, name_only, ANN) is None
    sent = await harness.send(ANN, "Ann <b>")
    assert any(isinstance(r, SendPhoto) for r in sent)
    saved = await registration(session_maker, name_only, ANN)
    assert (saved.first_name, saved.access_needs) == ("Ann <b>", None)

    await harness.tap(ANN, ev(A.REGISTER, both))
    sent = await harness.send(ANN, "Ann")
    assert ("anghenion mynediad" if locale is CY else "access needs") in texts(sent)[0]
    await harness.send(ANN, "Step-free access please")
    saved = await registration(session_maker, both, ANN)
    assert (saved.first_name, saved.access_needs) == ("Ann", "Step-free access please")

    sent = await harness.tap(ANN, ev(A.REGISTER, access_only))
    skip = buttons(sent[-1])[0]
    assert skip[0] == ("Dim diolch" if locale is CY else "No, thanks")
    await harness.tap(ANN, skip[1])
    saved = await registration(session_maker, access_only, ANN)
    assert saved.status == RegStatus.CONFIRMED and saved.access_needs is None


@pytest.mark.parametrize("locale", [EN, CY])
async def test_waiting_list_promotion_and_timeout(harness, session_maker, locale):
    event_id = await make_event(session_maker, capacity=1)
    for person in (ANN, BEN, CAT):
        await join(harness, person, locale)
    await harness.tap(ANN, ev(A.REGISTER, event_id))
    sent = await harness.send(BEN, f"/start ev_{event_id}")
    assert buttons(sent[-1])[0][0] == {EN: "Join the waiting list ⏳",
                                       CY: "Ymuno â'r rhestr aros ⏳"}[locale]
    sent = await harness.tap(BEN, ev(A.REGISTER, event_id))
    assert ("rhif 1" if locale is CY else "number 1") in texts(sent)[0]
    sent = await harness.tap(CAT, ev(A.REGISTER, event_id))
    assert ("rhif 2" if locale is CY else "number 2") in texts(sent)[0]
    assert await outbox(session_maker, "rem:") and all(
        r.chat_id == ANN for r in await outbox(session_maker, "rem:"))

    # Ann cancels: Ben is offered the place and asked to confirm.
    await harness.tap(ANN, ev(A.CANCEL, event_id))
    await harness.tap(ANN, ev(A.CANCEL_YES, event_id))
    assert {r.status for r in await outbox(session_maker, "rem:")} == {Status.CANCELLED}
    [offer] = await outbox(session_maker, "offer:")
    assert offer.chat_id == BEN
    assert [b["callback_data"] for b in offer.payload["reply_markup"]["inline_keyboard"][0]] == [
        ev(A.ACCEPT, event_id), ev(A.DECLINE, event_id)]
    assert ("Mae lle wedi dod ar gael" if locale is CY else "A place has come up") in \
        offer.payload["text"]

    # Ben doesn't answer in 12 hours: his offer lapses and Cat is asked.
    await monitor(harness, session_maker).tick(utcnow() + timedelta(hours=12, minutes=1))
    [lapsed] = await outbox(session_maker, "lapse:")
    assert lapsed.chat_id == BEN
    assert [r.chat_id for r in await outbox(session_maker, "offer:")] == [BEN, CAT]
    sent = await harness.tap(BEN, ev(A.ACCEPT, event_id))
    assert alerts(sent) and (await registration(session_maker, event_id, BEN)).status == \
        RegStatus.CANCELLED
    sent = await harness.tap(CAT, ev(A.ACCEPT, event_id))
    assert any(isinstance(r, SendPhoto) for r in sent)
    assert (await registration(session_maker, event_id, CAT)).status == RegStatus.CONFIRMED
    assert {r.chat_id for r in await outbox(session_maker, "rem:")
            if r.status == Status.PENDING} == {CAT}
    # A second tick offers nobody anything: the event is full again.
    assert await monitor(harness, session_maker).tick() == 0


async def test_declining_an_offer_passes_it_on(harness, session_maker):
    event_id = await make_event(session_maker, capacity=1)
    for person in (ANN, BEN, CAT):
        await join(harness, person, EN)
        await harness.tap(person, ev(A.REGISTER, event_id))
    await harness.tap(ANN, ev(A.CANCEL_YES, event_id))
    sent = await harness.tap(BEN, ev(A.DECLINE, event_id))
    assert "next person" in texts(sent)[0]
    assert [r.chat_id for r in await outbox(session_maker, "offer:")] == [BEN, CAT]


async def test_registering_after_a_reminder_time_plans_no_stale_reminder(harness,
                                                                        session_maker):
    event_id = await make_event(session_maker, starts_in=timedelta(hours=5))
    await join(harness, ANN, EN)
    await harness.tap(ANN, ev(A.REGISTER, event_id))
    assert [r.dedupe_key for r in await outbox(session_maker, "rem:")] == [
        f"rem:{event_id}:7200:u:{ANN}"]


async def test_cancel_then_register_again_brings_the_reminders_back(harness, session_maker):
    event_id = await make_event(session_maker, reminder_offsets="3600")
    await join(harness, ANN, CY)
    await harness.tap(ANN, ev(A.REGISTER, event_id))
    sent = await harness.tap(ANN, ev(A.CANCEL, event_id))
    assert texts(sent)[0].startswith("Canslo eich lle?")
    await harness.tap(ANN, ev(A.KEEP, event_id))
    assert [r.status for r in await outbox(session_maker, "rem:")] == [Status.PENDING]
    await harness.tap(ANN, ev(A.CANCEL_YES, event_id))
    assert [r.status for r in await outbox(session_maker, "rem:")] == [Status.CANCELLED]
    first_code = (await registration(session_maker, event_id, ANN)).code
    await harness.tap(ANN, ev(A.REGISTER, event_id))
    assert [r.status for r in await outbox(session_maker, "rem:")] == [Status.PENDING]
    assert (await registration(session_maker, event_id, ANN)).code == first_code


@pytest.mark.parametrize("locale", [EN, CY])
async def test_my_things_lists_registrations_with_cancel(harness, session_maker, locale):
    await join(harness, ANN, locale)
    sent = await harness.tap(ANN, MenuCb(item=MenuItem.MINE).pack())
    assert texts(sent) == [{EN: "You have nothing booked yet. Tap Events in the menu to "
                                "find something.",
                            CY: "Does gennych chi ddim byd wedi'i drefnu eto. Tapiwch y botwm "
                                "Digwyddiadau yn y ddewislen i ddod o hyd i rywbeth."}[locale]]
    full = await make_event(session_maker, capacity=1, starts_in=timedelta(days=2))
    open_event = await make_event(session_maker)
    await join(harness, BEN, EN)
    await harness.tap(BEN, ev(A.REGISTER, full))
    await harness.tap(ANN, ev(A.REGISTER, full))
    await harness.tap(ANN, ev(A.REGISTER, open_event))
    sent = await harness.tap(ANN, MenuCb(item=MenuItem.MINE).pack())
    text = texts(sent)[0]
    code = (await registration(session_maker, open_event, ANN)).code
    assert code in text
    assert ("rhif 1 ar y rhestr aros" if locale is CY else "number 1 on the waiting list") in text
    cancels = [data for _, data in buttons(sent[-1]) if data.startswith("ev:cx")]
    assert cancels == [ev(A.CANCEL, full), ev(A.CANCEL, open_event)]
    await harness.tap(ANN, ev(A.CANCEL_YES, open_event))
    sent = await harness.tap(ANN, MenuCb(item=MenuItem.MINE).pack())
    assert code not in texts(sent)[0]


async def test_offering_to_volunteer_and_stepping_back(harness, session_maker):
    event_id = await make_event(session_maker)
    async with session_maker.begin() as session:
        role = await events.add_role(session, await events.get_event(session, event_id),
                                     "Welcome desk", "Desg groeso")
        role_id = role.id
    await join(harness, ANN, CY)
    sent = await harness.send(ANN, f"/start ev_{event_id}")
    assert (ev(A.HELP, event_id)) in [data for _, data in buttons(sent[-1])]
    sent = await harness.tap(ANN, ev(A.HELP, event_id))
    assert buttons(sent[-1])[0] == ("Desg groeso", ev(A.ROLE, event_id, role_id))
    sent = await harness.tap(ANN, ev(A.ROLE, event_id, role_id))
    assert "Desg groeso" in texts(sent)[0] and "enw cyntaf" in texts(sent)[0]
    sent = await harness.send(ANN, "Ann")
    assert "fel Desg groeso" in texts(sent)[0]
    async with session_maker() as session:
        helper = await session.scalar(select(Helper))
    assert (helper.first_name, helper.status) == ("Ann", "offered")
    sent = await harness.tap(ANN, ev(A.UNHELP, event_id))
    assert texts(sent)[0].startswith("Wedi'i wneud")
    assert alerts(await harness.tap(ANN, ev(A.UNHELP, event_id)))


@pytest.mark.parametrize("locale", [EN, CY])
async def test_old_or_forged_buttons_change_nothing(harness, session_maker, locale):
    event_id = await make_event(session_maker)
    other = await make_event(session_maker)
    async with session_maker.begin() as session:
        role = await events.add_role(session, await events.get_event(session, other), "A", "B")
        await events.cancel_event(session, await events.get_event(session, event_id))
    await join(harness, ANN, locale)
    for data in (ev(A.REGISTER, event_id), ev(A.REGISTER, 999999), ev(A.SHOW, 999999),
                 ev(A.ACCEPT, other), ev(A.DECLINE, other), ev(A.CANCEL_YES, other),
                 ev(A.TICKET, other), ev(A.ROLE, event_id, role.id), ev(A.ROLE, other, 999),
                 ev(A.UNHELP, other), ev(A.SKIP, other), "ev:zz:1:0", "ev:rg:x:0"):
        sent = await harness.tap(ANN, data)
        assert alerts(sent), data
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Registration)) == 0
        assert await session.scalar(select(func.count()).select_from(Helper)) == 0
    assert alerts(await harness.tap(ANN, "ev:zz:1:0")) == [STALE[locale]]
