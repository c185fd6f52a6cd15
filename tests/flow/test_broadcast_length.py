"""A broadcast's length is counted as Telegram counts it: the visible characters after the
formatting is parsed, not the HTML kept to carry it ("<" is one character, not "&lt;")."""

from __future__ import annotations

from sqlalchemy import select

from bot.ui.callbacks import BroadcastAction as Act
from bot.ui.callbacks import Locale
from models.broadcast import Broadcast, telegram_length
from tests.conftest import ORGANISER_ID
from tests.support.factories import broadcast_cb as cb
from tests.support.factories import join
from tests.support.flow import texts

# 4,096 visible characters that HTML escaping makes 17,746 long.
ESCAPED_FULL = "<>&" * 1365 + "x"


async def draft(harness, locale: Locale) -> None:
    await join(harness, ORGANISER_ID, locale)
    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))


def test_the_count_is_telegrams():
    assert len(ESCAPED_FULL) == 4096 and telegram_length(ESCAPED_FULL) == 4096
    assert telegram_length("Hwyl 👋") == 7  # an emoji outside the basic plane counts two


async def test_a_full_length_text_with_escaped_characters_is_accepted(harness, session_maker):
    await draft(harness, Locale.EN)
    sent = await harness.send(ORGANISER_ID, ESCAPED_FULL)
    assert texts(sent)[0].startswith("Now send the Welsh version")
    # Skipping would leave no room for the "only in English" line (test_broadcast_welsh.py).
    await harness.send(ORGANISER_ID, ESCAPED_FULL)
    await harness.tap(ORGANISER_ID, cb(Act.NOW))
    await harness.tap(ORGANISER_ID, cb(Act.SEND))
    async with session_maker() as session:
        kept = await session.scalar(select(Broadcast.text_en))
    assert kept == "&lt;&gt;&amp;" * 1365 + "x"  # sent with parse_mode HTML: 4,096 again


async def test_one_more_character_is_refused_with_the_true_count(harness):
    await draft(harness, Locale.EN)
    sent = await harness.send(ORGANISER_ID, ESCAPED_FULL + "<")
    assert texts(sent) == ["That's 4,097 characters; Telegram allows 4,096. "
                           "Please shorten it and send it again."]


async def test_in_welsh(harness):
    await draft(harness, Locale.CY)
    sent = await harness.send(ORGANISER_ID, ESCAPED_FULL)
    assert texts(sent)[0].startswith("Nawr anfonwch y fersiwn Gymraeg")
    await harness.send(ORGANISER_ID, "/cancel")
    await draft(harness, Locale.CY)
    sent = await harness.send(ORGANISER_ID, ESCAPED_FULL + "&")
    assert "4,097" in texts(sent)[0] and "4,096" in texts(sent)[0]
