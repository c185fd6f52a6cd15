"""/voting as organisers use it (open, turnout, publish) and as everyone else is refused it."""

from __future__ import annotations

from sqlalchemy import select

from bot.ui.callbacks import Locale
from bot.ui.callbacks.vote import VotingAdminAction as Act
from models.bid import Bid, BidStatus
from models.outbox import OutboxMessage
from models.round import Round, RoundStatus
from tests.conftest import ORGANISER_ID
from tests.support.factories import GROUP_OWNER, cast, closed_round, join
from tests.support.factories import voting_admin_cb as cb
from tests.support.flow import alerts, tap_and_confirm, texts


async def test_organisers_open_watch_and_publish(harness, session_maker):
    round_id, (a, b, c, _draft) = await closed_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.EN)
    await join(harness, GROUP_OWNER, Locale.CY)
    sent = await harness.send(ORGANISER_ID, "/voting")
    assert "bids closed, voting not open yet" in texts(sent)[0]
    sent = await tap_and_confirm(harness, ORGANISER_ID, cb(Act.OPEN, round_id))
    assert "voting is open" in texts(sent)[-1]
    assert alerts(await harness.tap(ORGANISER_ID, cb(Act.OPEN, round_id))) == [
        "This round has moved on since; nothing changed. Send /voting again."]
    await cast(session_maker, round_id, 730_001, {a: 5, b: 4, c: 1})
    await cast(session_maker, round_id, 730_002, {a: 5, b: 1, c: 1})
    sent = await harness.tap(ORGANISER_ID, cb(Act.TURNOUT, round_id))
    assert "Ballots so far: 2" in texts(sent)[-1]
    async with session_maker.begin() as session:
        (await session.get(Round, round_id)).areas[0].pot_pence = 2_500_00
    sent = await tap_and_confirm(harness, ORGANISER_ID, cb(Act.PUBLISH, round_id))
    card = texts(sent)[-1]
    assert "<b>Results: Safer Speke 2026</b>" in card
    assert "• SPK-001 Bid 1 — £1,500" in card and "Bid 2" not in card
    assert "• SPK-003 Bid 3 — £1,000" in card and "Money left: £0" in card
    assert "cheaper first" in card
    async with session_maker() as session:
        statuses = [(await session.get(Bid, i)).status for i in (a, b, c)]
        notes = {row.chat_id: row.payload["text"]
                 for row in await session.scalars(select(OutboxMessage).where(
                     OutboxMessage.dedupe_key.like("result:%")))}  # not projects' asks
    assert statuses == [BidStatus.FUNDED, BidStatus.NOT_FUNDED, BidStatus.FUNDED]
    assert notes[GROUP_OWNER] == ("Newyddion da: bydd eich cais “Bid 1” yn y rownd "
                                  "Speke Mwy Diogel 2026 yn cael ei ariannu.")
    assert notes[ORGANISER_ID].startswith("The results of Safer Speke 2026 are out.")
    assert alerts(await harness.tap(ORGANISER_ID, cb(Act.TURNOUT, round_id))) == [
        "Voting has closed."]


async def test_residents_are_refused_voting_admin(harness, session_maker):
    round_id, _bids = await closed_round(session_maker)
    await join(harness, 730_010, Locale.EN)
    sent = await harness.send(730_010, "/voting")
    assert texts(sent) == ["Sorry, this is for organisers."]
    sent = await harness.tap(730_010, cb(Act.OPEN, round_id))
    assert alerts(sent) == ["Sorry, this is for organisers."]
    async with session_maker() as session:
        assert (await session.get(Round, round_id)).status == RoundStatus.CLOSED
