"""The ballot secrecy attack: everything an operator holding the database and the settings can
try, to link a person to their ballot."""

from __future__ import annotations

from sqlalchemy import select

from models.ballot import Ballot, BallotBox, BallotEntry, ballot_key, roll_key, voter_key
from models.user import User
from tests.support.factories import SECRET

TOKEN_SECRET = b"123456789:AAH-test-token"  # what else an operator finds in the settings
PEOPLE = (710_001, 710_002, 710_003, 710_004, 710_005)


async def attack(session_maker, round_id: int, people=PEOPLE,
                 secrets=(SECRET, TOKEN_SECRET)) -> dict[int, set[int]]:
    """{Telegram id: ids of the round's ballots that any key of theirs finds}."""
    async with session_maker() as session:
        people = set(people) | set(await session.scalars(select(User.telegram_id)))
        salts = [salt for salt in await session.scalars(select(BallotBox.salt)) if salt]
        ballots = [dict(row) for row in (await session.execute(
            select(Ballot.__table__).where(Ballot.round_id == round_id))).mappings()]
        entries = [dict(row) for row in (await session.execute(
            select(BallotEntry.__table__).join(Ballot).where(Ballot.round_id == round_id)
        )).mappings()]
    found: dict[int, set[int]] = {}
    for telegram_id in people:
        keys = {str(telegram_id)}
        for secret in secrets:
            voter = voter_key(secret, telegram_id)
            keys |= {voter, roll_key(voter), *(ballot_key(salt, voter) for salt in salts)}
        hits = {row["id"] for row in ballots if keys & {str(v) for v in row.values()}}
        hits |= {row["ballot_id"] for row in entries if keys & {str(v) for v in row.values()}}
        if hits:
            found[telegram_id] = hits
    return found
