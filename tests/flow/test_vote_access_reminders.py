"""Reminders reach exactly the eligible people who have not voted, once each, in their language."""

from __future__ import annotations

from sqlalchemy import update

from bot.ui.callbacks import Locale
from bot.ui.callbacks.vote import VoteAction, VotingAccessAction, VotingAccessCb
from models.ballot import cast_ballot
from models.eligibility import eligible_non_voters
from models.round import Eligibility, Round
from models.user import User
from models.voting_code import claim_code, generate_codes
from tests.conftest import ORGANISER_ID
from tests.support.ballot_screen import vote_in_chat
from tests.support.event_fixtures import check_in, outbox, register_only, vote_event
from tests.support.factories import join, voting_round
from tests.support.factories import vote_cb as cb
from tests.support.flow import alerts, buttons, texts

VOTED, WAITING_EN, WAITING_CY, NOT_THERE, CARD_HOLDER, BLOCKED, ONLY_REGISTERED = (
    750_001, 750_002, 750_003, 750_004, 750_005, 750_006, 750_007)


def remind(action: VotingAccessAction, round_id: int, value: int = 0) -> str:
    return VotingAccessCb(action=action, round=round_id, value=value).pack()


async def scene(harness, session_maker):
    """A check-in round: who came, who voted, who holds a card, who blocked the bot."""
    round_id, bids = await voting_round(session_maker, eligibility=Eligibility.CHECKED_IN)
    event_id = await vote_event(session_maker, round_id)
    for person, locale in ((VOTED, Locale.EN), (WAITING_EN, Locale.EN), (WAITING_CY, Locale.CY),
                           (NOT_THERE, Locale.EN), (CARD_HOLDER, Locale.CY),
                           (BLOCKED, Locale.EN), (ONLY_REGISTERED, Locale.EN),
                           (ORGANISER_ID, Locale.EN)):
        await join(harness, person, locale)
    for person in (VOTED, WAITING_EN, WAITING_CY, BLOCKED):
        await check_in(session_maker, event_id, person)
    await register_only(session_maker, event_id, ONLY_REGISTERED)
    secret = harness.settings.ballot_key
    async with session_maker.begin() as session:
        (code,) = await generate_codes(session, round_id, 1, secret=secret)
        await claim_code(session, code, CARD_HOLDER, secret=secret)
        await session.execute(update(User).where(User.telegram_id == BLOCKED)
                              .values(blocked_at=User.created_at))
        round_ = await session.get(Round, round_id)
        assert (await cast_ballot(session, round_, VOTED, dict.fromkeys(bids[1:3], 3),
                                  secret=secret)).ok is False  # VOTED owns no bid; bid 1 unscored
        assert (await cast_ballot(session, round_, VOTED, dict.fromkeys(bids[:3], 3),
                                  secret=secret)).ok
    return round_id, bids


async def test_the_reminder_reaches_eligible_non_voters_once(harness, session_maker):
    round_id, _bids = await scene(harness, session_maker)
    sent = await harness.send(ORGANISER_ID, "/remindvoters")
    assert "People who may vote and haven't yet: 3" in texts(sent)[0]
    assert buttons(sent[0]) == [("Send reminder 1 🔔",
                                 remind(VotingAccessAction.REMIND, round_id, 1))]
    sent = await harness.tap(ORGANISER_ID, remind(VotingAccessAction.REMIND, round_id, 1))
    assert texts(sent)[-1] == ("Reminder 1 is on its way to 3 people who may vote and "
                               "haven't yet.")
    rows = await outbox(session_maker, f"vrem:{round_id}:")
    assert {row.chat_id: row.payload["text"] for row in rows} == {
        WAITING_EN: "There's still time to vote in Safer Speke 2026! It only takes a few minutes.",
        WAITING_CY: ("Mae amser o hyd i bleidleisio yn y rownd Speke Mwy Diogel 2026! Dim ond "
                     "ychydig funudau mae'n ei gymryd."),
        CARD_HOLDER: ("Mae amser o hyd i bleidleisio yn y rownd Speke Mwy Diogel 2026! Dim ond "
                      "ychydig funudau mae'n ei gymryd."),
    }
    button = rows[0].payload["reply_markup"]["inline_keyboard"][0][0]
    assert button["callback_data"] == cb(VoteAction.ROUND, round_id)
    # The same button again (a double tap, an old message): nothing more is queued.
    assert alerts(await harness.tap(ORGANISER_ID, remind(VotingAccessAction.REMIND,
                                                         round_id, 1))) == [
        "Reminder 1 has already been sent. Send /remindvoters to see the next one."]
    # Planning reminder 1 again directly adds nothing either: the keys are taken.
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        waiting = await eligible_non_voters(session, round_, secret=harness.settings.ballot_key)
        assert await harness.dp["notifier"].votes.voting_reminder(session, round_, 1,
                                                                  waiting) == 0
    assert len(await outbox(session_maker, f"vrem:{round_id}:")) == 3


async def test_a_second_reminder_skips_people_who_voted_since(harness, session_maker):
    round_id, bids = await scene(harness, session_maker)
    await harness.tap(ORGANISER_ID, remind(VotingAccessAction.REMIND, round_id, 1))
    await vote_in_chat(harness, WAITING_CY, round_id, {}, default=2)
    sent = await harness.tap(ORGANISER_ID, remind(VotingAccessAction.SHOW, round_id))
    assert "People who may vote and haven't yet: 2" in texts(sent)[0]
    assert "Reminders sent so far: 1" in texts(sent)[0]
    # Reminder 3 before 2 is refused; 2 goes to the two still waiting.
    assert alerts(await harness.tap(ORGANISER_ID, remind(VotingAccessAction.REMIND,
                                                         round_id, 3)))
    sent = await harness.tap(ORGANISER_ID, remind(VotingAccessAction.REMIND, round_id, 2))
    second = await outbox(session_maker, f"vrem:{round_id}:2:")
    assert sorted(row.chat_id for row in second) == [WAITING_EN, CARD_HOLDER]


async def test_anyone_rounds_remind_everyone_who_has_not_voted(harness, session_maker):
    round_id, bids = await voting_round(session_maker)
    for person in (WAITING_EN, VOTED):
        await join(harness, person, Locale.EN)
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        await cast_ballot(session, round_, VOTED, dict.fromkeys(bids[:3], 3),
                          secret=harness.settings.ballot_key)
        waiting = await eligible_non_voters(session, round_, secret=harness.settings.ballot_key)
    assert waiting == [WAITING_EN]


async def test_area_rounds_remind_people_known_to_live_there(harness, session_maker):
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.AREA)
    told = await vote_event(session_maker, round_id + 1000, area="Garston")
    for person in (WAITING_EN, WAITING_CY, NOT_THERE):
        await join(harness, person, Locale.EN)
    async with session_maker() as session:
        speke = (await session.get(Round, round_id)).areas[0].id
    await harness.tap(WAITING_EN, cb(VoteAction.ROUND, round_id))
    await harness.tap(WAITING_EN, cb(VoteAction.AREA, round_id, value=speke))
    speke_event = await vote_event(session_maker, round_id + 1001, area="Speke")
    await register_only(session_maker, speke_event, WAITING_CY)
    await register_only(session_maker, told, NOT_THERE)
    async with session_maker() as session:
        round_ = await session.get(Round, round_id)
        waiting = await eligible_non_voters(session, round_, secret=harness.settings.ballot_key)
    assert waiting == [WAITING_EN, WAITING_CY]


async def test_residents_cannot_send_reminders_or_make_cards(harness, session_maker):
    round_id, _ = await scene(harness, session_maker)
    for command in ("/remindvoters", "/votingcodes"):
        assert texts(await harness.send(WAITING_EN, command)) == [
            "Sorry, this is for organisers."]
    sent = await harness.tap(WAITING_EN, remind(VotingAccessAction.REMIND, round_id, 1))
    assert alerts(sent) == ["Sorry, this is for organisers."]
    assert await outbox(session_maker, "vrem:") == []
