"""/broadcast to one audience: people registered for an event or waiting, its volunteers,
bidders and voters of a round, people in an area, everyone. In English and Welsh, with the
count at preview, at Send and in the report, and forged buttons that change nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, update

from bot.jobs.broadcast_monitor import BroadcastMonitor
from bot.jobs.delivery import RateLimiter
from bot.ui.callbacks import BroadcastAction as Act
from bot.ui.callbacks import ForgetCb, LanguageCb, Locale
from models.audience import place_token
from models.ballot import RollEntry, roll_key, voter_key
from models.base import utcnow
from models.bid import Bid, BidStatus
from models.broadcast import Broadcast
from models.eligibility import VoterArea
from models.event import Event, EventStatus, Helper, HelperStatus, Registration, RegStatus, Role
from models.outbox import OutboxMessage, Status
from models.round import Round, RoundStatus
from models.user import User
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import make_round
from tests.support.event_fixtures import make_event
from tests.support.factories import broadcast_cb as cb
from tests.support.flow import alerts, buttons, texts

EN, CY = Locale.EN, Locale.CY
REGISTERED, WAITING, OFFERED, CANCELLED = 7001, 7002, 7004, 7003
VOLUNTEER, WITHDRAWN_HELPER, BLOCKED = 7005, 7008, 7009
BIDDER, DRAFT_OWNER, WITHDRAWN_BIDDER = 7006, 7007, 7011
FORGOTTEN, LATECOMER = 7010, 7012
PEOPLE = {REGISTERED: EN, WAITING: CY, CANCELLED: EN, OFFERED: CY, VOLUNTEER: EN,
          BIDDER: EN, DRAFT_OWNER: CY, WITHDRAWN_HELPER: EN, BLOCKED: CY, FORGOTTEN: EN,
          WITHDRAWN_BIDDER: CY, LATECOMER: EN}


@dataclass
class World:
    cafe: int  # Ringland, upcoming: registrations of every kind, volunteers
    vote_day: int  # Alway, upcoming
    cancelled: int
    long_ago: int
    round_id: int  # in voting, areas Speke and Garston
    draft_round: int


async def seed(harness, session_maker) -> World:
    cafe = await make_event(session_maker)
    vote_day = await make_event(session_maker, starts_in=timedelta(days=5), area="Alway",
                                title_en="Alway PB Vote", title_cy="Pleidlais Alway")
    cancelled = await make_event(session_maker, title_en="Called off", title_cy="Wedi'i ganslo")
    long_ago = await make_event(session_maker, starts_in=-timedelta(days=60),
                                title_en="Last year", title_cy="Llynedd")
    round_id = await make_round(session_maker, status=RoundStatus.OPEN)
    draft_round = await make_round(session_maker, status=RoundStatus.DRAFT)
    secret = harness.settings.ballot_key
    async with session_maker.begin() as session:
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(status=RoundStatus.VOTING.value))
        await session.execute(update(Event).where(Event.id == cancelled)
                              .values(status=EventStatus.CANCELLED.value))
        session.add_all(User(telegram_id=tid, locale=locale.value)
                        for tid, locale in PEOPLE.items())
        session.add(User(telegram_id=ORGANISER_ID, locale=EN.value))
        # From before languages were stored on first contact: included, in DEFAULT_LOCALE.
        session.add(User(telegram_id=7099))
        await session.flush()
        await session.execute(update(User).where(User.telegram_id == BLOCKED)
                              .values(blocked_at=utcnow()))
        for n, (tid, event_id, status) in enumerate([
            (REGISTERED, cafe, RegStatus.CONFIRMED), (WAITING, cafe, RegStatus.WAITING),
            (CANCELLED, cafe, RegStatus.CANCELLED), (OFFERED, cafe, RegStatus.OFFERED),
            (BLOCKED, cafe, RegStatus.CONFIRMED), (FORGOTTEN, cafe, RegStatus.CONFIRMED),
            (VOLUNTEER, vote_day, RegStatus.CONFIRMED), (None, cafe, RegStatus.CONFIRMED),
            (REGISTERED, long_ago, RegStatus.CONFIRMED),
        ]):
            session.add(Registration(event_id=event_id, telegram_id=tid, status=status,
                                     code=f"CODE{n:02d}", walk_in=tid is None,
                                     created_at=utcnow() + timedelta(seconds=n)))
        role = Role(event_id=cafe, name_en="Welcome desk", name_cy="Desg groeso")
        session.add(role)
        await session.flush()
        session.add_all([
            Helper(event_id=cafe, role_id=role.id, telegram_id=VOLUNTEER, first_name="Val",
                   status=HelperStatus.OFFERED),
            Helper(event_id=cafe, role_id=role.id, telegram_id=WITHDRAWN_HELPER,
                   first_name="Wil", status=HelperStatus.WITHDRAWN),
        ])
        round_ = await session.get(Round, round_id)
        speke, garston = (area.id for area in round_.areas)
        session.add_all([
            Bid(round_id=round_id, owner_telegram_id=BIDDER, status=BidStatus.ELIGIBLE,
                number=1, reference="SPK-001", title="Football", area_id=speke),
            Bid(round_id=round_id, owner_telegram_id=DRAFT_OWNER, status=BidStatus.DRAFT,
                title="Unsent", area_id=speke),
            Bid(round_id=round_id, owner_telegram_id=WITHDRAWN_BIDDER,
                status=BidStatus.WITHDRAWN, number=2, reference="SPK-002", area_id=speke),
        ])
        session.add_all(RollEntry(round_id=round_id, roll_key=roll_key(voter_key(secret, tid)),
                                  receipt=f"AAA-{n:03d}")
                        for n, tid in enumerate([BIDDER, DRAFT_OWNER, FORGOTTEN]))
        session.add(VoterArea(round_id=round_id, telegram_id=WAITING, area_id=garston))
    await forget(harness, FORGOTTEN)
    return World(cafe, vote_day, cancelled, long_ago, round_id, draft_round)


async def forget(harness, user_id: int) -> None:
    await harness.send(user_id, "/forget")
    await harness.tap(user_id, ForgetCb(confirm=True).pack())


async def choose(harness, locale: Locale, kind: str, target: str | None) -> list:
    await harness.tap(ORGANISER_ID, LanguageCb(locale=locale).pack())
    await harness.send(ORGANISER_ID, "/broadcast")
    sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, kind))
    if target is not None:
        sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, f"{kind}.{target}"))
    return sent


async def write_and_preview(harness) -> str:
    await harness.send(ORGANISER_ID, "Hello <b>all</b>")
    await harness.tap(ORGANISER_ID, cb(Act.SKIP_WELSH))
    return texts(await harness.tap(ORGANISER_ID, cb(Act.NOW)))[-1]


def monitor(harness, session_maker) -> BroadcastMonitor:
    return BroadcastMonitor(harness.bot, session_maker, harness.dp["notifier"],
                            limiter=RateLimiter(1000), wake_sender=lambda: None,
                            ballots=harness.dp["ballots"])


async def recipients(session_maker) -> set[int]:
    async with session_maker() as session:
        return set(await session.scalars(
            select(OutboxMessage.chat_id).where(OutboxMessage.broadcast_id.is_not(None))))


async def broadcast_count(session_maker) -> int:
    async with session_maker() as session:
        return await session.scalar(select(func.count()).select_from(Broadcast))


def target(world: World, kind: str) -> str | None:
    return {"all": None, "reg": str(world.cafe), "vol": str(world.cafe),
            "bid": str(world.round_id), "vote": str(world.round_id),
            "area": place_token("ringland")}[kind]


# (kind, label in English, label in Welsh, who gets it, how many blocked)
AUDIENCES = [
    ("reg", "People registered or waiting for Ringland World Café",
     "Pobl sydd wedi cofrestru neu'n aros ar gyfer Caffi'r Byd Ringland",
     {REGISTERED, WAITING, OFFERED}, 1),
    ("vol", "Volunteers at Ringland World Café", "Gwirfoddolwyr ar gyfer Caffi'r Byd Ringland",
     {VOLUNTEER}, 0),
    ("bid", "Groups who bid in Safer Speke 2026",
     "Grwpiau a wnaeth gais yn y rownd Speke Mwy Diogel 2026", {BIDDER}, 0),
    ("vote", "People who voted in Safer Speke 2026",
     "Pobl a bleidleisiodd yn y rownd Speke Mwy Diogel 2026", {BIDDER, DRAFT_OWNER}, 0),
    # Whose last registration was in Ringland, whatever became of it (VOLUNTEER's was in
    # Alway); WAITING also said Garston when voting, which does not move them out.
    ("area", "People in Ringland", "Pobl yn ardal Ringland",
     {REGISTERED, WAITING, CANCELLED, OFFERED}, 1),
    ("all", "Everyone", "Pawb", set(PEOPLE) - {FORGOTTEN, BLOCKED} | {ORGANISER_ID, 7099}, 1),
]


@pytest.mark.parametrize("locale", [EN, CY])
@pytest.mark.parametrize(("kind", "english", "welsh", "expected", "blocked"), AUDIENCES,
                         ids=[a[0] for a in AUDIENCES])
async def test_each_audience_gets_exactly_its_people(harness, session_maker, locale, kind,
                                                     english, welsh, expected, blocked):
    world = await seed(harness, session_maker)
    await choose(harness, locale, kind, target(world, kind))
    preview = await write_and_preview(harness)
    label = english if locale is EN else welsh
    people = {EN: f"{len(expected)} people" if len(expected) != 1 else "1 person",
              CY: {1: "1 person", 2: "2 berson", 3: "3 pherson", 6: "6 pherson"}.get(
                  len(expected), f"{len(expected)} o bobl")}
    assert f"{'To' if locale is EN else 'At'}: {label} — {people[locale]}" in preview
    assert (f"({blocked} blocked the bot" in preview or f"({blocked} wedi rhwystro" in preview
            ) == bool(blocked)

    await harness.tap(ORGANISER_ID, cb(Act.SEND))
    async with session_maker() as session:
        row = await session.scalar(select(Broadcast))
    assert row.audience == kind
    assert row.audience_target_id == (None if kind in ("all", "area") else int(target(world, kind)))
    await monitor(harness, session_maker).tick()
    assert await recipients(session_maker) == expected


async def test_the_count_is_made_again_at_send_and_the_report_gives_it(harness, session_maker):
    world = await seed(harness, session_maker)
    sent = await choose(harness, EN, "reg", None)
    shown = [text for text, _ in buttons(sent[-1])]
    # Upcoming and recent open events only, then Back.
    assert shown[0].startswith("Ringland World Café · ")
    assert shown[1].startswith("Alway PB Vote · ")
    assert shown[2:] == ["‹ Back"]
    await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, f"reg.{world.cafe}"))
    assert "— 3 people (1 blocked the bot" in await write_and_preview(harness)

    async with session_maker.begin() as session:
        session.add(Registration(event_id=world.cafe, telegram_id=LATECOMER, code="LATE01",
                                 status=RegStatus.WAITING))
    sent = await harness.tap(ORGANISER_ID, cb(Act.SEND))
    assert texts(sent)[-1] == "Starting to send to 4 people…"

    watcher = monitor(harness, session_maker)
    await watcher.tick()
    assert await recipients(session_maker) == {REGISTERED, WAITING, OFFERED, LATECOMER}
    async with session_maker.begin() as session:
        await session.execute(update(OutboxMessage).values(status=Status.SENT.value))
    await watcher.tick()
    async with session_maker() as session:
        report = await session.scalar(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like("bcreport:%")))
    assert ("To: People registered or waiting for Ringland World Café — 4 people"
            in report.payload["text"])
    assert "Delivered: 4" in report.payload["text"]


async def test_a_scheduled_broadcast_takes_the_audience_as_it_is_when_it_starts(
        harness, session_maker):
    world = await seed(harness, session_maker)
    await choose(harness, CY, "vol", str(world.cafe))
    await harness.send(ORGANISER_ID, "Diolch")
    await harness.tap(ORGANISER_ID, cb(Act.SKIP_WELSH))
    await harness.tap(ORGANISER_ID, cb(Act.LATER))
    await harness.send(ORGANISER_ID, "31/12/2099 18:30")
    sent = await harness.tap(ORGANISER_ID, cb(Act.SEND))
    assert "Heddiw, 1 person yw hynny" in texts(sent)[-1]
    async with session_maker.begin() as session:
        role_id = await session.scalar(select(Role.id))
        session.add(Helper(event_id=world.cafe, role_id=role_id, telegram_id=BIDDER,
                           first_name="Bea", status=HelperStatus.CONFIRMED))
        await session.execute(update(Broadcast).values(send_at=utcnow() - timedelta(seconds=1)))
    await monitor(harness, session_maker).tick()
    assert await recipients(session_maker) == {VOLUNTEER, BIDDER}


async def test_areas_come_from_events_and_rounds(harness, session_maker):
    await seed(harness, session_maker)
    sent = await choose(harness, EN, "area", None)
    assert [text for text, _ in buttons(sent[-1])] == [
        "Alway", "Garston", "Ringland", "Speke", "‹ Back"]
    # WAITING told the round they live in Garston; BIDDER bid for Speke; VOLUNTEER's last
    # registration was in Alway.
    for place in ("Garston", "Speke", "Alway"):
        await harness.send(ORGANISER_ID, "/cancel")
        await choose(harness, EN, "area", place_token(place))
        assert f"To: People in {place} — 1 person" in await write_and_preview(harness)
        await harness.tap(ORGANISER_ID, cb(Act.SEND))
    await monitor(harness, session_maker).tick()
    async with session_maker() as session:
        rows = (await session.execute(
            select(Broadcast.audience_target_name, OutboxMessage.chat_id)
            .join(OutboxMessage, OutboxMessage.broadcast_id == Broadcast.id))).all()
    assert sorted(rows) == [("Alway", VOLUNTEER), ("Garston", WAITING), ("Speke", BIDDER)]


async def test_voters_are_people_who_voted_in_that_round_only(harness, session_maker):
    world = await seed(harness, session_maker)
    sent = await choose(harness, EN, "vote", None)
    # Only rounds whose voting has started can be chosen.
    assert [text for text, _ in buttons(sent[-1])] == ["Safer Speke 2026", "‹ Back"]
    sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, f"vote.{world.draft_round}"))
    assert alerts(sent) == ["That button is out of date. Here's the current menu."]


async def test_back_returns_to_the_kinds(harness, session_maker):
    await seed(harness, session_maker)
    await choose(harness, CY, "bid", None)
    sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, ""))
    assert texts(sent) == ["Pwy ddylai gael y neges hon?"]
    assert buttons(sent[-1])[0][0] == "Pawb · 12 o bobl"


async def test_nothing_to_choose_from_is_said_kindly(harness, session_maker):
    async with session_maker.begin() as session:
        session.add(User(telegram_id=ORGANISER_ID, locale=EN.value))
    sent = await choose(harness, EN, "reg", None)
    assert alerts(sent) == ["There are no upcoming or recent events to choose from."]
    sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "vote"))
    assert alerts(sent) == ["There is no round to choose from yet."]
    # Still choosing: everyone can be picked.
    sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, "all"))
    assert texts(sent)[0].startswith("Send the message in English")


@pytest.mark.parametrize("locale", [EN, CY])
async def test_forged_audience_buttons_change_nothing(harness, session_maker, locale):
    world = await seed(harness, session_maker)
    await harness.tap(ORGANISER_ID, LanguageCb(locale=locale).pack())
    stale = {EN: "That button is out of date. Here's the current menu."}
    await harness.send(ORGANISER_ID, "/broadcast")
    for value in ("reg.999999", "reg.abc", f"reg.{world.cancelled}", f"vol.{world.long_ago}",
                  f"bid.{world.draft_round}", "vote.999999", "area.0000000000", "all.1",
                  "martians", "martians.1", f"area.{place_token('Mars')}"):
        sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, value))
        assert alerts(sent), value
        if locale is EN:
            assert alerts(sent) == [stale[EN]], value
        assert not texts(sent)[1:], value  # nothing but the alert
    # Still at the first question: a real choice works.
    sent = await harness.tap(ORGANISER_ID, cb(Act.AUDIENCE, f"reg.{world.cafe}"))
    assert len(texts(sent)) == 1 and not alerts(sent)
    assert await broadcast_count(session_maker) == 0


async def test_an_event_deleted_before_send_sends_nothing(harness, session_maker):
    world = await seed(harness, session_maker)
    await choose(harness, EN, "reg", str(world.cafe))
    await write_and_preview(harness)
    async with session_maker.begin() as session:
        await session.execute(delete(Event).where(Event.id == world.cafe))
    sent = await harness.tap(ORGANISER_ID, cb(Act.SEND))
    assert alerts(sent) == ["That event or round no longer exists, so nothing was sent."]
    assert await broadcast_count(session_maker) == 0


async def test_residents_forging_audience_buttons_are_refused(harness, session_maker):
    world = await seed(harness, session_maker)
    for value in (f"reg.{world.cafe}", "vote", f"area.{place_token('Ringland')}"):
        sent = await harness.tap(REGISTERED, cb(Act.AUDIENCE, value))
        assert alerts(sent) == ["Sorry, this is for organisers."]
    sent = await harness.tap(WAITING, cb(Act.AUDIENCE, f"bid.{world.round_id}"))
    assert alerts(sent) == ["Mae'n ddrwg gennym, mae hyn ar gyfer trefnwyr."]
    assert await broadcast_count(session_maker) == 0
    assert await recipients(session_maker) == set()


async def test_send_wakes_the_monitor_once_committed(harness, session_maker):
    await seed(harness, session_maker)
    wake = harness.dp["broadcast_wake"]
    await choose(harness, EN, "all", None)
    await write_and_preview(harness)
    assert not wake.is_set()
    await harness.tap(ORGANISER_ID, cb(Act.SEND))
    assert wake.is_set()
    assert await broadcast_count(session_maker) == 1
