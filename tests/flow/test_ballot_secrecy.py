"""Ballot secrecy: after someone votes in the chat, no export, organiser screen, audit row, log
line or stored row links their ballot to them (issue #8); once voting closes not even the
operator holding the database and every secret can, and /forget cuts the link at once
(issue #15; the model-level proofs are in tests/unit/test_ballot_seal.py)."""

from __future__ import annotations

import logging
import re

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import inspect, select, text

from bot.ui.callbacks import EventAction, EventCb, ForgetCb, LanguageCb, Locale
from bot.ui.callbacks.bids import ReviewAction, ReviewCb
from bot.ui.callbacks.organiser import ConfirmCb, Say, Step
from bot.ui.callbacks.results import ResultsAdminAction, ResultsAdminCb
from bot.ui.callbacks.vote import VoteAction, VoteCb, VotingAdminAction, VotingAdminCb
from models.ballot import Ballot, RollEntry, roll_key, round_ballots, voter_key
from models.bid import Bid
from tests.conftest import ORGANISER_ID
from tests.support.ballot_screen import vote_in_chat
from tests.support.event_fixtures import make_event
from tests.support.factories import join, rows_mentioning, voting_round
from tests.support.flow import callback_update, message_update, tap_and_confirm, texts
from tests.support.secrecy import attack

VOTER = 960_001


def vote(action: VoteAction, round_id: int, bid: int = 0, value: int = 0) -> str:
    return VoteCb(action=action, round=round_id, bid=bid, value=value).pack()


def everything_sent(requests) -> str:
    """Texts, captions and the contents of every file, as one string to search."""
    parts = texts(requests)
    for request in requests:
        if isinstance(request, SendDocument):
            parts.append(request.document.data.decode("utf-8", "replace"))
    return "\n".join(parts)


async def all_rows(session_maker) -> dict[str, list[str]]:
    async with session_maker() as session:
        names = await session.run_sync(lambda s: inspect(s.connection()).get_table_names())
        return {name: [repr(tuple(row)) for row in
                       await session.execute(text(f'SELECT * FROM "{name}"'))]
                for name in names}


async def test_no_export_screen_audit_row_log_line_or_row_links_a_ballot_to_its_voter(
        harness, session_maker, caplog):
    caplog.set_level(logging.INFO)  # LOG_LEVEL default; DEBUG is driver chatter
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    confirmed = (await vote_in_chat(harness, VOTER, round_id, {a: 5, b: 2, c: 4})).text
    receipt = re.search(r"Receipt: <b>([A-Z0-9-]{7})</b>", confirmed).group(1)
    async with session_maker() as session:
        ballot = (await session.scalars(select(Ballot))).one()
        entry = (await session.scalars(select(RollEntry))).one()
    assert entry.receipt == receipt and entry.roll_key == roll_key(voter_key(
        harness.settings.ballot_key, VOTER))
    key = ballot.voter_key  # the things to look for: the ballot's key, the roll's, the receipt

    organiser_saw = []
    for data in (VotingAdminCb(action=VotingAdminAction.TURNOUT, round=round_id).pack(),
                 ReviewCb(action=ReviewAction.CSV, round=round_id).pack(),
                 VotingAdminCb(action=VotingAdminAction.PUBLISH, round=round_id).pack(),
                 ConfirmCb(step=Step.PUBLISH, round=round_id, say=Say.YES,
                           status="voting", seen=1).pack(),
                 ResultsAdminCb(action=ResultsAdminAction.PB, round=round_id).pack()):
        organiser_saw += await harness.tap(ORGANISER_ID, data)
    organiser_saw += await harness.send(ORGANISER_ID, "/audit")
    shown = everything_sent(organiser_saw)
    assert "Ballots so far: 1" in shown and ".pb" in repr(organiser_saw)  # they did run
    exports = [r for r in organiser_saw if isinstance(r, SendDocument)]
    assert len(exports) == 2  # the bids CSV and the area's Pabulib file
    for trace in (str(VOTER), key, entry.roll_key, receipt):
        assert trace not in shown

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged  # the bot did log while all this happened
    for trace in (str(VOTER), key, entry.roll_key, receipt):
        assert trace not in logged

    # In the database, the voter's id sits only with their account, never next to the ballot:
    # not in the ballot tables, the audit log, or a conversation step still holding choices.
    rows = await all_rows(session_maker)
    holding_id = {name for name, values in rows.items()
                  if any(str(VOTER) in value for value in values)}
    assert "users" in holding_id
    assert not holding_id & {"ballots", "ballot_entries", "voting_roll", "audit_log"}
    # "Results are out" goes to everyone who started the bot, voter or not; a step of a
    # conversation is the person's own. Neither holds the ballot.
    for value in rows["outbox"] + rows["conversation_states"]:
        if str(VOTER) in value:
            assert receipt not in value and key not in value
            # Choices in progress are kept as {"<bid id>": score}: gone once confirmed.
            assert not any(f'"{bid}": {score}' in value for bid, score in ((a, 5), (b, 2), (c, 4)))


PERSON = 960_002
NAME, USERNAME, CONTACT = "Samantha", "sam_of_speke", "sam@example.org"


def from_person(update: dict) -> dict:
    """Telegram sends the person's name and username with every update."""
    body = update.get("message") or update["callback_query"]
    body["from"] |= {"first_name": NAME, "last_name": "Jones", "username": USERNAME}
    return update


async def test_after_forget_no_row_holds_the_id_name_or_username_and_the_vote_still_counts(
        harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    event_id = await make_event(session_maker, ask_first_name=True, round_id=round_id)
    async with session_maker.begin() as session:
        session.add(Bid(round_id=round_id, owner_telegram_id=PERSON, status="submitted",
                        title="Benches", group_name="Friends of the Park", contact=CONTACT,
                        amount_pence=300_00))
    await harness.feed(from_person(message_update(PERSON, "/start")))
    await harness.feed(from_person(callback_update(PERSON, LanguageCb(locale=Locale.EN).pack())))
    await harness.feed(from_person(callback_update(
        PERSON, EventCb(action=EventAction.REGISTER, event_id=event_id).pack())))
    await harness.feed(from_person(message_update(PERSON, NAME)))
    await vote_in_chat(harness, PERSON, round_id, {}, default=3, wrap=from_person)
    for trace in (PERSON, NAME, CONTACT):
        assert await rows_mentioning(session_maker, trace), trace  # all stored somewhere

    await harness.feed(from_person(message_update(PERSON, "/forget")))
    sent = await harness.feed(from_person(callback_update(PERSON, ForgetCb(confirm=True).pack())))
    assert texts(sent)[0].startswith("Done: your data has been erased.")
    for trace in (PERSON, NAME, USERNAME, "Jones", CONTACT):
        assert await rows_mentioning(session_maker, trace) == [], trace
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 3, b: 3, c: 3}]


# --- The operator with the database, the settings and the logs (issue #15) -------------------


async def receipt_of_vote(harness, user_id: int, round_id: int, scores: dict[int, int]) -> str:
    """Vote through the chat; the receipt the bot gave."""
    screen = await vote_in_chat(harness, user_id, round_id, scores)
    return re.search(r"<b>([A-Z0-9]{3}-[A-Z0-9]{3})</b>", screen.text).group(1)


def operator_secrets(harness) -> tuple[bytes, ...]:
    """Every secret the settings give: the ballot key and the bot token it may come from."""
    return harness.settings.ballot_key, harness.settings.bot_token.get_secret_value().encode()


RECEIPT_SAYS = {
    Locale.EN: {"counting": "is being counted now", "results": "was counted in the results",
                "voting": "is in the ballot box", "secret": "Nobody can see what the vote said"},
    Locale.CY: {"counting": "yn cael ei chyfrif nawr", "results": "ei chyfrif yn y canlyniadau",
                "voting": "yn y blwch pleidleisio",
                "secret": "Does neb yn gallu gweld beth ddywedodd y bleidlais"},
}


async def test_once_voting_closes_no_secret_ties_a_ballot_to_anyone_and_receipts_still_answer(
        harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    people = {VOTER: Locale.EN, PERSON: Locale.CY}
    receipts = {}
    for n, (person, locale) in enumerate(people.items()):
        await join(harness, person, locale)
        receipts[person] = await receipt_of_vote(harness, person, round_id, {a: n + 1, b: 3, c: 5})
    await join(harness, ORGANISER_ID, Locale.EN)
    secrets = operator_secrets(harness)
    # While voting is open, the database and the secret do find each ballot: the attack is real.
    assert set(await attack(session_maker, round_id, people, secrets)) == set(people)

    await tap_and_confirm(harness, ORGANISER_ID, VotingAdminCb(action=VotingAdminAction.CLOSE,
                                                               round=round_id).pack())

    assert await attack(session_maker, round_id, people, secrets) == {}
    async with session_maker() as session:
        assert sorted(map(sorted, (b.values() for b in await round_ballots(session, round_id)))
                      ) == [[1, 3, 5], [2, 3, 5]]
    for person, locale in people.items():
        said = texts(await harness.send(person, f"/receipt {receipts[person].lower()}"))[0]
        assert RECEIPT_SAYS[locale]["counting"] in said and RECEIPT_SAYS[locale]["secret"] in said
    await tap_and_confirm(harness, ORGANISER_ID, VotingAdminCb(action=VotingAdminAction.PUBLISH,
                                                               round=round_id).pack())
    assert await attack(session_maker, round_id, people, secrets) == {}
    for person, locale in people.items():
        said = texts(await harness.send(person, f"/receipt {receipts[person]}"))[0]
        assert RECEIPT_SAYS[locale]["results"] in said
        assert "Bid " not in said and "score" not in said  # counted, and nothing of what it said
    unknown = texts(await harness.send(PERSON, "/receipt 333-333"))[0]
    assert unknown.startswith("Does dim pleidlais gyda'r dderbynneb")


@pytest.mark.parametrize("locale", [Locale.EN, Locale.CY])
async def test_forget_while_voting_is_open_cuts_the_link_at_once_and_the_vote_still_counts(
        harness, session_maker, locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, VOTER, locale)
    await join(harness, PERSON, Locale.EN)
    receipt = await receipt_of_vote(harness, VOTER, round_id, {a: 5, b: 4, c: 1})
    await receipt_of_vote(harness, PERSON, round_id, {a: 2, b: 2, c: 2})

    await harness.send(VOTER, "/forget")
    await harness.tap(VOTER, ForgetCb(confirm=True).pack())

    # The operator still knows the id (from elsewhere) and holds every secret: no ballot of
    # theirs is found, while the person who stayed can still be (voting is open).
    found = await attack(session_maker, round_id, [VOTER, PERSON], operator_secrets(harness))
    assert VOTER not in found and PERSON in found
    async with session_maker() as session:
        assert sorted(map(sorted, (b.values() for b in await round_ballots(session, round_id)))
                      ) == [[1, 4, 5], [2, 2, 2]]
    # They come back: their receipt still answers, and they cannot vote a second time.
    await join(harness, VOTER, locale)
    said = texts(await harness.send(VOTER, f"/receipt {receipt}"))[0]
    assert RECEIPT_SAYS[locale]["voting"] in said
    refused = await vote_in_chat_refused(harness, VOTER, round_id, {a: 1, b: 1, c: 1})
    assert {Locale.EN: "You voted in this round before you asked us to forget you",
            Locale.CY: "Gwnaethoch chi bleidleisio yn y rownd hon cyn gofyn i ni eich anghofio",
            }[locale] in refused
    async with session_maker() as session:
        assert len(await round_ballots(session, round_id)) == 2


async def vote_in_chat_refused(harness, user_id: int, round_id: int,
                               scores: dict[int, int]) -> str:
    """What the bot said when this person tried to vote (the ballot message and any pop-up)."""
    screen = await vote_in_chat(harness, user_id, round_id, scores)
    return " ".join([screen.text, *screen.alerts])
