"""On PostgreSQL, nothing the bot deleted or rewrote stays readable through the database.

PostgreSQL keeps an old row version (a deleted row, or a row as it was before an UPDATE) in the
table, and its index entries, until a VACUUM; autovacuum waits for 50 dead rows plus a fifth of
the table, which one /forget never reaches. A superuser can read such versions back (pageinspect
here; pg_dirtyread does the same), so the bot vacuums the tables itself once an erasure or a
seal is committed (models/db.py clean_after_delete). These tests look at every line of every
page, as the operator with superuser rights would, for the person's id, name and keyed hashes
(after /forget) and for the open ballots' keys (after the seal). What VACUUM does not do (zero
the freed bytes on the page, for someone reading the data files by hand) is in docs/privacy.md.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from bot.jobs.voting_monitor import VotingMonitor
from bot.ui.callbacks import EventAction, ForgetCb
from bot.ui.callbacks.vote import VotingAdminAction
from models.ballot import Ballot, round_ballots, voter_key
from models.base import utcnow
from models.event import Registration
from models.personal_data import erased_tables
from models.round import Round
from models.voting import SEALED_TABLES
from tests.conftest import ORGANISER_ID
from tests.support.ballot_screen import vote_in_chat
from tests.support.databases import unavailable
from tests.support.event_fixtures import EN, ev, join, make_event
from tests.support.factories import codes_for, voting_admin_cb, voting_round
from tests.support.flow import tap_and_confirm

postgresql_only = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)

PERSON = 71_234_567_893
NAME = "Angharadwen"
VOTERS = (71_234_560_001, 71_234_560_002, 71_234_560_003)


async def inspectable(engine) -> None:
    """pageinspect and pgstattuple in this test's own database (PostgreSQL's contrib)."""
    async with engine.connect() as connection:
        connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        try:
            for extension in ("pageinspect", "pgstattuple"):
                await connection.exec_driver_sql(f"CREATE EXTENSION IF NOT EXISTS {extension}")
        except DBAPIError as exc:  # a server without contrib: skip on a laptop, fail on CI
            unavailable(f"pageinspect/pgstattuple not installed: {exc}")


async def dead_rows(engine, tables) -> dict[str, int]:
    """Old row versions still in each table, counted page by page (pgstattuple reads the
    table itself, not the statistics, which lag)."""
    async with engine.connect() as connection:
        found = {table: (await connection.execute(
            text("SELECT dead_tuple_count FROM pgstattuple(:t)"), {"t": table})).scalar()
            for table in sorted(tables)}
    return {table: count for table, count in found.items() if count}


async def versions_holding(engine, tables, needles: list[bytes]) -> dict[str, int]:
    """Row versions (live or dead) and index entries, on every page of `tables` and their
    indexes, whose bytes hold any of `needles`; as pageinspect shows them to a superuser."""
    found: dict[str, int] = {}
    async with engine.connect() as connection:
        for table in sorted(tables):
            for needle in needles:
                heap = (await connection.execute(text(  # our own table names
                    f"SELECT count(*) FROM generate_series(0, pg_relation_size('{table}') / 8192"
                    f" - 1) b, heap_page_items(get_raw_page('{table}', b::int)) h"
                    " WHERE position(:n IN h.t_data) > 0"), {"n": needle})).scalar()
                if heap:
                    found[table] = found.get(table, 0) + heap
            indexes = list(await connection.scalars(text(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                " JOIN pg_am a ON a.oid = c.relam"
                f" WHERE i.indrelid = '{table}'::regclass AND a.amname = 'btree'")))
            for index in indexes:
                pages = (await connection.execute(
                    text(f"SELECT pg_relation_size('{index}') / 8192"))).scalar()
                for page in range(1, pages):  # page 0 is the metapage
                    entries = list(await connection.scalars(text(
                        f"SELECT data FROM bt_page_items('{index}', {page})")))
                    raw = [bytes.fromhex(entry.replace(" ", "")) for entry in entries if entry]
                    hits = sum(1 for entry in raw for needle in needles if needle in entry)
                    if hits:
                        found[index] = found.get(index, 0) + hits
    return found


@postgresql_only
async def test_forget_leaves_no_old_row_version_on_postgresql(harness, session_maker, engine):
    await inspectable(engine)
    secret = harness.settings.ballot_key
    await join(harness, PERSON, EN)
    event_id = await make_event(session_maker, ask_first_name=True)
    await harness.tap(PERSON, ev(EventAction.REGISTER, event_id))
    await harness.send(PERSON, NAME)
    async with session_maker() as session:
        assert await session.scalar(select(Registration.first_name)) == NAME
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    (card,) = await codes_for(session_maker, round_id, 1, secret)
    await harness.send(PERSON, f"/start v_{card}")
    await vote_in_chat(harness, PERSON, round_id, {a: 4, b: 4, c: 4})
    voter = voter_key(secret, PERSON)
    needles = [NAME.encode(), PERSON.to_bytes(8, "little"), str(PERSON).encode(),
               voter.encode()]
    tables = erased_tables()
    # Before: the person is there to find, as the operator would find them.
    assert await versions_holding(engine, tables, needles)

    await harness.send(PERSON, "/forget")
    await harness.tap(PERSON, ForgetCb(confirm=True).pack())

    assert await dead_rows(engine, tables) == {}
    assert await versions_holding(engine, tables, needles) == {}
    async with session_maker() as session:  # and the vote still counts
        assert await round_ballots(session, round_id) == [{a: 4, b: 4, c: 4}]


@postgresql_only
@pytest.mark.parametrize("closed_by", ["organiser", "window"])
async def test_the_seal_leaves_no_keyed_ballot_on_postgresql(harness, session_maker, engine,
                                                             closed_by):
    await inspectable(engine)
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    for score, voter in enumerate(VOTERS, start=1):
        await join(harness, voter, EN)
        await vote_in_chat(harness, voter, round_id, {a: score, b: score, c: score})
    async with session_maker() as session:
        keys = [key.encode() for key in await session.scalars(select(Ballot.voter_key))]
    assert len(keys) == 3
    assert await versions_holding(engine, SEALED_TABLES, keys)

    if closed_by == "organiser":
        await join(harness, ORGANISER_ID, EN)
        await tap_and_confirm(harness, ORGANISER_ID,
                              voting_admin_cb(VotingAdminAction.CLOSE, round_id))
    else:
        async with session_maker.begin() as session:
            (await session.get(Round, round_id)).voting_closes = utcnow()
        monitor = VotingMonitor(session_maker, harness.dp["notifier"],
                                organiser_ids=frozenset())
        assert (await monitor.tick())[1] == [round_id]

    assert await dead_rows(engine, SEALED_TABLES) == {}
    assert await versions_holding(engine, SEALED_TABLES, keys) == {}
    async with session_maker() as session:
        assert sorted(map(sorted, (ballot.values() for ballot in
                                   await round_ballots(session, round_id)))) == [
            [1, 1, 1], [2, 2, 2], [3, 3, 3]]
