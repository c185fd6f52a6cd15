"""A round or area name imported without Welsh is stored without Welsh, and a Welsh reader is
told it is only in English wherever residents meet it (the ballot, the voting-open notice, the
results, /projects), as with events, café questions and broadcasts. English readers see the
name alone; a name given in both languages (or as one plain string, a place name the same in
both) carries no note."""

from __future__ import annotations

import textwrap
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import select, update

from bot.cli.rounds import spec_from_mapping
from bot.ui.callbacks import Locale
from bot.ui.callbacks.vote import VoteAction
from models.ballot import cast_ballot
from models.ballot.notices import ask_to_be_told
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.outbox import OutboxMessage
from models.round import Round, RoundStatus, create_round, get_round
from tests.conftest import ORGANISER_ID
from tests.support.factories import join, publish
from tests.support.factories import vote_cb as cb
from tests.support.flow import buttons, tap_and_confirm, texts

PERSON = 760_301
GROUP = 700_301  # owns SPK-001, which is funded
NOTE = {Locale.CY: " (dim ond yn Saesneg)", Locale.EN: ""}
AREA = {Locale.CY: "Speke Ward (dim ond yn Saesneg)", Locale.EN: "Speke Ward"}
BOTH = [Locale.EN, Locale.CY]


def round_file(eligibility: str = "anyone") -> dict:
    deadline = (utcnow() + timedelta(days=20)).strftime("%Y-%m-%d %H:%M")
    return yaml.safe_load(textwrap.dedent(f"""\
        name: {{en: Safer Speke 2026}}
        status: open
        who_may_vote: {eligibility}
        areas:
          - code: SPK
            name: {{en: Speke Ward}}
            pot: £2,500
          - code: GAR
            name: {{en: Garston, cy: Garstwn}}
            pot: 6000
          - code: HUN
            name: Hunts Cross
            pot: 1000
        max_bid: £2,000
        bid_deadline: {deadline}
    """))


async def imported_round_in_voting(session_maker, eligibility: str = "anyone") -> tuple[int, list]:
    """The round as the import writes it, with three bids in Speke Ward, in voting."""
    spec = spec_from_mapping(round_file(eligibility), ZoneInfo("Europe/London"), utcnow())
    async with session_maker.begin() as session:
        round_ = await create_round(session, spec)
        speke = round_.areas[0].id
        bids = [Bid(round_id=round_.id, owner_telegram_id=owner, status=BidStatus.ELIGIBLE,
                    number=n, reference=f"SPK-{n:03d}", title=f"Bid {n}",
                    group_name=f"Group {n}", amount_pence=amount, area_id=speke)
                for n, (owner, amount) in enumerate(
                    [(GROUP, 1_500_00), (700_302, 2_000_00), (700_303, 1_000_00)], start=1)]
        session.add_all(bids)
        await session.flush()
        await session.execute(update(Round).where(Round.id == round_.id)
                              .values(status=RoundStatus.VOTING.value))
        return round_.id, [bid.id for bid in bids]


async def test_the_import_keeps_no_welsh_where_none_was_given(session_maker):
    round_id, _ = await imported_round_in_voting(session_maker)
    async with session_maker() as session:
        round_ = await get_round(session, round_id)
    assert round_.name_cy is None
    assert [area.name_cy for area in round_.areas] == [None, "Garstwn", "Hunts Cross"]
    # Welsh readers get the English (marked where shown); nothing is lost for English ones.
    assert round_.name("cy") == round_.name("en") == "Safer Speke 2026"
    assert [area.english_only("cy") for area in round_.areas] == [True, False, False]
    assert not round_.english_only("en")


@pytest.mark.parametrize("locale", BOTH)
async def test_the_ballot_says_the_names_are_only_in_english(harness, session_maker, locale):
    round_id, _ = await imported_round_in_voting(session_maker, eligibility="area")
    await join(harness, PERSON, locale)
    sent = await harness.tap(PERSON, cb(VoteAction.ROUND, round_id))
    asked = {Locale.EN: "Safer Speke 2026 is for people who live in its areas.",
             Locale.CY: "Mae Safer Speke 2026 (dim ond yn Saesneg) ar gyfer pobl sy'n byw yn "
                        "ei ardaloedd."}
    assert texts(sent)[0].startswith(asked[locale])
    names = [text for request in sent for text, _ in buttons(request)][:3]
    assert names == [AREA[locale], {Locale.EN: "Garston", Locale.CY: "Garstwn"}[locale],
                     "Hunts Cross"]
    assert "only in English" not in " ".join(texts(sent))


@pytest.mark.parametrize("locale", BOTH)
async def test_notices_results_and_projects_say_so_too(harness, session_maker, locale):
    round_id, (a, b, c) = await imported_round_in_voting(session_maker)
    async with session_maker() as session:
        round_ = await get_round(session, round_id)
    await join(harness, PERSON, locale)
    async with session_maker.begin() as session:  # asked to be told: "voting is open"
        await ask_to_be_told(session, PERSON)
        assert await harness.dp["notifier"].votes.voting_open(session, round_) == 1
        opened = await session.scalar(select(OutboxMessage.payload).where(
            OutboxMessage.dedupe_key == f"vopen:{round_id}:{PERSON}"))
    assert f"<b>Safer Speke 2026{NOTE[locale]}</b>" in opened["text"]

    async with session_maker.begin() as session:
        assert (await cast_ballot(session, round_, PERSON, {a: 5, b: 1, c: 4},
                                  secret=harness.settings.ballot_key)).ok
    await join(harness, GROUP, locale)
    await join(harness, ORGANISER_ID, Locale.EN)
    await tap_and_confirm(harness, ORGANISER_ID, publish(round_id))
    async with session_maker() as session:  # the funded group: "funded", then asks for news
        to_group = [row["text"] for row in await session.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.chat_id == GROUP))]
    naming = [text for text in to_group if "Safer Speke 2026" in text]
    assert len(naming) >= 2  # "your bid was funded" and the first ask (nudges name no round)
    for text in naming:
        assert f"Safer Speke 2026{NOTE[locale]}" in text, text
        assert locale is Locale.CY or "only in English" not in text
    async with session_maker() as session:
        told = await session.scalar(select(OutboxMessage.payload).where(
            OutboxMessage.dedupe_key == f"result:{round_id}:user:{PERSON}"))
    said = {Locale.EN: "The results of Safer Speke 2026 are out.",
            Locale.CY: "Mae canlyniadau Safer Speke 2026 (dim ond yn Saesneg) wedi'u cyhoeddi."}
    assert told["text"].startswith(said[locale])

    results = texts(await harness.send(PERSON, "/results"))
    title = {Locale.EN: "Results", Locale.CY: "Canlyniadau"}[locale]
    assert results[-1].startswith(f"<b>{title}: Safer Speke 2026{NOTE[locale]}</b>\n\n"
                                  f"<b>{AREA[locale]}</b>\n")
    assert f"{AREA[locale]}." in results[0]  # the chart of the area's support
    results = "\n".join(results)
    projects = texts(await harness.send(PERSON, "/projects"))[0]
    assert f"Safer Speke 2026{NOTE[locale]}</b>" in projects
    if locale is Locale.EN:
        assert "only in English" not in results + projects


async def test_a_name_given_in_both_languages_has_no_note(harness, session_maker):
    round_id, _ = await imported_round_in_voting(session_maker, eligibility="area")
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(name_cy="Speke Mwy Diogel 2026"))
    await join(harness, PERSON, Locale.CY)
    sent = await harness.tap(PERSON, cb(VoteAction.ROUND, round_id))
    assert texts(sent)[0].startswith("Mae Speke Mwy Diogel 2026 ar gyfer pobl")
