"""A text answers the question the person was asked last. The adversary is ordinary life: a
resident who answered a World Café question at the event, then got the festival's "What did
you learn?", must not see her answer filed as café answers (and be told it is anonymous)
while her pledge stays empty; nor the other way round."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.ui.callbacks.pledges import FestivalAction, FestivalCb
from models.pledge import Stage
from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import CY, EN, check_in, join, make_event
from tests.support.festival import NEXT, pledge_of
from tests.support.flow import texts
from tests.support.worldcafe import add_question, answers_of

PERSON = 7_401


async def festival_for(harness, session_maker, event_id: int) -> None:
    await join(harness, ORGANISER_ID, EN)
    await harness.send(ORGANISER_ID, "/festival")
    await harness.tap(ORGANISER_ID, FestivalCb(action=FestivalAction.AUDIENCE,
                                               event=event_id).pack())
    await harness.send(ORGANISER_ID, "6 weeks")
    sent = await harness.tap(ORGANISER_ID, FestivalCb(action=FestivalAction.SEND).pack())
    assert texts(sent)[0].startswith("Queued: one person will be asked")


async def at_the_cafe(harness, session_maker, locale) -> int:
    """The person came to the event, checked in, and answered a café question there."""
    event_id = await make_event(session_maker, starts_in=timedelta(hours=-2))
    await join(harness, PERSON, locale)
    await check_in(session_maker, event_id, PERSON)
    question = await add_question(session_maker, event_id, opened=True)
    await harness.send(PERSON, f"/start wc_{question.token}")
    await harness.send(PERSON, "More benches")
    return event_id


@pytest.mark.parametrize("locale", [EN, CY])
async def test_a_festival_answer_after_a_cafe_answer_is_a_festival_answer(harness,
                                                                          session_maker,
                                                                          locale):
    event_id = await at_the_cafe(harness, session_maker, locale)
    await festival_for(harness, session_maker, event_id)
    assert (await pledge_of(session_maker, PERSON)).stage == Stage.LEARNED

    sent = await harness.send(PERSON, "That budgets can be shared")
    assert NEXT[locale] in texts(sent)[0]
    sent = await harness.send(PERSON, "Join the friends of the park")
    assert "Join the friends of the park" in texts(sent)[0]

    pledge = await pledge_of(session_maker, PERSON)
    assert (pledge.learned, pledge.pledge) == ("That budgets can be shared",
                                               "Join the friends of the park")
    assert [a.text for a in await answers_of(session_maker)] == ["More benches"]


@pytest.mark.parametrize("locale", [EN, CY])
async def test_a_cafe_question_opened_after_the_festival_takes_the_text(harness, session_maker,
                                                                        locale):
    event_id = await make_event(session_maker, starts_in=timedelta(hours=-2))
    await join(harness, PERSON, locale)
    await check_in(session_maker, event_id, PERSON)
    await festival_for(harness, session_maker, event_id)
    question = await add_question(session_maker, event_id, opened=True)
    await harness.send(PERSON, f"/start wc_{question.token}")

    await harness.send(PERSON, "A crossing by the school")
    assert [a.text for a in await answers_of(session_maker)] == ["A crossing by the school"]
    pledge = await pledge_of(session_maker, PERSON)
    assert (pledge.stage, pledge.learned) == (Stage.LEARNED, None)
