"""Published results: the chart and card for organisers and residents, the .pb download, "why
was this (not) funded?" in English and Welsh (the same reasons and numbers as models.tally's
explain), and each bid's status in its group's My things."""

from __future__ import annotations

import io
import re

from aiogram.methods import SendDocument, SendMessage, SendPhoto
from PIL import Image
from sqlalchemy import select

from bot.ui.callbacks import Locale, MenuCb, MenuItem
from bot.ui.callbacks.results import ResultsAdminAction, ResultsAdminCb
from bot.ui.chart import FUNDED, MARGIN, NOT_FUNDED, chart_size
from models.bid import Bid, BidStatus
from models.outbox import OutboxMessage
from models.pabulib import parse_pb
from models.round import AllocationRule, BallotKind, Round
from models.tally import explain
from models.voting import count_round
from tests.conftest import ORGANISER_ID
from tests.support.factories import (
    GROUP_OWNER,
    OTHER_GROUP,
    bar_runs,
    join,
    published_round,
    voting_round,
    why,
)
from tests.support.factories import RESULTS_RESIDENT as RESIDENT
from tests.support.flow import alerts, buttons, texts


async def test_publishing_sends_organisers_the_chart_the_card_and_the_pb_file(harness,
                                                                              session_maker):
    round_id, (a, b, c), sent = await published_round(harness, session_maker)
    (photo,) = [r for r in sent if isinstance(r, SendPhoto)]
    image = Image.open(io.BytesIO(photo.photo.data))
    assert image.format == "PNG" and image.size == chart_size(3)
    # Most supported first: SPK-001 (15, funded), SPK-002 (8, not), SPK-003 (3, funded).
    assert [colour for _, colour in bar_runs(image.convert("RGB"), MARGIN + 2)] == [
        FUNDED, NOT_FUNDED, FUNDED]
    assert photo.caption == "Support per bid in Speke. Green bars: funded."
    card = texts(sent)[-1]
    assert "• SPK-001 Bid 1 — £1,500\n• SPK-003 Bid 3 — £1,000\nMoney left: £0" in card
    assert "Ballots: 3 (2 in the chat · 1 on paper)" in card
    assert ("Bids were funded from the most supported down, while the money lasted. A bid too "
            "big for what was left was passed over. Bids with equal support were ranked "
            "cheaper first, then by reference (9 before 10).") in card
    labels = [label for label, _ in buttons(sent[-1])]
    assert labels == ["Why? SPK-001 ❓", "Why? SPK-002 ❓", "Why? SPK-003 ❓",
                      "Pabulib file (.pb) ⬇"]

    sent = await harness.tap(ORGANISER_ID, ResultsAdminCb(action=ResultsAdminAction.PB,
                                                          round=round_id).pack())
    (document,) = [r for r in sent if isinstance(r, SendDocument)]
    assert document.document.filename == f"round-{round_id}-SPK.pb"
    election = parse_pb(document.document.data.decode())
    assert len(election.votes) == 3  # two in the chat, one on paper, all anonymous
    assert str(GROUP_OWNER) not in document.document.data.decode()
    assert alerts(await harness.tap(OTHER_GROUP, ResultsAdminCb(action=ResultsAdminAction.PB,
                                                                round=round_id).pack())) == [
        "Sorry, this is for organisers."]


async def test_residents_get_the_results_from_their_note_or_results(harness, session_maker):
    round_id, _bids, _sent = await published_round(harness, session_maker)
    async with session_maker() as session:
        note = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.chat_id == RESIDENT))).one()
    (button,) = note.payload["reply_markup"]["inline_keyboard"][0]
    assert button["text"] == "Gweld y canlyniadau 📊"
    sent = await harness.tap(RESIDENT, button["callback_data"])
    assert [type(r) for r in sent if isinstance(r, (SendPhoto,))] == [SendPhoto]
    card = texts(sent)[-1]
    assert card.startswith("<b>Canlyniadau: Speke Mwy Diogel 2026</b>")
    assert "Pleidleisiau: 3 (2 yn y sgwrs · 1 ar bapur)" in card
    assert "â'r rhataf yn gyntaf" in card
    assert [label for label, _ in buttons(sent[-1])] == ["Pam? SPK-001 ❓", "Pam? SPK-002 ❓",
                                                        "Pam? SPK-003 ❓"]
    sent = await harness.send(RESIDENT, "/results")
    assert texts(sent)[-1] == card


def points_word(number: str, locale: str) -> str:
    """"1 point", "2 points"; in Welsh the noun changes with the number ("2 bwynt")."""
    if locale == "en":
        return "point" if number == "1" else "points"
    return {"0": "pwynt", "1": "pwynt", "2": "bwynt", "3": "phwynt",
            "6": "phwynt"}.get(number, "o bwyntiau")


def explained_bits(line: str, locale: str) -> list[str]:
    """What a reader must find in the bot's answer for explain's English line: each ordinal
    as "number N", each "N points" as points, every other number as pounds."""
    bits = []
    for number, suffix in re.findall(r"(\d[\d,]*)(st|nd|rd|th| points)?", line.split(": ", 1)[1]):
        if suffix in ("st", "nd", "rd", "th"):
            bits.append(f"{'number' if locale == 'en' else 'rhif'} {number}")
        elif suffix:
            bits.append(f"{number} {points_word(number, locale)}")
        else:
            bits.append(f"£{number}")
    return bits


async def test_why_was_this_not_funded_matches_explain_in_both_languages(harness, session_maker):
    round_id, (a, b, c), _sent = await published_round(harness, session_maker)
    async with session_maker() as session:
        (area,) = await count_round(session, await session.get(Round, round_id))
    lines = {line.split(": ", 1)[0]: line
             for line in explain(area.result, support_unit="points")}
    answers = {}
    for user, locale in ((OTHER_GROUP, "en"), (GROUP_OWNER, "cy")):
        for bid, reference in ((a, "SPK-001"), (b, "SPK-002"), (c, "SPK-003")):
            (answer,) = texts(await harness.tap(user, why(round_id, bid)))
            answers[locale, reference] = answer
            funded = not lines[reference].split(": ", 1)[1].startswith("Not funded")
            said = answer.split("\n", 1)[1]
            if locale == "en":
                assert said.startswith("Funded" if funded else "Not funded"), said
            else:
                assert said.startswith("Wedi'i ariannu" if funded else "Heb ei ariannu"), said
            for bit in explained_bits(lines[reference], locale):
                assert bit in said, (bit, said)
    assert lines["SPK-002"] == ("SPK-002: Not funded: 1,000 left in the pot after the bids ranked "
                                "above it, it costs 2,000")
    assert answers["en", "SPK-002"].startswith(  # then how close it came (test_why_not.py)
        "<b>SPK-002 Bid 2</b>\nNot funded: only £1,000 was left in the pot after the bids ranked "
        "above it, and it costs £2,000.\n")
    assert answers["cy", "SPK-002"].startswith(
        "<b>SPK-002 Bid 2</b>\nHeb ei ariannu: dim ond £1,000 oedd ar ôl yn y gronfa ar ôl y "
        "ceisiadau uwch ei safle, ac mae'n costio £2,000.\n")
    assert answers["en", "SPK-001"] == (
        "<b>SPK-001 Bid 1</b>\nFunded: it was number 1 in the order of funding, with 15 points "
        "for a cost of £1,500.")


async def test_why_under_equal_shares_names_the_shares(harness, session_maker):
    round_id, (a, b, c), _sent = await published_round(
        harness, session_maker, kind=BallotKind.APPROVAL, allocation_rule=AllocationRule.MES)
    async with session_maker() as session:
        (area,) = await count_round(session, await session.get(Round, round_id))
    for bid, reference in ((a, "SPK-001"), (b, "SPK-002"), (c, "SPK-003")):
        (answer,) = texts(await harness.tap(OTHER_GROUP, why(round_id, bid)))
        outcome = area.result.bids[reference]
        if outcome.funded:
            assert "by equal shares" in answer and "no supporter paid more than £" in answer
        else:
            assert "its supporters had £" in answer and "each voter started with £" in answer
    assert "The pot was shared out equally among the voters" in texts(
        await harness.send(OTHER_GROUP, "/results"))[-1]


async def test_my_things_shows_funded_or_not_after_publishing(harness, session_maker):
    round_id, (a, b, c), _sent = await published_round(harness, session_maker)
    sent = [r for r in await harness.tap(OTHER_GROUP, MenuCb(item=MenuItem.MINE).pack())
            if isinstance(r, SendMessage)]
    mine = texts(sent)[0]
    assert "SPK-002 · Bid 2 · £2,000 — not funded this time" in mine
    assert ("Results are out for Safer Speke 2026. Tap your bid to see why it was or was not "
            "funded.") in mine
    assert ("Why? SPK-002 ❓", why(round_id, b)) in buttons(sent[0])
    sent = [r for r in await harness.tap(GROUP_OWNER, MenuCb(item=MenuItem.MINE).pack())
            if isinstance(r, SendMessage)]
    assert "SPK-001 · Bid 1 · £1,500 — wedi'i ariannu 🎉" in texts(sent)[0]
    assert ("Pam? SPK-001 ❓", why(round_id, a)) in buttons(sent[0])
    async with session_maker() as session:
        note = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.chat_id == GROUP_OWNER,
            OutboxMessage.dedupe_key.like("result:%")))).one()  # not its project's asks
    assert [b["text"] for b in note.payload["reply_markup"]["inline_keyboard"][0]] == [
        "Pam? SPK-001 ❓", "Gweld y canlyniadau 📊"]


async def test_before_publishing_there_is_nothing_to_explain(harness, session_maker):
    round_id, (a, _b, _c, _draft) = await voting_round(session_maker)
    await join(harness, RESIDENT, Locale.EN)
    assert texts(await harness.send(RESIDENT, "/results")) == [
        "No results have been published yet."]
    assert alerts(await harness.tap(RESIDENT, why(round_id, a))) == [
        "These results are not available. Send /results to see the latest."]
    sent = await harness.tap(RESIDENT, MenuCb(item=MenuItem.MINE).pack())
    assert "Results are out" not in " ".join(texts(sent))


async def test_a_forged_bid_gets_a_kind_answer(harness, session_maker):
    round_id, (_a, _b, _c), _sent = await published_round(harness, session_maker)
    async with session_maker() as session:
        draft = (await session.scalars(select(Bid).where(Bid.status == BidStatus.DRAFT))).one()
    for bid_id in (999_999, draft.id):
        assert alerts(await harness.tap(RESIDENT, why(round_id, bid_id))) == [
            "Dydy'r canlyniadau hyn ddim ar gael. Anfonwch /results i weld y rhai diweddaraf."]
