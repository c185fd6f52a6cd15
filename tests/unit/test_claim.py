"""The claim that opens an update on PostgreSQL (models/processed_update.py): one statement
waits for the person's turn, claims the update id, and reads the person's row and the round
cache's version as they are once the turn has come."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import inspect, select

from models.base import utcnow
from models.processed_update import claim_update_in_turn
from models.user import User, find_user, get_or_create_user

postgresql_only = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
PERSON = 710_001


async def make_user(session_maker, **fields) -> None:
    async with session_maker.begin() as session:
        session.add(User(telegram_id=PERSON, created_at=utcnow() - timedelta(days=3), **fields))


@postgresql_only
async def test_the_claim_brings_the_persons_row_as_a_query_would(session_maker):
    seen = utcnow() - timedelta(hours=2)
    await make_user(session_maker, locale="cy", privacy_seen_at=seen)
    async with session_maker() as session:
        loaded = await find_user(session, PERSON)
        expected = {c.key: getattr(loaded, c.key) for c in User.__table__.columns}
    async with session_maker() as session:
        claimed = await claim_update_in_turn(session, 8_100_001, PERSON)
        user = claimed.user
        assert {c.key: getattr(user, c.key) for c in User.__table__.columns} == expected
        assert user.privacy_seen_at == seen and user.privacy_seen_at.utcoffset() == timedelta(0)
        assert inspect(user).persistent  # the session's own: no second query for it
        assert await find_user(session, PERSON) is user
        assert await get_or_create_user(session, PERSON, claimed.user) is user
        user.locale = "en"  # and its changes are written like a loaded row's
        await session.commit()
    async with session_maker() as session:
        assert (await find_user(session, PERSON)).locale == "en"


@postgresql_only
async def test_someone_new_is_not_in_the_claim_and_is_created(session_maker):
    async with session_maker() as session:
        claimed = await claim_update_in_turn(session, 8_100_002, PERSON)
        assert claimed is not None and claimed.user is None
        user = await get_or_create_user(session, PERSON, claimed.user)
        await session.commit()
    async with session_maker() as session:
        assert (await session.scalar(select(User.id).where(User.telegram_id == PERSON))
                == user.id)


@postgresql_only
async def test_the_row_is_read_once_the_turn_has_come(session_maker):
    """The person's previous update changes their language and commits while the next one
    waits for the turn: the next one sees the new language."""
    await make_user(session_maker, locale="en")
    async with session_maker() as first:
        claimed = await claim_update_in_turn(first, 8_100_003, PERSON)
        claimed.user.locale = "cy"

        async def second_claim():
            async with session_maker() as second:
                return (await claim_update_in_turn(second, 8_100_004, PERSON)).user.locale

        waiting = asyncio.create_task(second_claim())
        await asyncio.sleep(0.3)
        assert not waiting.done()
        await first.commit()
    assert await asyncio.wait_for(waiting, 5) == "cy"


@postgresql_only
async def test_a_redelivered_update_is_not_claimed_twice(session_maker):
    await make_user(session_maker)
    async with session_maker.begin() as session:
        assert await claim_update_in_turn(session, 8_100_005, PERSON) is not None
    async with session_maker.begin() as session:
        assert await claim_update_in_turn(session, 8_100_005, PERSON) is None
