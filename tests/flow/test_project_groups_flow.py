"""A funded project's group, through the real dispatcher: the owner invites co-owners by a
one-time link (a week, once, stored hashed), they confirm and join, get the asks in their own
language and send updates; the owner sees and removes one, a co-owner leaves; used, expired
and forged links are told "out of date"; "Your projects" under My things; /mydata and
/forget. English and Welsh.

Time is moved with the bot's clock (the `clock` fixture), never waited for.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import timedelta

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select

from bot.ui.callbacks import ForgetCb, Locale, MenuCb, MenuItem
from bot.ui.callbacks.projects import ProjectAction, ProjectCb, TeamAction
from models import project_team
from models.base import utcnow
from models.outbox import OutboxMessage, Status
from models.project import Project, ProjectUpdate
from models.project_team import ProjectInvite, ProjectMember
from tests.support.databases import until_waiting_on_a_lock
from tests.support.factories import GROUP_OWNER, join
from tests.support.flow import alerts, buttons, message_update, texts
from tests.support.project_scenario import (
    CO_CY,
    CO_EN,
    LINK,
    STRANGER,
    asks_to,
    make_link,
    owners_project,
    tap_as,
    team,
    told_to,
)

STALE_LINK = {
    Locale.EN: "This link is out of date: it has been used already, or it is more than a week "
               "old. Please ask the person who sent it for a new one.",
    Locale.CY: "Mae'r ddolen hon wedi dyddio: mae wedi cael ei defnyddio'n barod, neu mae'n hŷn "
               "nag wythnos. Gofynnwch am un newydd gan y person a'i hanfonodd, os gwelwch yn "
               "dda.",
}
STALE = {Locale.EN: "That button is out of date. Open My things to see your projects.",
         Locale.CY: "Mae'r botwm yna wedi dyddio. Agorwch Fy mhethau i weld eich prosiectau."}


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_the_owner_invites_co_owners_who_join_report_and_can_go(harness, session_maker,
                                                                      clock, lang):
    project = await owners_project(harness, session_maker, lang)
    english = lang is Locale.EN

    # My things: "Your projects", with the status, the money and a way to send an update.
    sent = await harness.tap(GROUP_OWNER, MenuCb(item=MenuItem.MINE).pack())
    assert ("<b>Your projects</b> 🏗️\n• SPK-001 Bid 1 — Started · Spent £0 of £1,500" if english
            else "<b>Eich prosiectau</b> 🏗️\n• SPK-001 Bid 1 — Wedi dechrau · Wedi gwario: £0 "
                 "(cyfanswm y grant: £1,500)") in texts(sent)[-1]
    labels = dict(buttons(sent[-1]))
    update_label = ("Send an update: SPK-001 Bid 1 ✏️" if english
                    else "Anfon diweddariad: SPK-001 Bid 1 ✏️")
    assert labels[update_label] == ProjectCb(action=ProjectAction.UPDATE, round=project.round_id,
                                             project=project.id).pack()
    group_label = "The group: SPK-001 Bid 1 👥" if english else "Y grŵp: SPK-001 Bid 1 👥"
    sent = await harness.tap(GROUP_OWNER, labels[group_label])
    assert ("No one else yet." if english else "Neb arall eto.") in texts(sent)[-1]

    # Nobody else may make a link for the group, nor see its page.
    for data in (team(TeamAction.INVITE, project), team(TeamAction.SHOW, project)):
        assert alerts(await harness.tap(STRANGER, data)) == [STALE[Locale.EN]]

    # The owner makes a link: a week, once; only its hash is stored.
    sent = await harness.tap(GROUP_OWNER, team(TeamAction.INVITE, project))
    assert ("It works once, for a week" if english else "Mae'n gweithio unwaith, am wythnos"
            ) in texts(sent)[-1]
    (token,) = LINK.findall(texts(sent)[-1])
    async with session_maker() as session:
        (invite,) = list(await session.scalars(select(ProjectInvite)))
    assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert invite.expires_at - invite.created_at == timedelta(days=7)

    # A restart loses nothing. Opening the link asks first, in the opener's language, and uses
    # nothing up; a forged join button (without the token) joins no one.
    await harness.restart()
    sent = await harness.send(CO_CY, f"/start pj_{token}")
    assert texts(sent)[-1].startswith("Ymuno â'r grŵp ar gyfer <b>SPK-001 Bid 1</b>?")
    join_data = dict(buttons(sent[-1]))["Ie, ymuno â'r grŵp ✅"]
    forged = team(TeamAction.JOIN, project, token="A" * 22)
    assert alerts(await harness.tap(CO_CY, forged)) == [STALE_LINK[Locale.CY]]
    async with session_maker() as session:
        assert (await session.get(ProjectInvite, invite.id)).used_at is None
        assert list(await session.scalars(select(ProjectMember))) == []

    # Joining: a co-owner, with the name the owner will see, asked for updates in Welsh.
    sent = await tap_as(harness, CO_CY, join_data, "Siân")
    assert texts(sent)[-1].startswith("Rydych chi yn y grŵp ar gyfer <b>SPK-001 Bid 1</b> nawr ✅")
    rows = await asks_to(session_maker, project, CO_CY)
    assert {key: row.due_at - project.created_at for key, row in rows.items()} == {
        f"proj:{project.id}:ask:1:{CO_CY}": timedelta(days=30),
        f"proj:{project.id}:ask:2:{CO_CY}": timedelta(days=90),
        f"proj:{project.id}:ask:3:{CO_CY}": timedelta(days=180),
        f"proj:{project.id}:nudge:1:{CO_CY}": timedelta(days=44),
        f"proj:{project.id}:nudge:2:{CO_CY}": timedelta(days=104),
        f"proj:{project.id}:nudge:3:{CO_CY}": timedelta(days=194)}
    assert rows[f"proj:{project.id}:ask:1:{CO_CY}"].payload["text"].startswith(
        "Helo! Cafodd eich prosiect grant o'r bleidlais.")
    assert rows[f"proj:{project.id}:ask:3:{CO_CY}"].payload["text"].startswith(
        "Helo eto! Ydy'ch prosiect wedi gorffen?")
    # The owner is told, in their language, without the newcomer's name in the message.
    (told,) = await told_to(session_maker, project, GROUP_OWNER)
    assert told.payload["text"] == (
        "Someone has joined the group for <b>SPK-001 Bid 1</b> with your link 👥 You can see "
        "who under My things." if english else
        "Mae rhywun wedi ymuno â'r grŵp ar gyfer <b>SPK-001 Bid 1</b> gyda'ch dolen 👥 Gallwch "
        "chi weld pwy o dan Fy mhethau.")

    # The link is used up: tapped again, or opened by someone else, it is out of date.
    assert alerts(await harness.tap(CO_CY, join_data)) == [STALE_LINK[Locale.CY]]
    sent = await harness.send(CO_EN, f"/start pj_{token}")
    assert texts(sent)[-1] == STALE_LINK[Locale.EN]
    assert len(await asks_to(session_maker, project, CO_CY)) == 6  # nothing planned twice

    # A second link for an English speaker, who joins 31 days on: only the asks still to come.
    clock(31)
    second = await make_link(harness, project)
    sent = await harness.send(CO_EN, f"/start pj_{second}")
    sent = await harness.tap(CO_EN, dict(buttons(sent[-1]))["Yes, join the group ✅"])
    assert texts(sent)[-1].startswith("You are in the group for <b>SPK-001 Bid 1</b> now ✅")
    rows = await asks_to(session_maker, project, CO_EN)
    assert sorted(rows) == sorted(f"proj:{project.id}:{kind}:{n}:{CO_EN}"
                                  for kind in ("ask", "nudge") for n in (1, 2, 3)
                                  if not (kind == "ask" and n == 1))
    ask = rows[f"proj:{project.id}:ask:2:{CO_EN}"]
    assert ask.payload["text"].startswith("Hello! Your project got a grant from the vote.")

    # The co-owner reports from their own ask's button: the update is theirs, and nobody in the
    # group is nudged about the ask already made.
    update_data = ask.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await harness.tap(CO_EN, update_data)
    await harness.send(CO_EN, "Seeds are in.")
    sent = await harness.tap(CO_EN, ProjectCb(action=ProjectAction.SKIP_SPENT,
                                              round=project.round_id, project=project.id).pack())
    sent = await harness.tap(CO_EN, buttons(sent[-1])[1][1])  # on track
    assert texts(sent)[-1].startswith("Thank you! Your update is saved ✅")
    async with session_maker() as session:
        (update,) = list(await session.scalars(select(ProjectUpdate)))
        nudges = {row.dedupe_key: row.status for row in await session.scalars(
            select(OutboxMessage).where(OutboxMessage.dedupe_key.like(
                f"proj:{project.id}:nudge:%")))}
    assert (update.author_telegram_id, update.text) == (CO_EN, "Seeds are in.")
    assert nudges[f"proj:{project.id}:nudge:1"] == Status.CANCELLED
    assert nudges[f"proj:{project.id}:nudge:1:{CO_CY}"] == Status.CANCELLED
    assert nudges[f"proj:{project.id}:nudge:2:{CO_CY}"] == Status.PENDING

    # The owner sees both, by the names they joined with, and takes one out (asked first).
    sent = await harness.tap(GROUP_OWNER, team(TeamAction.SHOW, project))
    page = texts(sent)[-1]
    assert "• Siân" in page and "• Test" in page
    remove = dict(buttons(sent[-1]))["Take out of the group: Test ❌" if english
                                     else "Tynnu allan o'r grŵp: Test ❌"]
    assert alerts(await harness.tap(CO_CY, remove)) == [STALE[Locale.CY]]  # not the owner
    sent = await harness.tap(GROUP_OWNER, remove)
    sent = await harness.tap(GROUP_OWNER, buttons(sent[-1])[0][1])
    assert texts(sent)[-1] == ("Done. Test is not in the group any more." if english else
                               "Iawn. Dydy'r person hwn ddim yn y grŵp mwyach: Test.")
    assert {row.status for row in (await asks_to(session_maker, project, CO_EN)).values()
            } == {Status.CANCELLED}
    (told,) = await told_to(session_maker, project, CO_EN)
    assert told.payload["text"] == ("You are not in the group for <b>SPK-001 Bid 1</b> any more, "
                                     "so I will stop asking you for its updates.")
    sent = await harness.tap(CO_EN, update_data)
    assert alerts(sent) == ["That button is out of date. Send /projects to see the latest."]

    # The Welsh co-owner leaves (asked first); their asks not yet sent go.
    sent = await harness.tap(CO_CY, team(TeamAction.SHOW, project))
    assert "• Siân (chi)" in texts(sent)[-1]
    sent = await harness.tap(CO_CY, dict(buttons(sent[-1]))["Gadael y grŵp 🚪"])
    sent = await harness.tap(CO_CY, buttons(sent[-1])[0][1])
    assert texts(sent)[-1] == "Iawn. Rydych chi wedi gadael y grŵp ar gyfer <b>SPK-001 Bid 1</b>."
    statuses = {key.split(":")[2] + key.split(":")[3]: row.status
                for key, row in (await asks_to(session_maker, project, CO_CY)).items()}
    assert set(statuses) == {"ask1", "nudge1", "ask2", "nudge2", "ask3", "nudge3"}
    assert set(statuses.values()) == {Status.CANCELLED}
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectMember))) == []
    # The owner's own asks were never touched by any of it.
    owner_rows = await asks_to(session_maker, project, GROUP_OWNER)
    assert len(owner_rows) == 6 and all(":" not in key.split(":", 3)[3]
                                        for key in owner_rows)


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_expired_forged_and_own_links(harness, session_maker, clock, lang):
    project = await owners_project(harness, session_maker, Locale.EN)
    person = CO_EN if lang is Locale.EN else CO_CY
    token = await make_link(harness, project)
    # The owner opening their own link is told they are in already; the link stays good.
    sent = await harness.send(GROUP_OWNER, f"/start pj_{token}")
    assert texts(sent)[-1] == ("You are in the group for <b>SPK-001 Bid 1</b> already. You can "
                               "find it under My things.")
    # A made-up token, and one from an old link: out of date, kindly.
    sent = await harness.send(person, "/start pj_" + "x" * 22)
    assert texts(sent)[-1] == STALE_LINK[lang]
    clock(7.01)
    sent = await harness.send(person, f"/start pj_{token}")
    assert texts(sent)[-1] == STALE_LINK[lang]
    # A join button kept from before the week was out fails too.
    assert alerts(await harness.tap(person, team(TeamAction.JOIN, project, token=token))
                  ) == [STALE_LINK[lang]]
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectMember))) == []
    # Saying no changes nothing.
    clock(0)
    fresh = await make_link(harness, project)
    await harness.send(person, f"/start pj_{fresh}")
    sent = await harness.tap(person, team(TeamAction.NO, project))
    assert texts(sent)[-1] == ("All right. Nothing has changed." if lang is Locale.EN
                               else "Iawn. Does dim byd wedi newid.")
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectMember))) == []


async def test_a_finished_project_takes_no_one_and_a_group_has_a_limit(harness, session_maker):
    project = await owners_project(harness, session_maker, Locale.EN)
    links = [await make_link(harness, project) for _ in range(5)]
    sent = await harness.tap(GROUP_OWNER, team(TeamAction.INVITE, project))
    assert alerts(sent)[0].startswith("You have made several links that nobody has used yet.")
    for number, token in enumerate(links):
        await harness.send(761_100 + number, f"/start pj_{token}")
        await harness.tap(761_100 + number, team(TeamAction.JOIN, project, token=token))
    async with session_maker() as session:
        assert len(list(await session.scalars(select(ProjectMember)))) == 5
    sent = await harness.tap(GROUP_OWNER, team(TeamAction.SHOW, project))
    assert "Make a link to invite someone 🔗" not in dict(buttons(sent[-1]))
    assert alerts(await harness.tap(GROUP_OWNER, team(TeamAction.INVITE, project))) == [
        STALE[Locale.EN]]
    # Done: no more links, no more joining, no "Send an update" under My things.
    async with session_maker.begin() as session:
        (await session.get(Project, project.id)).status = "done"
    sent = await harness.tap(GROUP_OWNER, MenuCb(item=MenuItem.MINE).pack())
    assert "SPK-001 Bid 1 — Done" in texts(sent)[-1]
    assert not [label for label, _ in buttons(sent[-1]) if label.startswith("Send an update")]


async def test_mydata_shows_and_forget_removes_a_co_owner(harness, session_maker):
    project = await owners_project(harness, session_maker, Locale.EN)
    token = await make_link(harness, project)
    await harness.send(CO_EN, f"/start pj_{token}")
    await tap_as(harness, CO_EN, team(TeamAction.JOIN, project, token=token), "Gwen")
    (document,) = [r for r in await harness.send(CO_EN, "/mydata")
                   if isinstance(r, SendDocument)]
    (group,) = json.loads(document.document.data)["project_groups"]
    assert (group["project"], group["first_name"]) == (project.id, "Gwen")
    await harness.send(CO_EN, "/forget")
    await harness.tap(CO_EN, ForgetCb(confirm=True).pack())
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectMember))) == []
        assert not list(await session.scalars(select(OutboxMessage).where(
            OutboxMessage.chat_id == CO_EN)))
    sent = await harness.tap(GROUP_OWNER, team(TeamAction.SHOW, project))
    assert "Gwen" not in texts(sent)[-1]
    # The owner's /forget leaves the project without them; co-owners stay and still report.
    token = await make_link(harness, project)
    await harness.send(CO_CY, f"/start pj_{token}")
    await harness.tap(CO_CY, team(TeamAction.JOIN, project, token=token))
    await harness.send(GROUP_OWNER, "/forget")
    await harness.tap(GROUP_OWNER, ForgetCb(confirm=True).pack())
    sent = await harness.tap(CO_CY, team(TeamAction.SHOW, project))
    assert texts(sent)[-1].splitlines()[1:3] == ["• Test (chi)", ""]
    assert "Anfon diweddariad ✏️" in dict(buttons(sent[-1]))


async def test_someone_in_no_group_sees_no_projects_under_my_things(harness, session_maker):
    await owners_project(harness, session_maker, Locale.EN)
    sent = await harness.feed(message_update(STRANGER, "/start"))
    sent = await harness.tap(STRANGER, MenuCb(item=MenuItem.MINE).pack())
    assert "Your projects" not in " ".join(texts(sent))


FULL = {Locale.EN: "The group for <b>SPK-001 Bid 1</b> is full. Please ask the person who sent "
                   "the link.",
        Locale.CY: "Mae'r grŵp ar gyfer <b>SPK-001 Bid 1</b> yn llawn. Gofynnwch i'r person a "
                   "anfonodd y ddolen, os gwelwch yn dda."}
JOINED = {Locale.EN: "You are in the group for <b>SPK-001 Bid 1</b> now ✅",
          Locale.CY: "Rydych chi yn y grŵp ar gyfer <b>SPK-001 Bid 1</b> nawr ✅"}


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_two_people_joining_the_last_place_at_once(harness, session_maker, lang):
    """Four co-owners, two links, two people tapping Yes at the same moment: one joins, the
    other is told kindly that the group is full, and their link stays unused."""
    project = await owners_project(harness, session_maker, Locale.EN)
    for number in range(4):
        token = await make_link(harness, project)
        await harness.tap(761_100 + number, team(TeamAction.JOIN, project, token=token))
    first, second = 761_201, 761_202
    for person in (first, second):
        await join(harness, person, lang)
    tokens = {person: await make_link(harness, project) for person in (first, second)}
    await asyncio.gather(*(harness.tap(person, team(TeamAction.JOIN, project, token=token))
                           for person, token in tokens.items()))
    said = {person: [r.text for r in harness.telegram.requests
                     if getattr(r, "chat_id", None) == person and getattr(r, "text", None)][-1]
            for person in (first, second)}
    async with session_maker() as session:
        members = {m.telegram_id for m in await session.scalars(select(ProjectMember))}
        unused = {i.token_hash for i in await session.scalars(
            select(ProjectInvite).where(ProjectInvite.used_at.is_(None)))}
    assert len(members) == 5
    (winner,) = members & {first, second}
    (loser,) = {first, second} - {winner}
    assert said[winner].startswith(JOINED[lang])
    assert said[loser] == FULL[lang]
    assert hashlib.sha256(tokens[loser].encode()).hexdigest() in unused


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_join_waits_for_one_still_under_way_on_postgresql(harness, session_maker):
    """The last place, deterministically: the first join is made but not committed; the
    second must wait for it (the project's row lock), then find the group full. Without the
    lock the second would count four co-owners and join as the sixth."""
    project = await owners_project(harness, session_maker, Locale.EN)
    for number in range(4):
        token = await make_link(harness, project)
        await harness.tap(761_100 + number, team(TeamAction.JOIN, project, token=token))
    first, second = await make_link(harness, project), await make_link(harness, project)
    async with session_maker() as one, session_maker() as two:
        assert (await project_team.join(one, first, 761_201, "A", utcnow())).result == "joined"
        later = asyncio.create_task(project_team.join(two, second, 761_202, "B", utcnow()))
        await until_waiting_on_a_lock(session_maker, later)
        await one.commit()
        assert (await later).result == "full"
        await two.commit()
    async with session_maker() as session:
        assert len(list(await session.scalars(select(ProjectMember)))) == 5
