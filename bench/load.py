"""Voting under load: simulated voters score every bid through bot processes in webhook mode.

    python -m bench.load [--voters 600] [--bids 20] [--processes 2] [--think 1.5]
    python -m bench.load --sqlite --processes 1          # the same on SQLite, one process

Each voter (a resident who did /start before) sends /start, taps Vote (the only round open:
straight to its first card), a score for each of the bids, then Confirm: 23 updates with 20
bids, one answer each (a new message or an edit of the ballot message). Between taps a voter
reads for `--think` seconds on average (0.5x to 1.5x); the next tap waits for the answer, as a
person's would. The stand-in posts every update to one of the bot processes (in turn, or at
random with --order random) with the webhook secret, and `--duplicates` of them to every
process at once (Telegram re-delivering). By default: PostgreSQL and Redis on 127.0.0.1, a
fresh database dropped at the end.

Latency runs from posting an update to the bot's answer (the next message or edit) reaching
the stand-in. `bot_messages_per_ballot` and `edits_per_ballot` count, per voter, the new
messages and the edits from tapping Vote to the receipt. Afterwards every voter must have
exactly one ballot with their scores. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import random
import sys
import tempfile
import time
import uuid
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta
from pathlib import Path

import aiohttp
import asyncpg
from sqlalchemy import func, select, update

from bot.cli.migrate import migrate
from bot.ui.callbacks import MenuCb, MenuItem
from bot.ui.callbacks.vote import VoteAction, VoteCb
from models.ballot import Ballot, ballot_choices, find_ballot, voter_key
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.db import create_engine, create_session_maker
from models.round import AreaSpec, Round, RoundSpec, RoundStatus, create_round
from models.user import User
from tests.support.bot_process import BotProcess
from tests.support.databases import PG_ADMIN_DSN, PG_HOST
from tests.support.e2e import free_port, stub_token, wait_healthy
from tests.support.telegram_stub import TelegramStub

ROOT = Path(__file__).resolve().parent.parent

SECRET = "bench-webhook-secret-0123456789"
BALLOT_SECRET = "bench-ballot-secret"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2")
FIRST_VOTER = 2_000_000
BID_OWNER = 1_000_000
HOOK_PATH = "/tg/hook"


# --- the database and the round ------------------------------------------------------------


@asynccontextmanager
async def database(sqlite: bool, folder: str):
    if sqlite:
        yield f"sqlite+aiosqlite:///{folder}/load.db"
        return
    name = f"pbchat_load_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN, timeout=5)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield f"postgresql+asyncpg://postgres@{PG_HOST}:5432/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def seed(database_url: str, voters: int, bids: int) -> tuple[int, list[int], list[int]]:
    """A round in voting with `bids` eligible bids, and `voters` residents who did /start."""
    engine = create_engine(database_url)
    await migrate(engine)
    session_maker = create_session_maker(engine)
    spec = RoundSpec(name_en="Load test 2026", name_cy="Prawf llwyth 2026",
                     areas=(AreaSpec("LDT", "Loadtown", "Tref Llwyth", 100_000_00),),
                     max_bid_pence=5_000_00, bid_deadline=utcnow() + timedelta(days=1),
                     status=RoundStatus.OPEN)
    async with session_maker.begin() as session:
        round_ = await create_round(session, spec)
        area_id = round_.areas[0].id
        rows = [Bid(round_id=round_.id, owner_telegram_id=BID_OWNER + n,
                    status=BidStatus.ELIGIBLE, number=n, reference=f"LDT-{n:03d}",
                    title=f"Project {n}", group_name=f"Group {n}",
                    description="Benches, planters and a noticeboard for the green.",
                    amount_pence=1_000_00 + 250_00 * n, area_id=area_id)
                for n in range(1, bids + 1)]
        session.add_all(rows)
        await session.flush()
        await session.execute(update(Round).where(Round.id == round_.id)
                              .values(status=RoundStatus.VOTING.value))
        people = list(range(FIRST_VOTER, FIRST_VOTER + voters))
        chooser = random.Random(3)
        # They have used the bot before: a language, and the first-contact notice seen.
        session.add_all(User(telegram_id=i, locale=chooser.choice(["en", "cy"]),
                             privacy_seen_at=utcnow()) for i in people)
        round_id, bid_ids = round_.id, [bid.id for bid in rows]
    await engine.dispose()
    return round_id, bid_ids, people


async def check_ballots(database_url: str, round_id: int,
                        wanted: dict[int, dict[int, int]]) -> dict[str, int]:
    engine = create_engine(database_url)
    try:
        async with create_session_maker(engine)() as session:
            rows = await session.scalar(
                select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id))
            keys = await session.scalar(
                select(func.count(func.distinct(Ballot.voter_key))).where(
                    Ballot.round_id == round_id))
            right = missing = wrong = 0
            for voter, scores in wanted.items():
                ballot = await find_ballot(session, round_id,
                                           voter_key(BALLOT_SECRET.encode(), voter))
                if ballot is None:
                    missing += 1
                elif await ballot_choices(session, ballot.id) == scores:
                    right += 1
                else:
                    wrong += 1
    finally:
        await engine.dispose()
    return {"ballots": rows, "duplicate_ballots": rows - keys, "right": right,
            "missing": missing, "wrong": wrong}


# --- the bot processes ---------------------------------------------------------------------


def cpu_seconds(process: BotProcess) -> float:
    """User + system CPU time of a running bot process so far (Linux)."""
    fields = Path(f"/proc/{process._started().pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def start_bots(stack: AsyncExitStack, stub: TelegramStub, database_url: str,
                     count: int, redis_url: str | None, profile: str | None = None
                     ) -> tuple[list[BotProcess], list[int]]:
    processes = []
    for number in range(count):
        port = free_port()
        env = {"BOT_TOKEN": stub.token, "TELEGRAM_API_URL": stub.base_url,
               "DATABASE_URL": database_url, "BALLOT_SECRET": BALLOT_SECRET,
               "WEBHOOK_URL": f"https://pbchat.invalid{HOOK_PATH}", "WEBHOOK_SECRET": SECRET,
               "PORT": str(port), "LOG_LEVEL": "WARNING"}
        if redis_url:
            env["REDIS_URL"] = redis_url
        argv = None
        if profile:  # CPU time, not wall time: the machine is shared. Written at exit.
            argv = [sys.executable, "-c",
                    "import cProfile, runpy, sys, time; sys.argv = ['bot']; "
                    "p = cProfile.Profile(time.process_time); p.enable()\n"
                    "try: runpy.run_module('bot', run_name='__main__')\n"
                    f"finally: p.disable(); p.dump_stats('{profile}/bot-{number}.prof')"]
        process = await stack.enter_async_context(BotProcess(env, argv=argv))
        processes.append((port, process))
    for port, process in processes:
        async with aiohttp.ClientSession() as http:
            await wait_healthy(http, f"http://127.0.0.1:{port}", process)
    stub.posted_at.clear()
    return [process for _, process in processes], [port for port, _ in processes]


async def forget_redis_keys(redis_url: str, bot_id: int) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url)
    try:
        keys = [key async for key in redis.scan_iter(f"fsm:{bot_id}:*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


# --- the voters ----------------------------------------------------------------------------


class Voter:
    def __init__(self, stub: TelegramStub, telegram_id: int, round_id: int,
                 scores: dict[int, int], think: float, chooser: random.Random) -> None:
        self.stub = stub
        self.id = telegram_id
        self.round_id = round_id
        self.scores = scores
        self.think = think
        self.chooser = chooser
        self.latencies: list[float] = []
        self.updates = 0
        self.errors = 0  # answers that were not the next step ("something went wrong")
        self.gave_up = False

    async def pause(self) -> None:
        if self.think:
            await asyncio.sleep(self.think * self.chooser.uniform(0.5, 1.5))

    async def step(self, push, expect: str) -> list[tuple[str, str | None]]:
        """Send one update and wait for its answer; return the answer's buttons. An answer
        without the `expect` buttons (an error reply) is tapped again, as a person would."""
        for _attempt in range(3):
            update_id = push()
            self.updates += 1
            answer = await self.stub.wait_for_shown(self.id, self.updates, timeout=120)
            self.latencies.append(answer.at - self.stub.posted_at[update_id])
            buttons = self.stub.buttons(answer)
            if any(data and data.startswith(expect) for _, data in buttons) or expect == "":
                return buttons
            self.errors += 1
            await self.pause()
        raise AssertionError(f"voter {self.id}: no {expect!r} buttons after 3 tries")

    async def run(self) -> None:
        try:
            await self._vote()
        except AssertionError as exc:  # counted as lost below; the run goes on
            self.gave_up = True
            print(exc, file=sys.stderr)

    async def _vote(self) -> None:
        stub = self.stub
        await asyncio.sleep(self.think * self.chooser.random())
        menu = MenuCb(item=MenuItem.VOTE).pack()
        await self.step(lambda: stub.push_message(self.id, "/start"), menu)
        await self.pause()
        buttons = await self.step(lambda: stub.push_callback(self.id, menu), "vt:")
        while True:
            await self.pause()
            data = self.next_tap(buttons)
            confirm = VoteCb.unpack(data).action == VoteAction.CONFIRM
            buttons = await self.step(lambda data=data: stub.push_callback(self.id, data),
                                      "" if confirm else "vt:")
            if confirm:
                return

    def next_tap(self, buttons: list[tuple[str, str | None]]) -> str:
        taps = [VoteCb.unpack(data) for _, data in buttons if data and data.startswith("vt:")]
        for tap in taps:
            if tap.action == VoteAction.SET and tap.value == self.scores.get(tap.bid):
                return tap.pack()
        for tap in taps:
            if tap.action == VoteAction.CONFIRM:
                return tap.pack()
        raise AssertionError(f"voter {self.id}: nothing to tap in {buttons}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def bench(args: argparse.Namespace) -> dict[str, object]:
    chooser = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        async with database(args.sqlite, folder) as database_url:
            round_id, bid_ids, people = await seed(database_url, args.voters, args.bids)
            wanted = {voter: {bid: chooser.randint(1, 5) for bid in bid_ids}
                      for voter in people}
            redis_url = None if args.sqlite else REDIS_URL
            async with AsyncExitStack() as stack:
                stub = await stack.enter_async_context(TelegramStub(stub_token()))
                if redis_url:
                    stack.push_async_callback(forget_redis_keys, redis_url, stub.bot_id)
                processes, ports = await start_bots(stack, stub, database_url,
                                                    args.processes, redis_url, args.profile)
                stub.deliver_to([f"http://127.0.0.1:{port}{HOOK_PATH}" for port in ports],
                                SECRET, order=args.order, duplicate_rate=args.duplicates,
                                seed=args.seed)
                voters = [Voter(stub, voter, round_id, wanted[voter], args.think,
                                random.Random(voter)) for voter in people]
                cpu_before = [cpu_seconds(process) for process in processes]
                own_cpu = time.process_time()
                # This process is the measuring instrument: its full garbage collections
                # (300 ms and more with the stand-in's records of every update) would stall
                # every answer's arrival and show up as the bot's latency.
                gc.collect()
                gc.disable()
                started = time.monotonic()
                try:
                    await asyncio.gather(*(voter.run() for voter in voters))
                finally:
                    gc.enable()
                finished = time.monotonic()
                own_cpu = time.process_time() - own_cpu
                bot_cpu = sum(cpu_seconds(p) for p in processes) - sum(cpu_before)
                await asyncio.sleep(2)  # anything answered twice would show up now
                extra_answers = sum(max(0, stub.shown_count(v.id) - v.updates)
                                    for v in voters)
                # From Vote to the receipt: every message but the menu /start brought.
                messages = sum(stub.new_message_count(v.id) - 1 for v in voters)
                edits = sum(stub.edit_count(v.id) for v in voters)
                tracebacks = sum(p.log_text().count("Traceback") for p in processes)
            check = await check_ballots(database_url, round_id, wanted)
    latencies = [latency for voter in voters for latency in voter.latencies]
    updates = sum(voter.updates for voter in voters)
    seconds = finished - started
    return {
        "backend": "sqlite" if args.sqlite else "postgresql+redis",
        "processes": args.processes,
        "voters": args.voters,
        "bids": args.bids,
        "updates": updates,
        "posted_twice": len(stub.fanned_out),
        "seconds": round(seconds, 2),
        "updates_per_s": round(updates / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "ballots": check["ballots"],
        "duplicates": check["duplicate_ballots"] + extra_answers,
        "lost": check["missing"] + check["wrong"],
        "wrong_scores": check["wrong"],
        "tracebacks": tracebacks,
        "error_replies": sum(voter.errors for voter in voters),
        "voters_gave_up": sum(voter.gave_up for voter in voters),
        "bot_messages_per_ballot": round(messages / len(voters), 2),
        "edits_per_ballot": round(edits / len(voters), 2),
        "bot_cpu_ms_per_update": round(bot_cpu / updates * 1000, 2),
        "stub_cpu_ms_per_update": round(own_cpu / updates * 1000, 2),
        "think_s": args.think,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=600)
    parser.add_argument("--bids", type=int, default=20)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL+Redis")
    parser.add_argument("--think", type=float, default=1.5,
                        help="mean seconds between a voter's taps (0: as fast as answered)")
    parser.add_argument("--duplicates", type=float, default=0.03,
                        help="share of updates posted to every process")
    parser.add_argument("--order", choices=["alternate", "random"], default="alternate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", metavar="DIR", help="run the bots under cProfile, "
                        "writing DIR/bot-N.prof")
    args = parser.parse_args()
    result = asyncio.run(bench(args))
    print(f"{result['updates']} updates in {result['seconds']} s; "
          f"{result['ballots']} ballots, {result['lost']} lost, "
          f"{result['duplicates']} duplicated", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
