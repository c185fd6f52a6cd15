"""Every screen has a way on, and says what is true: a Menu button after a ticket, a place on
the waiting list, a saved pledge, a receipt or an error; "Leave the waiting list" for a place
on it; a bid found not eligible is not told it can still be changed. English and Welsh."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from bot.ui.callbacks import EventAction, EventCb, Locale, MenuCb, MenuItem
from bot.ui.callbacks.bids import BidAction, ReviewAction
from models.bid import Bid, BidStatus
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import GROUP, WELSH_GROUP, review, sent_bids, tap_data
from tests.support.event_fixtures import make_event
from tests.support.factories import join
from tests.support.festival import ANN as FESTIVAL_EN
from tests.support.festival import CERI as FESTIVAL_CY
from tests.support.festival import start_festival
from tests.support.flow import buttons, texts

ANN, BEN = 760_001, 760_002
MENU = {Locale.EN: "Menu ☰", Locale.CY: "Dewislen ☰"}
MENU_DATA = MenuCb(item=MenuItem.MENU).pack()


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_a_ticket_and_a_waiting_place_have_the_right_words_and_a_menu(
        harness, session_maker, locale):
    event_id = await make_event(session_maker, capacity=1)
    for person in (ANN, BEN):
        await join(harness, person, locale)
    sent = await harness.tap(ANN, EventCb(action=EventAction.REGISTER, event_id=event_id).pack())
    ticket = next(r for r in sent if getattr(r, "caption", None))
    assert (MENU[locale], MENU_DATA) in buttons(ticket)
    sent = await harness.tap(BEN, EventCb(action=EventAction.REGISTER, event_id=event_id).pack())
    labels = [label for label, _ in buttons(sent[-1])]
    assert labels[0] == {Locale.EN: "Leave the waiting list ✖",
                         Locale.CY: "Gadael y rhestr aros ✖"}[locale]
    assert MENU[locale] in labels
    sent = await harness.tap(BEN, MENU_DATA)
    assert texts(sent)[-1] == {Locale.EN: "What would you like to do?",
                               Locale.CY: "Beth hoffech chi ei wneud?"}[locale]


async def test_an_error_offers_the_menu(harness, session_maker):
    await join(harness, ANN, Locale.EN)
    harness.telegram.fail_next(RuntimeError("the menu could not be sent"))
    sent = await harness.tap(ANN, MenuCb(item=MenuItem.HELP).pack())
    assert texts(sent)[-1].startswith("Sorry, something went wrong on our side.")
    assert buttons(sent[-1]) == [(MENU[Locale.EN], MENU_DATA)]


async def test_a_bid_found_not_eligible_is_not_told_it_can_be_changed(harness, session_maker):
    _, english, welsh = await sent_bids(harness, session_maker)
    open_welsh = tap_data(BidAction.OPEN, bid=welsh.id)
    assert "Gallwch chi newid neu dynnu" in texts(await harness.tap(WELSH_GROUP, open_welsh))[-1]
    await harness.tap(ORGANISER_ID, review(ReviewAction.NOT_ELIGIBLE, welsh))
    await harness.send(ORGANISER_ID, "Outside the area.")
    assert "Gallwch chi newid" not in texts(await harness.tap(WELSH_GROUP, open_welsh))[-1]
    open_it = tap_data(BidAction.OPEN, bid=english.id)
    assert "can be changed or withdrawn until" in texts(await harness.tap(GROUP, open_it))[-1]
    await harness.tap(ORGANISER_ID, review(ReviewAction.NOT_ELIGIBLE, english))
    await harness.send(ORGANISER_ID, "The project is outside the area.")
    summary = texts(await harness.tap(GROUP, open_it))[-1]
    assert "not eligible" in summary and "can be changed or withdrawn" not in summary
    async with session_maker.begin() as session:  # and the same for a funded bid
        await session.execute(update(Bid).where(Bid.id == english.id)
                              .values(status=BidStatus.FUNDED.value))
    assert "can be changed" not in texts(await harness.tap(GROUP, open_it))[-1]


async def test_a_saved_pledge_offers_the_menu_in_both_languages(harness, session_maker):
    await start_festival(harness, session_maker, Locale.EN, "6 weeks")
    await harness.send(FESTIVAL_EN, "Listening")
    sent = await harness.send(FESTIVAL_EN, "Start a litter pick")
    assert "Your pledge:" in texts(sent)[0]
    assert buttons(sent[0]) == [(MENU[Locale.EN], MENU_DATA)]
    await harness.send(FESTIVAL_CY, "Gwrando")
    sent = await harness.send(FESTIVAL_CY, "Gwirfoddoli")
    assert "Eich addewid:" in texts(sent)[0]
    assert buttons(sent[0]) == [(MENU[Locale.CY], MENU_DATA)]
