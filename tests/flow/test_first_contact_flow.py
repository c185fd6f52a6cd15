"""A newcomer's language is decided on first contact, by whatever way they come in, and stored:
their Telegram app's language if Welsh or English, else DEFAULT_LOCALE. They are answered in
it at once, with the privacy notice just before the answer and one button for the other
language; and everything queued to them later (results, vote reminders) uses it too.

The adversary is the bot itself forgetting: a Welsh speaker who never taps a language must
not get English later because nobody stored what they were answered in.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.ui.callbacks import LanguageSwitchCb, Locale, MenuCb, MenuItem
from bot.ui.callbacks.pledges import FestivalAction, FestivalCb
from bot.ui.callbacks.vote import VotingAccessAction, VotingAccessCb
from bot.ui.callbacks.vote import VotingAdminAction as Act
from models.round import Eligibility
from models.user import User
from tests.conftest import ORGANISER_ID, make_settings
from tests.support.event_fixtures import WELSH_TITLE, check_in, make_event, outbox
from tests.support.factories import CARD_ACCEPTED, codes_for, voting_round
from tests.support.factories import voting_admin_cb as cb
from tests.support.festival import ASK
from tests.support.flow import Harness, alerts, buttons, tap_and_confirm, texts

NOTICE = {Locale.EN: "<b>Before we start</b>", Locale.CY: "<b>Cyn i ni ddechrau</b>"}
OTHER = {Locale.EN: ("Cymraeg", Locale.CY), Locale.CY: ("English", Locale.EN)}
RESULTS = {Locale.EN: "The results of Safer Speke 2026 are out.",
           Locale.CY: "Mae canlyniadau Speke Mwy Diogel 2026 wedi'u cyhoeddi."}
REMINDER = {Locale.EN: "There's still time to vote in Safer Speke 2026!",
            Locale.CY: "Mae amser o hyd i bleidleisio yn y rownd Speke Mwy Diogel 2026!"}
# What the answer (after the notice) starts with, by way in and language.
ANSWER = {
    "message": {Locale.EN: "Sorry, I didn't understand that",
                Locale.CY: "Mae'n ddrwg gennym, wnes i ddim deall"},
    "/help": {Locale.EN: "<b>pbchat</b> helps", Locale.CY: "Mae <b>pbchat</b> yn helpu"},
    "/code": CARD_ACCEPTED,
    "card QR": CARD_ACCEPTED,
    "poster QR": {Locale.EN: "<b>Ringland World Café</b>", Locale.CY: f"<b>{WELSH_TITLE}</b>"},
    "/start": {Locale.EN: "What would you like to do?", Locale.CY: "Beth hoffech chi ei wneud?"},
    "button": {Locale.EN: "<b>pbchat</b> helps", Locale.CY: "Mae <b>pbchat</b> yn helpu"},
}
WAYS_IN = list(ANSWER)


async def come_in(harness, person: int, way: str, language: str, *, code: str = "",
                  event_id: int = 0):
    """The first thing `person` does, from a Telegram app set to `language`."""
    said = {"message": "hello", "/help": "/help", "/code": f"/code {code}",
            "card QR": f"/start v_{code}", "poster QR": f"/start ev_{event_id}",
            "/start": "/start"}
    if way == "button":  # a menu button from a forwarded message, say
        return await harness.tap(person, MenuCb(item=MenuItem.HELP).pack(),
                                 language_code=language)
    return await harness.send(person, said[way], language_code=language)


async def stored_locale(session_maker, person: int) -> str | None:
    async with session_maker() as session:
        return await session.scalar(select(User.locale).where(User.telegram_id == person))


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
@pytest.mark.parametrize("way", WAYS_IN)
async def test_every_way_in_answers_in_the_app_language_with_notice_and_switch(
        harness, session_maker, way, locale):
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.CHECKED_IN)
    (code,) = await codes_for(session_maker, round_id, 1, harness.settings.ballot_key)
    event_id = await make_event(session_maker)
    sent = await come_in(harness, 761_001, way, locale.value, code=code, event_id=event_id)
    shown = texts(sent)
    assert shown[0].startswith(NOTICE[locale]) and "/privacy" in shown[0]
    label, other = OTHER[locale]
    notice = next(request for request in sent if getattr(request, "text", None) == shown[0])
    assert buttons(notice) == [(label, LanguageSwitchCb(locale=other).pack())]
    assert any(text.startswith(ANSWER[way][locale]) for text in shown[1:]), shown
    assert await stored_locale(session_maker, 761_001) == locale.value
    # Only once: the next message gets its answer alone.
    assert not any(NOTICE[locale] in text for text in texts(await harness.send(
        761_001, "/help", language_code=locale.value)))


async def test_an_app_in_another_language_gets_the_default_and_a_later_choice_sticks(
        harness, session_maker):
    sent = await harness.send(761_002, "/help", language_code="fr")
    assert texts(sent)[0].startswith(NOTICE[Locale.EN])
    assert await stored_locale(session_maker, 761_002) == "en"
    sent = await harness.tap(761_002, LanguageSwitchCb(locale=Locale.CY).pack(),
                             language_code="fr")
    assert texts(sent)[0].startswith(NOTICE[Locale.CY])  # the notice, now in Welsh
    assert await stored_locale(session_maker, 761_002) == "cy"
    # The app language is not asked again: the choice stands.
    sent = await harness.send(761_002, "/help", language_code="en")
    assert texts(sent)[0].startswith("Mae <b>pbchat</b> yn helpu")


async def test_welsh_default_locale_still_answers_an_english_app_in_english(
        database_url, session_maker):
    settings = make_settings(database_url, default_locale="cy")
    async with Harness(settings, session_maker) as harness:
        assert texts(await harness.send(761_003, "/help", language_code="en-GB"))[0].startswith(
            NOTICE[Locale.EN])
        assert texts(await harness.send(761_004, "/help", language_code="de"))[0].startswith(
            NOTICE[Locale.CY])
    assert await stored_locale(session_maker, 761_003) == "en"
    assert await stored_locale(session_maker, 761_004) == "cy"


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_later_reminders_and_results_use_the_language_of_first_contact(
        harness, session_maker, locale):
    """Nobody here ever taps a language. Each comes in a different way; the vote reminder
    (to code holders who have not voted) and the results (to everyone) are queued in the
    language they were first answered in."""
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.CHECKED_IN)
    codes = await codes_for(session_maker, round_id, len(WAYS_IN), harness.settings.ballot_key)
    event_id = await make_event(session_maker)
    people = {way: 762_000 + n for n, way in enumerate(WAYS_IN)}
    for (way, person), code in zip(people.items(), codes, strict=True):
        await come_in(harness, person, way, locale.value, code=code, event_id=event_id)
    await harness.send(ORGANISER_ID, "/start")  # an organiser whose app is in English
    await harness.tap(ORGANISER_ID, VotingAccessCb(action=VotingAccessAction.REMIND,
                                                   round=round_id, value=1).pack())
    reminders = {row.chat_id: row.payload["text"]
                 for row in await outbox(session_maker, f"vrem:{round_id}:")}
    assert set(reminders) == {people["/code"], people["card QR"]}
    assert all(text.startswith(REMINDER[locale]) for text in reminders.values()), reminders
    await tap_and_confirm(harness, ORGANISER_ID, cb(Act.CLOSE, round_id))
    await tap_and_confirm(harness, ORGANISER_ID, cb(Act.PUBLISH, round_id))
    results = {row.chat_id: row.payload["text"]
               for row in await outbox(session_maker, f"result:{round_id}:user:")}
    assert {person: results.get(person, "")[:len(RESULTS[locale])]
            for person in people.values()} == dict.fromkeys(people.values(), RESULTS[locale])
    assert results[ORGANISER_ID].startswith(RESULTS[Locale.EN])


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_festival_questions_use_the_language_of_first_contact(harness, session_maker,
                                                                    locale):
    """People who came in every way, none tapping a language, then came to the event: the
    organiser's festival-of-learning questions reach each in the language of first contact."""
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.CHECKED_IN)
    codes = await codes_for(session_maker, round_id, len(WAYS_IN), harness.settings.ballot_key)
    event_id = await make_event(session_maker, starts_in=timedelta(hours=-2))
    people = {way: 763_000 + n for n, way in enumerate(WAYS_IN)}
    for (way, person), code in zip(people.items(), codes, strict=True):
        await come_in(harness, person, way, locale.value, code=code, event_id=event_id)
        await check_in(session_maker, event_id, person)
    await harness.send(ORGANISER_ID, "/festival")
    await harness.tap(ORGANISER_ID, FestivalCb(action=FestivalAction.AUDIENCE,
                                               event=event_id).pack())
    await harness.send(ORGANISER_ID, "6 weeks")
    await harness.tap(ORGANISER_ID, FestivalCb(action=FestivalAction.SEND).pack())
    asked = {row.chat_id: row.payload["text"] for row in await outbox(session_maker, "fol:")}
    assert set(asked) == set(people.values())
    assert all(ASK[locale] in text for text in asked.values()), asked


@pytest.mark.parametrize("data", ["ls:fr", "ls:", "ls:cy:extra", "ls:" + "x" * 60])
async def test_a_forged_switch_changes_nothing(harness, session_maker, data):
    """A resident forging the switch's button data: told it is out of date, in Welsh."""
    await harness.send(761_005, "/help", language_code="cy")
    sent = await harness.tap(761_005, data, language_code="cy")
    assert alerts(sent) == ["Mae'r botwm yna wedi dyddio. Dyma'r ddewislen gyfredol."]
    assert await stored_locale(session_maker, 761_005) == "cy"
