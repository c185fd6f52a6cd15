"""Irreversible steps ask first: Close bids, Open / Close voting, Publish, re-open voting.

The adversary is the organiser's own thumb (a stray tap) and a second organiser acting at the
same time: a preview says what will happen, No changes nothing, and a Yes tapped after the
round changed (someone else acted, more ballots came in) is refused as out of date.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from bot.ui.callbacks import Locale
from bot.ui.callbacks.bids import RoundAction, RoundCb
from bot.ui.callbacks.organiser import ConfirmCb, Say, Step
from bot.ui.callbacks.vote import VotingAdminAction as Act
from models.audit import AuditEntry, Event
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.organiser import Organiser
from models.outbox import OutboxMessage
from models.round import Round, RoundStatus
from models.voting import apply_voting_windows
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import make_round
from tests.support.factories import cast, join, voting_round
from tests.support.factories import voting_admin_cb as cb
from tests.support.flow import alerts, buttons, callback_update, tap_and_confirm, texts

SECOND = 901  # another organiser, added in chat


def yes_of(sent) -> str:
    found = [data for request in sent for _, data in buttons(request)
             if data and data.startswith("cf:") and ConfirmCb.unpack(data).say == Say.YES]
    assert found, texts(sent)
    return found[-1]


def no_of(sent) -> str:
    return next(data for request in sent for _, data in buttons(request)
                if data and data.startswith("cf:") and ConfirmCb.unpack(data).say == Say.NO)


async def status(session_maker, round_id: int) -> str:
    async with session_maker() as session:
        return (await session.get(Round, round_id)).status


async def outbox_size(session_maker) -> int:
    async with session_maker() as session:
        return await session.scalar(select(func.count()).select_from(OutboxMessage))


async def second_organiser(harness, session_maker, locale=Locale.EN) -> None:
    async with session_maker.begin() as session:
        session.add(Organiser(telegram_id=SECOND, added_by=ORGANISER_ID))
    await join(harness, SECOND, locale)


async def events(session_maker) -> list[tuple[str | None, str | None, int | None]]:
    async with session_maker() as session:
        rows = await session.scalars(select(AuditEntry).where(AuditEntry.event.not_in(
            (Event.COMMAND, Event.BUTTON, Event.ANSWER))).order_by(AuditEntry.id))
        return [(e.event, e.actor_name, e.round_id) for e in rows]


async def tap_as(harness, user_id: int, first_name: str, data: str):
    update_ = callback_update(user_id, data)
    update_["callback_query"]["from"]["first_name"] = first_name
    return await harness.feed(update_)


async def test_publish_previews_then_no_changes_nothing_and_yes_publishes(harness,
                                                                          session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    async with session_maker.begin() as session:
        (await session.get(Round, round_id)).areas[0].pot_pence = 2_600_00
    await join(harness, ORGANISER_ID, Locale.EN)
    await join(harness, 730_001, Locale.CY)
    await cast(session_maker, round_id, 730_001, {a: 5, b: 4, c: 1})
    await cast(session_maker, round_id, 730_002, {a: 5, b: 1, c: 1})
    before = await outbox_size(session_maker)

    asked = await harness.tap(ORGANISER_ID, cb(Act.PUBLISH, round_id))
    assert texts(asked) == [
        "<b>Publish the results: Safer Speke 2026</b>\nBids funded: 2\n"
        "Money given: £2,500 of £2,600\nBallots counted: 2\nPeople who will be told: 2\n"
        "Voting closes, and this cannot be undone. Go ahead?"]
    assert [label for label, _ in buttons(asked[-1])] == ["Yes, go ahead ✅", "No ✖"]
    assert await status(session_maker, round_id) == "voting"  # asking changed nothing

    said_no = await harness.tap(ORGANISER_ID, no_of(asked))
    assert alerts(said_no) == ["Nothing changed."]
    assert await status(session_maker, round_id) == "voting"
    assert await outbox_size(session_maker) == before

    done = await tap_as(harness, ORGANISER_ID, "Sam", yes_of(asked))
    assert any("<b>Results: Safer Speke 2026</b>" in text for text in texts(done))
    assert await status(session_maker, round_id) == "results"
    assert await outbox_size(session_maker) > before
    assert (Event.RESULTS_PUBLISHED, "Sam", round_id) in await events(session_maker)
    # The same Yes again: the round has moved on.
    again = await harness.tap(ORGANISER_ID, yes_of(asked))
    assert alerts(again) == ["This is out of date: something changed since you saw it. "
                             "Nothing was done. Send the command again to see where things "
                             "are now."]


async def test_a_yes_after_more_ballots_came_in_is_out_of_date(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.CY)
    await cast(session_maker, round_id, 730_001, {a: 5, b: 4, c: 1})
    asked = await harness.tap(ORGANISER_ID, cb(Act.PUBLISH, round_id))
    assert texts(asked)[0].startswith("<b>Cyhoeddi'r canlyniadau: Speke Mwy Diogel 2026</b>\n"
                                      "Ceisiadau a ariennir: ")
    assert "Pleidleisiau a gyfrifwyd: 1" in texts(asked)[0]
    await cast(session_maker, round_id, 730_002, {a: 1, b: 5, c: 5})  # the count has changed
    refused = await harness.tap(ORGANISER_ID, yes_of(asked))
    assert alerts(refused) == [
        "Mae hyn wedi dyddio: mae rhywbeth wedi newid ers i chi ei weld. Wnaeth dim byd "
        "ddigwydd. Anfonwch y gorchymyn eto i weld sut mae pethau nawr."]
    assert await status(session_maker, round_id) == "voting"
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Bid).where(
            Bid.status == BidStatus.FUNDED)) == 0


async def test_a_stale_yes_after_another_organiser_closed_voting_is_refused(harness,
                                                                            session_maker):
    round_id, _bids = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.EN)
    await second_organiser(harness, session_maker)
    mine = await harness.tap(ORGANISER_ID, cb(Act.CLOSE, round_id))
    assert texts(mine)[0].startswith("<b>Close voting: Safer Speke 2026</b>\nBallots so far: 0")
    theirs = await harness.tap(SECOND, cb(Act.CLOSE, round_id))
    closed = await tap_as(harness, SECOND, "Ffion", yes_of(theirs))
    assert alerts(closed) == ["Voting has closed. Type in any paper sheets, then publish."]
    # The first organiser's preview was of a round in voting: now it is counting.
    assert await status(session_maker, round_id) == "counting"
    stale = await harness.tap(ORGANISER_ID, yes_of(mine))
    assert alerts(stale)[0].startswith("This is out of date")
    assert await status(session_maker, round_id) == "counting"
    assert [e for e in await events(session_maker) if e[0] == Event.VOTING_CLOSED] == [
        (Event.VOTING_CLOSED, "Ffion", round_id)]


async def test_voting_can_be_opened_again_until_results_are_published(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker,
                                                     voting_closes=utcnow() + timedelta(hours=1))
    await join(harness, ORGANISER_ID, Locale.EN)
    await tap_as(harness, ORGANISER_ID, "Sam", yes_of(
        await harness.tap(ORGANISER_ID, cb(Act.CLOSE, round_id))))
    # The planned closing time passes while voting is closed by hand.
    async with session_maker.begin() as session:
        await session.execute(update(Round).values(voting_closes=utcnow() - timedelta(hours=1)))
    panel = await harness.send(ORGANISER_ID, "/voting")
    reopen = next(data for label, data in buttons(panel[-1]) if label == "Open voting again ↩")
    asked = await harness.tap(ORGANISER_ID, reopen)
    assert texts(asked)[0].startswith("<b>Open voting again: Safer Speke 2026</b>")
    done = await tap_as(harness, ORGANISER_ID, "Sam", yes_of(asked))
    assert alerts(done) == ["Voting is open again."]
    assert "voting is open" in texts(done)[-1]
    assert await status(session_maker, round_id) == "voting"
    # The past closing time was dropped, so the scheduler does not close it straight away.
    async with session_maker.begin() as session:
        assert await apply_voting_windows(session, utcnow()) == ([], [])
    await cast(session_maker, round_id, 730_003, {a: 5, b: 1, c: 1})
    await tap_and_confirm(harness, ORGANISER_ID, cb(Act.PUBLISH, round_id))
    assert await status(session_maker, round_id) == "results"
    # Once the results are out, re-opening is refused and nothing changes.
    assert alerts(await harness.tap(ORGANISER_ID, reopen)) == [
        "This round has moved on since; nothing changed. Send /voting again."]
    stale = ConfirmCb(step=Step.REOPEN_VOTING, round=round_id, say=Say.YES,
                      status="counting").pack()
    assert alerts(await harness.tap(ORGANISER_ID, stale))[0].startswith("This is out of date")
    assert await status(session_maker, round_id) == "results"
    assert [e[0] for e in await events(session_maker)] == [
        Event.VOTING_CLOSED, Event.VOTING_REOPENED, Event.RESULTS_PUBLISHED]


async def test_reopening_in_welsh(harness, session_maker):
    round_id, _bids = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.CY)
    await tap_and_confirm(harness, ORGANISER_ID, cb(Act.CLOSE, round_id))
    asked = await harness.tap(ORGANISER_ID, ConfirmCb(step=Step.REOPEN_VOTING,
                                                      round=round_id).pack())
    assert texts(asked)[0].startswith("<b>Agor y pleidleisio eto: Speke Mwy Diogel 2026</b>")
    assert [label for label, _ in buttons(asked[-1])] == ["Ie, ewch ymlaen ✅", "Na ✖"]
    assert alerts(await harness.tap(ORGANISER_ID, no_of(asked))) == ["Dim wedi newid."]
    assert await status(session_maker, round_id) == "counting"
    done = await harness.tap(ORGANISER_ID, yes_of(asked))
    assert alerts(done) == ["Mae'r pleidleisio ar agor eto."]
    assert await status(session_maker, round_id) == "voting"


async def test_opening_voting_asks_first(harness, session_maker):
    round_id, _bids = await voting_round(session_maker)
    async with session_maker.begin() as session:
        await session.execute(update(Round).values(status=RoundStatus.CLOSED.value))
    await join(harness, ORGANISER_ID, Locale.EN)
    asked = await harness.tap(ORGANISER_ID, cb(Act.OPEN, round_id))
    assert texts(asked)[0].startswith("<b>Open voting: Safer Speke 2026</b>\n"
                                      "Bids on the ballot: 3\n")
    assert await status(session_maker, round_id) == "closed"
    await harness.tap(ORGANISER_ID, no_of(asked))
    assert await status(session_maker, round_id) == "closed"
    # A bid found not eligible after the preview: the ballot would differ from what was shown.
    async with session_maker.begin() as session:
        await session.execute(update(Bid).where(Bid.number == 3)
                              .values(status=BidStatus.NOT_ELIGIBLE.value))
    assert alerts(await harness.tap(ORGANISER_ID, yes_of(asked)))[0].startswith(
        "This is out of date")
    assert await status(session_maker, round_id) == "closed"
    done = await tap_and_confirm(harness, ORGANISER_ID, cb(Act.OPEN, round_id))
    assert alerts(done) == ["Voting is open."]
    assert await status(session_maker, round_id) == "voting"


async def test_closing_bids_asks_first_and_a_new_bid_makes_the_yes_stale(harness,
                                                                         session_maker):
    round_id = await make_round(session_maker, status=RoundStatus.OPEN)
    async with session_maker.begin() as session:
        session.add_all([Bid(round_id=round_id, owner_telegram_id=810_000 + n, number=n,
                             status=s.value, title=f"Bid {n}")
                         for n, s in enumerate((BidStatus.SUBMITTED, BidStatus.ELIGIBLE,
                                                BidStatus.DRAFT), start=1)])
    await join(harness, ORGANISER_ID, Locale.EN)
    close = RoundCb(action=RoundAction.MOVE, round=round_id, value="closed").pack()
    asked = await harness.tap(ORGANISER_ID, close)
    assert texts(asked) == [
        "<b>Close bids: Safer Speke 2026</b>\nBids sent: 2\nStill waiting for review: 1\n"
        "Drafts that will not be sent: 1\n"
        "Groups will no longer be able to send or change bids. Go ahead?"]
    await harness.tap(ORGANISER_ID, no_of(asked))
    assert await status(session_maker, round_id) == "open"
    async with session_maker.begin() as session:  # a group sends its draft meanwhile
        await session.execute(update(Bid).where(Bid.number == 3)
                              .values(status=BidStatus.SUBMITTED.value))
    assert alerts(await harness.tap(ORGANISER_ID, yes_of(asked)))[0].startswith(
        "This is out of date")
    assert await status(session_maker, round_id) == "open"
    fresh = await harness.tap(ORGANISER_ID, close)
    assert "Bids sent: 3" in texts(fresh)[0]
    done = await tap_as(harness, ORGANISER_ID, "Sam", yes_of(fresh))
    assert texts(done)[0] == "Safer Speke 2026 is now: closed for bids."
    assert await status(session_maker, round_id) == "closed"
    assert (Event.BIDS_CLOSED, "Sam", round_id) in await events(session_maker)


async def test_closing_bids_in_welsh(harness, session_maker):
    round_id = await make_round(session_maker, status=RoundStatus.OPEN)
    await join(harness, ORGANISER_ID, Locale.CY)
    asked = await harness.tap(ORGANISER_ID, RoundCb(action=RoundAction.MOVE, round=round_id,
                                                    value="closed").pack())
    assert texts(asked)[0].startswith("<b>Cau ceisiadau: Speke Mwy Diogel 2026</b>\n"
                                      "Ceisiadau a anfonwyd: 0\n")
    await harness.tap(ORGANISER_ID, yes_of(asked))
    assert await status(session_maker, round_id) == "closed"


async def test_residents_cannot_confirm(harness, session_maker):
    round_id, _bids = await voting_round(session_maker)
    await join(harness, 730_050, Locale.EN)
    forged = ConfirmCb(step=Step.CLOSE_VOTING, round=round_id, say=Say.YES,
                       status="voting").pack()
    assert alerts(await harness.tap(730_050, forged)) == ["Sorry, this is for organisers."]
    assert await status(session_maker, round_id) == "voting"
