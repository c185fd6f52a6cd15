"""A broadcast reaches every resident in their language, and says so when it cannot: a Welsh
reader of a message whose Welsh was skipped is told, in Welsh, that it is only in English
(never a silent fallback); the line must still fit Telegram's limit; and people whose row has
no stored language (from before languages were stored on first contact) are not left out:
they get DEFAULT_LOCALE. Organisers in English and Welsh. The adversary is the operator's own
database: old rows, and an organiser pressing Skip on a message already at the limit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.jobs.broadcast_monitor import BroadcastMonitor
from bot.jobs.delivery import RateLimiter
from bot.ui.callbacks import BroadcastAction as Act
from bot.ui.callbacks import BroadcastCb, LanguageCb, Locale
from models.outbox import OutboxMessage
from models.user import User
from tests.conftest import ORGANISER_ID, make_settings
from tests.support.bid_scenario import media_update
from tests.support.flow import Harness, buttons, texts

ENGLISH_READER, WELSH_READER, OLD_ROW = 790_001, 790_002, 790_003
NOTE = "<i>(Dim ond yn Saesneg mae hwn ar gael)</i>"
ENGLISH = "Vote on Saturday"
NO_ROOM = {Locale.EN: "Welsh speakers would get a short line saying this is only in English. "
                      "With it, the message is {length} characters, and Telegram allows {limit}.",
           Locale.CY: "Byddai siaradwyr Cymraeg yn cael llinell fer yn dweud mai dim ond yn "
                      "Saesneg mae hon ar gael. Gyda hi, mae'r neges yn {length} o nodau, ac "
                      "mae Telegram yn caniatáu {limit}."}
WHEN = {Locale.EN: "When should it go?", Locale.CY: "Pryd ddylai"}


def cb(action: Act, value: str = "") -> str:
    return BroadcastCb(action=action, value=value).pack()


async def people(harness, organiser: Locale) -> None:
    for person, locale in ((ENGLISH_READER, Locale.EN), (WELSH_READER, Locale.CY),
                           (ORGANISER_ID, organiser)):
        await harness.send(person, "/start")
        await harness.tap(person, LanguageCb(locale=locale).pack())


async def old_row(session_maker) -> None:
    """Someone who used the bot before languages were stored on first contact."""
    async with session_maker.begin() as session:
        session.add(User(telegram_id=OLD_ROW, locale=None))


async def plan(harness, session_maker) -> dict[int, dict]:
    await BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                           limiter=RateLimiter(1000), wake_sender=lambda: None,
                           ballots=harness.dp["ballots"]).tick()
    async with session_maker() as session:
        rows = await session.scalars(select(OutboxMessage)
                                     .where(OutboxMessage.broadcast_id.is_not(None)))
        return {row.chat_id: row.payload for row in rows}


async def skip_welsh_and_send(harness) -> list:
    sent = await harness.tap(ORGANISER_ID, cb(Act.SKIP_WELSH))
    await harness.tap(ORGANISER_ID, cb(Act.NOW))
    return sent + await harness.tap(ORGANISER_ID, cb(Act.SEND))


@pytest.mark.parametrize("organiser", [Locale.EN, Locale.CY])
async def test_welsh_readers_are_told_a_skipped_welsh_is_only_in_english(
        harness, session_maker, organiser):
    await people(harness, organiser)
    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
    await harness.send(ORGANISER_ID, ENGLISH)
    await skip_welsh_and_send(harness)
    sent = await plan(harness, session_maker)
    assert sent[WELSH_READER]["text"] == f"{NOTE}\n{ENGLISH}"
    assert sent[ENGLISH_READER]["text"] == ENGLISH  # nothing added for English readers
    assert (NOTE in sent[ORGANISER_ID]["text"]) == (organiser is Locale.CY)


async def test_a_written_welsh_version_gets_no_note(harness, session_maker):
    await people(harness, Locale.EN)
    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
    await harness.send(ORGANISER_ID, ENGLISH)
    await harness.send(ORGANISER_ID, "Pleidleisiwch ddydd Sadwrn")
    await harness.tap(ORGANISER_ID, cb(Act.NOW))
    await harness.tap(ORGANISER_ID, cb(Act.SEND))
    assert (await plan(harness, session_maker))[WELSH_READER]["text"] == (
        "Pleidleisiwch ddydd Sadwrn")


async def test_a_photo_caption_carries_the_note_too(harness, session_maker):
    await people(harness, Locale.EN)
    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
    update = media_update(ORGANISER_ID, "photo", "poster-photo")
    update["message"]["caption"] = "Vote on Saturday"
    await harness.feed(update)
    await skip_welsh_and_send(harness)
    sent = await plan(harness, session_maker)
    assert sent[WELSH_READER]["caption"] == f"{NOTE}\nVote on Saturday"
    assert sent[WELSH_READER]["photo"] == "poster-photo"


@pytest.mark.parametrize("organiser", [Locale.EN, Locale.CY])
async def test_skipping_the_welsh_of_a_message_with_no_room_for_the_note_is_refused(
        harness, session_maker, organiser):
    await people(harness, organiser)
    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
    await harness.send(ORGANISER_ID, "x" * 4090)
    note_length = len("(Dim ond yn Saesneg mae hwn ar gael)\n")
    sent = await harness.tap(ORGANISER_ID, cb(Act.SKIP_WELSH))
    assert texts(sent)[-1].startswith(NO_ROOM[organiser].format(
        length=f"{4090 + note_length:,}", limit="4,096"))
    # Still at the Welsh question: a Welsh version goes on as usual.
    sent = await harness.send(ORGANISER_ID, "y" * 4090)
    assert WHEN[organiser] in texts(sent)[-1]
    await harness.tap(ORGANISER_ID, cb(Act.NOW))
    await harness.tap(ORGANISER_ID, cb(Act.SEND))
    assert (await plan(harness, session_maker))[WELSH_READER]["text"] == "y" * 4090


@pytest.mark.parametrize("organiser", [Locale.EN, Locale.CY])
async def test_people_with_no_stored_language_are_included_in_english_by_default(
        harness, session_maker, organiser):
    await people(harness, organiser)
    await old_row(session_maker)
    sent = await harness.send(ORGANISER_ID, "/broadcast")
    assert buttons(sent[0])[0][0].endswith({Locale.EN: "4 people", Locale.CY: "4 o bobl"}[
        organiser]), buttons(sent[0])[0][0]
    await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
    await harness.send(ORGANISER_ID, ENGLISH)
    await skip_welsh_and_send(harness)
    assert (await plan(harness, session_maker))[OLD_ROW]["text"] == ENGLISH


async def test_with_a_welsh_default_they_get_the_welsh(database_url, session_maker):
    async with Harness(make_settings(database_url, default_locale="cy"), session_maker) as harness:
        await people(harness, Locale.EN)
        await old_row(session_maker)
        await harness.send(ORGANISER_ID, "/broadcast")
        await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
        await harness.send(ORGANISER_ID, ENGLISH)
        await skip_welsh_and_send(harness)
        assert (await plan(harness, session_maker))[OLD_ROW]["text"] == f"{NOTE}\n{ENGLISH}"
