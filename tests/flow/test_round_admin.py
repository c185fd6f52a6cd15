"""/newround and /rounds: organisers set up a PB round in chat and open it for bids."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from bot.ui.callbacks import Locale
from bot.ui.callbacks.bids import RoundAction
from bot.ui.callbacks.schedule import ScheduleAction, ScheduleCb
from models.base import utcnow
from models.round import Round, RoundStatus
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import join, make_round, shown_buttons
from tests.support.factories import only_round, say
from tests.support.factories import round_cb as cb
from tests.support.flow import alerts, tap_and_confirm, texts


async def test_a_round_in_english_with_every_bad_answer_on_the_way(harness, session_maker):
    await join(harness, ORGANISER_ID, Locale.EN)
    assert (await say(harness, "/newround"))[0].startswith("Let's set up a PB round.")
    assert await say(harness, "x" * 121) == ["Please type a name of up to 120 characters."]
    assert await say(harness, "Safer Speke 2026") == ["And what is it called in Welsh?"]
    assert (await say(harness, "Speke Mwy Diogel 2026"))[0].startswith("Which areas")
    assert (await say(harness, "Speke"))[0].startswith("I couldn't read line 1.")
    assert (await say(harness, "SPK Speke £20,000\nSPK Garston £6k"))[0].startswith(
        "Each area needs its own code")
    assert (await say(harness, "SPK Speke £20,000\ngar Garston / Garstwn £6k"))[0].startswith(
        "What is the most that one bid can ask for?")
    assert await say(harness, "lots") == [
        "I couldn't read that as an amount of money. Please write it like £2,000."]
    assert await say(harness, "£30,000") == [
        "That's more than the largest pot (£20,000). Please give a smaller amount."]
    assert (await say(harness, "£2,000"))[0].startswith("What priorities came out")
    assert (await say(harness, "No slash here"))[0].startswith("Line 1 needs the English")
    sent = await harness.send(ORGANISER_ID, "Youth <clubs> / Clybiau ieuenctid\n- Parks / Parciau")
    assert texts(sent)[0].startswith("Which questions should a bid answer")
    assert shown_buttons(sent) == [("Use the standard questions ✅", cb(RoundAction.QUESTIONS))]
    assert (await say(harness, "title, amount, shoe size"))[0].startswith("I can't use that")
    assert (await say(harness, "title, amount"))[0].startswith("I can't use that")
    assert (await say(harness, "title, amount, area, contact"))[0].startswith("When do bids")
    assert (await say(harness, "tomorrow"))[0].startswith("I couldn't read that as a date")
    assert (await say(harness, "01/01/2020 10:00"))[0].startswith("That time has already passed")
    assert (await say(harness, "12/12/2099 17:00"))[0].startswith("When does voting open?")
    assert (await say(harness, "01/12/2099 10:00"))[0].startswith(
        "Voting can't open before bids close (Sat 12 Dec 2099, 17:00).")
    assert await say(harness, "17/01/2100 13:00") == ["And when does voting close?"]
    assert (await say(harness, "17/01/2100 12:00"))[0].startswith("Voting has to close after")
    sent = await harness.send(ORGANISER_ID, "17/01/2100 16:00")
    assert [t for t, _ in shown_buttons(sent)] == [
        "Score every bid from 1 to 5", "Tick any bids they like",
        "Tick up to a set number of bids", "Spread a number of tokens",
        "Pick bids up to the pot"]
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.BALLOT, "top_n"))
    assert texts(sent) == ["How many bids may each person tick, at most?"]
    assert await say(harness, "0") == ["Please type a whole number from 1 to 100."]
    assert (await say(harness, "3")) == ["How will the winners be chosen?"]
    await harness.tap(ORGANISER_ID, cb(RoundAction.RULE, "greedy"))
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.POLICY, "stop"))
    preview = texts(sent)[0]
    assert preview.startswith("<b>Safer Speke 2026</b> / <b>Speke Mwy Diogel 2026</b>")
    assert "Areas: SPK Speke £20,000, GAR Garston / Garstwn £6,000" in preview
    assert "Largest bid: £2,000 · Total pot: £26,000" in preview
    assert "• Youth &lt;clubs&gt; / Clybiau ieuenctid\n• Parks / Parciau" in preview
    assert "Ballot: Tick up to a set number of bids (3)" in preview
    assert "Winners: Fund down the ranking · Stop there" in preview
    assert "Voting: Sun 17 Jan 2100, 13:00 – Sun 17 Jan 2100, 16:00" in preview
    assert preview.endswith("\nAsks for updates (days after the results): 30 · 90 · 180")
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.CREATE, "open"))
    assert texts(sent)[-1] == ("Round 1, Safer Speke 2026, is saved: open for bids. "
                               "See every round with /rounds.")
    round_ = await only_round(session_maker)
    assert (round_.status, round_.max_bid_pence, round_.questions) == (
        "open", 200_000, ["title", "amount", "area", "contact"])
    assert [(a.code, a.name_cy, a.pot_pence) for a in round_.areas] == [
        ("SPK", "Speke", 2_000_000), ("GAR", "Garstwn", 600_000)]
    assert round_.priorities[0] == {"en": "Youth <clubs>", "cy": "Clybiau ieuenctid"}
    assert round_.bid_deadline == datetime(2099, 12, 12, 17, 0, tzinfo=UTC)
    assert round_.voting_closes == datetime(2100, 1, 17, 16, 0, tzinfo=UTC)
    assert (round_.ballot_kind, round_.ballot_n, round_.allocation_rule,
            round_.allocation_policy) == ("top_n", 3, "greedy", "stop")
    # The preview's buttons are spent: a second tap creates nothing.
    again = await harness.tap(ORGANISER_ID, cb(RoundAction.CREATE, "open"))
    assert alerts(again) == ["That button is out of date. Here's the current menu."]
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Round)) == 1


async def test_a_round_in_welsh_skipping_what_can_wait(harness, session_maker):
    await join(harness, ORGANISER_ID, Locale.CY)
    assert (await say(harness, "/newround"))[0].startswith("Gadewch i ni sefydlu rownd")
    assert await say(harness, "Safer Speke") == ["A beth yw ei henw yn Gymraeg?"]
    await say(harness, "Speke Mwy Diogel")
    assert (await say(harness, "SPK Speke £26k"))[0].startswith("Beth yw'r mwyaf")
    assert (await say(harness, "£2k"))[0].startswith("Pa flaenoriaethau")
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.SKIP))
    assert texts(sent)[0].startswith("Pa gwestiynau ddylai cais eu hateb")
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.QUESTIONS))
    assert texts(sent)[0].startswith("Pryd mae ceisiadau'n cau?")
    await say(harness, "12/12/2099 17:00")
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.SKIP))
    assert texts(sent) == ["Sut bydd pobl yn pleidleisio?"]
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.BALLOT, "approval"))
    assert [t for t, _ in shown_buttons(sent)][1] == "Dull y Cyfrannau Cyfartal"
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.RULE, "mes"))
    assert "Pleidleisio: ei agor a'i gau â llaw gyda /voting" in texts(sent)[0]
    assert "Blaenoriaethau:\ndim wedi'u rhoi" in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.CREATE, "draft"))
    assert texts(sent)[-1].startswith("Mae rownd 1, Speke Mwy Diogel, wedi'i chadw: drafft")
    round_ = await only_round(session_maker)
    assert (round_.status, round_.voting_opens, round_.ballot_kind, round_.allocation_rule,
            round_.allocation_policy, round_.priorities) == ("draft", None, "approval", "mes",
                                                            "skip", [])


async def test_discarding_and_buttons_out_of_step(harness, session_maker):
    await join(harness, ORGANISER_ID, Locale.EN)
    for data in (cb(RoundAction.CREATE, "open"), cb(RoundAction.BALLOT, "score"),
                 cb(RoundAction.SKIP), "rn:zz"):
        assert alerts(await harness.tap(ORGANISER_ID, data)), data
    await say(harness, "/newround")
    for text in ("Round", "Rownd", "SPK Speke £1k", "£500"):
        await say(harness, text)
    await harness.tap(ORGANISER_ID, cb(RoundAction.SKIP))
    await harness.tap(ORGANISER_ID, cb(RoundAction.QUESTIONS))
    await say(harness, "12/12/2099 17:00")
    await harness.tap(ORGANISER_ID, cb(RoundAction.SKIP))
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.BALLOT, "martian"))
    assert alerts(sent) == ["That button is out of date. Here's the current menu."]
    await harness.tap(ORGANISER_ID, cb(RoundAction.BALLOT, "tokens"))
    await say(harness, "10")
    await harness.tap(ORGANISER_ID, cb(RoundAction.RULE, "mes-add1-greedy"))
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.POLICY, "partial"))
    assert "Winners: Equal Shares, then down the ranking · Offer it what is left" in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.CREATE, "results"))
    assert alerts(sent) == ["That button is out of date. Here's the current menu."]
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.DISCARD))
    assert texts(sent) == ["Discarded. No round was created."]
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Round)) == 0


async def test_rounds_are_opened_and_closed_from_the_list(harness, session_maker):
    draft = await make_round(session_maker, status=RoundStatus.DRAFT)
    await join(harness, ORGANISER_ID, Locale.EN)
    sent = await harness.send(ORGANISER_ID, "/rounds")
    assert texts(sent)[0].startswith("<b>Rounds</b>\n1. Safer Speke 2026 — draft (not open yet)")
    # Each round also says when its funded groups will be asked for updates, and can change it.
    assert texts(sent)[0].endswith("\nAsks for updates (days after the results): 30 · 90 · 180")
    schedule = ("Change when groups are asked: round 1 🗓️",
                ScheduleCb(action=ScheduleAction.CHANGE, round=draft).pack())
    assert shown_buttons(sent) == [("Open round 1 for bids ▶",
                                    cb(RoundAction.MOVE, "open", draft)), schedule]
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.MOVE, "open", draft))
    assert texts(sent)[0] == "Safer Speke 2026 is now: open for bids."
    assert shown_buttons(sent) == [("Close bids for round 1 ⏹",
                                    cb(RoundAction.MOVE, "closed", draft)), schedule]
    stale = await harness.tap(ORGANISER_ID, cb(RoundAction.MOVE, "open", draft))
    assert alerts(stale)[0].startswith("That can't be done now")
    for data in (cb(RoundAction.MOVE, "voting", draft), cb(RoundAction.MOVE, "open", 99),
                 cb(RoundAction.MOVE, "nonsense", draft)):
        assert alerts(await harness.tap(ORGANISER_ID, data))[0].startswith("That can't be done")
    await tap_and_confirm(harness, ORGANISER_ID, cb(RoundAction.MOVE, "closed", draft))
    async with session_maker.begin() as session:
        await session.execute(update(Round).values(bid_deadline=utcnow() - timedelta(hours=1)))
    sent = await harness.tap(ORGANISER_ID, cb(RoundAction.MOVE, "open", draft))
    assert alerts(sent)[0].startswith("That can't be done now")
    assert (await only_round(session_maker)).status == RoundStatus.CLOSED


async def test_no_rounds_yet(harness):
    await join(harness, ORGANISER_ID, Locale.CY)
    assert await say(harness, "/rounds") == ["Does dim rowndiau eto. Crëwch un gyda /newround."]
    assert (await say(harness, "/bids"))[0].startswith("Does dim rownd wedi agor")
