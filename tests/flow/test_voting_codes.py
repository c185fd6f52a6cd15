"""Voting-code cards: printed by organisers, claimed once, kind to everyone else."""

from __future__ import annotations

import asyncio

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import inspect, select, text

from bot.ui.callbacks import ForgetCb, Locale
from bot.ui.callbacks.vote import VoteAction, VotingAccessAction, VotingAccessCb
from bot.ui.voting_cards import cards_pdf, code_link
from models.ballot import cast_ballot, round_ballots, voter_key
from models.round import Eligibility, Round
from models.voting_code import (
    Claim,
    VotingCode,
    claim_code,
    claimant_key,
    code_counts,
    code_hash,
    holds_code,
    normalise,
    spaced,
)
from tests.conftest import ORGANISER_ID
from tests.support.ballot_screen import start, vote_in_chat
from tests.support.factories import CARD_ACCEPTED, codes_for, join, voting_round
from tests.support.factories import vote_cb as cb
from tests.support.flow import buttons, texts

SECRET = b"test-ballot-secret"
FIRST, SECOND = 760_001, 760_002
USED = {
    Locale.EN: "This voting card has already been used. Each card gives one vote",
    Locale.CY: "Mae'r cerdyn pleidleisio hwn wedi'i ddefnyddio'n barod.",
}
UNKNOWN = {
    Locale.EN: "We don't recognise this voting code.",
    Locale.CY: "Dydyn ni ddim yn adnabod y cod pleidleisio hwn.",
}
BOTH = [Locale.EN, Locale.CY]


async def claim(session_maker, code: str, person: int, secret: bytes = SECRET):
    async with session_maker.begin() as session:
        return await claim_code(session, code, person, secret=secret)


def test_codes_are_typed_forgivingly_and_kept_only_as_keyed_hashes():
    assert normalise(" 7kq9x-4mrta ") == "7KQ9X4MRTA"
    assert spaced("7KQ9X4MRTA") == "7KQ9X-4MRTA"
    assert code_hash(SECRET, "7kq9x-4mrta") == code_hash(SECRET, "7KQ9X4MRTA")
    assert code_hash(SECRET, "7KQ9X4MRTA") != code_hash(b"other", "7KQ9X4MRTA")
    # The claim is not the ballot's key: the two tables cannot be joined without the secret.
    assert claimant_key(SECRET, 1, FIRST) != voter_key(SECRET, FIRST)
    assert code_link("pbchat_bot", "7KQ9X4MRTA") == "https://t.me/pbchat_bot?start=v_7KQ9X4MRTA"


async def test_a_code_is_claimed_once(session_maker):
    round_id, _ = await voting_round(session_maker)
    first, second = await codes_for(session_maker, round_id, 2, SECRET)
    assert (await claim(session_maker, first, FIRST)).outcome == Claim.CLAIMED
    assert (await claim(session_maker, first.lower(), FIRST)).outcome == Claim.ALREADY_YOURS
    assert (await claim(session_maker, first, SECOND)).outcome == Claim.USED
    assert (await claim(session_maker, "AAAAAAAAAA", SECOND)).outcome == Claim.UNKNOWN
    # One card per person per round: a second card stays free for someone else.
    assert (await claim(session_maker, second, FIRST)).outcome == Claim.HAS_ONE
    assert (await claim(session_maker, second, SECOND)).outcome == Claim.CLAIMED
    async with session_maker() as session:
        assert await holds_code(session, round_id, FIRST, secret=SECRET)
        assert not await holds_code(session, round_id, 760_999, secret=SECRET)
        assert await code_counts(session, round_id) == (2, 2)
        stored = list(await session.scalars(select(VotingCode)))
    assert first not in {cell for row in stored for cell in (row.code_hash, row.claimant_key)}


async def test_two_people_using_one_card_at_the_same_moment(session_maker):
    round_id, _ = await voting_round(session_maker)
    (code,) = await codes_for(session_maker, round_id, 1, SECRET)
    outcomes = await asyncio.gather(*(claim(session_maker, code, person)
                                      for person in range(770_001, 770_006)),
                                    return_exceptions=True)
    claimed = [o for o in outcomes if not isinstance(o, Exception) and o.outcome == Claim.CLAIMED]
    assert len(claimed) == 1
    async with session_maker() as session:
        assert await code_counts(session, round_id) == (1, 1)


async def test_no_table_links_a_card_to_a_ballot(session_maker):
    """voting_codes points only at its round; its claim value appears in no other table."""
    round_id, _ = await voting_round(session_maker)
    (code,) = await codes_for(session_maker, round_id, 1, SECRET)
    await claim(session_maker, code, FIRST)
    assert {fk.column.table.name for fk in VotingCode.__table__.foreign_keys} == {"rounds"}
    async with session_maker() as session:
        claim_value = await session.scalar(select(VotingCode.claimant_key))
        names = await session.run_sync(lambda s: inspect(s.connection()).get_table_names())
        for name in set(names) - {"voting_codes"}:
            rows = (await session.execute(select(text("*")).select_from(text(f'"{name}"')))).all()
            assert not any(claim_value in str(cell) for row in rows for cell in row), name


@pytest.mark.parametrize("locale", BOTH)
async def test_a_card_gives_one_vote_in_a_check_in_round(harness, session_maker, locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker,
                                                     eligibility=Eligibility.CHECKED_IN)
    (code,) = await codes_for(session_maker, round_id, 1, harness.settings.ballot_key)
    await join(harness, FIRST, locale)
    await join(harness, SECOND, locale)
    sent = await harness.send(FIRST, f"/start v_{code}")
    assert texts(sent)[0].startswith(CARD_ACCEPTED[locale])
    assert buttons(sent[0])[0][1] == cb(VoteAction.ROUND, round_id)
    receipt = (await vote_in_chat(harness, FIRST, round_id, {}, default=4)).text
    assert {Locale.EN: "Receipt:", Locale.CY: "Derbynneb:"}[locale] in receipt
    # The same card in another account: kindly refused, and no vote for them.
    assert texts(await harness.send(SECOND, f"/start v_{code}"))[0].startswith(USED[locale])
    assert texts(await harness.send(SECOND, f"/code {spaced(code)}"))[0].startswith(
        USED[locale])
    refused = await start(harness, SECOND, round_id)
    assert not any(cb.action == VoteAction.SET for cb in refused.actions())
    # A forged code, well-formed or not.
    for forged in ("v_AAAAAAAAAA", "v_XYZ123"):
        assert texts(await harness.send(SECOND, f"/start {forged}"))[0].startswith(
            UNKNOWN[locale])
    async with session_maker() as session:
        assert await round_ballots(session, round_id) == [{a: 4, b: 4, c: 4}]


async def test_a_newcomer_scanning_a_card_is_answered_at_once(harness, session_maker):
    """No language question first: the notice, then the card accepted, in the app's language."""
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.AREA)
    (code,) = await codes_for(session_maker, round_id, 1, harness.settings.ballot_key)
    sent = await harness.send(FIRST, f"/start v_{code}", language_code="cy")
    assert texts(sent)[0].startswith("<b>Cyn i ni ddechrau</b>")
    assert texts(sent)[1].startswith(CARD_ACCEPTED[Locale.CY])
    sent = await harness.tap(FIRST, cb(VoteAction.ROUND, round_id))  # no area question
    assert texts(sent)[0].startswith("Cais 1 o 3")


async def test_code_without_a_code_explains(harness):
    await join(harness, FIRST, Locale.EN)
    assert texts(await harness.send(FIRST, "/code"))[0].startswith(
        "Send the code from your voting card like this")


async def test_organisers_print_cards(harness, session_maker):
    round_id, _ = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.EN)
    sent = await harness.send(ORGANISER_ID, "/votingcodes")
    assert "Safer Speke 2026: 0 made, 0 used" in texts(sent)[0]
    data = VotingAccessCb(action=VotingAccessAction.CODES, round=round_id).pack()
    assert buttons(sent[0]) == [("Cards for Safer Speke 2026 🎟", data)]
    sent = await harness.tap(ORGANISER_ID, data)
    assert texts(sent) == ["How many voting cards for Safer Speke 2026? Type a number from 1 "
                           "to 500."]
    assert texts(await harness.send(ORGANISER_ID, "0")) == [
        "Please type a whole number from 1 to 500."]
    sent = await harness.send(ORGANISER_ID, "9")
    document = next(r for r in sent if isinstance(r, SendDocument))
    pdf = document.document.data
    assert document.document.filename == f"voting-codes-round-{round_id}.pdf"
    assert pdf.startswith(b"%PDF") and b"/Count 2" in pdf  # 9 cards: two A4 pages
    assert document.caption.startswith("9 voting cards for Safer Speke 2026.")
    async with session_maker() as session:
        assert await code_counts(session, round_id) == (9, 0)
    sent = await harness.send(ORGANISER_ID, "/votingcodes")
    assert "Safer Speke 2026: 9 made, 0 used" in texts(sent)[0]


def test_cards_are_pages_of_eight():
    pdf = cards_pdf([f"{n:010d}" for n in range(17)], bot_username="pbchat_bot",
                    titles=("Safer Speke 2026", "Speke Mwy Diogel 2026"),
                    instructions=("Scan to vote.", "Sganiwch i bleidleisio."))
    assert pdf.startswith(b"%PDF")
    assert b"/Count 3" in pdf


VOTED_ALREADY = {
    Locale.EN: "You have already voted in this round, so you don't need a voting card.",
    Locale.CY: "Rydych chi wedi pleidleisio yn y rownd hon yn barod",
}


async def _forget(harness, person: int) -> None:
    await harness.send(person, "/forget")
    await harness.tap(person, ForgetCb(confirm=True).pack())


async def _claims_of(session_maker, person: int, round_id: int, secret: bytes) -> list:
    async with session_maker() as session:
        return list(await session.scalars(select(VotingCode.id).where(
            VotingCode.claimant_key == claimant_key(secret, round_id, person))))


@pytest.mark.parametrize("locale", BOTH)
async def test_forget_while_voting_drops_the_card_claim_and_still_one_vote(
        harness, session_maker, locale):
    """/forget takes away what says the person used a card; the card they voted with stays
    used, and coming back gives them neither a second card nor a second vote."""
    secret = harness.settings.ballot_key
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.CHECKED_IN)
    first_card, second_card = await codes_for(session_maker, round_id, 2, secret)
    await join(harness, FIRST, locale)
    await harness.send(FIRST, f"/start v_{first_card}")
    await vote_in_chat(harness, FIRST, round_id, {}, default=4)
    assert await _claims_of(session_maker, FIRST, round_id, secret)

    await _forget(harness, FIRST)
    assert await _claims_of(session_maker, FIRST, round_id, secret) == []
    async with session_maker() as session:
        assert await code_counts(session, round_id) == (2, 1)  # the card voted with stays used

    await join(harness, FIRST, locale)
    assert texts(await harness.send(FIRST, f"/start v_{first_card}"))[0].startswith(
        USED[locale])
    assert texts(await harness.send(FIRST, f"/code {second_card}"))[0].startswith(
        VOTED_ALREADY[locale])
    refused = await start(harness, FIRST, round_id)
    assert not any(cb.action == VoteAction.SET for cb in refused.actions())
    async with session_maker() as session:
        assert await code_counts(session, round_id) == (2, 1)  # the second card is still free
        assert len(await round_ballots(session, round_id)) == 1
    # ...for someone else.
    await join(harness, SECOND, locale)
    assert texts(await harness.send(SECOND, f"/start v_{second_card}"))[0].startswith(
        CARD_ACCEPTED[locale])
    await vote_in_chat(harness, SECOND, round_id, {}, default=3)
    async with session_maker() as session:
        assert len(await round_ballots(session, round_id)) == 2


@pytest.mark.parametrize("locale", BOTH)
async def test_forget_before_voting_frees_the_card(harness, session_maker, locale):
    """A card scanned but not voted with is set free at /forget, as if never scanned: the
    person (or whoever holds it) can still use it, once."""
    secret = harness.settings.ballot_key
    round_id, _ = await voting_round(session_maker, eligibility=Eligibility.CHECKED_IN)
    (card,) = await codes_for(session_maker, round_id, 1, secret)
    await join(harness, FIRST, locale)
    await harness.send(FIRST, f"/start v_{card}")
    await _forget(harness, FIRST)
    async with session_maker() as session:
        assert await code_counts(session, round_id) == (1, 0)
    assert await _claims_of(session_maker, FIRST, round_id, secret) == []

    await join(harness, FIRST, locale)
    assert texts(await harness.send(FIRST, f"/start v_{card}"))[0].startswith(CARD_ACCEPTED[locale])
    await vote_in_chat(harness, FIRST, round_id, {}, default=4)
    await join(harness, SECOND, locale)
    assert texts(await harness.send(SECOND, f"/start v_{card}"))[0].startswith(USED[locale])
    async with session_maker() as session:
        assert len(await round_ballots(session, round_id)) == 1


async def test_someone_who_voted_is_not_given_a_card(session_maker):
    """In a round anyone may vote in, a voter who scans a card leaves it for someone else."""
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    (card,) = await codes_for(session_maker, round_id, 1, SECRET)
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        assert (await cast_ballot(session, round_, FIRST, {a: 1, b: 2, c: 3},
                                  secret=SECRET)).ok
    assert (await claim(session_maker, card, FIRST)).outcome == Claim.VOTED
    assert (await claim(session_maker, card, SECOND)).outcome == Claim.CLAIMED
