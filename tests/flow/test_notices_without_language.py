"""People whose row is from before languages were stored on first contact (no `locale`) are
still told that voting opened, reminded to confirm and told the results, in DEFAULT_LOCALE,
English or Welsh: the adversary is the bot's own history, which must not quietly drop them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.jobs.notifier import Notifier
from bot.jobs.vote_notices import FinishReminders
from bot.ui.callbacks import Locale
from bot.ui.callbacks.vote import VotingAdminAction as Act
from models.base import utcnow
from models.round import get_round
from models.user import User
from models.voting import publish_results
from tests.conftest import ORGANISER_ID
from tests.support.ballot_notices import (
    ASKED,
    OPENED,
    REGISTERED,
    STARTER,
    STRANGER,
    notes,
    people_who_took_part,
)
from tests.support.ballot_screen import start
from tests.support.factories import GROUP_OWNER, closed_round, join, voting_round
from tests.support.factories import voting_admin_cb as cb
from tests.support.flow import tap_and_confirm

FINISH = {"en": "You started voting in <b>Safer Speke 2026</b>, but your vote is not in yet",
          "cy": "Fe ddechreuoch chi bleidleisio, ond dydy eich pleidlais ddim i mewn eto: "
                "<b>Speke Mwy Diogel 2026</b>."}
RESULTS = {"en": "The results of Safer Speke 2026 are out.",
           "cy": "Mae canlyniadau Speke Mwy Diogel 2026 wedi'u cyhoeddi."}


def notifier_for(harness, default: str) -> Notifier:
    """The bot's notifier as it is built with DEFAULT_LOCALE=`default`."""
    return Notifier.of(harness.dp["notifier"].core,
                       harness.settings.model_copy(update={"default_locale": default}))


async def forget_language(session_maker, *people: int) -> None:
    """As a row written before the language was stored on first contact."""
    async with session_maker.begin() as session:
        await session.execute(update(User).where(User.telegram_id.in_(people))
                              .values(locale=None))


@pytest.mark.parametrize("default", ["en", "cy"])
async def test_voting_open_reaches_people_with_no_stored_language(harness, session_maker,
                                                                   default):
    round_id, _bids = await closed_round(session_maker)
    await people_who_took_part(harness, session_maker, round_id)
    await forget_language(session_maker, REGISTERED)
    async with session_maker.begin() as session:
        round_ = await get_round(session, round_id)
        assert await notifier_for(harness, default).votes.voting_open(session, round_) == 3
    told = await notes(session_maker, f"vopen:{round_id}:")
    assert set(told) == {GROUP_OWNER, REGISTERED, ASKED}
    assert told[REGISTERED].startswith(OPENED[Locale(default)])


@pytest.mark.parametrize("default", ["en", "cy"])
async def test_the_reminder_to_confirm_reaches_people_with_no_stored_language(
        harness, session_maker, default):
    round_id, _bids = await voting_round(session_maker)
    for person, locale in ((STARTER, Locale.CY), (ORGANISER_ID, Locale.EN)):
        await join(harness, person, locale)
    started = utcnow()
    await start(harness, STARTER, round_id)  # begun, never confirmed
    await forget_language(session_maker, STARTER)
    reminders = FinishReminders(session_maker, notifier_for(harness, default),
                                after=timedelta(hours=3), ballots=harness.dp["ballots"])
    assert await reminders.tick(now=started + timedelta(hours=4)) == 1
    told = await notes(session_maker, f"vfin:{round_id}:")
    assert told[STARTER].startswith(FINISH[default])


async def test_results_reach_people_with_no_stored_language(harness, session_maker):
    round_id, _bids = await voting_round(session_maker)
    for person, locale in ((STRANGER, Locale.CY), (ORGANISER_ID, Locale.EN)):
        await join(harness, person, locale)
    await forget_language(session_maker, STRANGER)
    await harness.send(ORGANISER_ID, "/voting")
    await tap_and_confirm(harness, ORGANISER_ID, cb(Act.PUBLISH, round_id))
    told = await notes(session_maker, f"result:{round_id}:user:")
    assert told[STRANGER] == RESULTS[harness.settings.default_locale]


@pytest.mark.parametrize("default", ["en", "cy"])
async def test_publish_results_plans_a_note_for_people_with_no_stored_language(
        harness, session_maker, default):
    round_id, _bids = await voting_round(session_maker)
    await join(harness, STRANGER, Locale.CY)
    await forget_language(session_maker, STRANGER)
    async with session_maker.begin() as session:
        round_ = await get_round(session, round_id)
        await publish_results(session, round_)
        await notifier_for(harness, default).votes.results(session, round_, voters=set())
    told = await notes(session_maker, f"result:{round_id}:user:")
    assert told[STRANGER] == RESULTS[default]
