"""Events as organisers run them: /newevent, edit (a moved event moves its reminders),
cancel (everyone told in their language), registrations, CSV, poster, volunteers; and
everyone else refused."""

from __future__ import annotations

import csv
import io
import logging
from datetime import UTC, datetime, timedelta

import pytest
from aiogram.methods import SendDocument
from PIL import Image
from sqlalchemy import func, select

from bot.ui.callbacks import EventAction as A
from bot.ui.callbacks import EventAdminAction as Adm
from models import event as events
from models.event import Event, EventStatus, Helper
from models.outbox import Status
from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import CY, EN, ev, eva, join, make_event, outbox, registration
from tests.support.flow import alerts, buttons, texts

ANN, BEN, CARYS = 6001, 6002, 6003
ORGANISERS_ONLY = {EN: "Sorry, this is for organisers.",
                   CY: "Mae'n ddrwg gennym, mae hyn ar gyfer trefnwyr."}


async def new_event_up_to_preview(harness, kind: int = 1) -> list:
    """A PB vote (kind 1) typed through /newevent, with a few wrong answers on the way."""
    o = ORGANISER_ID
    sent = await harness.send(o, "/newevent")
    assert len(buttons(sent[0])) == 6
    await harness.tap(o, eva(Adm.KIND, value=kind))
    await harness.send(o, "Ringland PB vote")
    await harness.send(o, "Pleidlais Ringland")
    await harness.send(o, "Score the bids from 1 to 5")
    sent = await harness.tap(o, eva(Adm.SKIP))  # Welsh description: use the English
    await harness.send(o, "Ringland")
    await harness.send(o, "St Hilda's Hall")
    await harness.send(o, "Ringland Circle, Newport")
    assert alerts(await harness.tap(o, eva(Adm.SKIP))) or True  # start can't be skipped
    sent = await harness.send(o, "tomorrow")
    assert texts(sent)[0].startswith(("I couldn't read", "Doeddwn i ddim"))
    await harness.send(o, "28/11/2099 14:00")
    sent = await harness.send(o, "13:00")  # before the start
    assert texts(sent)[0].startswith(("Please type a time after", "Teipiwch amser ar ôl"))
    await harness.send(o, "17:00")
    assert texts(await harness.send(o, "lots"))[0].endswith(("like 60.", "fel 60."))
    sent = await harness.send(o, "120")
    await harness.tap(o, eva(Adm.ASK, value=1))  # first name on
    await harness.tap(o, eva(Adm.ASK, value=2))
    sent = await harness.tap(o, eva(Adm.ASK, value=2))  # access on, then off again
    assert [text for text, _ in buttons(sent[-1])][:2] in (
        ["First name: ask ☑", "Access needs: don't ask ☐"],
        ["Enw cyntaf: gofyn ☑", "Anghenion mynediad: peidio â gofyn ☐"])
    await harness.tap(o, eva(Adm.ASKED))
    await harness.send(o, "#3")  # the PB round
    return await harness.tap(o, eva(Adm.SKIP))  # the usual reminders


@pytest.mark.parametrize("locale", [EN, CY])
async def test_newevent_one_question_at_a_time(harness, session_maker, locale):
    await join(harness, ORGANISER_ID, locale)
    sent = await new_event_up_to_preview(harness)
    preview = texts(sent)[-1]
    assert "Ringland PB vote" in preview and "Pleidlais Ringland" in preview
    assert "14:00–17:00" in preview and "120" in preview
    assert ("24h, 2h") in preview
    sent = await harness.tap(ORGANISER_ID, eva(Adm.CREATE))
    async with session_maker() as session:
        event = await session.scalar(select(Event))
    assert (event.kind, event.title_cy, event.description_cy) == ("vote", "Pleidlais Ringland",
                                                                  None)
    # 28 November is winter time: 14:00 in London is 14:00 UTC.
    assert event.starts_at == datetime(2099, 11, 28, 14, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2099, 11, 28, 17, 0, tzinfo=UTC)
    assert (event.capacity, event.ask_first_name, event.ask_access, event.round_id) == (
        120, True, False, 3)
    assert f"https://t.me/pbchat_test_bot?start=ev_{event.id}" in texts(sent)[-1]


async def test_discarding_a_new_event_saves_nothing(harness, session_maker):
    await join(harness, ORGANISER_ID, EN)
    await new_event_up_to_preview(harness)
    sent = await harness.tap(ORGANISER_ID, eva(Adm.DISCARD))
    assert texts(sent) == ["Discarded. Nothing was saved."]
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Event)) == 0


async def test_moving_an_event_moves_its_reminders_and_tells_people(harness, session_maker):
    event_id = await make_event(session_maker, starts_in=timedelta(days=3))
    await join(harness, ANN, EN)
    await join(harness, BEN, CY)
    for person in (ANN, BEN):
        await harness.tap(person, ev(A.REGISTER, event_id))
    before = {r.dedupe_key: r for r in await outbox(session_maker, "rem:")}
    event = await event_of(session_maker, event_id)
    new_start = event.starts_at + timedelta(days=7)
    await join(harness, ORGANISER_ID, EN)
    await harness.tap(ORGANISER_ID, eva(Adm.EDIT, event_id))
    sent = await harness.tap(ORGANISER_ID, eva(Adm.EDIT, event_id, 8))  # the start
    assert texts(sent)[0].startswith("When does it start?")
    local = new_start.astimezone(harness.settings.tz)
    sent = await harness.send(ORGANISER_ID, local.strftime("%d/%m/%Y %H:%M"))
    assert texts(sent)[0] == "Saved. 2 people will be told about the change."
    moved = await event_of(session_maker, event_id)
    assert moved.starts_at == new_start and moved.ends_at == new_start + timedelta(hours=2)
    after = {r.dedupe_key: r for r in await outbox(session_maker, "rem:")}
    assert set(after) == set(before)
    for key, row in after.items():
        assert row.status == Status.PENDING
        assert row.due_at == before[key].due_at + timedelta(days=7)
        assert row.payload["text"] != before[key].payload["text"]  # the new date is in it
    notices = {r.chat_id: r.payload["text"] for r in await outbox(session_maker, "evm:")}
    assert notices[ANN].startswith("<b>The event has changed.</b> ✏️")
    assert notices[BEN].startswith("<b>Mae'r digwyddiad wedi newid.</b> ✏️")


async def test_cancelling_an_event_tells_everyone_and_cancels_reminders(harness,
                                                                       session_maker):
    event_id = await make_event(session_maker, capacity=1)
    await join(harness, ANN, EN)
    await join(harness, BEN, CY)
    for person in (ANN, BEN):
        await harness.tap(person, ev(A.REGISTER, event_id))  # Ben waits
    await join(harness, ORGANISER_ID, CY)
    sent = await harness.tap(ORGANISER_ID, eva(Adm.CANCEL, event_id))
    assert "Mae 2 berson wedi cofrestru neu'n aros" in texts(sent)[0]
    # Someone new registers after the question: that Yes no longer matches what it said.
    await join(harness, CARYS, EN)
    await harness.tap(CARYS, ev(A.REGISTER, event_id))
    stale = await harness.tap(ORGANISER_ID, eva(Adm.CANCEL_YES, event_id, 2))
    assert alerts(stale)[0].startswith("Mae hyn wedi dyddio")
    assert (await event_of(session_maker, event_id)).status == EventStatus.OPEN
    sent = await harness.tap(ORGANISER_ID, eva(Adm.CANCEL, event_id))
    assert "Mae 3 pherson wedi cofrestru neu'n aros" in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, eva(Adm.CANCEL_YES, event_id, 3))
    assert "Mae 3 pherson yn cael gwybod" in texts(sent)[0]
    assert (await event_of(session_maker, event_id)).status == EventStatus.CANCELLED
    assert {r.status for r in await outbox(session_maker, "rem:")} == {Status.CANCELLED}
    notices = {r.chat_id: r.payload["text"] for r in await outbox(session_maker, "evx:")}
    assert "this event will not take place" in notices[ANN]
    assert "fydd y digwyddiad hwn ddim yn cael ei gynnal" in notices[BEN]
    # Cancelling again, or editing a cancelled event, is refused.
    assert alerts(await harness.tap(ORGANISER_ID, eva(Adm.CANCEL_YES, event_id, 3)))
    assert alerts(await harness.tap(ORGANISER_ID, eva(Adm.EDIT, event_id, 1)))
    assert len(await outbox(session_maker, "evx:")) == 3


async def test_registrations_list_and_csv(harness, session_maker):
    event_id = await make_event(session_maker, ask_first_name=True, ask_access=True)
    await join(harness, ANN, EN)
    await harness.tap(ANN, ev(A.REGISTER, event_id))
    await harness.send(ANN, "Ann <3")
    await harness.send(ANN, "Hearing loop")
    await join(harness, ORGANISER_ID, EN)
    sent = await harness.send(ORGANISER_ID, "/manage")
    assert buttons(sent[0])[0][1] == eva(Adm.OPEN, event_id)
    sent = await harness.tap(ORGANISER_ID, eva(Adm.OPEN, event_id))
    assert "Registered: 1" in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, eva(Adm.REGS, event_id))
    code = (await registration(session_maker, event_id, ANN)).code
    assert f"<code>{code}</code> · registered · Ann &lt;3 · needs: Hearing loop" in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, eva(Adm.EXPORT, event_id))
    document = next(r for r in sent if isinstance(r, SendDocument))
    rows = list(csv.reader(io.StringIO(document.document.data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["code", "status", "first_name", "access_needs"]
    assert rows[1][:5] == [code, "registered", "Ann <3", "Hearing loop", "0"]
    assert str(ANN) not in document.document.data.decode()


async def test_poster_is_a_printable_png_with_the_deep_link(harness, session_maker):
    event_id = await make_event(session_maker)
    await join(harness, ORGANISER_ID, EN)
    sent = await harness.send(ORGANISER_ID, "/poster")
    assert buttons(sent[0])[0][1] == eva(Adm.POSTER, event_id)
    for sent in (await harness.tap(ORGANISER_ID, eva(Adm.POSTER, event_id)),
                 await harness.send(ORGANISER_ID, f"/poster {event_id}")):
        document = next(r for r in sent if isinstance(r, SendDocument))
        assert f"https://t.me/pbchat_test_bot?start=ev_{event_id}" in document.caption
        image = Image.open(io.BytesIO(document.document.data))
        assert image.format == "PNG" and image.size == (1240, 1754)


@pytest.mark.parametrize("locale", [EN, CY])
async def test_volunteers_roles_confirm_briefing_and_message(harness, session_maker, locale):
    event_id = await make_event(session_maker, starts_in=timedelta(days=3))
    await join(harness, ORGANISER_ID, locale)
    await harness.tap(ORGANISER_ID, eva(Adm.ROLES, event_id))
    await harness.tap(ORGANISER_ID, eva(Adm.ADD_ROLE, event_id))
    await harness.send(ORGANISER_ID, "Table host")
    sent = await harness.send(ORGANISER_ID, "Gwesteiwr bwrdd")
    assert "Table host / Gwesteiwr bwrdd" in texts(sent)[0]
    async with session_maker() as session:
        [role] = await events.roles_of(session, event_id)
    await join(harness, ANN, CY)
    await harness.tap(ANN, ev(A.ROLE, event_id, role.id))
    await harness.send(ANN, "Ann")
    sent = await harness.tap(ORGANISER_ID, eva(Adm.HELPERS, event_id))
    assert "Ann, " in texts(sent)[0]
    async with session_maker() as session:
        helper = await session.scalar(select(Helper))
    assert buttons(sent[-1])[0][1] == eva(Adm.CONFIRM_HELPER, event_id, helper.id)
    await harness.tap(ORGANISER_ID, eva(Adm.CONFIRM_HELPER, event_id, helper.id))
    assert alerts(await harness.tap(ORGANISER_ID, eva(Adm.CONFIRM_HELPER, event_id, helper.id)))
    [confirmed] = await outbox(session_maker, "vconf:")
    assert confirmed.chat_id == ANN and "Gwesteiwr bwrdd" in confirmed.payload["text"]
    [briefing] = await outbox(session_maker, "brief:")
    event = await event_of(session_maker, event_id)
    assert briefing.due_at == event.starts_at - timedelta(hours=24)
    assert "Dewch erbyn" in briefing.payload["text"]
    await harness.tap(ORGANISER_ID, eva(Adm.MESSAGE_HELPERS, event_id))
    sent = await harness.send(ORGANISER_ID, "Bring a <b>pen</b> & smile")
    [message] = await outbox(session_maker, "vmsg:")
    assert message.chat_id == ANN and "Gan y trefnwyr" in message.payload["text"]
    assert "Bring a &lt;b&gt;pen&lt;/b&gt; &amp; smile" in message.payload["text"]
    # The volunteer steps back: the briefing is withdrawn.
    await harness.tap(ANN, ev(A.UNHELP, event_id))
    assert [r.status for r in await outbox(session_maker, "brief:")] == [Status.CANCELLED]


async def test_raising_the_capacity_offers_places_to_people_waiting(harness, session_maker):
    event_id = await make_event(session_maker, capacity=1)
    for person in (ANN, BEN):
        await join(harness, person, EN)
        await harness.tap(person, ev(A.REGISTER, event_id))
    await join(harness, ORGANISER_ID, EN)
    await harness.tap(ORGANISER_ID, eva(Adm.EDIT, event_id, 10))
    await harness.send(ORGANISER_ID, "2")
    assert [r.chat_id for r in await outbox(session_maker, "offer:")] == [BEN]


@pytest.mark.parametrize("locale", [EN, CY])
async def test_residents_are_refused_everything_and_it_is_logged(harness, session_maker,
                                                                 locale, caplog):
    event_id = await make_event(session_maker)
    await join(harness, ANN, locale)
    with caplog.at_level(logging.WARNING):
        for command in ("/newevent", "/manage", f"/poster {event_id}", f"/checkin {event_id}"):
            assert texts(await harness.send(ANN, command)) == [ORGANISERS_ONLY[locale]]
        for action in Adm:
            sent = await harness.tap(ANN, eva(action, event_id, 1))
            assert alerts(sent) == [ORGANISERS_ONLY[locale]], action
    assert "refused organiser command" in caplog.text
    assert (await event_of(session_maker, event_id)).status == EventStatus.OPEN
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Event)) == 1


async def test_organiser_buttons_out_of_order_or_forged(harness, session_maker):
    event_id = await make_event(session_maker)
    await join(harness, ORGANISER_ID, EN)
    for data in (eva(Adm.CREATE), eva(Adm.KIND, value=3), eva(Adm.OPEN, 9999),
                 eva(Adm.EDIT, event_id, 99), eva(Adm.CONFIRM_HELPER, event_id, 9999),
                 eva(Adm.SKIP), eva(Adm.ASK, event_id, 7), eva(Adm.WALKIN, event_id),
                 eva(Adm.REGS, 9999), eva(Adm.EXPORT, 9999), "eva:zz:1:0"):
        assert alerts(await harness.tap(ORGANISER_ID, data)), data
    stale = ["That button is out of date. Here's the current menu."]
    for data in (eva(Adm.CREATE), eva(Adm.DISCARD), eva(Adm.SKIP), eva(Adm.WALKIN, event_id)):
        assert alerts(await harness.tap(ORGANISER_ID, data)) == stale, data
    await harness.send(ORGANISER_ID, "/newevent")
    assert alerts(await harness.tap(ORGANISER_ID, eva(Adm.KIND, value=42)))
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Event)) == 1


async def event_of(session_maker, event_id: int) -> Event:
    async with session_maker() as session:
        return await events.get_event(session, event_id)
