"""Shared steps for the bid tests: a round in the database, people, and a group's answers."""

from __future__ import annotations

import itertools
import time
from typing import Any

from sqlalchemy import select

from bot.ui.callbacks import Locale, MenuCb, MenuItem
from bot.ui.callbacks.bids import BidAction, BidCb, ReviewAction, ReviewCb
from models.bid import Bid
from tests.conftest import ORGANISER_ID

# Rounds and people come from the shared factories; importers of this module still find them here.
from tests.support.factories import GARSTON, SPEKE, join, make_round, outbox_rows  # noqa: F401
from tests.support.flow import buttons, texts

_ids = itertools.count(900_000)
# A group's answers in the order of the standard questions; the area is tapped, not typed.
ANSWERS = {
    "group": "Speke <Youth> & Friends",
    "title": "Football after school",
    "description": "Two coached sessions a week in the park.",
    "benefits": "About 40 young people aged 11 to 16",
    "amount": "£1,500",
    "contact": "07700 900123",
}


def tap_data(action: BidAction, bid: int = 0, round_: int = 0, value: str = "") -> str:
    return BidCb(action=action, bid=bid, round=round_, value=value).pack()


def media_update(user_id: int, kind: str, file_id: str) -> dict[str, Any]:
    """A voice note or a photo from `user_id`, as Telegram sends it."""
    media: Any = ({"file_id": file_id, "file_unique_id": file_id, "duration": 4}
                  if kind == "voice" else
                  [{"file_id": file_id, "file_unique_id": file_id, "width": 90, "height": 90}])
    return {"update_id": next(_ids), "message": {
        "message_id": next(_ids), "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Test"},
        kind: media,
    }}


async def start_bid(harness, user_id: int, round_id: int) -> list:
    await harness.tap(user_id, MenuCb(item=MenuItem.BID).pack())
    return await harness.tap(user_id, tap_data(BidAction.START, round_=round_id))


async def latest_bid(session_maker, user_id: int) -> Bid:
    async with session_maker() as session:
        return await session.scalar(select(Bid).where(Bid.owner_telegram_id == user_id)
                                    .order_by(Bid.id.desc()).limit(1))


async def area_id(session_maker, round_id: int, code: str) -> int:
    from models.round import Area

    async with session_maker() as session:
        return await session.scalar(select(Area.id).where(Area.round_id == round_id,
                                                          Area.code == code))


async def write_bid(harness, session_maker, user_id: int, round_id: int, *,
                    area: str = "SPK", answers: dict[str, str] | None = None) -> list:
    """Start a bid and answer every question; returns what the last answer brought (the summary)."""
    answers = ANSWERS | (answers or {})
    await start_bid(harness, user_id, round_id)
    for key in ("group", "title", "description", "benefits", "amount"):
        sent = await harness.send(user_id, answers[key])
    bid = await latest_bid(session_maker, user_id)
    chosen = await area_id(session_maker, round_id, area)
    await harness.tap(user_id, tap_data(BidAction.AREA, bid=bid.id, value=str(chosen)))
    sent = await harness.send(user_id, answers["contact"])
    return sent


async def submit(harness, session_maker, user_id: int) -> list:
    bid = await latest_bid(session_maker, user_id)
    return await harness.tap(user_id, tap_data(BidAction.SUBMIT, bid=bid.id))


def last_text(sent: list) -> str:
    return texts(sent)[-1]


def shown_buttons(sent: list) -> list[tuple[str, str]]:
    """The buttons under the last message that has any."""
    with_buttons = [buttons(r) for r in sent if buttons(r)]
    return with_buttons[-1] if with_buttons else []


GROUP, WELSH_GROUP, RESIDENT = 6101, 6102, 6103


def review(action: ReviewAction, bid: Bid | None = None, *, round_id: int = 0,
           rev: int | None = None) -> str:
    return ReviewCb(action=action, round=bid.round_id if bid else round_id,
                    bid=bid.id if bid else 0,
                    rev=bid.revision if bid and rev is None else (rev or 0)).pack()


async def sent_bids(harness, session_maker) -> tuple[int, Bid, Bid]:
    """One English and one Welsh group, each with a bid sent; the organiser has joined."""
    round_id = await make_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.EN)
    await join(harness, GROUP, Locale.EN)
    await join(harness, WELSH_GROUP, Locale.CY)
    await write_bid(harness, session_maker, GROUP, round_id)
    await submit(harness, session_maker, GROUP)
    await write_bid(harness, session_maker, WELSH_GROUP, round_id, area="GAR",
                    answers={"title": "Gardd <gymunedol>", "amount": "£600"})
    await submit(harness, session_maker, WELSH_GROUP)
    return (round_id, await latest_bid(session_maker, GROUP),
            await latest_bid(session_maker, WELSH_GROUP))
