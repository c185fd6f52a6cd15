"""/forget leaves nothing behind: no table, column, outbox row, log line, Redis key or SQLite
page (the file, its write-ahead log, its free pages) holds the person's Telegram id, the name
they gave, their door code or anything they typed. The adversary: the operator, holding the
database file (with its -wal), the logs and the settings after the person asked to be
forgotten. The person goes through a realistic life first: registers for an event (first
name, access needs), answers a World Café question, uses a voting card, votes, gets a
broadcast and the results, and is refused an organiser command. The operator holds every
secret, so the keyed hashes the bot can make of the person (ballot, roll, voting card) must be
gone as well as their id."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from bot.jobs.broadcast_monitor import BroadcastMonitor
from bot.jobs.delivery import RateLimiter
from bot.ui.callbacks import BroadcastAction, BroadcastCb, EventAction, ForgetCb
from models.ballot import ballot_key, roll_key, round_ballots, voter_key
from models.event import Registration
from models.outbox import OutboxMessage, Status
from models.round import Round
from models.voting_code import claimant_key
from tests.conftest import ORGANISER_ID
from tests.support.ballot_screen import vote_in_chat
from tests.support.event_fixtures import CY, EN, ev, join, make_event
from tests.support.factories import (
    codes_for,
    publish,
    rows_holding,
    rows_mentioning,
    voting_round,
)
from tests.support.flow import tap_and_confirm, texts
from tests.support.worldcafe import QUESTION_CY, QUESTION_EN, add_question, answers_of

# Big enough to take 6 bytes in SQLite's record format, so its binary form can be looked for.
PERSON = 71_234_567_891
NAME = "Gwenllianwyn"
NEEDS = "Ramp-quoll-at-the-side-door"
CAFE_WORDS = "More-benches-by-the-zebra-crossing"
REFUSED_WORDS = "hush-hush-plan"


async def live_a_little(harness, session_maker, locale) -> str:
    """The person's realistic life with the bot; returns their door code."""
    await join(harness, PERSON, locale)
    await join(harness, ORGANISER_ID, EN)
    event_id = await make_event(session_maker, ask_first_name=True, ask_access=True)
    await harness.tap(PERSON, ev(EventAction.REGISTER, event_id))
    await harness.send(PERSON, NAME)
    await harness.send(PERSON, NEEDS)
    async with session_maker() as session:
        code = (await session.scalar(select(Registration.code)
                                     .where(Registration.telegram_id == PERSON)))
    assert code

    question = await add_question(session_maker, event_id, opened=True)
    await harness.send(PERSON, f"/start wc_{question.token}")
    await harness.send(PERSON, CAFE_WORDS)
    assert [a.text for a in await answers_of(session_maker, PERSON)] == [CAFE_WORDS]

    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    (card,) = await codes_for(session_maker, round_id, 1, harness.settings.ballot_key)
    await harness.send(PERSON, f"/start v_{card}")
    await vote_in_chat(harness, PERSON, round_id, {a: 4, b: 4, c: 4})
    async with session_maker() as session:
        assert len(await round_ballots(session, round_id)) == 1

    await harness.send(ORGANISER_ID, "/broadcast")
    await harness.tap(ORGANISER_ID, BroadcastCb(action=BroadcastAction.AUDIENCE,
                                                value="all").pack())
    await harness.send(ORGANISER_ID, "Come to the count on Saturday")
    await harness.tap(ORGANISER_ID, BroadcastCb(action=BroadcastAction.SKIP_WELSH).pack())
    await harness.tap(ORGANISER_ID, BroadcastCb(action=BroadcastAction.NOW).pack())
    await harness.tap(ORGANISER_ID, BroadcastCb(action=BroadcastAction.SEND).pack())
    await BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                           limiter=RateLimiter(1000), wake_sender=lambda: None,
                           ballots=harness.dp["ballots"]).tick()
    await tap_and_confirm(harness, ORGANISER_ID, publish(round_id))
    async with session_maker.begin() as session:  # as the delivery worker records them
        await session.execute(update(OutboxMessage).where(OutboxMessage.chat_id == PERSON)
                              .values(status=Status.SENT.value, telegram_message_id=4242))
        keys = list(await session.scalars(select(OutboxMessage.dedupe_key)
                                          .where(OutboxMessage.chat_id == PERSON)))
    assert {key.split(":")[0] for key in keys} >= {"bc", "result", "rem"}

    await harness.send(PERSON, f"/broadcast {REFUSED_WORDS}")
    await harness.tap(PERSON, BroadcastCb(action=BroadcastAction.SEND).pack())
    return code


@pytest.mark.parametrize("locale", [EN, CY])
async def test_forget_leaves_no_trace_anywhere(harness, session_maker, engine, database_url,
                                               caplog, locale):
    caplog.set_level(logging.DEBUG)
    code = await live_a_little(harness, session_maker, locale)
    typed = [NAME, NEEDS, CAFE_WORDS, REFUSED_WORDS, code]
    # Before: the traces are there to find (the test can see them), and /mydata shows them.
    assert await rows_mentioning(session_maker, PERSON)
    assert await rows_holding(session_maker, typed)
    hashes = await keyed_hashes(session_maker, harness.settings.ballot_key, PERSON)
    assert {name for name, _ in await rows_holding(session_maker, hashes)} == {
        "voting_roll", "voting_codes"}
    sent = await harness.send(PERSON, "/mydata")
    shown = next(r for r in sent if isinstance(r, SendDocument)).document.data.decode()
    for needle in (str(PERSON), NAME, NEEDS, CAFE_WORDS, code, "Come to the count on Saturday"):
        assert needle in shown, needle

    if database_url.startswith("sqlite"):
        # As SQLite's automatic checkpoint does once the log grows: the person's rows are now
        # in the database file itself, where deleting them must not leave them readable.
        async with engine.connect() as connection:
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            # Deleted content is zeroed, whatever the SQLite build's default.
            assert (await connection.exec_driver_sql("PRAGMA secure_delete")).scalar() == 1
        assert NAME.encode() in sqlite_bytes(database_url)

    await harness.send(PERSON, "/forget")
    sent = await harness.tap(PERSON, ForgetCb(confirm=True).pack())
    assert texts(sent)[0].startswith("Wedi'i wneud" if locale is CY else "Done")

    assert await rows_mentioning(session_maker, PERSON) == []
    assert await rows_holding(session_maker, typed) == []
    assert await rows_holding(session_maker, hashes) == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "refused organiser command '/broadcast'" in logged  # the refusals were logged...
    assert "refused organiser button" in logged
    for needle in (str(PERSON), *typed):
        assert needle not in logged  # ...without who, or what they typed
    if harness.settings.redis_url:
        storage = harness.dp.storage
        keys = [key async for key in storage.redis.scan_iter(f"{harness.redis_prefix}:*")]
        assert not [key for key in keys if str(PERSON).encode() in key]
    if database_url.startswith("sqlite"):
        raw = sqlite_bytes(database_url)
        for needle in (str(PERSON), *typed, *hashes):
            assert needle.encode() not in raw, needle
        assert PERSON.to_bytes(6, "big") not in raw


async def keyed_hashes(session_maker, secret: bytes, person: int) -> list[str]:
    """Every keyed hash of the person the bot can make, as the operator holding the ballot
    secret would: the voter key, the roll's key, each round's ballot key (while its salt is
    kept) and voting-card claim."""
    from models.ballot import BallotBox
    voter = voter_key(secret, person)
    async with session_maker() as session:
        round_ids = list(await session.scalars(select(Round.id)))
        salts = list(await session.scalars(select(BallotBox.salt)
                                           .where(BallotBox.salt.is_not(None))))
    return [voter, roll_key(voter), *(ballot_key(salt, voter) for salt in salts),
            *(claimant_key(secret, round_id, person) for round_id in round_ids)]


def sqlite_bytes(database_url: str) -> bytes:
    """The database file and its write-ahead log, as someone copying them off the disk would
    read them (free pages and stale log frames included)."""
    path = Path(make_url(database_url).database)
    return b"".join(candidate.read_bytes()
                    for candidate in (path, path.with_name(path.name + "-wal"))
                    if candidate.exists())


@pytest.mark.parametrize("locale", [EN, CY])
async def test_mydata_shows_the_cafe_question_in_the_persons_language(harness, session_maker,
                                                                       locale):
    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id, opened=True)
    await join(harness, PERSON, locale)
    await harness.send(PERSON, f"/start wc_{question.token}")
    await harness.send(PERSON, CAFE_WORDS)
    sent = await harness.send(PERSON, "/mydata")
    data = json.loads(next(r for r in sent if isinstance(r, SendDocument)).document.data)
    (answer,) = data["world_cafe_answers"]
    assert answer["question"] == (QUESTION_CY if locale is CY else QUESTION_EN)
    assert answer["answer"] == CAFE_WORDS
    assert answer["event"] == ("Caffi'r Byd Ringland" if locale is CY
                               else "Ringland World Café")
    assert [m["text"] for m in data["messages_to_you"]] == []


async def test_forgetting_one_person_keeps_everyone_elses_delivery_exactly_once(session_maker):
    """The person's rows go, sent or not; the others' stay as they were, and planning the same
    messages again adds nothing for them (their dedupe keys are intact)."""
    from datetime import timedelta

    from models.base import utcnow
    from models.outbox import Kind, NewMessage, enqueue
    from models.personal_data import erase_personal_data
    from models.user import get_or_create_user

    other = 7_000_001
    due = utcnow() - timedelta(minutes=1)

    def planned(chat_id: int) -> list[NewMessage]:
        return [NewMessage(dedupe_key=f"bc:9:u:{chat_id}", chat_id=chat_id, kind=Kind.TEXT,
                           payload={"text": "Hello"}, due_at=due),
                NewMessage(dedupe_key=f"result:9:user:{chat_id}", chat_id=chat_id,
                           kind=Kind.TEXT, payload={"text": "Results"}, due_at=due)]

    async with session_maker.begin() as session:
        for chat_id in (PERSON, other):
            await get_or_create_user(session, chat_id)
            assert await enqueue(session, planned(chat_id)) == 2
        await session.execute(update(OutboxMessage).where(OutboxMessage.dedupe_key.like("bc:%"))
                              .values(status=Status.SENT.value))
    async with session_maker.begin() as session:
        user = await get_or_create_user(session, PERSON)
        await erase_personal_data(session, user)
    async with session_maker.begin() as session:
        assert await enqueue(session, planned(other)) == 0
        rows = list(await session.execute(select(OutboxMessage.chat_id, OutboxMessage.status)
                                          .order_by(OutboxMessage.id)))
    assert rows == [(other, Status.SENT.value), (other, Status.PENDING.value)]


@pytest.mark.parametrize("locale", [EN, CY])
async def test_an_organiser_who_asks_to_be_forgotten(harness, session_maker, locale):
    """An organiser added in chat: their role goes; what they did and made stays (the audit
    entries, an event, a broadcast, the organiser they added) without their id."""
    from sqlalchemy import func

    from models.audit import AuditEntry
    from models.broadcast import Broadcast
    from models.event import Event
    from models.organiser import Organiser, add_organiser

    organiser, added = 71_234_500_001, 71_234_500_002
    async with session_maker.begin() as session:
        await add_organiser(session, organiser, added_by=ORGANISER_ID)
        await add_organiser(session, added, added_by=organiser)
    await join(harness, organiser, locale)
    event_id = await make_event(session_maker)
    async with session_maker.begin() as session:
        await session.execute(update(Event).where(Event.id == event_id)
                              .values(created_by=organiser))
    await harness.send(organiser, "/broadcast")
    await harness.tap(organiser, BroadcastCb(action=BroadcastAction.AUDIENCE,
                                             value="all").pack())
    await harness.send(organiser, "Come to the count on Saturday")
    await harness.tap(organiser, BroadcastCb(action=BroadcastAction.SKIP_WELSH).pack())
    await harness.tap(organiser, BroadcastCb(action=BroadcastAction.NOW).pack())
    await harness.tap(organiser, BroadcastCb(action=BroadcastAction.SEND).pack())
    async with session_maker() as session:
        done = await session.scalar(select(func.count()).select_from(AuditEntry))
        assert await session.scalar(select(func.count()).select_from(Broadcast)) == 1
    assert done >= 4
    assert await rows_mentioning(session_maker, organiser)

    await harness.send(organiser, "/forget")
    await harness.tap(organiser, ForgetCb(confirm=True).pack())

    assert await rows_mentioning(session_maker, organiser) == []
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(AuditEntry)) == done
        assert await session.scalar(select(func.count()).select_from(Broadcast)) == 1
        assert list(await session.scalars(select(Organiser.telegram_id))) == [added]
    # Someone new to the bot now (their language went too): and no longer an organiser.
    assert texts(await harness.send(organiser, "/broadcast"))[-1] == (
        "Sorry, this is for organisers.")
