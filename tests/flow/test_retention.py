"""Retention: RETENTION_DAYS after a round closes, nothing ties a person to it any more."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select, update

from bot.jobs.event_notices import reminder_key
from bot.jobs.housekeeping import RETENTION_JOB, erase_expired_personal_data, start_scheduler
from bot.settings import Settings
from bot.ui.callbacks import LanguageCb, Locale
from models import event as events
from models.ballot import Ballot, RollEntry, cast_ballot, roll_key, round_ballots, voter_key
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.eligibility import VoterArea
from models.event import Event, Helper, Registration
from models.outbox import Kind, NewMessage, OutboxMessage, enqueue
from models.retention import RoundRetention, closed_at, is_due
from models.round import Round, RoundStatus
from models.voting_code import VotingCode, claim_code, claimant_key, generate_codes
from models.worldcafe import Answer, Question, add_answer, add_question
from tests.conftest import TOKEN
from tests.support.event_fixtures import make_event
from tests.support.factories import voting_round
from tests.support.flow import texts

SECRET = b"retention-test-secret"
DAYS = 365
VOTER, BIDDER, HELPER = 940_001, 940_002, 940_003
PEOPLE = (VOTER, BIDDER, HELPER)


def test_a_round_closes_when_its_vote_ended_or_when_results_are_first_seen():
    now = utcnow()
    ended = now - timedelta(days=3)
    assert closed_at(ended, now) == ended
    assert closed_at(now + timedelta(days=3), now) == now  # results out before the window end
    assert closed_at(None, now) == now
    assert is_due(now - timedelta(days=DAYS, seconds=1), now, DAYS)
    assert not is_due(now - timedelta(days=DAYS - 1), now, DAYS)


def test_retention_days_is_a_setting_with_a_year_by_default(monkeypatch):
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    assert Settings(_env_file=None).retention_days == 365
    monkeypatch.setenv("RETENTION_DAYS", "90")
    assert Settings(_env_file=None).retention_days == 90


async def a_finished_round(session_maker, closed_days_ago: int) -> dict:
    """A round with results: everyone of PEOPLE has left a trace in it, and in its event."""
    round_id, bids = await voting_round(session_maker)
    closes = utcnow() - timedelta(days=closed_days_ago)
    event_id = await make_event(session_maker, round_id=round_id,
                                starts_in=-timedelta(days=closed_days_ago + 1))
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        await session.execute(update(Bid).where(Bid.id == bids[0]).values(
            owner_telegram_id=BIDDER, contact="07700 900123", voice_file_id="voice-1"))
        await session.execute(update(Bid).where(Bid.id == bids[3]).values(
            owner_telegram_id=BIDDER))  # a draft never sent
        [code] = await generate_codes(session, round_id, 1, secret=SECRET)
        await claim_code(session, code, VOTER, secret=SECRET)  # a card first, then the vote
        assert (await cast_ballot(session, round_, VOTER, {bids[0]: 5, bids[1]: 4, bids[2]: 2},
                                  secret=SECRET)).ok
        session.add(VoterArea(round_id=round_id, telegram_id=VOTER, area_id=round_.areas[0].id))
        event = await events.get_event(session, event_id)
        await events.register(session, event, VOTER, now=utcnow(), first_name="Sam",
                              access_needs="step-free")
        role = await events.add_role(session, event, "Welcome desk", "Desg groeso")
        await events.offer_help(session, event, role, HELPER, "Alex", utcnow())
        await enqueue(session, [
            NewMessage(dedupe_key=f"bidnote:{bids[0]}:3", chat_id=BIDDER, kind=Kind.TEXT,
                       payload={"text": "needs changes"}, due_at=closes),
            NewMessage(dedupe_key=f"vrem:{round_id}:1:u:{VOTER}", chat_id=VOTER,
                       kind=Kind.TEXT, payload={"text": "vote"}, due_at=closes),
            NewMessage(dedupe_key=reminder_key(event_id, 3600, VOTER), chat_id=VOTER,
                       kind=Kind.TEXT, payload={"text": "see you"}, due_at=closes),
        ])
        await session.execute(update(Round).where(Round.id == round_id).values(
            status=RoundStatus.RESULTS.value, voting_closes=closes))
    return {"round": round_id, "bids": bids, "event": event_id}


async def traces(session_maker, round_id: int, event_ids: list[int]) -> str:
    """Every row of the round and its events, written out, to look for a person in."""
    async with session_maker() as session:
        bid_ids = list(await session.scalars(select(Bid.id).where(Bid.round_id == round_id)))
        rows = []
        for model, where in (
                (Bid, Bid.round_id == round_id), (Ballot, Ballot.round_id == round_id),
                (RollEntry, RollEntry.round_id == round_id),
                (VotingCode, VotingCode.round_id == round_id),
                (VoterArea, VoterArea.round_id == round_id),
                (Registration, Registration.event_id.in_(event_ids)),
                (Helper, Helper.event_id.in_(event_ids)),
                (OutboxMessage, or_(
                    OutboxMessage.dedupe_key.like(f"vrem:{round_id}:%"),
                    OutboxMessage.dedupe_key.like(f"result:{round_id}:%"),
                    *(OutboxMessage.dedupe_key.like(f"bidnote:{b}:%") for b in bid_ids),
                    *(OutboxMessage.dedupe_key.like(f"rem:{e}:%") for e in event_ids)))):
            rows += [dict(row) for row in
                     (await session.execute(select(model.__table__).where(where))).mappings()]
        return repr(rows)


def identifiers(person: int, round_id: int) -> list[str]:
    return [str(person), voter_key(SECRET, person), roll_key(voter_key(SECRET, person)),
            claimant_key(SECRET, round_id, person),
            "Sam", "Alex", "07700 900123", "step-free", "voice-1"]


async def test_the_job_erases_people_from_rounds_closed_long_ago_and_keeps_the_rest(
        session_maker, database_url):
    old = await a_finished_round(session_maker, closed_days_ago=DAYS + 5)
    new = await a_finished_round(session_maker, closed_days_ago=DAYS - 5)
    async with session_maker() as session:
        counted = await round_ballots(session, old["round"])

    described = await erase_expired_personal_data(database_url, DAYS)

    # Three sent bids lose their owners (voting_round's groups), one draft goes.
    assert described == ("1 rounds, 3 bids, 1 drafts, 1 ballots, 1 voting cards, 1 voter areas, "
                         "1 registrations, 1 volunteers, 0 cafe answers, 3 messages")
    old_rows = await traces(session_maker, old["round"], [old["event"]])
    new_rows = await traces(session_maker, new["round"], [new["event"]])
    for person in PEOPLE:
        for trace in identifiers(person, old["round"]):
            assert trace not in old_rows
    for trace in (str(VOTER), str(BIDDER), str(HELPER), roll_key(voter_key(SECRET, VOTER)),
                  claimant_key(SECRET, new["round"], VOTER), "Sam", "Alex", "07700 900123"):
        assert trace in new_rows
    async with session_maker() as session:
        # Ballots still count, the same; the sent bid stays without its owner; the draft went.
        assert await round_ballots(session, old["round"]) == counted
        old_bids = {b.id: b for b in await session.scalars(
            select(Bid).where(Bid.round_id == old["round"]))}
        assert old["bids"][3] not in old_bids
        assert old_bids[old["bids"][0]].title == "Bid 1"
        assert old_bids[old["bids"][0]].status == BidStatus.ELIGIBLE
        registration = (await session.scalars(select(Registration).where(
            Registration.event_id == old["event"]))).one()
        assert registration.code and registration.status == "confirmed"
        # The voting card stays used.
        card = (await session.scalars(select(VotingCode).where(
            VotingCode.round_id == old["round"]))).one()
        assert card.claimed_at is not None


async def test_the_job_is_idempotent(session_maker, database_url):
    old = await a_finished_round(session_maker, closed_days_ago=DAYS + 1)
    await erase_expired_personal_data(database_url, DAYS)
    before = await traces(session_maker, old["round"], [old["event"]])
    again = await erase_expired_personal_data(database_url, DAYS)
    assert again == ("0 rounds, 0 bids, 0 drafts, 0 ballots, 0 voting cards, 0 voter areas, "
                     "0 registrations, 0 volunteers, 0 cafe answers, 0 messages")
    assert await traces(session_maker, old["round"], [old["event"]]) == before
    async with session_maker() as session:
        noted = await session.get(RoundRetention, old["round"])
        assert noted.erased_at is not None


async def test_rounds_without_results_and_recent_results_are_left_alone(session_maker,
                                                                        database_url):
    voting, _ = await voting_round(session_maker)  # still voting, opened long ago
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == voting).values(
            voting_closes=utcnow() - timedelta(days=DAYS * 2)))
        round_ = await session.get(Round, voting)
        bids = [b.id for b in await session.scalars(select(Bid).where(Bid.round_id == voting))]
        assert (await cast_ballot(session, round_, VOTER, {bids[0]: 3, bids[1]: 3, bids[2]: 3},
                                  secret=SECRET)).ok
    published, _ = await voting_round(session_maker)  # results out, no voting window given
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == published).values(
            status=RoundStatus.RESULTS.value))
    assert (await erase_expired_personal_data(database_url, DAYS)).startswith("0 rounds, 0 bids")
    async with session_maker() as session:
        assert (await session.scalars(select(RollEntry.roll_key).where(
            RollEntry.round_id == voting))).one() == roll_key(voter_key(SECRET, VOTER))
        assert (await session.scalars(select(Ballot.voter_key).where(Ballot.round_id == voting))
                ).one() is not None  # voting is still open: the ballot is still keyed
        assert await session.get(RoundRetention, voting) is None
        noted = await session.get(RoundRetention, published)
        assert noted.erased_at is None and noted.closed_at > utcnow() - timedelta(minutes=5)


async def test_events_of_no_round_are_erased_a_retention_period_after_they_end(
        session_maker, database_url):
    """A World Café is usually an event of no round: registrations and answers both."""
    old = await make_event(session_maker, starts_in=-timedelta(days=DAYS + 2))
    recent = await make_event(session_maker, starts_in=-timedelta(days=30))
    async with session_maker.begin() as session:
        for event_id in (old, recent):
            event = await events.get_event(session, event_id)
            await events.register(session, event, VOTER, now=utcnow(), first_name="Sam")
            question = await add_question(session, event, "Table 1", "What would help?",
                                          "Beth fyddai'n helpu?")
            question.opened_at = event.starts_at
            named = await add_answer(session, question, VOTER, "en", text="More lights")
            named.first_name = "Sam"
            await add_answer(session, question, HELPER, "cy", voice_file_id="voice-only")
            await add_answer(session, question, BIDDER, "en", text="A youth club")
    described = await erase_expired_personal_data(database_url, DAYS)
    assert "1 registrations, 0 volunteers, 3 cafe answers, 0 messages" in described
    async with session_maker() as session:
        kept = {r.event_id: (r.telegram_id, r.first_name)
                for r in await session.scalars(select(Registration))}
        assert kept == {old: (None, None), recent: (VOTER, "Sam")}
        assert (await session.get(Event, old)).title_en == "Ringland World Café"
        answers = (await session.execute(
            select(Question.event_id, Answer.telegram_id, Answer.first_name, Answer.text,
                   Answer.voice_file_id).join(Question, Question.id == Answer.question_id)
            .order_by(Answer.id))).all()
        assert [tuple(a) for a in answers] == [
            (old, None, None, "More lights", None), (old, None, None, "A youth club", None),
            (recent, VOTER, "Sam", "More lights", None),
            (recent, HELPER, None, None, "voice-only"),
            (recent, BIDDER, None, "A youth club", None)]


async def test_the_job_is_in_the_schedule_and_follows_the_setting(database_url):
    scheduler = start_scheduler(database_url, paused=True, retention_days=30)
    try:
        job = scheduler.get_job(RETENTION_JOB)
        assert job.func is erase_expired_personal_data
        assert job.kwargs == {"database_url": database_url, "days": 30}
        first = job.next_run_time
    finally:
        scheduler.shutdown(wait=False)
    restarted = start_scheduler(database_url, paused=True, retention_days=90)
    try:
        job = restarted.get_job(RETENTION_JOB)
        assert job.kwargs["days"] == 90 and job.next_run_time == first
    finally:
        restarted.shutdown(wait=False)


async def test_the_privacy_notice_says_how_long_in_both_languages(harness):
    await harness.send(VOTER, "/start")
    await harness.tap(VOTER, LanguageCb(locale=Locale.EN).pack())
    [notice] = texts(await harness.send(VOTER, "/privacy"))
    assert "erased automatically 365 days after the round closes" in notice
    await harness.tap(VOTER, LanguageCb(locale=Locale.CY).pack())
    [notice] = texts(await harness.send(VOTER, "/privacy"))
    assert "dileu'n awtomatig 365 diwrnod ar ôl i'r rownd gau" in notice
