"""Two bot processes behind one webhook address, sharing PostgreSQL and Redis, act as one bot.

The organiser's conversation is posted to the two processes in turn (its state is in Redis);
both processes send the broadcast (outbox rows are claimed with SKIP LOCKED); the process that
leads the scheduled jobs is killed with SIGKILL part-way. The other finishes the broadcast and
takes over the scheduler: nobody gets the message twice, the report comes once and adds up,
and the two together keep to one send rate (shared in Redis), so Telegram never says 429.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import pytest
from sqlalchemy import distinct, func, select

from bot.ui.callbacks.organiser import ConfirmCb, Say, Step
from bot.ui.callbacks.vote import VoteAction
from models.base import utcnow
from models.outbox import OutboxMessage
from models.user import User
from tests.support.bot_process import BotProcess
from tests.support.broadcast_scenario import (
    ORGANISER,
    deliveries,
    organiser_sends,
    report_counts,
    report_of,
    seed_residents,
)
from tests.support.e2e import backend_env, free_port, stub_token, wait_healthy
from tests.support.factories import vote_cb as cb
from tests.support.factories import voting_round
from tests.support.telegram_stub import TelegramStub

RECIPIENTS = 300
SECRET = "scale-test-webhook-secret-0042"
ENGLISH, WELSH = "Two bots, one voice", "Dau fot, un llais"
LEADS = "this process runs the scheduled jobs"


@asynccontextmanager
async def two_webhook_processes(stub: TelegramStub, env: dict[str, str],
                                http: aiohttp.ClientSession) -> AsyncIterator[list[BotProcess]]:
    """Two bot processes serving webhooks, the stand-in posting to them in turn; any still
    running at the end are killed."""
    ports = [free_port(), free_port()]
    processes = [BotProcess({**env, "PORT": str(port)}) for port in ports]
    for process in processes:
        await process.start()
    try:
        for port, process in zip(ports, processes, strict=True):
            await wait_healthy(http, f"http://127.0.0.1:{port}", process)
        stub.deliver_to([f"http://127.0.0.1:{port}/tg/hook" for port in ports], SECRET)
        yield processes
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
                await process.wait()


async def claimed_by(session_maker) -> int:
    """How many processes sent some of the broadcast."""
    async with session_maker() as session:
        return await session.scalar(
            select(func.count(distinct(OutboxMessage.claimed_by))).where(
                OutboxMessage.broadcast_id.is_not(None)))


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_processes_share_a_broadcast_and_survive_losing_one(database_url,
                                                                      session_maker):
    async with (TelegramStub(stub_token(), global_rate=30, retry_after=1) as stub,
                # One rate for the bot, shared through Redis: together they keep to it.
                backend_env(stub, database_url, SEND_RATE="25", STALE_AFTER_SECONDS="3",
                            WEBHOOK_URL="https://pbchat.example.org/tg/hook",
                            WEBHOOK_SECRET=SECRET) as env,
                aiohttp.ClientSession() as http):
        residents = await seed_residents(database_url, RECIPIENTS)
        blocked = set(residents[::31])
        stub.blocked |= blocked
        async with two_webhook_processes(stub, env, http) as processes:
            await stub.wait_for(lambda: sum(LEADS in p.log_text() for p in processes) == 1,
                                timeout=30, what="one process to lead the scheduler")
            await asyncio.sleep(1)  # the other has tried by now too
            leaders = [p for p in processes if LEADS in p.log_text()]
            assert len(leaders) == 1, "two processes run the scheduled jobs"
            [leader] = leaders
            [survivor] = [p for p in processes if p is not leader]

            # A second to read the preview: the conversation's own replies (not rate-limited,
            # as a person types far slower than this script) are out of Telegram's window.
            await organiser_sends(stub, ENGLISH, WELSH, reads_preview=1.1)
            await stub.wait_for(
                lambda: sum(deliveries(stub, residents, ENGLISH, WELSH).values()) >= 90,
                timeout=60)
            assert await claimed_by(session_maker) == 2, "both processes should be sending"
            leader.kill()
            await leader.wait()
            killed_at = sum(deliveries(stub, residents, ENGLISH, WELSH).values())
            assert killed_at < RECIPIENTS - len(blocked), "killed too late to prove anything"

            await stub.wait_for(lambda: report_of(stub) is not None, timeout=120)
            await stub.wait_for(lambda: LEADS in survivor.log_text(), timeout=30,
                                what="the survivor to take over the scheduler")
            await asyncio.sleep(2)  # anything sent twice, or a second report, would show now
            assert await survivor.stop() == 0, survivor.log_tail()

        got = deliveries(stub, residents, ENGLISH, WELSH)
        assert max(got.values()) == 1, "somebody got the broadcast twice"
        # Two processes at 25 a second each would have met Telegram's 30 many times.
        assert stub.retry_after_hits == 0
        assert not set(got) & blocked
        reports = [m for m in stub.messages_to(ORGANISER) if "Broadcast finished" in (m.text or "")]
        assert len(reports) == 1
        report = report_counts(report_of(stub))
        everyone = RECIPIENTS + 1  # the organiser is one of "everyone"
        assert sum(report[k] for k in ("Delivered", "Blocked the bot", "Failed")) == everyone, (
            "someone was forgotten")
        # What the killed process had on the wire is "uncertain": reported failed, not resent
        # (a blocked chat among them too).
        assert report["Failed"] <= 8
        assert len(blocked) - report["Failed"] <= report["Blocked the bot"] <= len(blocked)
        assert report["Delivered"] <= len(got) + 1 <= everyone - len(blocked)
        assert "Traceback" not in survivor.log_text()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_an_update_a_crashed_process_was_handling_is_handled_by_the_other(database_url):
    """Updates are answered only once handled, so when a process dies half-way through one,
    Telegram (the stand-in) posts it again, the other process handles it, and the person
    gets their answer once: the dead process's claim and turn ended with its connection."""
    resident = 4_242
    async with (TelegramStub(stub_token()) as stub,
                backend_env(stub, database_url, WEBHOOK_URL="https://pbchat.example.org/tg/hook",
                            WEBHOOK_SECRET=SECRET) as env,
                aiohttp.ClientSession() as http):
        async with two_webhook_processes(stub, env, http) as processes:
            stub.delay = 30  # the answer is on its way when the first process dies
            stub.push_message(resident, "/start")  # posted to the first process
            await stub.wait_for(lambda: any(method == "sendMessage" for method, _ in stub.calls),
                                what="the first process to be answering")
            processes[0].kill()
            await processes[0].wait()
            stub.delay = 0
            # The first-contact notice and the menu.
            await stub.wait_for_messages(resident, 2, timeout=30)
            await asyncio.sleep(1)  # a second answer would show up now
            assert len(stub.messages_to(resident)) == 2
            assert stub.webhook_retries >= 1
            assert await processes[1].stop() == 0, processes[1].log_tail()
            assert "Traceback" not in processes[1].log_text()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_voting_closed_through_one_process_is_closed_in_the_other(database_url,
                                                                       session_maker):
    """Each process keeps its own copy of the round being voted in (models/round_cache.py).
    The organiser closes voting through one process; the next score tap, in either process,
    is told voting has closed."""
    voter = 4_343
    round_id, _bids = await voting_round(session_maker)
    async with session_maker.begin() as session:
        session.add(User(telegram_id=voter, locale="en", privacy_seen_at=utcnow()))
    closed = "Voting has closed."

    def alerts() -> list[str]:
        return [params.get("text") for method, params in stub.calls
                if method == "answerCallbackQuery" and params.get("text")]

    async with (TelegramStub(stub_token()) as stub,
                backend_env(stub, database_url, WEBHOOK_URL="https://pbchat.example.org/tg/hook",
                            WEBHOOK_SECRET=SECRET) as env,
                aiohttp.ClientSession() as http):
        async with two_webhook_processes(stub, env, http) as processes:
            stub.push_message(voter, "/start")
            await stub.wait_for_message(voter, 1)
            stub.push_callback(voter, cb(VoteAction.ROUND, round_id), require_button=False)
            ballot = await stub.wait_for_message(voter, 2)
            assert ballot.text.startswith("Bid 1 of 3")

            def score_button() -> str:  # "4" on the card the ballot message shows now
                shown = stub.current_message(voter, ballot.message_id)
                return dict(stub.buttons(shown))["4"]

            # Two scores, one through each process: both copy the round (the one message
            # is edited each time).
            for edits in (1, 2):
                stub.push_callback(voter, score_button())
                await stub.wait_for(lambda edits=edits: stub.edit_count(voter) == edits,
                                    what=f"{edits} edits of the ballot message")
                assert stub.current_text(voter, ballot.message_id).startswith(
                    f"Bid {edits + 1} of 3")
            third = score_button()
            stub.push_message(ORGANISER, "/voting")
            await stub.wait_for_message(ORGANISER, 1)
            stub.push_callback(ORGANISER, ConfirmCb(step=Step.CLOSE_VOTING, round=round_id,
                                                    say=Say.YES, status="voting").pack(),
                               require_button=False)
            await stub.wait_for(lambda: alerts() == [
                "Voting has closed. Type in any paper sheets, then publish."],
                what="the organiser told voting has closed")
            for taps in (1, 2):  # one tap to each process
                stub.push_callback(voter, third)
                await stub.wait_for(lambda taps=taps: alerts()[1:] == [closed] * taps,
                                    what=f"{taps} answers that voting has closed")
            assert stub.new_message_count(voter) == 2 and stub.edit_count(voter) == 2
            for process in processes:
                assert await process.stop() == 0, process.log_tail()
                assert "Traceback" not in process.log_text()
