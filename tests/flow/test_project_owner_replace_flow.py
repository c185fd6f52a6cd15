"""A funded project whose owner is still here but no longer answers, and who has nobody else in
its group, through the real dispatcher, on both databases, in English and Welsh. An organiser
is asked first, then makes a one-time link for a new owner; whoever opens it and says Yes
becomes the owner in one guarded UPDATE, and the old owner stays in the group. A forged or
stale Yes makes no link; the owner sending an update, someone joining the group, or a
hand-over makes the link out of date; the owner's /forget leaves a link for the empty place.
The owner's asks follow the new owner, the old owner and the organiser are told once each in
their language, /audit names no resident. Two people with two links at once: one owner."""

from __future__ import annotations

import asyncio
import json

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select

from bot.ui.callbacks import Locale
from bot.ui.callbacks.projects import HandAction, HandCb, ProjectAction, TeamAction
from models.base import utcnow
from models.outbox import OutboxMessage, Status
from models.project import Project
from models.project_team import ProjectInvite
from models.round import get_round
from tests.conftest import ORGANISER_ID
from tests.support.factories import GROUP_OWNER, join
from tests.support.flow import alerts, buttons, texts
from tests.support.project_scenario import (
    ALL_ASKS,
    CO_CY,
    CO_EN,
    LINK,
    OWNER_LINK_SAID,
    STRANGER,
    asks_of,
    asks_to,
    assert_nobody_asked_twice_nor_left_out,
    audit_entries,
    audited_link_taken,
    claims_at_once,
    joined,
    link_cb,
    make_owner_link,
    members,
    owner_gone,
    owner_passes,
    owners_project,
    project_cb,
    project_now,
    send_words_update,
    tap_as,
    team,
    told_to,
)

SAID = {
    Locale.EN: OWNER_LINK_SAID[Locale.EN] | {
        "no": "No ✖",
        "stale yes": "That question is out of date: the project or its group has changed since. "
                     "Nothing has been changed. Send /projects to see it as it is now.",
        "told old": "Hello! An organiser has given the project <b>SPK-001 Bid 1</b> a new owner "
                    "👥 You are still in its group and can still send updates. If you would "
                    "rather leave the group, you can do that under My things.",
        "already": "You are in the group for <b>SPK-001 Bid 1</b> already. You can find it "
                   "under My things.",
        "audit replaced": "Someone took on SPK-001 from its owner with an organiser's link",
        "bidder line": "• The person who sent the bid",
    },
    Locale.CY: OWNER_LINK_SAID[Locale.CY] | {
        "no": "Na ✖",
        "stale yes": "Mae'r cwestiwn yna wedi dyddio: mae'r prosiect neu ei grŵp wedi newid ers "
                     "hynny. Does dim byd wedi newid. Anfonwch /projects i'w weld fel y mae "
                     "nawr.",
        "told old": "Helo! Mae trefnydd wedi rhoi perchennog newydd i'r prosiect <b>SPK-001 Bid "
                    "1</b> 👥 Rydych chi'n dal yn ei grŵp ac yn dal i allu anfon diweddariadau. "
                    "Os byddai'n well gennych chi adael y grŵp, gallwch chi wneud hynny o dan Fy "
                    "mhethau.",
        "already": "Rydych chi yn y grŵp ar gyfer <b>SPK-001 Bid 1</b> yn barod. Mae o dan Fy "
                   "mhethau.",
        "audit replaced": "Rhywun — gofalu am brosiect SPK-001 yn lle ei berchennog, gyda dolen "
                          "trefnydd",
        "bidder line": "• Y person a anfonodd y cais",
    },
}


def other(lang: Locale) -> Locale:
    return Locale.EN if lang is Locale.CY else Locale.CY


def speaker_of(lang: Locale) -> int:
    """Someone outside the group who speaks `lang` (tests/support/project_scenario.py)."""
    return CO_CY if lang is Locale.CY else CO_EN


async def make_held_link(harness, project: Project, lang: Locale = Locale.EN) -> str:
    said = SAID[lang]
    return await make_owner_link(harness, project, said["button"], yes=said["yes make"])


async def take_place(harness, person: int, project: Project, token: str) -> list:
    await harness.send(person, f"/start pj_{token}")
    return await harness.tap(person, link_cb(project, token))


async def links(session_maker) -> list[ProjectInvite]:
    """The links for the owner's place (not the owner's invitations to join)."""
    async with session_maker() as session:
        return list(await session.scalars(select(ProjectInvite).where(
            ProjectInvite.vacancy_turn.is_not(None)).order_by(ProjectInvite.id)))


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_a_new_owner_by_link_while_the_owner_no_longer_answers(harness, session_maker,
                                                                     lang):
    """The organiser and the old owner speak `lang`; the new owner the other language."""
    said, heard = SAID[lang], SAID[other(lang)]
    project = await owners_project(harness, session_maker, lang)
    await join(harness, ORGANISER_ID, lang)
    new_owner = speaker_of(other(lang))

    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    ask = dict(buttons(page[-1]))[said["button"]]
    assert ask == HandCb(action=HandAction.LINK_ASK, project=project.id).pack()
    sent = await harness.tap(ORGANISER_ID, ask)
    assert texts(sent)[-1] == said["ask held"]
    assert [label for label, _ in buttons(sent[-1])] == [said["yes make"], said["no"]]
    yes = dict(buttons(sent[-1]))[said["yes make"]]
    assert HandCb.unpack(yes) == HandCb(action=HandAction.LINK, project=project.id,
                                        owner=GROUP_OWNER, turn=0)
    await harness.tap(ORGANISER_ID, dict(buttons(sent[-1]))[said["no"]])
    await harness.tap(new_owner, yes)  # a resident's tap: refused by the organiser filter
    assert await links(session_maker) == []

    sent = await harness.tap(ORGANISER_ID, yes)
    (token,) = LINK.findall(texts(sent)[-1])
    (link,) = await links(session_maker)
    assert (link.vacancy_turn, link.made_by, link.replaces_owner) == (0, ORGANISER_ID,
                                                                      GROUP_OWNER)

    await harness.restart()  # between making the link and using it
    sent = await harness.send(new_owner, f"/start pj_{token}")
    assert texts(sent)[-1] == heard["ask owner stays"]
    sent = await harness.tap(new_owner, dict(buttons(sent[-1]))[heard["yes"]])
    assert texts(sent)[-1] == heard["done"]
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (new_owner, 1)
    # The old owner stays, as a co-owner with no first name known: the bidder line.
    assert await members(session_maker) == {GROUP_OWNER: None}
    page = await harness.tap(new_owner, team(TeamAction.SHOW, project))
    assert heard["bidder line"] in texts(page)[-1].splitlines()
    # Once only.
    assert alerts(await harness.tap(new_owner, link_cb(project, token))) == [heard["stale"]]
    assert texts(await harness.send(STRANGER, f"/start pj_{token}"))[-1] == SAID[Locale.EN][
        "stale"]

    # Told once each, in their own language: the old owner, and the organiser who made it.
    for person, key, words in ((GROUP_OWNER, "old", said["told old"]),
                               (ORGANISER_ID, "maker", said["told maker"])):
        told = [(row.dedupe_key, row.payload["text"])
                for row in await told_to(session_maker, project, person)
                if ":handed:" in row.dedupe_key]
        assert told == [(f"pg:{project.id}:handed:1:{key}", words)]
    assert not [row for row in await told_to(session_maker, project, new_owner)
                if ":handed:" in row.dedupe_key]

    # The owner's asks not yet sent are the new owner's, in their words; the old owner gets
    # theirs as a co-owner; nobody asked twice, nobody left out.
    rows = await asks_of(session_maker, project)
    assert_nobody_asked_twice_nor_left_out(rows, {GROUP_OWNER, new_owner}, ALL_ASKS)
    owner_ask = rows[f"proj:{project.id}:ask:1"]
    assert owner_ask.chat_id == new_owner
    assert owner_ask.payload["text"].startswith(heard["ask words"])
    assert rows[f"proj:{project.id}:ask:1:{GROUP_OWNER}"].payload["text"].startswith(
        said["ask words"])

    # /audit: the organiser made a link; someone, not named, took the place.
    await audited_link_taken(session_maker, harness, said, "project-replaced")

    # The project now has someone else in its group: the organiser hands it on from here.
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert said["button"] not in dict(buttons(page[-1]))
    assert alerts(await harness.tap(ORGANISER_ID, ask)) == [said["stale page"]]
    # A restart plans nothing again.
    await harness.restart()
    async with session_maker.begin() as session:
        round_ = await get_round(session, project.round_id)
        assert await harness.dp["notifier"].project_asks.sync(
            session, round_, [await session.get(Project, project.id)], utcnow()) == 0


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_a_forged_or_stale_yes_makes_no_link(harness, session_maker, lang):
    said = SAID[lang]
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, lang)
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    sent = await harness.tap(ORGANISER_ID, dict(buttons(page[-1]))[said["button"]])
    yes = dict(buttons(sent[-1]))[said["yes make"]]
    shown = dict(action=HandAction.LINK, project=project.id, owner=GROUP_OWNER, turn=0)
    # Forged: another owner, another count, another project: out of date. A Yes without the
    # owner is the empty place's button, and the place is not empty.
    for fake in (dict(owner=GROUP_OWNER + 1), dict(turn=1), dict(project=project.id + 99)):
        forged = HandCb(**{**shown, **fake}).pack()
        assert alerts(await harness.tap(ORGANISER_ID, forged)) == [said["stale yes"]]
    forged = HandCb(**{**shown, "owner": 0}).pack()
    assert alerts(await harness.tap(ORGANISER_ID, forged)) == [said["stale page"]]
    assert await links(session_maker) == []

    # Stale: someone joined the group since the question (then it is a hand-over's job).
    await joined(harness, project, STRANGER, "Ifan")
    assert alerts(await harness.tap(ORGANISER_ID, yes)) == [said["stale yes"]]
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert said["button"] not in dict(buttons(page[-1]))
    assert alerts(await harness.tap(ORGANISER_ID, HandCb(
        action=HandAction.LINK_ASK, project=project.id).pack())) == [said["stale page"]]
    # Stale: the project was handed on (the count moved), even once the group is as before.
    await owner_passes(harness, GROUP_OWNER, project)
    await owner_passes(harness, STRANGER, project)
    await harness.tap(STRANGER, team(TeamAction.LEAVE_YES, project))  # nobody else again
    assert await members(session_maker) == {}
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (GROUP_OWNER, 2)
    assert alerts(await harness.tap(ORGANISER_ID, yes)) == [said["stale yes"]]
    # Stale: the project is finished.
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    sent = await harness.tap(ORGANISER_ID, dict(buttons(page[-1]))[said["button"]])
    fresh_yes = dict(buttons(sent[-1]))[said["yes make"]]
    async with session_maker.begin() as session:
        (await session.get(Project, project.id)).status = "done"
    assert alerts(await harness.tap(ORGANISER_ID, fresh_yes)) == [said["stale yes"]]
    # Stale: the owner has gone (/forget): the Yes showed them.
    async with session_maker.begin() as session:
        (await session.get(Project, project.id)).status = "started"
    await owner_gone(harness)
    assert alerts(await harness.tap(ORGANISER_ID, fresh_yes)) == [said["stale yes"]]
    assert await links(session_maker) == []
    assert [e.event for e in await audit_entries(session_maker)] == ["project-passed"] * 2


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_the_owner_answering_or_handing_on_makes_the_link_out_of_date(
        harness, session_maker, lang):
    said = SAID[lang]
    person = speaker_of(lang)
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, lang)
    # The owner opening a link made to take their place is told they are in the group.
    token = await make_held_link(harness, project, lang)
    assert texts(await harness.send(GROUP_OWNER, f"/start pj_{token}"))[-1] == SAID[Locale.EN][
        "already"]
    assert alerts(await harness.tap(GROUP_OWNER, link_cb(project, token))) == [
        SAID[Locale.EN]["stale"]]
    # The owner sends an update: they answer, so the link is out of date.
    sent = await harness.send(person, f"/start pj_{token}")
    assert texts(sent)[-1] == said["ask owner stays"]
    yes = dict(buttons(sent[-1]))[said["yes"]]
    await send_words_update(harness, GROUP_OWNER, project, "New benches are in.")
    assert texts(await harness.send(person, f"/start pj_{token}"))[-1] == said["stale"]
    assert alerts(await harness.tap(person, yes)) == [said["stale"]]
    # A link made after that update is good, until someone joins the owner's group.
    token = await make_held_link(harness, project, lang)
    sent = await harness.send(person, f"/start pj_{token}")
    assert texts(sent)[-1] == said["ask owner stays"]
    yes = dict(buttons(sent[-1]))[said["yes"]]
    await joined(harness, project, STRANGER, "Ifan")
    assert alerts(await harness.tap(person, yes)) == [said["stale"]]
    # ... and stays out of date once the owner hands the project on, even back to themselves
    # with nobody else in the group again: the hand-over count moved on.
    await owner_passes(harness, GROUP_OWNER, project)
    await owner_passes(harness, STRANGER, project)
    await harness.tap(STRANGER, team(TeamAction.LEAVE_YES, project))
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers, await members(session_maker)) == (
        GROUP_OWNER, 2, {})
    assert alerts(await harness.tap(person, yes)) == [said["stale"]]
    assert texts(await harness.send(person, f"/start pj_{token}"))[-1] == said["stale"]
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (GROUP_OWNER, 2)
    assert not [e for e in await audit_entries(session_maker) if e.event == "project-replaced"]


async def test_the_owners_forget_leaves_a_link_for_the_empty_place(harness, session_maker):
    """/mydata shows the owner the link made to take their place; /forget clears their id from
    it, and the link then offers the empty place (nobody is told as the old owner)."""
    said = SAID[Locale.EN]
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    token = await make_held_link(harness, project)
    (document,) = [r for r in await harness.send(GROUP_OWNER, "/mydata")
                   if isinstance(r, SendDocument)]
    (link,) = json.loads(document.document.data)["project_owner_links"]
    assert (link["project"], link["used"], link["made_by_you"], link["to_take_your_place"]) == (
        project.id, False, False, True)
    await owner_gone(harness)
    (invite,) = await links(session_maker)
    assert (invite.replaces_owner, invite.made_by) == (None, ORGANISER_ID)
    sent = await take_place(harness, CO_EN, project, token)
    assert texts(sent)[-1] == said["done"]
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (CO_EN, 1)
    assert await members(session_maker) == {}
    assert [e.event for e in await audit_entries(session_maker)] == [
        "project-owner-link", "project-claimed"]
    async with session_maker() as session:
        keys = list(await session.scalars(select(OutboxMessage.dedupe_key).where(
            OutboxMessage.dedupe_key.like(f"pg:{project.id}:handed:%"))))
    assert keys == [f"pg:{project.id}:handed:1:maker"]


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_two_people_with_two_links_at_once_make_one_owner(harness, session_maker, lang):
    said = SAID[lang]
    project = await owners_project(harness, session_maker, lang)
    await join(harness, ORGANISER_ID, lang)
    tokens = {CO_EN: await make_held_link(harness, project, lang),
              CO_CY: await make_held_link(harness, project, lang)}
    sent = await asyncio.gather(*(tap_as(harness, who, link_cb(project, token), "X")
                                  for who, token in tokens.items()))
    assert sorted(len(alerts(one)) for one in sent) == [0, 1]
    now = await project_now(session_maker, project)
    assert now.handovers == 1 and now.owner_telegram_id in tokens
    loser = CO_CY if now.owner_telegram_id == CO_EN else CO_EN
    loser_said = SAID[Locale.CY if loser == CO_CY else Locale.EN]["stale"]
    assert [alerts(one) for one in sent if alerts(one)] == [[loser_said]]
    assert await members(session_maker) == {GROUP_OWNER: None}
    assert [e.event for e in await audit_entries(session_maker)] == [
        "project-owner-link", "project-owner-link", "project-replaced"]
    told = [(row.dedupe_key, row.payload["text"])
            for row in await told_to(session_maker, project, GROUP_OWNER)]
    # The owner was told once of the two links (bot/jobs/project_asks.py: `link_made`).
    assert sorted(told) == [(f"pg:{project.id}:handed:1:old", said["told old"]),
                    (f"pg:{project.id}:link:0:0", said["told owner"])]
    assert len(await told_to(session_maker, project, ORGANISER_ID)) == 1
    assert await asks_to(session_maker, project, loser) == {}
    rows = await asks_of(session_maker, project)
    assert_nobody_asked_twice_nor_left_out(rows, {GROUP_OWNER, now.owner_telegram_id},
                                           ALL_ASKS)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_yes_waits_for_one_still_under_way_on_postgresql(harness, session_maker):
    """Deterministically: the first person's Yes is made but not committed; the second's (with
    another link against the same owner) must wait for it on the project's row, then find the
    owner changed. Without the guard both would take the place."""
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    first = await make_held_link(harness, project)
    second = await make_held_link(harness, project)
    claimed = await claims_at_once(session_maker, project, first, second)
    assert (claimed.old_owner, claimed.old_kept) == (GROUP_OWNER, True)
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (CO_EN, 1)
    assert await members(session_maker) == {GROUP_OWNER: None}
    assert [e.event for e in await audit_entries(session_maker)] == [
        "project-owner-link", "project-owner-link", "project-replaced"]


async def test_an_ask_already_made_is_not_made_again_and_its_nudge_reaches_both(
        harness, session_maker, clock):
    """Ask 1 went to the owner, who did not answer; the place is taken before its nudge: the
    new owner gets the owner's later asks and nudges, the old owner theirs as a co-owner."""
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    async with session_maker.begin() as session:
        ask = await session.scalar(select(OutboxMessage).where(
            OutboxMessage.dedupe_key == f"proj:{project.id}:ask:1"))
        ask.status = Status.SENT.value
    clock(31)  # ask 1 (day 30) is past, its nudge (day 44) not yet
    token = await make_held_link(harness, project)
    await take_place(harness, CO_CY, project, token)
    rows = await asks_of(session_maker, project)
    later = sorted(["ask:2", "ask:3", "nudge:1", "nudge:2", "nudge:3"])
    assert_nobody_asked_twice_nor_left_out(rows, {GROUP_OWNER, CO_CY}, later)
    sent_ask = rows[f"proj:{project.id}:ask:1"]
    assert (sent_ask.chat_id, sent_ask.status) == (GROUP_OWNER, Status.SENT)
    nudge = rows[f"proj:{project.id}:nudge:1"]  # the owner's, now in the new owner's Welsh
    assert nudge.chat_id == CO_CY
    assert nudge.payload["text"].startswith("Nodyn bach i'ch atgoffa: byddai trigolion")
