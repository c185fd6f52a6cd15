"""A group's bid, without dead ends: an area typed by name is taken when it is one of the
round's (English or Welsh name, any case or spacing), a name that is not gets the choices; and
the group can hear its own voice note and see its own photo from the summary. In English and
Welsh. Adversaries: a typo, a name from another round, and another person forging the media
buttons for a bid that is not theirs."""

from __future__ import annotations

import pytest
from aiogram.methods import SendPhoto, SendVoice

from bot.ui.callbacks import Locale
from bot.ui.callbacks.bids import BidAction
from models.round import AreaSpec
from tests.support.bid_scenario import (
    GARSTON,
    area_id,
    join,
    latest_bid,
    make_round,
    media_update,
    start_bid,
    tap_data,
)
from tests.support.flow import alerts, buttons, texts

GROUP, OTHER = 780_001, 780_002
UNKNOWN = {Locale.EN: "Sorry, I don't know the area \"Woolton\". Please tap a button, or type "
                      "one of these: Speke, Garston.",
           Locale.CY: "Mae'n ddrwg gen i, dydw i ddim yn adnabod yr ardal \"Woolton\". Tapiwch "
                      "fotwm, neu teipiwch un o'r rhain: Speke, Garstwn."}
CONTACT_QUESTION = {Locale.EN: "Question 7 of 7", Locale.CY: "Cwestiwn 7 o 7"}
PLAY = {Locale.EN: "Play my voice note 🎤", Locale.CY: "Chwarae fy neges llais 🎤"}
SEE = {Locale.EN: "See the photo 📷", Locale.CY: "Gweld y llun 📷"}
STALE = {Locale.EN: "out of date", Locale.CY: "wedi dyddio"}


async def up_to_the_area(harness, round_id: int, locale: Locale) -> None:
    await join(harness, GROUP, locale)
    await start_bid(harness, GROUP, round_id)
    for answer in ("Garston Gardeners", "Seeds", "Plant a garden", "Everyone", "£100"):
        await harness.send(GROUP, answer)


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
@pytest.mark.parametrize("typed", ["garston", "  GARSTWN ", "Gar ston"])
async def test_a_typed_area_name_is_taken(harness, session_maker, locale, typed):
    round_id = await make_round(session_maker)
    await up_to_the_area(harness, round_id, locale)
    sent = await harness.send(GROUP, typed)
    assert CONTACT_QUESTION[locale] in texts(sent)[0]  # on to the next question
    bid = await latest_bid(session_maker, GROUP)
    assert bid.area_id == await area_id(session_maker, round_id, GARSTON.code)


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_an_unknown_area_name_gets_the_choices_and_nothing_is_saved(
        harness, session_maker, locale):
    round_id = await make_round(session_maker)
    await make_round(session_maker, areas=(AreaSpec("WOO", "Woolton", "Woolton", 100_00),))
    await up_to_the_area(harness, round_id, locale)
    sent = await harness.send(GROUP, "Woolton")  # an area, but of another round
    assert texts(sent)[0] == UNKNOWN[locale]
    assert len(buttons(sent[-1])) == 2  # the question again, with its buttons
    assert (await latest_bid(session_maker, GROUP)).area_id is None
    sent = await harness.send(GROUP, "<b>" + "x" * 300)
    assert "&lt;b&gt;" in texts(sent)[0] and len(texts(sent)[0]) < 300  # escaped and cut


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_a_group_plays_its_voice_note_and_sees_its_photo(harness, session_maker, locale):
    round_id = await make_round(session_maker)
    await join(harness, GROUP, locale)
    await start_bid(harness, GROUP, round_id)
    await harness.send(GROUP, "Speke Sounds")
    await harness.send(GROUP, "Choir")
    await harness.feed(media_update(GROUP, "voice", "voice-of-the-group"))
    bid = await latest_bid(session_maker, GROUP)
    summary = await harness.tap(GROUP, tap_data(BidAction.SUMMARY, bid=bid.id))
    labels = [label for label, _ in buttons(summary[-1])]
    assert PLAY[locale] in labels and SEE[locale] not in labels  # no photo yet
    await harness.tap(GROUP, tap_data(BidAction.PHOTO, bid=bid.id))
    summary = await harness.feed(media_update(GROUP, "photo", "photo-of-the-choir"))
    shown = dict(buttons(summary[-1]))
    assert shown[PLAY[locale]] == tap_data(BidAction.PLAY_VOICE, bid=bid.id)
    assert shown[SEE[locale]] == tap_data(BidAction.SEE_PHOTO, bid=bid.id)
    sent = await harness.tap(GROUP, shown[PLAY[locale]])
    voice = [r for r in sent if isinstance(r, SendVoice)]
    assert [v.voice for v in voice] == ["voice-of-the-group"] and voice[0].chat_id == GROUP
    assert [data for _, data in buttons(voice[0])] == [tap_data(BidAction.OPEN, bid=bid.id)]
    sent = await harness.tap(GROUP, shown[SEE[locale]])
    assert [r.photo for r in sent if isinstance(r, SendPhoto)] == ["photo-of-the-choir"]
    # Someone else forging the same buttons gets nothing but "out of date".
    await join(harness, OTHER, locale)
    for data in shown[PLAY[locale]], shown[SEE[locale]]:
        sent = await harness.tap(OTHER, data)
        assert not [r for r in sent if isinstance(r, SendVoice | SendPhoto)]
        assert STALE[locale] in alerts(sent)[0]
