"""Handing a project on while its owner is still here, through the real dispatcher, on both
databases, in English and Welsh: the owner hands it to a co-owner from their group's page; an
organiser hands it away from an owner who no longer answers. Each Yes carries what its
question showed, so a stale or forged Yes changes nothing; the owner's asks not yet sent go to
the new owner and the old owner gets theirs as a co-owner (nobody asked twice, nobody left
out, after a restart too); both are told once in their language; /audit names no resident.
Two Yes at once (two organisers, or the owner and an organiser) hand it on once."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.ui.callbacks import Locale
from bot.ui.callbacks.projects import HandAction, HandCb, ProjectAction, TeamAction
from models import project_handover as handover
from models.base import utcnow
from models.organiser import Organiser
from models.outbox import OutboxMessage, Status
from models.project import Project
from models.round import get_round
from tests.conftest import ORGANISER_ID
from tests.support.databases import until_waiting_on_a_lock
from tests.support.factories import GROUP_OWNER, join
from tests.support.flow import alerts, buttons, texts
from tests.support.project_scenario import (
    ALL_ASKS,
    CO_CY,
    CO_EN,
    STRANGER,
    asks_of,
    assert_nobody_asked_twice_nor_left_out,
    audit_entries,
    joined,
    members,
    owner_passes,
    owners_project,
    project_cb,
    project_now,
    team,
    told_to,
)

SECOND_ORGANISER = 900_002

SAID = {
    Locale.EN: {
        "owner button": "Make this person the owner: Siân 👑",
        "owner ask": "Hand the project <b>SPK-001 Bid 1</b> to this person: Siân? They will "
                     "look after its group: invite people, or take people out. You stay in the "
                     "group and can still send updates. I will tell them.",
        "yes": "Yes, hand it on ✅",
        "owner done": "Done. This person looks after the project <b>SPK-001 Bid 1</b> now: "
                      "Siân. You are still in its group, and I have told them.",
        "told passed": "Hello! The person who looked after the project <b>SPK-001 Bid 1</b> "
                       "has asked you to look after it now 👥 You can invite people to its "
                       "group, or take people out, under My things.",
        "hand button": "Hand this project to: Siân 🤝",
        "taken ask": "Hand the project <b>SPK-001 Bid 1</b> to this person: Siân? Its owner is "
                     "still in the group: do this only if they no longer answer. This person "
                     "will look after the group. The owner stays in it and can still send "
                     "updates. I will tell them both.",
        "taken done": "Done. This person looks after the project <b>SPK-001 Bid 1</b> now: "
                      "Siân. The owner before them is still in the group. I have told them "
                      "both.",
        "told taken": "Hello! An organiser has asked you to look after the project <b>SPK-001 "
                      "Bid 1</b> now 👥 The person who looked after it is still in its group. "
                      "You can invite people to the group, or take people out, under My things.",
        "told old": "Hello! An organiser has asked someone else in the group to look after the "
                    "project <b>SPK-001 Bid 1</b> from now on 👥 You are still in its group and "
                    "can send updates. If you would rather leave the group, you can do that "
                    "under My things.",
        "stale yes": "That question is out of date: the project or its group has changed since. "
                     "Nothing has been changed. Send /projects to see it as it is now.",
        "stale": "That button is out of date. Open My things to see your projects.",
        "stale page": "That button is out of date. Send /projects to see the latest.",
        "bidder line": "• The person who sent the bid",
        "audit passed": "The owner of SPK-001 handed it to someone in its group",
        "audit taken": "handed SPK-001 from its owner to someone else in its group",
    },
    Locale.CY: {
        "owner button": "Gwneud y person hwn yn berchennog: Siân 👑",
        "owner ask": "Rhoi'r prosiect <b>SPK-001 Bid 1</b> i'r person hwn: Siân? Byddan nhw'n "
                     "gofalu am ei grŵp: gwahodd pobl, neu dynnu pobl allan. Byddwch chi'n aros "
                     "yn y grŵp ac yn dal i allu anfon diweddariadau. Bydda i'n dweud wrthyn "
                     "nhw.",
        "yes": "Ie, ei roi ✅",
        "owner done": "Iawn. Mae'r person hwn yn gofalu am y prosiect <b>SPK-001 Bid 1</b> nawr: "
                      "Siân. Rydych chi'n dal yn ei grŵp, ac rydw i wedi dweud wrthyn nhw.",
        "told passed": "Helo! Mae'r person oedd yn gofalu am y prosiect <b>SPK-001 Bid 1</b> "
                       "wedi gofyn i chi ofalu amdano nawr 👥 Gallwch chi wahodd pobl i'w grŵp, "
                       "neu dynnu pobl allan, o dan Fy mhethau.",
        "hand button": "Rhoi'r prosiect hwn i: Siân 🤝",
        "taken ask": "Rhoi'r prosiect <b>SPK-001 Bid 1</b> i'r person hwn: Siân? Mae ei "
                     "berchennog yn dal yn y grŵp: gwnewch hyn dim ond os nad ydyn nhw'n ateb "
                     "mwyach. Bydd y person hwn yn gofalu am y grŵp. Bydd y perchennog yn aros "
                     "ynddo ac yn dal i allu anfon diweddariadau. Bydda i'n dweud wrth y ddau.",
        "taken done": "Iawn. Mae'r person hwn yn gofalu am y prosiect <b>SPK-001 Bid 1</b> nawr: "
                      "Siân. Mae'r perchennog blaenorol yn dal yn y grŵp. Rydw i wedi dweud "
                      "wrth y ddau.",
        "told taken": "Helo! Mae trefnydd wedi gofyn i chi ofalu am y prosiect <b>SPK-001 Bid "
                      "1</b> nawr 👥 Mae'r person oedd yn gofalu amdano yn dal yn ei grŵp. "
                      "Gallwch chi wahodd pobl i'r grŵp, neu dynnu pobl allan, o dan Fy "
                      "mhethau.",
        "told old": "Helo! Mae trefnydd wedi gofyn i rywun arall yn y grŵp ofalu am y prosiect "
                    "<b>SPK-001 Bid 1</b> o hyn ymlaen 👥 Rydych chi'n dal yn ei grŵp ac yn "
                    "gallu anfon diweddariadau. Os byddai'n well gennych chi adael y grŵp, "
                    "gallwch chi wneud hynny o dan Fy mhethau.",
        "stale yes": "Mae'r cwestiwn yna wedi dyddio: mae'r prosiect neu ei grŵp wedi newid ers "
                     "hynny. Does dim byd wedi newid. Anfonwch /projects i'w weld fel y mae "
                     "nawr.",
        "stale": "Mae'r botwm yna wedi dyddio. Agorwch Fy mhethau i weld eich prosiectau.",
        "stale page": "Mae'r botwm yna wedi dyddio. Anfonwch /projects i weld y diweddaraf.",
        "bidder line": "• Y person a anfonodd y cais",
        "audit passed": "Perchennog prosiect SPK-001 — ei roi i rywun yn ei grŵp",
        "audit taken": "rhoi prosiect SPK-001 i rywun arall yn ei grŵp, yn lle ei berchennog",
    },
}


def new_owner_of(lang: Locale) -> int:
    return CO_CY if lang is Locale.CY else CO_EN


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_the_owner_hands_their_project_to_a_co_owner(harness, session_maker, lang):
    said = SAID[lang]
    project = await owners_project(harness, session_maker, lang)
    new_owner = new_owner_of(lang)
    member = await joined(harness, project, new_owner, "Siân")
    await joined(harness, project, STRANGER, "Ifan")
    before = await asks_of(session_maker, project)

    page = await harness.tap(GROUP_OWNER, team(TeamAction.SHOW, project))
    pick = dict(buttons(page[-1]))[said["owner button"]]
    # A co-owner is not offered it, and their taps on the owner's buttons change nothing.
    page = await harness.tap(new_owner, team(TeamAction.SHOW, project))
    assert not [label for label, _ in buttons(page[-1]) if "👑" in label]
    assert alerts(await harness.tap(new_owner, pick)) == [said["stale"]]
    forged = HandCb(action=HandAction.OWNER_YES, project=project.id, member=member.id,
                    owner=GROUP_OWNER).pack()
    assert alerts(await harness.tap(new_owner, forged)) == [said["stale yes"]]

    sent = await harness.tap(GROUP_OWNER, pick)
    assert texts(sent)[-1] == said["owner ask"]
    yes = dict(buttons(sent[-1]))[said["yes"]]
    assert HandCb.unpack(yes) == HandCb(action=HandAction.OWNER_YES, project=project.id,
                                        member=member.id, owner=GROUP_OWNER, turn=0)
    no = buttons(sent[-1])[1][1]
    await harness.tap(GROUP_OWNER, no)
    assert (await project_now(session_maker, project)).owner_telegram_id == GROUP_OWNER

    sent = await harness.tap(GROUP_OWNER, yes)
    assert texts(sent)[-1] == said["owner done"]
    assert alerts(await harness.tap(GROUP_OWNER, yes)) == [said["stale yes"]]
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (new_owner, 1)
    # The old owner takes the new owner's place among the co-owners, with their first name.
    assert await members(session_maker) == {GROUP_OWNER: "Test", STRANGER: "Ifan"}

    # The new owner is told once in their language; the old owner tapped Yes: nothing more.
    told = [(row.dedupe_key, row.payload["text"])
            for row in await told_to(session_maker, project, new_owner)
            if ":handed:" in row.dedupe_key]
    assert told == [(f"pg:{project.id}:handed:1:new", said["told passed"])]
    assert not [row for row in await told_to(session_maker, project, GROUP_OWNER)
                if ":handed:" in row.dedupe_key]

    # The owner's asks are the new owner's now, in the new owner's words; the old owner
    # gets theirs as a co-owner; the new owner's as a co-owner are withdrawn.
    rows = await asks_of(session_maker, project)
    assert_nobody_asked_twice_nor_left_out(rows, {GROUP_OWNER, new_owner, STRANGER}, ALL_ASKS)
    owner_ask = rows[f"proj:{project.id}:ask:2"]
    assert owner_ask.chat_id == new_owner
    assert owner_ask.payload == before[f"proj:{project.id}:ask:2:{new_owner}"].payload
    assert rows[f"proj:{project.id}:ask:2:{new_owner}"].status == Status.CANCELLED

    # /audit: the project's reference, no actor, no resident.
    (entry,) = await audit_entries(session_maker)
    assert (entry.event, entry.actor_telegram_id, entry.actor_name, entry.detail) == (
        "project-passed", None, None, {"project": "SPK-001"})
    await join(harness, ORGANISER_ID, lang)
    assert said["audit passed"] in " ".join(texts(await harness.send(ORGANISER_ID, "/audit")))

    # The new owner runs the group now; the old owner can leave it.
    page = await harness.tap(new_owner, team(TeamAction.SHOW, project))
    assert any(label.endswith("👑") for label, _ in buttons(page[-1]))
    page = await harness.tap(GROUP_OWNER, team(TeamAction.SHOW, project))
    assert not [label for label, _ in buttons(page[-1]) if "👑" in label]

    # A restart plans nothing again: every row as it was.
    await harness.restart()
    async with session_maker.begin() as session:
        project_row = await session.get(Project, project.id)
        notifier = harness.dp["notifier"]
        round_ = await get_round(session, project.round_id)
        assert await notifier.projects.plan_asks(session, round_, [project_row]) == 0
        assert await notifier.project_asks.sync(session, round_, [project_row], utcnow()) == 0
    assert {k: (r.chat_id, r.status) for k, r in (await asks_of(session_maker, project)).items()
            } == {k: (r.chat_id, r.status) for k, r in rows.items()}


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_an_organiser_hands_a_project_away_from_an_owner_who_no_longer_answers(
        harness, session_maker, lang):
    said = SAID[lang]
    project = await owners_project(harness, session_maker, lang)
    await join(harness, ORGANISER_ID, lang)
    new_owner = new_owner_of(lang)
    member = await joined(harness, project, new_owner, "Siân")
    other = await joined(harness, project, STRANGER, "Ifan")

    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    pick = dict(buttons(page[-1]))[said["hand button"]]
    sent = await harness.tap(ORGANISER_ID, pick)
    assert texts(sent)[-1] == said["taken ask"]
    yes = dict(buttons(sent[-1]))[said["yes"]]
    assert HandCb.unpack(yes) == HandCb(action=HandAction.YES, project=project.id,
                                        member=member.id, owner=GROUP_OWNER, turn=0)
    # Forged: another owner, another count, the co-owner of another row, someone else's
    # project: all out of date. A resident's tap on an organiser's Yes is refused.
    for fake in (dict(owner=GROUP_OWNER + 1), dict(turn=1), dict(member=other.id + 99),
                 dict(project=project.id + 99), dict(owner=0)):
        forged = HandCb(**{**dict(action=HandAction.YES, project=project.id, member=member.id,
                                  owner=GROUP_OWNER, turn=0), **fake}).pack()
        assert alerts(await harness.tap(ORGANISER_ID, forged)) == [said["stale yes"]]
    await harness.tap(new_owner, yes)
    assert (await project_now(session_maker, project)).owner_telegram_id == GROUP_OWNER
    assert await audit_entries(session_maker) == []

    sent = await harness.tap(ORGANISER_ID, yes)
    assert texts(sent)[-1] == said["taken done"]
    assert alerts(await harness.tap(ORGANISER_ID, yes)) == [said["stale yes"]]
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (new_owner, 1)
    # No first name is known for the old owner: the group's page says who they are.
    assert await members(session_maker) == {GROUP_OWNER: None, STRANGER: "Ifan"}
    page = await harness.tap(new_owner, team(TeamAction.SHOW, project))
    assert said["bidder line"] in texts(page)[-1].splitlines()
    bidder = said["bidder line"].removeprefix("• ")
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    back_button = dict(buttons(page[-1]))[said["hand button"].replace("Siân", bidder)]
    sent = await harness.tap(ORGANISER_ID, back_button)
    assert f": {bidder}?" in texts(sent)[-1]

    # Both told once, each in their language.
    for person, key, words in ((new_owner, "new", said["told taken"]),
                               (GROUP_OWNER, "old", said["told old"])):
        told = [(row.dedupe_key, row.payload["text"])
                for row in await told_to(session_maker, project, person)
                if ":handed:" in row.dedupe_key]
        assert told == [(f"pg:{project.id}:handed:1:{key}", words)]
    rows = await asks_of(session_maker, project)
    assert_nobody_asked_twice_nor_left_out(rows, {GROUP_OWNER, new_owner, STRANGER}, ALL_ASKS)

    (entry,) = await audit_entries(session_maker)
    assert (entry.event, entry.actor_telegram_id, entry.detail) == (
        "project-taken", ORGANISER_ID, {"project": "SPK-001"})
    shown = " ".join(texts(await harness.send(ORGANISER_ID, "/audit")))
    assert said["audit taken"] in shown and "Siân" not in shown

    # A question from before two more hand-overs is out of date, even though the owner it
    # showed is the owner again: the count moved on.
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    sent = await harness.tap(ORGANISER_ID, dict(buttons(page[-1]))[
        said["hand button"].replace("Siân", "Ifan")])
    ifan_yes = dict(buttons(sent[-1]))[said["yes"]]
    await owner_passes(harness, new_owner, project, "Ifan")  # back to GROUP_OWNER
    await owner_passes(harness, GROUP_OWNER, project, "Ifan")  # and to Siân again
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (new_owner, 3)
    assert alerts(await harness.tap(ORGANISER_ID, ifan_yes)) == [said["stale yes"]]
    assert len(await audit_entries(session_maker)) == 3
    # Finished projects are not handed on.
    async with session_maker.begin() as session:
        (await session.get(Project, project.id)).status = "done"
    assert alerts(await harness.tap(ORGANISER_ID, pick)) == [said["stale page"]]
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert not [label for label, _ in buttons(page[-1]) if label.endswith("🤝")]


async def test_asks_already_made_are_not_made_again_and_nudges_reach_everyone(
        harness, session_maker, clock):
    """Ask 1 was sent to the owner and to the co-owner; then the project changes hands before
    its nudge: each gets the nudge once, and every later ask once."""
    project = await owners_project(harness, session_maker, Locale.EN)
    new_owner = new_owner_of(Locale.EN)
    await joined(harness, project, new_owner, "Siân")
    async with session_maker.begin() as session:
        for row in await session.scalars(select(OutboxMessage).where(
                OutboxMessage.dedupe_key.like(f"proj:{project.id}:ask:1%"))):
            row.status = Status.SENT.value
    clock(31)  # ask 1 (day 30) is past, its nudge (day 44) not yet
    page = await harness.tap(GROUP_OWNER, team(TeamAction.SHOW, project))
    pick = [data for label, data in buttons(page[-1]) if label.endswith("👑")][0]
    sent = await harness.tap(GROUP_OWNER, pick)
    await harness.tap(GROUP_OWNER, buttons(sent[-1])[0][1])
    rows = await asks_of(session_maker, project)
    later = sorted(["ask:2", "ask:3", "nudge:1", "nudge:2", "nudge:3"])
    assert_nobody_asked_twice_nor_left_out(rows, {GROUP_OWNER, new_owner}, later)
    sent_ask = rows[f"proj:{project.id}:ask:1"]
    assert (sent_ask.chat_id, sent_ask.status) == (GROUP_OWNER, Status.SENT)  # left as it was


async def test_two_organisers_tapping_yes_at_once_hand_it_on_once(harness, session_maker):
    project = await owners_project(harness, session_maker, Locale.EN)
    async with session_maker.begin() as session:
        session.add(Organiser(telegram_id=SECOND_ORGANISER, added_by=ORGANISER_ID))
    await join(harness, SECOND_ORGANISER, Locale.EN)
    siân = await joined(harness, project, CO_EN, "Siân")
    ifan = await joined(harness, project, STRANGER, "Ifan")
    yes = {who: HandCb(action=HandAction.YES, project=project.id, member=member.id,
                       owner=GROUP_OWNER, turn=0).pack()
           for who, member in ((ORGANISER_ID, siân), (SECOND_ORGANISER, ifan))}
    sent = await asyncio.gather(*(harness.tap(who, data) for who, data in yes.items()))
    await _exactly_one_hand_over(session_maker, project, sent, {CO_EN, STRANGER})


async def test_the_owner_and_an_organiser_at_once_hand_it_on_once(harness, session_maker):
    project = await owners_project(harness, session_maker, Locale.EN)
    siân = await joined(harness, project, CO_EN, "Siân")
    ifan = await joined(harness, project, STRANGER, "Ifan")
    taps = ((GROUP_OWNER, HandCb(action=HandAction.OWNER_YES, project=project.id,
                                 member=siân.id, owner=GROUP_OWNER, turn=0).pack()),
            (ORGANISER_ID, HandCb(action=HandAction.YES, project=project.id, member=ifan.id,
                                  owner=GROUP_OWNER, turn=0).pack()))
    sent = await asyncio.gather(*(harness.tap(who, data) for who, data in taps))
    await _exactly_one_hand_over(session_maker, project, sent, {CO_EN, STRANGER})


async def _exactly_one_hand_over(session_maker, project: Project, sent: list,
                                 candidates: set[int]) -> None:
    stale = SAID[Locale.EN]["stale yes"]
    assert sorted(len(alerts(one)) for one in sent) == [0, 1]
    assert [alerts(one) for one in sent if alerts(one)] == [[stale]]
    now = await project_now(session_maker, project)
    assert now.handovers == 1 and now.owner_telegram_id in candidates
    (loser,) = candidates - {now.owner_telegram_id}
    assert set(await members(session_maker)) == {GROUP_OWNER, loser}
    assert len(await audit_entries(session_maker)) == 1
    async with session_maker() as session:
        told = list(await session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like(f"pg:{project.id}:handed:%:new"))))
    assert [row.chat_id for row in told] == [now.owner_telegram_id]
    rows = await asks_of(session_maker, project)
    assert_nobody_asked_twice_nor_left_out(rows, {GROUP_OWNER, *candidates}, ALL_ASKS)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_yes_waits_for_one_still_under_way_on_postgresql(harness, session_maker):
    """Deterministically: the first hand-over is made but not committed; the second (to another
    co-owner, from the same question's owner and count) must wait for it on the project's row,
    then find it out of date. Without the guard both would hand the project on."""
    project = await owners_project(harness, session_maker, Locale.EN)
    siân = await joined(harness, project, CO_EN, "Siân")
    ifan = await joined(harness, project, STRANGER, "Ifan")
    async with session_maker() as one, session_maker() as two:
        assert await handover.hand_over(one, project.id, siân.id, GROUP_OWNER, 0, utcnow(),
                                        by=ORGANISER_ID, by_name="A") is not None
        later = asyncio.create_task(handover.hand_over(
            two, project.id, ifan.id, GROUP_OWNER, 0, utcnow(), by=GROUP_OWNER, by_name=None,
            by_owner=True))
        await until_waiting_on_a_lock(session_maker, later)
        assert not later.done()  # it waits for the first
        await one.commit()
        assert await later is None
        await two.commit()
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (CO_EN, 1)
    assert set(await members(session_maker)) == {GROUP_OWNER, STRANGER}
    assert len(await audit_entries(session_maker)) == 1
