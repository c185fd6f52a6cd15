"""My things and the event list, as a resident reads them: each event once (a place and an
offer to help together), and where every listed event is (venue and area), in English and
Welsh. The adversary is the list itself telling a half-truth: two lines for one evening, or
events with no hint of which is near."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.ui.callbacks import EventAction as A
from bot.ui.callbacks import MenuCb, MenuItem
from models import event as events
from tests.support.event_fixtures import CY, EN, ev, join, make_event, registration
from tests.support.flow import buttons, texts

ANN, BEN = 770_001, 770_002
REGISTERED = {EN: "registered (code", CY: "wedi cofrestru (cod"}
HELPING = {EN: "volunteering as Welcome desk", CY: "gwirfoddoli fel Desg groeso"}
WHERE = {EN: "Where:", CY: "Lleoliad:"}
MINE = MenuCb(item=MenuItem.MINE).pack()


async def volunteer(harness, person: int, event_id: int, role_id: int) -> None:
    await harness.tap(person, ev(A.ROLE, event_id, role_id))
    await harness.send(person, "Ann")


async def add_role(session_maker, event_id: int) -> int:
    async with session_maker.begin() as session:
        role = await events.add_role(session, await events.get_event(session, event_id),
                                     "Welcome desk", "Desg groeso")
        return role.id


@pytest.mark.parametrize("locale", [EN, CY])
async def test_my_things_shows_an_event_once_with_both_roles(harness, session_maker, locale):
    both = await make_event(session_maker, starts_in=timedelta(days=2))
    helping_only = await make_event(session_maker, starts_in=timedelta(days=4),
                                    title_en="Alway vote", title_cy="Pleidlais Alway")
    roles = {e: await add_role(session_maker, e) for e in (both, helping_only)}
    await join(harness, ANN, locale)
    await harness.tap(ANN, ev(A.REGISTER, both))
    await volunteer(harness, ANN, both, roles[both])
    await volunteer(harness, ANN, helping_only, roles[helping_only])
    sent = await harness.tap(ANN, MINE)
    lines = [line for line in texts(sent)[0].splitlines() if line.startswith("• ")]
    assert len(lines) == 2, lines  # one line per event, not one per role
    code = (await registration(session_maker, both, ANN)).code
    assert REGISTERED[locale] in lines[0] and code in lines[0] and HELPING[locale] in lines[0]
    assert ("Pleidlais Alway" if locale is CY else "Alway vote") in lines[1]
    assert HELPING[locale] in lines[1] and REGISTERED[locale] not in lines[1]
    data = [value for _, value in buttons(sent[-1])]
    assert data.count(ev(A.SHOW, both)) == 1 and data.count(ev(A.SHOW, helping_only)) == 1
    assert ev(A.CANCEL, both) in data and ev(A.UNHELP, both) in data
    assert ev(A.UNHELP, helping_only) in data and ev(A.CANCEL, helping_only) not in data
    # Stopping helping leaves the place, still on one line.
    await harness.tap(ANN, ev(A.UNHELP, both))
    lines = [line for line in texts(await harness.tap(ANN, MINE))[0].splitlines()
             if line.startswith("• ")]
    assert len(lines) == 2 and REGISTERED[locale] in lines[0]
    assert HELPING[locale] not in lines[0]


@pytest.mark.parametrize("locale", [EN, CY])
async def test_the_event_list_says_where_each_event_is(harness, session_maker, locale):
    await make_event(session_maker, starts_in=timedelta(days=1), area="Alway",
                     venue="St Julian's Methodist Hall", title_en="Alway café",
                     title_cy="Caffi Alway")
    await make_event(session_maker, starts_in=timedelta(days=5), venue="Ringland <Hub> & Co")
    await join(harness, BEN, locale)
    text = texts(await harness.tap(BEN, MenuCb(item=MenuItem.EVENTS).pack()))[-1]
    assert f"{WHERE[locale]} St Julian's Methodist Hall, Alway" in text
    assert f"{WHERE[locale]} Ringland &lt;Hub&gt; &amp; Co, Ringland" in text  # escaped
    assert ("Caffi Alway" if locale is CY else "Alway café") in text
    assert text.index("Alway") < text.index("Ringland &lt;Hub")  # in the buttons' order


async def test_a_long_list_still_fits_one_message(harness, session_maker):
    for day in range(1, 31):
        await make_event(session_maker, starts_in=timedelta(days=day), venue="V" * 200,
                         area="A" * 60, title_en="T" * 120)
    await join(harness, BEN, EN)
    sent = await harness.tap(BEN, MenuCb(item=MenuItem.EVENTS).pack())
    assert len(texts(sent)[-1]) <= 4096
    assert len(buttons(sent[-1])) == 30  # every event is still a button
