"""What many tests build or press: people who said hello, rounds in voting, ballots, callback
data, the rows the bot wrote. One copy here, so test files never import test files."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PIL import Image
from sqlalchemy import inspect, select, text, update

from bot.ui.callbacks import BroadcastAction, BroadcastCb, LanguageCb, Locale
from bot.ui.callbacks.bids import RoundAction, RoundCb
from bot.ui.callbacks.results import ResultsAction, ResultsCb
from bot.ui.callbacks.vote import VoteAction, VoteCb, VotingAdminAction, VotingAdminCb
from bot.ui.chart import FUNDED, NOT_FUNDED, TOP
from models.ballot import cast_ballot
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.outbox import OutboxMessage
from models.paper_ballot import PaperRecord, save_paper
from models.round import AreaSpec, BallotKind, Round, RoundSpec, RoundStatus, create_round
from models.voting_code import generate_codes
from tests.conftest import ORGANISER_ID
from tests.support.flow import tap_and_confirm, texts

SECRET = b"test-ballot-secret"
GROUP_OWNER = 700_001  # owns SPK-001 in voting_round
OTHER_GROUP = 800_001  # owns SPK-002
RESULTS_RESIDENT = 760_001  # a resident who sees published_round's results
SPEKE = AreaSpec("SPK", "Speke", "Speke", 20_000_00)
GARSTON = AreaSpec("GAR", "Garston", "Garstwn", 6_000_00)

CARD_ACCEPTED = {  # a voting card (typed or scanned) let its holder vote
    Locale.EN: "Your voting card is accepted: you can vote in Safer Speke 2026.",
    Locale.CY: ("Mae eich cerdyn pleidleisio wedi'i dderbyn: gallwch bleidleisio yn y rownd "
                "Speke Mwy Diogel 2026."),
}
OUT_OF_DATE = ("This message is out of date, so nothing has changed. Please use the newest "
               "ballot message, or tap Vote in the menu.")

# A round file as organisers write it for `python -m bot rounds import`.
ROUND_FILE = textwrap.dedent("""\
    name:
      en: Safer Speke 2026
      cy: Speke Mwy Diogel 2026
    status: open
    areas:
      - code: SPK
        name: Speke
        pot: £20,000
      - code: gar
        name: {en: Garston, cy: Garstwn}
        pot: 6000
    max_bid: £2,000
    priorities:
      - en: Things for young people to do in the evenings
        cy: Pethau i bobl ifanc eu gwneud gyda'r nos
    questions: [group, title, description, benefits, amount, area, contact]
    bid_deadline: 2026-12-12 17:00
    voting:
      opens: 2027-01-17 13:00
      closes: 2027-01-17 16:00
    ballot: {kind: score}
    allocation: {rule: greedy, policy: skip}
""")


# --- people ----------------------------------------------------------------------------------

async def join(harness, user_id: int, locale: Locale, app_language: str = "en") -> None:
    """A person says /start from a Telegram app set to `app_language`, and picks their
    language."""
    await harness.send(user_id, "/start", language_code=app_language)
    await harness.tap(user_id, LanguageCb(locale=locale).pack())


# --- rounds and ballots ----------------------------------------------------------------------

async def make_round(session_maker, *, areas=(SPEKE, GARSTON), status=RoundStatus.OPEN,
                     deadline: datetime | None = None, **fields: Any) -> int:
    spec = RoundSpec(name_en="Safer Speke 2026", name_cy="Speke Mwy Diogel 2026",
                     areas=tuple(areas), max_bid_pence=2_000_00,
                     bid_deadline=deadline or utcnow() + timedelta(days=20),
                     priorities=(("Things for young people to do",
                                  "Pethau i bobl ifanc eu gwneud"),),
                     status=status, **fields)
    async with session_maker.begin() as session:
        return (await create_round(session, spec)).id


async def voting_round(session_maker, kind=BallotKind.SCORE, **fields) -> tuple[int, list[int]]:
    """A round in voting with three eligible bids (the first is GROUP_OWNER's) and a draft."""
    round_id = await make_round(session_maker, areas=(SPEKE,), ballot_kind=kind, **fields)
    async with session_maker.begin() as session:
        area_id = (await session.get(Round, round_id)).areas[0].id
        bids = [Bid(round_id=round_id, owner_telegram_id=owner, status=status, number=n,
                    reference=f"SPK-{n:03d}", title=f"Bid {n}", group_name=f"Group {n}",
                    amount_pence=amount, area_id=area_id)
                for n, (owner, status, amount) in enumerate(
                    [(GROUP_OWNER, BidStatus.ELIGIBLE, 1_500_00),
                     (OTHER_GROUP, BidStatus.ELIGIBLE, 2_000_00),
                     (800_002, BidStatus.ELIGIBLE, 1_000_00),
                     (800_003, BidStatus.DRAFT, 500_00)], start=1)]
        session.add_all(bids)
        await session.flush()
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(status=RoundStatus.VOTING.value))
        return round_id, [bid.id for bid in bids]


async def closed_round(session_maker):
    """voting_round with voting closed (not yet published)."""
    round_id, bids = await voting_round(session_maker)
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(status=RoundStatus.CLOSED.value))
    return round_id, bids


async def cast(session_maker, round_id, telegram_id, choices, **options):
    """A ballot cast straight through models.ballot, as if from the chat."""
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        return await cast_ballot(session, round_, telegram_id, choices, secret=SECRET, **options)


async def published_round(harness, session_maker, **fields):
    """SPK-001 (£1,500) and SPK-003 (£1,000) funded from a £2,500 pot; SPK-002 (£2,000) not."""
    round_id, (a, b, c, _draft) = await voting_round(session_maker, **fields)
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        round_.areas[0].pot_pence = 2_500_00
        await save_paper(session, round_, [PaperRecord("P1", {a: 5, b: 3, c: 1}, 1)], "chat")
    await cast(session_maker, round_id, 760_101, {a: 5, b: 4, c: 1})
    await cast(session_maker, round_id, 760_102, {a: 5, b: 1, c: 1})
    await join(harness, ORGANISER_ID, Locale.EN)
    for user, locale in ((GROUP_OWNER, Locale.CY), (OTHER_GROUP, Locale.EN),
                         (RESULTS_RESIDENT, Locale.CY)):
        await join(harness, user, locale)
    sent = await tap_and_confirm(harness, ORGANISER_ID, publish(round_id))
    return round_id, (a, b, c), sent


# --- callback data ---------------------------------------------------------------------------

def vote_cb(action: VoteAction, round_id: int, bid: int = 0, value: int = 0, rev: int = 0) -> str:
    return VoteCb(action=action, round=round_id, bid=bid, value=value, rev=rev).pack()


def voting_admin_cb(action: VotingAdminAction, round_id: int) -> str:
    return VotingAdminCb(action=action, round=round_id).pack()


def publish(round_id: int) -> str:
    return voting_admin_cb(VotingAdminAction.PUBLISH, round_id)


def why(round_id: int, bid: int) -> str:
    return ResultsCb(action=ResultsAction.WHY, round=round_id, bid=bid).pack()


def broadcast_cb(action: BroadcastAction, value: str = "") -> str:
    return BroadcastCb(action=action, value=value).pack()


# --- what the bot wrote ----------------------------------------------------------------------

async def outbox_rows(session_maker, prefix: str = "") -> list[OutboxMessage]:
    """Outbox rows whose dedupe key starts with `prefix`, oldest first."""
    async with session_maker() as session:
        return list(await session.scalars(
            select(OutboxMessage).where(OutboxMessage.dedupe_key.like(f"{prefix}%"))
            .order_by(OutboxMessage.id)))


def mentions(cell, value: int) -> bool:
    return cell == value or re.search(rf"(?<!\d){value}(?!\d)", str(cell)) is not None


async def rows_where(session_maker, holds: Callable[[Any], bool]) -> list[tuple[str, tuple]]:
    """(table, row) for every row of every table with a column for which `holds` is true."""
    found = []
    async with session_maker() as session:
        names = await session.run_sync(lambda s: inspect(s.connection()).get_table_names())
        for name in names:
            rows = (await session.execute(select(text("*")).select_from(text(f'"{name}"')))).all()
            found += [(name, tuple(row)) for row in rows if any(holds(cell) for cell in row)]
    return found


async def rows_mentioning(session_maker, value: int) -> list[tuple[str, tuple]]:
    """Every row of every table with a column equal to `value` (or containing it as a whole
    number in text: a timestamp like 01:52:28.381016 must not count as a mention of 8101)."""
    return await rows_where(session_maker, lambda cell: mentions(cell, value))


async def rows_holding(session_maker, needles: list[str]) -> list[tuple[str, tuple]]:
    """Rows of every table with any of `needles` in any column (as text)."""
    return await rows_where(session_maker,
                            lambda cell: any(needle in str(cell) for needle in needles))


async def codes_for(session_maker, round_id: int, count: int, secret: bytes) -> list[str]:
    async with session_maker.begin() as session:
        return await generate_codes(session, round_id, count, secret=secret)


def bar_runs(image: Image.Image, x: int) -> list[tuple[int, tuple[int, int, int]]]:
    """Down the column at x, below the legend: (first row, colour) of each run of bar colour."""
    runs, previous = [], None
    for y in range(TOP, image.height):
        colour = image.getpixel((x, y))
        if colour in (FUNDED, NOT_FUNDED) and colour != previous:
            runs.append((y, colour))
        previous = colour if colour in (FUNDED, NOT_FUNDED) else None
    return runs


def round_cb(action: RoundAction, value: str = "", round_id: int = 0) -> str:
    return RoundCb(action=action, round=round_id, value=value).pack()


async def say(harness, text: str) -> list[str]:
    return texts(await harness.send(ORGANISER_ID, text))


async def only_round(session_maker) -> Round:
    async with session_maker() as session:
        return await session.scalar(select(Round))
