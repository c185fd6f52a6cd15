"""A Register button is checked against the card it came from. The adversary is an old
message: a card from before the person registered (tapping it asked their first name again
and threw the answer away, while organisers kept the first one), or from before the last
place went. Either gets a kind "out of date" in the person's language, the card as it is now,
and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.ui.callbacks import EventAction as A
from models.event import Registration, RegStatus
from tests.support.event_fixtures import CY, EN, ev, join, make_event, registration
from tests.support.flow import alerts, buttons, texts

ANN, BEN = 5101, 5102
STALE_REGISTERED = {
    EN: "This button is out of date: you're already on the list for this event. "
        "Here's what you have now.",
    CY: "Mae'r botwm hwn wedi dyddio: rydych chi ar y rhestr ar gyfer y digwyddiad hwn yn "
        "barod. Dyma beth sydd gennych chi nawr."}
STALE_FULL = {
    EN: "This button is out of date: the places have gone since. You can join the waiting "
        "list below.",
    CY: "Mae'r botwm hwn wedi dyddio: mae'r lleoedd wedi mynd ers hynny. Gallwch chi ymuno "
        "â'r rhestr aros isod."}
FIRST_NAME = {EN: "first name", CY: "enw cyntaf"}


async def register_button(harness, user_id: int, event_id: int) -> str:
    """The Register (or Join the waiting list) button of the event's card, as shown now."""
    sent = await harness.tap(user_id, ev(A.SHOW, event_id))
    [data] = [data for _, data in buttons(sent[-1]) if data.startswith("ev:rg:")]
    return data


@pytest.mark.parametrize("locale", [EN, CY])
async def test_an_old_register_button_does_not_ask_the_first_name_again(harness, session_maker,
                                                                        locale):
    event_id = await make_event(session_maker, ask_first_name=True)
    await join(harness, ANN, locale)
    old_card = await register_button(harness, ANN, event_id)
    sent = await harness.tap(ANN, old_card)
    assert FIRST_NAME[locale] in texts(sent)[-1]
    await harness.send(ANN, "Ann")
    assert (await registration(session_maker, event_id, ANN)).first_name == "Ann"

    sent = await harness.tap(ANN, old_card)
    assert alerts(sent) == [STALE_REGISTERED[locale]]
    assert not any(FIRST_NAME[locale] in text for text in texts(sent))
    assert not [data for _, data in buttons(sent[-1]) if data.startswith("ev:rg:")]
    await harness.send(ANN, "Annie")  # not taken as a first name: nothing asked for one
    saved = await registration(session_maker, event_id, ANN)
    assert (saved.first_name, saved.status) == ("Ann", RegStatus.CONFIRMED)


@pytest.mark.parametrize("locale", [EN, CY])
async def test_a_register_button_from_before_the_last_place_went_says_so(harness, session_maker,
                                                                         locale):
    event_id = await make_event(session_maker, capacity=1)
    await join(harness, ANN, locale)
    await join(harness, BEN, EN)
    old_card = await register_button(harness, ANN, event_id)
    await harness.tap(BEN, await register_button(harness, BEN, event_id))  # the last place

    sent = await harness.tap(ANN, old_card)
    assert alerts(sent) == [STALE_FULL[locale]]
    assert await registration(session_maker, event_id, ANN) is None
    waiting_list = await register_button(harness, ANN, event_id)
    assert waiting_list != old_card
    await harness.tap(ANN, waiting_list)  # what the card now offers, knowingly
    assert (await registration(session_maker, event_id, ANN)).status == RegStatus.WAITING
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Registration)) == 2


@pytest.mark.parametrize("locale", [EN, CY])
async def test_a_form_finished_after_registering_elsewhere_changes_nothing(harness,
                                                                          session_maker, locale):
    """Two cards' forms at once: the first finished registers; the second, finished after,
    says it is out of date instead of silently keeping the first name."""
    from models import event as events
    from models.base import utcnow

    event_id = await make_event(session_maker, ask_first_name=True)
    await join(harness, ANN, locale)
    await harness.tap(ANN, await register_button(harness, ANN, event_id))
    async with session_maker.begin() as session:  # the other form, finished first
        event = await events.get_event(session, event_id)
        await events.register(session, event, ANN, now=utcnow(), first_name="Ann")
    sent = await harness.send(ANN, "Annie")
    assert texts(sent)[0] == STALE_REGISTERED[locale]
    assert (await registration(session_maker, event_id, ANN)).first_name == "Ann"


STALE_FORM = {
    EN: "This button is out of date: it belongs to an earlier form. Please answer the latest "
        "question.",
    CY: "Mae'r botwm hwn wedi dyddio: mae'n perthyn i ffurflen gynharach. Atebwch y cwestiwn "
        "diweddaraf, os gwelwch yn dda."}


@pytest.mark.parametrize("locale", [EN, CY])
async def test_no_access_needs_from_an_earlier_form_does_not_complete_this_one(
        harness, session_maker, locale):
    first = await make_event(session_maker, ask_access=True)
    second = await make_event(session_maker, ask_access=True)
    await join(harness, ANN, locale)
    sent = await harness.tap(ANN, await register_button(harness, ANN, first))
    old_skip = buttons(sent[-1])[0][1]
    await harness.tap(ANN, await register_button(harness, ANN, second))

    sent = await harness.tap(ANN, old_skip)
    assert alerts(sent) == [STALE_FORM[locale]]
    assert await registration(session_maker, first, ANN) is None
    assert await registration(session_maker, second, ANN) is None
    await harness.send(ANN, "Step-free access please")  # the latest question, answered
    assert (await registration(session_maker, second, ANN)).access_needs == (
        "Step-free access please")
