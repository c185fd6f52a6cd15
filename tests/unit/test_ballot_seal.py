"""Ballot secrecy against the operator who holds the database, the settings and the logs.

The attack, as such an operator would make it: take every Telegram id the bot knows (and any
known from elsewhere), every secret in the settings and every salt in the database, work out
every key the bot could have stored for that person, and look for them in the ballot tables.
While voting is open it finds people's ballots (the bot must, to let them change a vote:
docs/privacy.md says so); once voting closes it must find none, and after /forget none of
that person's, at once. Totals must never change.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from contextlib import asynccontextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, inspect, select, text, update
from sqlalchemy.exc import IntegrityError

from bot.cli.migrate import migrate
from models.ballot import (
    Ballot,
    BallotBox,
    BallotEntry,
    RollEntry,
    ballot_key,
    cast_ballot,
    check_receipt,
    export_voter,
    forget_voter,
    roll_key,
    round_ballots,
    seal_round,
    turnout,
    votable_bids,
    voter_key,
)
from models.base import utcnow
from models.bid import Bid
from models.db import create_engine, create_session_maker
from models.round import Area, Round, RoundStatus
from models.round_steps import reopen_voting
from models.user import User
from models.voting import apply_voting_windows, close_voting, count_round, publish_results
from tests.support.databases import SQLITE_ONLY
from tests.support.factories import SECRET, voting_round
from tests.support.secrecy import PEOPLE, attack


async def cast(session_maker, round_id: int, telegram_id: int, scores, **options):
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        bids = [bid.id for bid in await votable_bids(session, round_id)]
        return await cast_ballot(session, round_, telegram_id, dict(zip(bids, scores, strict=True)),
                                 secret=SECRET, **options)


async def close(session_maker, round_id: int) -> bool:
    async with session_maker.begin() as session:
        return await close_voting(session, await session.get(Round, round_id))


async def forget(session_maker, telegram_id: int) -> None:
    """What /forget does to the ballot tables and the account (the rest is models/personal_data)."""
    async with session_maker.begin() as session:
        await forget_voter(session, telegram_id, secret=SECRET)
        await session.execute(delete(User).where(User.telegram_id == telegram_id))


async def join(session_maker, telegram_id: int) -> None:
    async with session_maker.begin() as session:
        if await session.scalar(select(User.id).where(User.telegram_id == telegram_id)) is None:
            session.add(User(telegram_id=telegram_id, locale="en"))


async def test_after_close_the_attack_with_database_and_settings_finds_no_ballot(session_maker):
    round_id, _ = await voting_round(session_maker)
    for n, person in enumerate(PEOPLE):
        await join(session_maker, person)
        assert (await cast(session_maker, round_id, person, [n % 5 + 1, 2, 3])).ok
    # While voting is open the bot can find each ballot (to let its voter change it), and so
    # can whoever holds the database and the secret: the attack is real.
    assert set(await attack(session_maker, round_id)) == set(PEOPLE)
    async with session_maker() as session:
        before = sorted(map(sorted, (b.items() for b in await round_ballots(session, round_id))))

    assert await close(session_maker, round_id)

    assert await attack(session_maker, round_id) == {}
    async with session_maker() as session:
        after = sorted(map(sorted, (b.items() for b in await round_ballots(session, round_id))))
        ballots = list(await session.scalars(select(Ballot).where(Ballot.round_id == round_id)))
        box = await session.get(BallotBox, round_id)
        columns = await session.run_sync(lambda s: {
            c["name"] for c in inspect(s.connection()).get_columns("ballots")})
        assert await turnout(session, round_id) == len(PEOPLE)
    assert after == before  # the same votes count
    assert all(b.voter_key is None and b.age_band is None for b in ballots)
    assert box.salt is None and box.sealed_at is not None
    # No time, no receipt, nothing else to match against the roll.
    assert columns == {"id", "round_id", "voter_key", "age_band"}


async def test_voting_opened_again_after_the_seal_keeps_one_vote_per_person(session_maker):
    """An organiser may re-open voting until the results are out: earlier voters stay on the
    roll and their sealed votes count, but nothing leads back to them, so they are told their
    vote is sealed instead of getting a second one; newcomers vote as usual."""
    round_id, _ = await voting_round(session_maker)
    early, late = PEOPLE[:2]
    for person in (early, late):
        await join(session_maker, person)
    assert (await cast(session_maker, round_id, early, [5, 4, 3])).ok
    assert await close(session_maker, round_id)
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        assert await reopen_voting(session, round_, utcnow())

    again = await cast(session_maker, round_id, early, [1, 1, 1])
    assert again.problems == ["sealed-vote"]
    assert (await cast(session_maker, round_id, late, [2, 2, 2])).ok
    async with session_maker() as session:
        counted = sorted(sorted(b.values()) for b in await round_ballots(session, round_id))
        assert counted == [[2, 2, 2], [3, 4, 5]]
        assert await turnout(session, round_id) == 2
    assert set(await attack(session_maker, round_id)) == {late}  # open again: only the new link
    assert await close(session_maker, round_id)
    assert await attack(session_maker, round_id) == {}


async def test_the_seal_writes_ballots_again_in_a_random_order_with_fresh_ids(session_maker):
    round_id, _ = await voting_round(session_maker)
    scores = [[1, 1, 1], [2, 2, 2], [3, 3, 3], [4, 4, 4], [5, 5, 5]]
    for person, ballot in zip(PEOPLE, scores, strict=True):
        assert (await cast(session_maker, round_id, person, ballot)).ok
    async with session_maker() as session:
        old_ids = set(await session.scalars(select(Ballot.id).where(Ballot.round_id == round_id)))
    async with session_maker.begin() as session:
        # The seal's own source of randomness is the system's; this one makes the test exact.
        assert await seal_round(session, round_id, rng=random.Random(3)) == 5
    async with session_maker() as session:
        rows = list(await session.scalars(
            select(Ballot).where(Ballot.round_id == round_id).order_by(Ballot.id)))
        order = [(await session.scalars(select(BallotEntry.value).where(
            BallotEntry.ballot_id == row.id))).first() for row in rows]
    assert not old_ids & {row.id for row in rows}  # no id survives to line up with the roll
    expected = [1, 2, 3, 4, 5]
    random.Random(3).shuffle(expected)
    assert order == expected != [1, 2, 3, 4, 5]  # the order people voted in is gone
    async with session_maker.begin() as session:
        assert await seal_round(session, round_id) == 0  # sealed once; nothing moves again


async def test_age_bands_leave_the_ballots_at_the_seal_and_are_kept_as_counts(session_maker):
    round_id, _ = await voting_round(session_maker, age_band_required=True)
    for person, band in zip(PEOPLE, ["16-17", "25-64", "25-64", "65+", "25-64"], strict=True):
        assert (await cast(session_maker, round_id, person, [3, 3, 3], age_band=band)).ok
    assert await close(session_maker, round_id)
    async with session_maker() as session:
        bands = set(await session.scalars(select(Ballot.age_band).where(
            Ballot.round_id == round_id)))
        box = await session.get(BallotBox, round_id)
    # The only 16-17 voter's ballot can no longer be picked out by the band.
    assert bands == {None}
    assert box.age_bands == {"16-17": 1, "25-64": 3, "65+": 1}


async def test_forget_while_voting_is_open_cuts_the_link_at_once_and_the_vote_counts(
        session_maker):
    round_id, _ = await voting_round(session_maker)
    leaver, stayer = PEOPLE[0], PEOPLE[1]
    for person in (leaver, stayer):
        await join(session_maker, person)
    first = await cast(session_maker, round_id, leaver, [5, 4, 3])
    assert first.ok and (await cast(session_maker, round_id, stayer, [1, 1, 1])).ok

    await forget(session_maker, leaver)

    found = await attack(session_maker, round_id)
    assert leaver not in found  # even though the attacker knows their id and every secret
    assert stayer in found  # voting is still open: the stayer's link stands, as it must
    async with session_maker() as session:
        counted = sorted(sorted(b.values()) for b in await round_ballots(session, round_id))
        assert counted == [[1, 1, 1], [3, 4, 5]]
        assert await turnout(session, round_id) == 2
        assert [r.id for r in await check_receipt(session, first.receipt)] == [round_id]
    # Coming back does not give a second vote, nor a way back to the first.
    await join(session_maker, leaver)
    again = await cast(session_maker, round_id, leaver, [1, 2, 3])
    assert again.problems == ["forgotten-vote"]
    async with session_maker() as session:  # /mydata, should they ask, says they voted
        assert await export_voter(session, leaver, secret=SECRET) == [
            {"round": round_id, "receipt": first.receipt}]
    assert await close(session_maker, round_id)
    async with session_maker() as session:
        roll = list(await session.scalars(select(RollEntry).where(RollEntry.round_id == round_id)))
    # After the seal the leaver is not even on the roll under their key any more.
    assert roll_key(voter_key(SECRET, leaver)) not in {entry.roll_key for entry in roll}
    async with session_maker() as session:
        assert await export_voter(session, leaver, secret=SECRET) == []
    assert roll_key(voter_key(SECRET, stayer)) in {entry.roll_key for entry in roll}


async def test_one_ballot_per_person_is_a_database_rule_while_voting_is_open(session_maker):
    round_id, _ = await voting_round(session_maker)
    person = voter_key(SECRET, PEOPLE[0])
    async with session_maker.begin() as session:
        salt = (await session.scalars(select(BallotBox.salt))).first()
        assert salt is None  # no ballot yet
    assert (await cast(session_maker, round_id, PEOPLE[0], [1, 2, 3])).ok
    async with session_maker() as session:
        salt = await session.scalar(select(BallotBox.salt).where(BallotBox.round_id == round_id))
    for row in (RollEntry(round_id=round_id, roll_key=roll_key(person), receipt="AAA-AAA"),
                Ballot(round_id=round_id, voter_key=ballot_key(salt, person))):
        try:
            async with session_maker.begin() as session:
                session.add(row)
        except IntegrityError:
            continue
        raise AssertionError(f"a second {type(row).__name__} was accepted")


# --- Any sequence of vote / change / forget / close / publish --------------------------------

actions = st.lists(st.one_of(
    st.tuples(st.just("vote"), st.sampled_from(PEOPLE),
              st.lists(st.integers(1, 5), min_size=3, max_size=3)),
    st.tuples(st.just("forget"), st.sampled_from(PEOPLE)),
    st.tuples(st.just("close")),
    st.tuples(st.just("publish")),
), max_size=14)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=actions)
async def test_totals_always_equal_the_ballots_cast_and_the_seal_leaves_no_link(
        session_maker, steps):
    round_id, _ = await voting_round(session_maker)
    linked: dict[int, list[int]] = {}  # person -> their ballot, while they can change it
    cut_loose: list[list[int]] = []  # ballots of people who used /forget: counted, unlinked
    voted: set[int] = set()
    status = RoundStatus.VOTING
    for step in steps:
        if step[0] == "vote":
            _, person, scores = step
            await join(session_maker, person)
            result = await cast(session_maker, round_id, person, scores)
            if status != RoundStatus.VOTING:
                assert result.problems == ["voting-closed"]
            elif person in voted and person not in linked:
                assert result.problems == ["forgotten-vote"]
            else:
                assert result.ok and result.replaced == (person in linked)
                linked[person] = sorted(scores)
                voted.add(person)
        elif step[0] == "forget":
            await forget(session_maker, step[1])
            if step[1] in linked:
                cut_loose.append(linked.pop(step[1]))
        elif step[0] == "close":
            assert await close(session_maker, round_id) == (status == RoundStatus.VOTING)
            if status == RoundStatus.VOTING:
                status = RoundStatus.COUNTING
        else:
            async with session_maker.begin() as session:
                counts = await publish_results(session, await session.get(Round, round_id))
            assert (counts is not None) == (status != RoundStatus.RESULTS)
            status = RoundStatus.RESULTS

        expected = Counter(map(tuple, [*linked.values(), *cut_loose]))
        async with session_maker() as session:
            counted = Counter(tuple(sorted(b.values()))
                              for b in await round_ballots(session, round_id))
            assert counted == expected
            assert await turnout(session, round_id) == len(voted) == sum(expected.values())
            if status == RoundStatus.RESULTS:
                round_ = await session.get(Round, round_id)
                votes = sum(len(c.election.votes) for c in await count_round(session, round_))
                assert votes == len(voted)
        found = await attack(session_maker, round_id)
        if status == RoundStatus.VOTING:
            assert set(found) == set(linked)  # only people who still may change their vote
        else:
            assert found == {}
    async with session_maker.begin() as session:  # the next example starts from no accounts
        await session.execute(delete(User).where(User.telegram_id.in_(PEOPLE)))


@SQLITE_ONLY
async def test_no_page_of_the_sqlite_file_keeps_a_key_after_the_seal_or_forget(engine,
                                                                               session_maker,
                                                                               tmp_path):
    """Deleted rows must not stay readable in the file: SQLite builds differ in whether they
    overwrite deleted content, so the bot asks for it (`secure_delete`)."""
    round_id, _ = await voting_round(session_maker)
    for person in PEOPLE:
        assert (await cast(session_maker, round_id, person, [2, 3, 4])).ok
    async with session_maker() as session:
        keys = [key.encode() for key in await session.scalars(select(Ballot.voter_key))]
    await forget(session_maker, PEOPLE[0])
    async with session_maker() as session:
        keys += [key.encode() for key in await session.scalars(select(Ballot.voter_key))]
    assert await close(session_maker, round_id)
    async with engine.connect() as connection:  # what a copy of the file would hold
        await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    await engine.dispose()  # every connection closed, as when the file is copied off the disk
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("pbchat-test.db*"))
    assert len(set(keys)) == len(PEOPLE) + 1 and not [key for key in keys if key in stored]


@asynccontextmanager
async def columns_added_since(engine, *models):
    """The factories write today's model, which has columns an old schema lacks (a round's
    update schedule, ...). Add them, nullable, while the old rows are made, then drop them, so
    the upgrade meets exactly the schema its migrations expect."""
    added = []
    async with engine.begin() as connection:
        for model in models:
            table = model.__table__
            have = await connection.run_sync(
                lambda sync, name=table.name: {c["name"] for c in inspect(sync).get_columns(name)})
            for column in table.columns:
                if column.name not in have:
                    kind = column.type.compile(dialect=connection.dialect)
                    await connection.execute(text(
                        f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}"))
                    added.append((table.name, column.name))
    yield
    async with engine.begin() as connection:
        for table_name, column_name in added:
            await connection.execute(text(f"ALTER TABLE {table_name} DROP COLUMN {column_name}"))


async def test_the_upgrade_keeps_every_vote_its_receipt_and_the_way_to_change_it(
        empty_database_url):
    """Ballots cast before this design: an open round's voters can still change their vote,
    a closed round's box is sealed by the next check of the voting windows."""
    engine = create_engine(empty_database_url)
    session_maker = create_session_maker(engine)
    try:
        await migrate(engine, "0013_rounds_version")
        async with columns_added_since(engine, Round, Area, Bid):
            open_round, bids = await voting_round(session_maker)
            closed_round, closed_bids = await voting_round(session_maker)
        old = {(open_round, PEOPLE[0]): "AAA-AAA", (open_round, PEOPLE[1]): "CCC-CCC",
               (closed_round, PEOPLE[0]): "DDD-DDD"}
        async with session_maker.begin() as session:
            await session.execute(update(Round).where(Round.id == closed_round)
                                  .values(status=RoundStatus.COUNTING.value))
            for n, ((round_id, person), receipt) in enumerate(old.items()):
                await session.execute(text(
                    "INSERT INTO ballots (id, round_id, voter_key, receipt, created_at, "
                    "updated_at) VALUES (:id, :round, :key, :receipt, :now, :now)"),
                    {"id": n + 1, "round": round_id, "key": voter_key(SECRET, person),
                     "receipt": receipt, "now": utcnow()})
                chosen = bids if round_id == open_round else closed_bids
                for bid in chosen[:3]:
                    await session.execute(text(
                        "INSERT INTO ballot_entries (ballot_id, bid_id, value) "
                        "VALUES (:ballot, :bid, :value)"),
                        {"ballot": n + 1, "bid": bid, "value": n + 1})
        await migrate(engine)

        async with session_maker() as session:
            assert await turnout(session, open_round) == 2
            assert [r.id for r in await check_receipt(session, "CCC-CCC")] == [open_round]
            found = await session.execute(select(RollEntry.round_id, RollEntry.receipt))
            assert {(r, receipt) for r, receipt in found} == {
                (r, receipt) for (r, _), receipt in old.items()}
        changed = await cast(session_maker, open_round, PEOPLE[1], [5, 5, 5])
        assert changed.ok and changed.replaced and changed.receipt == "CCC-CCC"
        async with session_maker.begin() as session:
            await apply_voting_windows(session, utcnow())
        async with session_maker() as session:
            assert sorted(sorted(b.values()) for b in await round_ballots(
                session, open_round)) == [[1, 1, 1], [5, 5, 5]]
            assert await round_ballots(session, closed_round) == [
                dict.fromkeys(closed_bids[:3], 3)]
        assert await attack(session_maker, closed_round) == {}
        assert set(await attack(session_maker, open_round)) == {PEOPLE[0], PEOPLE[1]}
    finally:
        await engine.dispose()


async def test_first_voters_at_the_same_moment_share_one_box_and_one_salt(session_maker):
    round_id, _ = await voting_round(session_maker)
    results = await asyncio.gather(*(cast(session_maker, round_id, person, [1, 2, 3])
                                     for person in PEOPLE))
    assert all(result.ok for result in results)
    async with session_maker() as session:
        assert len(list(await session.scalars(select(BallotBox)))) == 1
        assert await turnout(session, round_id) == len(PEOPLE)
    # Each can still find (and change) their own ballot: all were keyed under that one salt.
    again = await asyncio.gather(*(cast(session_maker, round_id, person, [3, 2, 1])
                                   for person in PEOPLE))
    assert all(result.ok and result.replaced for result in again)


async def test_two_processes_sealing_at_once_keep_every_ballot_once(session_maker):
    round_id, _ = await voting_round(session_maker)
    for n, person in enumerate(PEOPLE):
        assert (await cast(session_maker, round_id, person, [n + 1, 1, 1])).ok
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(status=RoundStatus.COUNTING.value))

    async def seal() -> int:
        async with session_maker.begin() as session:
            return await seal_round(session, round_id)

    sealed = await asyncio.gather(seal(), seal(), forget(session_maker, PEOPLE[0]))
    assert sorted(sealed[:2]) == [0, len(PEOPLE)]
    async with session_maker() as session:
        assert sorted(sorted(b.values()) for b in await round_ballots(session, round_id)) == [
            [1, 1, n + 1] for n in range(len(PEOPLE))]


async def test_a_vote_confirmed_as_voting_closed_is_sealed_by_the_next_check(session_maker):
    round_id, _ = await voting_round(session_maker)
    assert (await cast(session_maker, round_id, PEOPLE[0], [1, 2, 3])).ok
    assert await close(session_maker, round_id)
    async with session_maker.begin() as session:  # as if its transaction committed just after
        late = Ballot(round_id=round_id, voter_key="e" * 64, age_band="65+")
        session.add(late)
        await session.flush()
        session.add(BallotEntry(ballot_id=late.id, bid_id=(await votable_bids(
            session, round_id))[0].id, value=4))
    async with session_maker.begin() as session:
        await apply_voting_windows(session, utcnow())
    async with session_maker() as session:
        rows = list(await session.scalars(select(Ballot).where(Ballot.round_id == round_id)))
        box = await session.get(BallotBox, round_id)
    assert len(rows) == 2 and all(r.voter_key is None and r.age_band is None for r in rows)
    assert box.age_bands == {"65+": 1}
