"""Voting opens and closes at the times set on a round; paper sheets still come in after."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from bot.jobs.voting_monitor import VotingMonitor
from bot.ui.callbacks import Locale
from bot.ui.callbacks.results import PaperAction, PaperCb
from bot.ui.callbacks.vote import VoteAction, VoteCb, VotingAdminCb
from bot.ui.callbacks.vote import VotingAdminAction as Act
from models.base import utcnow
from models.outbox import OutboxMessage
from models.paper_ballot import paper_ballots
from models.round import Round, RoundStatus
from models.voting import apply_voting_windows
from tests.conftest import ORGANISER_ID
from tests.support.factories import cast, join, voting_round
from tests.support.flow import alerts, buttons, tap_and_confirm, texts

VOTER = 760_001


async def round_with(session_maker, status: RoundStatus, opens_in: timedelta | None,
                     closes_in: timedelta | None) -> tuple[int, list[int]]:
    round_id, bids = await voting_round(session_maker)
    now = utcnow()
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id).values(
            status=status.value,
            voting_opens=None if opens_in is None else now + opens_in,
            voting_closes=None if closes_in is None else now + closes_in))
    return round_id, bids


async def statuses(session_maker, *round_ids: int) -> list[str]:
    async with session_maker() as session:
        return [(await session.get(Round, i, populate_existing=True)).status for i in round_ids]


async def test_windows_open_and_close_only_the_rounds_that_are_due(session_maker):
    hour = timedelta(hours=1)
    due, _ = await round_with(session_maker, RoundStatus.CLOSED, -hour, hour)
    due_no_end, _ = await round_with(session_maker, RoundStatus.CLOSED, -hour, None)
    later, _ = await round_with(session_maker, RoundStatus.CLOSED, hour, 2 * hour)
    missed, _ = await round_with(session_maker, RoundStatus.CLOSED, -2 * hour, -hour)
    still_taking_bids, _ = await round_with(session_maker, RoundStatus.OPEN, -hour, hour)
    ending, _ = await round_with(session_maker, RoundStatus.VOTING, -2 * hour, -timedelta(1))
    running, _ = await round_with(session_maker, RoundStatus.VOTING, -hour, hour)
    by_hand, _ = await round_with(session_maker, RoundStatus.CLOSED, None, None)

    async with session_maker.begin() as session:
        opened, closed = await apply_voting_windows(session, utcnow())
    assert opened == sorted([due, due_no_end]) and closed == [ending]
    assert await statuses(session_maker, due, due_no_end, later, missed, still_taking_bids,
                          ending, running, by_hand) == [
        "voting", "voting", "closed", "closed", "open", "counting", "voting", "closed"]
    async with session_maker.begin() as session:  # a second look changes nothing
        assert await apply_voting_windows(session, utcnow()) == ([], [])


async def test_organisers_are_told_once_in_their_language(harness, session_maker):
    await join(harness, ORGANISER_ID, Locale.CY)
    round_id, _ = await round_with(session_maker, RoundStatus.CLOSED, -timedelta(minutes=1),
                                   timedelta(hours=2))
    monitors = [VotingMonitor(session_maker, harness.dp["notifier"],
                              organiser_ids=frozenset({ORGANISER_ID, 760_900}))
                for _ in range(2)]  # two processes
    assert await monitors[0].tick() == ([round_id], [])
    assert await monitors[1].tick() == ([], [])
    assert await monitors[1].tick(utcnow() + timedelta(hours=3)) == ([], [round_id])
    assert await monitors[0].tick(utcnow() + timedelta(hours=3)) == ([], [])
    async with session_maker() as session:
        notes = sorted((row.chat_id, row.payload["text"])
                       for row in await session.scalars(select(OutboxMessage)))
    assert notes == sorted([
        (ORGANISER_ID, "Mae'r bleidlais ar gyfer <b>Speke Mwy Diogel 2026</b> wedi agor, fel y "
                       "bwriadwyd. Gwyliwch faint sydd wedi pleidleisio gyda /voting. 🗳"),
        (ORGANISER_ID, "Mae'r bleidlais ar gyfer <b>Speke Mwy Diogel 2026</b> wedi cau, fel y "
                       "bwriadwyd. Teipiwch unrhyw daflenni papur, yna cyhoeddwch y "
                       "canlyniadau gyda /voting. 🗳"),
        (760_900, "Voting in <b>Safer Speke 2026</b> has opened, as planned. Watch turnout "
                  "with /voting. 🗳"),
        (760_900, "Voting in <b>Safer Speke 2026</b> has closed, as planned. Type in any "
                  "paper sheets, then publish the results with /voting. 🗳"),
    ])


async def test_after_closing_chat_votes_stop_but_paper_and_publishing_go_on(harness,
                                                                           session_maker):
    round_id, (a, b, c, _draft) = await round_with(
        session_maker, RoundStatus.VOTING, -timedelta(hours=2), timedelta(hours=1))
    await join(harness, VOTER, Locale.CY)
    await join(harness, ORGANISER_ID, Locale.EN)
    await cast(session_maker, round_id, 760_002, {a: 5, b: 4, c: 1})
    await harness.tap(VOTER, VoteCb(action=VoteAction.ROUND, round=round_id).pack())
    async with session_maker.begin() as session:
        await apply_voting_windows(session, utcnow() + timedelta(hours=2))

    sent = await harness.tap(VOTER, VoteCb(action=VoteAction.SET, round=round_id, bid=a,
                                           value=3).pack())
    assert alerts(sent) == ["Mae'r bleidlais wedi cau."]
    sent = await harness.send(ORGANISER_ID, "/voting")
    assert "voting has closed, results not published yet" in texts(sent)[0]
    await harness.tap(ORGANISER_ID, PaperCb(action=PaperAction.SHEETS, round=round_id).pack())
    sent = await harness.send(ORGANISER_ID, "31\nSPK-001 2\nSPK-002 5\nSPK-003 5")
    assert texts(sent) == ["Sheet <b>31</b> is in (marks: 3). On paper so far: 1."]
    async with session_maker() as session:
        assert await paper_ballots(session, round_id) == [{a: 2, b: 5, c: 5}]
    sent = await tap_and_confirm(harness, ORGANISER_ID, VotingAdminCb(action=Act.PUBLISH,
                                                                      round=round_id).pack())
    assert any("Results: Safer Speke 2026" in text for text in texts(sent))
    assert await statuses(session_maker, round_id) == ["results"]


async def test_closing_by_hand_in_welsh_then_publishing(harness, session_maker):
    round_id, (a, b, c, _draft) = await round_with(session_maker, RoundStatus.VOTING, None, None)
    await join(harness, ORGANISER_ID, Locale.CY)
    await cast(session_maker, round_id, 760_003, {a: 5, b: 4, c: 1})
    sent = await harness.send(ORGANISER_ID, "/voting")
    assert [label for label, _ in buttons(sent[0])][:3] == [
        "Nifer y pleidleisiau 🔄",
        "Cau'r bleidlais (mae modd teipio taflenni papur o hyd) ⏹",
        "Cau pleidleisio a chyhoeddi'r canlyniadau 📣"]
    close = VotingAdminCb(action=Act.CLOSE, round=round_id).pack()
    sent = await tap_and_confirm(harness, ORGANISER_ID, close)
    assert alerts(sent)[-1:] == ["Mae'r bleidlais wedi cau. Teipiwch unrhyw daflenni papur, yna "
                            "cyhoeddwch."]
    assert "mae'r bleidlais wedi cau, canlyniadau heb eu cyhoeddi eto" in texts(sent)[-1]
    labels = [label for label, _ in buttons(sent[-1])]
    assert "Cyhoeddi'r canlyniadau 📣" in labels
    assert not any("Atgoffa" in label or "⏹" in label for label in labels)
    assert alerts(await harness.tap(ORGANISER_ID, close)) == [
        "Mae'r rownd hon wedi symud ymlaen ers hynny; does dim byd wedi newid. "
        "Anfonwch /voting eto."]
    assert await statuses(session_maker, round_id) == ["counting"]
    sent = await harness.tap(VOTER, VoteCb(action=VoteAction.ROUND, round=round_id).pack())
    assert alerts(sent) == ["Voting has closed."]
    await tap_and_confirm(harness, ORGANISER_ID,
                          VotingAdminCb(action=Act.PUBLISH, round=round_id).pack())
    assert await statuses(session_maker, round_id) == ["results"]


async def test_residents_cannot_close_voting(harness, session_maker):
    round_id, _ = await round_with(session_maker, RoundStatus.VOTING, None, None)
    await join(harness, VOTER, Locale.EN)
    sent = await harness.tap(VOTER, VotingAdminCb(action=Act.CLOSE, round=round_id).pack())
    assert alerts(sent) == ["Sorry, this is for organisers."]
    assert await statuses(session_maker, round_id) == ["voting"]
