"""Told when it matters, in English and Welsh: voting opens (by hand or on schedule) for the
people who took part, once; "thank you for voting" only to voters; one reminder to confirm a
ballot left unfinished, once across restarts; the organiser sees started against confirmed."""

from __future__ import annotations

import json
from datetime import timedelta

from aiogram.methods import SendDocument
from sqlalchemy import select, update

from bot.jobs.vote_notices import FinishReminders
from bot.jobs.voting_monitor import VotingMonitor
from bot.ui.callbacks import ForgetCb, Locale, MenuCb, MenuItem
from bot.ui.callbacks.vote import VotingAdminAction as Act
from models.ballot.notices import BallotStart, ask_to_be_told
from models.base import utcnow
from models.retention import erase_round
from models.round import Round, get_round
from models.voting import apply_voting_windows
from tests.conftest import ORGANISER_ID
from tests.support.ballot_notices import (
    ASKED,
    OPENED,
    REGISTERED,
    STARTER,
    STRANGER,
    VOTER,
    notes,
    people_who_took_part,
)
from tests.support.ballot_screen import start, vote_in_chat
from tests.support.factories import GROUP_OWNER, closed_round, join, rows_mentioning, voting_round
from tests.support.factories import voting_admin_cb as cb
from tests.support.flow import tap_and_confirm, texts


async def test_opening_by_hand_tells_everyone_who_took_part_once(harness, session_maker):
    round_id, _bids = await closed_round(session_maker)
    await people_who_took_part(harness, session_maker, round_id)
    await tap_and_confirm(harness, ORGANISER_ID, cb(Act.OPEN, round_id))
    told = await notes(session_maker, f"vopen:{round_id}:")
    assert set(told) == {GROUP_OWNER, REGISTERED, ASKED}
    assert told[GROUP_OWNER].startswith(OPENED[Locale.CY])
    assert told[ASKED].startswith(OPENED[Locale.EN])
    async with session_maker.begin() as session:  # planned again: nobody is told twice
        round_ = await get_round(session, round_id)
        assert await harness.dp["notifier"].votes.voting_open(session, round_) == 0


async def test_opening_on_schedule_tells_them_too(harness, session_maker):
    round_id, _bids = await closed_round(session_maker)
    await people_who_took_part(harness, session_maker, round_id)
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id).values(
            voting_opens=utcnow() - timedelta(minutes=1),
            voting_closes=utcnow() + timedelta(days=1)))
    monitor = VotingMonitor(session_maker, harness.dp["notifier"],
                            organiser_ids=frozenset({ORGANISER_ID}))
    assert (await monitor.tick())[0] == [round_id]
    assert set(await notes(session_maker, f"vopen:{round_id}:")) == {
        GROUP_OWNER, REGISTERED, ASKED}
    async with session_maker.begin() as session:
        assert await apply_voting_windows(session, utcnow()) == ([], [])


async def test_thank_you_for_voting_only_to_people_who_voted(harness, session_maker):
    round_id, _bids = await voting_round(session_maker)
    for person, locale in ((VOTER, Locale.CY), (STRANGER, Locale.EN),
                           (ORGANISER_ID, Locale.EN)):
        await join(harness, person, locale)
    await vote_in_chat(harness, VOTER, round_id, {}, default=4)
    await harness.send(ORGANISER_ID, "/voting")
    await tap_and_confirm(harness, ORGANISER_ID, cb(Act.PUBLISH, round_id))
    told = await notes(session_maker, f"result:{round_id}:user:")
    assert told[VOTER] == ("Mae canlyniadau Speke Mwy Diogel 2026 wedi'u cyhoeddi. "
                           "Diolch am bleidleisio.")
    assert told[STRANGER] == "The results of Safer Speke 2026 are out."


async def test_one_reminder_to_finish_a_ballot_and_the_panel_shows_the_finish_rate(
        harness, session_maker):
    round_id, _bids = await voting_round(session_maker)
    for person, locale in ((VOTER, Locale.EN), (STARTER, Locale.CY),
                           (ORGANISER_ID, Locale.EN)):
        await join(harness, person, locale)
    started = utcnow()
    await vote_in_chat(harness, VOTER, round_id, {}, default=4)
    await start(harness, STARTER, round_id)  # begun, never confirmed
    sent = await harness.send(ORGANISER_ID, "/voting")
    assert "Ballots started in the chat: 2 · confirmed: 1" in texts(sent)[0]

    def reminders() -> FinishReminders:  # a process's loop, as after a restart
        return FinishReminders(session_maker, harness.dp["notifier"], after=timedelta(hours=3),
                               ballots=harness.dp["ballots"])
    assert await reminders().tick(now=started + timedelta(hours=2)) == 0  # too soon
    assert await reminders().tick(now=started + timedelta(hours=4)) == 1
    assert await reminders().tick(now=started + timedelta(hours=9)) == 0  # only once
    told = await notes(session_maker, f"vfin:{round_id}:")
    assert list(told) == [STARTER]
    assert told[STARTER].startswith("Fe ddechreuoch chi bleidleisio, ond dydy eich pleidlais "
                                    "ddim i mewn eto: <b>Speke Mwy Diogel 2026</b>.")


async def test_what_the_notices_keep_is_in_mydata_and_goes_with_forget_and_retention(
        harness, session_maker):
    round_id, _bids = await voting_round(session_maker)
    await join(harness, STARTER, Locale.EN)
    await harness.tap(STARTER, MenuCb(item=MenuItem.VOTE).pack())  # begun: a ballot_starts row
    async with session_maker.begin() as session:
        await ask_to_be_told(session, STARTER)
    sent = await harness.send(STARTER, "/mydata")
    data = json.loads(next(r for r in sent if isinstance(r, SendDocument)).document.data)
    assert data["voting_notices"]["asked_to_be_told_when_voting_opens"]
    assert [start["round"] for start in data["voting_notices"]["ballots_started"]] == [round_id]
    await harness.send(STARTER, "/forget")
    await harness.tap(STARTER, ForgetCb(confirm=True).pack())
    assert await rows_mentioning(session_maker, STARTER) == []
    # Retention: a round's starts go with it, whoever they were.
    await start(harness, VOTER, round_id)
    async with session_maker.begin() as session:
        await erase_round(session, round_id)
    async with session_maker() as session:
        assert list(await session.scalars(select(BallotStart))) == []
