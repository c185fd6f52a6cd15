"""A project whose owner has gone and whose group is empty, through the real dispatcher, on
both databases, in English and Welsh: an organiser makes a one-time link for the owner's
place; whoever opens it is asked first, and their Yes (carrying the token) makes them the
owner in one guarded UPDATE. A used, expired, forged or superseded link, or one for a project
that has an owner again or is finished, is "out of date" and changes nothing. The new owner
gets the project's asks (after a restart too), the organiser is told once, /audit names no
resident, /forget clears the organiser's id on the link. Two people with two links at once:
one becomes the owner."""

from __future__ import annotations

import asyncio
import hashlib
import json

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select

from bot.ui.callbacks import ClaimCb, ForgetCb, Locale
from bot.ui.callbacks.projects import HandAction, HandCb, ProjectAction, TeamAction
from models import outbox
from models.base import utcnow
from models.organiser import Organiser
from models.outbox import Status
from models.project import Project
from models.project_team import ProjectInvite, ProjectMember
from tests.conftest import ORGANISER_ID
from tests.support.factories import join
from tests.support.flow import alerts, buttons, message_update, texts
from tests.support.project_scenario import (
    CO_CY,
    CO_EN,
    LINK,
    OWNER_LINK_SAID,
    STRANGER,
    asks_to,
    audit_entries,
    audited_link_taken,
    claims_at_once,
    joined,
    link_cb,
    make_owner_link,
    owner_gone,
    owners_project,
    project_cb,
    project_now,
    tap_as,
    team,
    told_to,
)

SAID = {
    Locale.EN: OWNER_LINK_SAID[Locale.EN] | {
        "no owner": "Nobody looks after this project now. There is nobody else in its group, "
                    "so nobody can send updates. You can make a link for someone new to look "
                    "after it.",
        "ask member": "You are in the group for <b>SPK-001 Bid 1</b> already. Would you like "
                      "to look after the project too?\nThen you can invite people to its "
                      "group, as well as send updates.",
        "audit claimed": "Someone took on SPK-001 with an organiser's link",
        "owner line": "• You (you look after the project)",
        "not now": "All right. Nothing has changed.",
    },
    Locale.CY: OWNER_LINK_SAID[Locale.CY] | {
        "no owner": "Does neb yn gofalu am y prosiect hwn nawr. Does neb arall yn ei grŵp, "
                    "felly does neb yn gallu anfon diweddariadau. Gallwch chi wneud dolen i "
                    "rywun newydd ofalu amdano.",
        "ask member": "Rydych chi yn y grŵp ar gyfer <b>SPK-001 Bid 1</b> yn barod. Hoffech "
                      "chi ofalu am y prosiect hefyd?\nWedyn gallwch chi wahodd pobl i'w grŵp, "
                      "yn ogystal ag anfon diweddariadau.",
        "audit claimed": "Rhywun — gofalu am brosiect SPK-001 gyda dolen trefnydd",
        "owner line": "• Chi (chi sy'n gofalu am y prosiect)",
        "not now": "Iawn. Does dim byd wedi newid.",
    },
}


def person_of(lang: Locale) -> int:
    return CO_CY if lang is Locale.CY else CO_EN


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_someone_new_looks_after_a_project_nobody_looks_after(harness, session_maker,
                                                                    clock, lang):
    said = SAID[lang]
    person = person_of(lang)
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, lang)
    # While the owner is here the button asks first (test_project_owner_replace_flow.py), and
    # a made-up tap for an empty place makes no link.
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert dict(buttons(page[-1]))[said["button"]] == HandCb(action=HandAction.LINK_ASK,
                                                             project=project.id).pack()
    make = HandCb(action=HandAction.LINK, project=project.id).pack()
    assert alerts(await harness.tap(ORGANISER_ID, make)) == [said["stale page"]]
    await harness.tap(person, make)  # a resident's tap: refused by the organiser filter
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectInvite))) == []

    await owner_gone(harness)
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert texts(page)[-1].endswith(said["no owner"])
    token = await make_owner_link(harness, project, said["button"])
    async with session_maker() as session:
        (invite,) = list(await session.scalars(select(ProjectInvite)))
    assert (invite.vacancy_turn, invite.made_by) == (0, ORGANISER_ID)
    assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    # Not an invitation to join as a co-owner: a join button with it joins no one.
    await harness.tap(person, team(TeamAction.JOIN, project, token=token))
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectMember))) == []

    await harness.restart()  # between making the link and using it
    sent = await harness.send(person, f"/start pj_{token}")
    assert texts(sent)[-1] == said["ask"]
    yes = dict(buttons(sent[-1]))[said["yes"]]
    assert ClaimCb.unpack(yes) == ClaimCb(project=project.id, token=token)
    sent = await harness.tap(person, buttons(sent[-1])[1][1])  # No, not now
    assert texts(sent)[-1] == said["not now"]
    # Forged: a made-up token, the right token with another project.
    for forged in (link_cb(project, "x" * 22), link_cb(project.id + 99, token)):
        assert alerts(await harness.tap(person, forged)) == [said["stale"]]
    assert (await project_now(session_maker, project)).owner_telegram_id is None

    sent = await harness.tap(person, yes)
    assert texts(sent)[-1] == said["done"]
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (person, 1)
    # Once only: the same Yes again, or someone else opening the link.
    assert alerts(await harness.tap(person, yes)) == [said["stale"]]
    assert texts(await harness.send(STRANGER, f"/start pj_{token}"))[-1] == SAID[Locale.EN][
        "stale"]
    assert alerts(await harness.tap(STRANGER, yes)) == [SAID[Locale.EN]["stale"]]

    # The organiser who made the link is told once, in their language.
    told = [(row.dedupe_key, row.payload["text"])
            for row in await told_to(session_maker, project, ORGANISER_ID)]
    assert told == [(f"pg:{project.id}:handed:1:maker", said["told maker"])]
    # /audit: the link's maker by name, the place taken by no one named.
    await audited_link_taken(session_maker, harness, said, "project-claimed")

    # The new owner runs the group: their page, and links to invite people.
    sent = await harness.tap(person, team(TeamAction.SHOW, project))
    assert texts(sent)[-1].splitlines()[1] == said["owner line"]
    sent = await harness.tap(person, team(TeamAction.INVITE, project))
    assert LINK.findall(texts(sent)[-1])
    # The place is theirs: the organiser's button now asks first, as for any owner here.
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert dict(buttons(page[-1]))[said["button"]] == HandCb(action=HandAction.LINK_ASK,
                                                             project=project.id).pack()
    assert said["no owner"] not in texts(page)[-1]

    # The project's asks are theirs, in their language; the first one reaches them when due.
    rows = await asks_to(session_maker, project, person)
    assert sorted(key for key, row in rows.items() if row.status == Status.PENDING) == sorted(
        f"proj:{project.id}:{kind}:{n}" for kind in ("ask", "nudge") for n in (1, 2, 3))
    assert said["ask words"] in rows[f"proj:{project.id}:ask:1"].payload["text"]
    clock(30.01)
    handed_out = {}  # what the delivery worker would send now
    async with session_maker.begin() as session:
        while (row := await outbox.claim_next(session, "test", utcnow())) is not None:
            handed_out[row.dedupe_key] = row
    asks = {key: row.chat_id for key, row in handed_out.items() if key.startswith("proj:")}
    assert asks == {f"proj:{project.id}:ask:1": person}
    due = handed_out[f"proj:{project.id}:ask:1"]
    update_button = due.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    sent = await harness.tap(person, update_button)
    assert not alerts(sent)  # they may send the update


async def test_a_brand_new_person_with_a_welsh_app_is_asked_in_welsh(harness, session_maker):
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    await owner_gone(harness)
    token = await make_owner_link(harness, project, SAID[Locale.EN]["button"])
    newcomer = 761_501
    sent = await harness.feed(message_update(newcomer, f"/start pj_{token}", "cy"))
    assert SAID[Locale.CY]["ask"] in texts(sent)
    yes = [data for label, data in buttons(sent[-1]) if label == SAID[Locale.CY]["yes"]]
    sent = await harness.tap(newcomer, yes[0], language_code="cy")
    assert texts(sent)[-1] == SAID[Locale.CY]["done"]
    assert (await project_now(session_maker, project)).owner_telegram_id == newcomer


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_someone_in_the_group_may_take_the_place(harness, session_maker, lang):
    """A co-owner opening the link is told they are in the group; their Yes makes them the
    owner, and they leave their co-owner place (and its asks) for the owner's."""
    said = SAID[lang]
    person = person_of(lang)
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, lang)
    await joined(harness, project, person, "Siân")
    await owner_gone(harness)
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert said["button"] in dict(buttons(page[-1]))  # beside the hand-over buttons
    token = await make_owner_link(harness, project, said["button"])
    sent = await harness.send(person, f"/start pj_{token}")
    assert texts(sent)[-1] == said["ask member"]
    await harness.tap(person, dict(buttons(sent[-1]))[said["yes"]])
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (person, 1)
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectMember))) == []
    rows = await asks_to(session_maker, project, person)
    pending = sorted(key for key, row in rows.items() if row.status == Status.PENDING)
    assert pending == sorted(f"proj:{project.id}:{kind}:{n}" for kind in ("ask", "nudge")
                             for n in (1, 2, 3))
    assert all(row.status == Status.CANCELLED for key, row in rows.items()
               if key.endswith(f":{person}"))


async def test_links_out_of_date(harness, session_maker, clock):
    said = SAID[Locale.EN]
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    await owner_gone(harness)
    old = await make_owner_link(harness, project, said["button"])
    # Expired.
    clock(7.01)
    assert texts(await harness.send(CO_EN, f"/start pj_{old}"))[-1] == said["stale"]
    assert alerts(await harness.tap(CO_EN, link_cb(project, old))) == [said["stale"]]
    clock(0)
    # A link made before someone took the place stays out of date, even once the new owner
    # has gone too: the project's hand-over count moved on.
    first = await make_owner_link(harness, project, said["button"])
    second = await make_owner_link(harness, project, said["button"])
    await harness.send(CO_EN, f"/start pj_{first}")
    await harness.tap(CO_EN, link_cb(project, first))
    assert alerts(await harness.tap(STRANGER, link_cb(project, second))) == [said["stale"]]
    await harness.send(CO_EN, "/forget")
    await harness.tap(CO_EN, ForgetCb(confirm=True).pack())
    assert (await project_now(session_maker, project)).owner_telegram_id is None
    assert texts(await harness.send(STRANGER, f"/start pj_{second}"))[-1] == said["stale"]
    assert alerts(await harness.tap(STRANGER, link_cb(project, second))) == [said["stale"]]
    # A finished project takes no one, and offers no link.
    fresh = await make_owner_link(harness, project, said["button"])
    async with session_maker.begin() as session:
        (await session.get(Project, project.id)).status = "done"
    assert alerts(await harness.tap(STRANGER, link_cb(project, fresh))) == [said["stale"]]
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert said["button"] not in dict(buttons(page[-1]))
    assert alerts(await harness.tap(ORGANISER_ID, HandCb(
        action=HandAction.LINK, project=project.id).pack())) == [said["stale page"]]
    assert (await project_now(session_maker, project)).owner_telegram_id is None


async def test_the_organisers_forget_clears_their_name_from_the_link(harness, session_maker):
    project = await owners_project(harness, session_maker, Locale.EN)
    helper = 900_003
    async with session_maker.begin() as session:
        session.add(Organiser(telegram_id=helper, added_by=ORGANISER_ID))
    await join(harness, helper, Locale.EN)
    await owner_gone(harness)
    page = await harness.tap(helper, project_cb(ProjectAction.SHOW, project))
    sent = await harness.tap(helper, dict(buttons(page[-1]))[SAID[Locale.EN]["button"]])
    (token,) = LINK.findall(texts(sent)[-1])
    (document,) = [r for r in await harness.send(helper, "/mydata")
                   if isinstance(r, SendDocument)]
    (link,) = json.loads(document.document.data)["project_owner_links"]
    assert (link["project"], link["used"]) == (project.id, False)
    await harness.send(helper, "/forget")
    await harness.tap(helper, ForgetCb(confirm=True).pack())
    async with session_maker() as session:
        (invite,) = list(await session.scalars(select(ProjectInvite)))
    assert invite.made_by is None
    # The link still works; nobody is told.
    await harness.send(CO_EN, f"/start pj_{token}")
    await harness.tap(CO_EN, link_cb(project, token))
    assert (await project_now(session_maker, project)).owner_telegram_id == CO_EN
    assert await told_to(session_maker, project, helper) == []


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_two_people_with_two_links_at_once(harness, session_maker, lang):
    said = SAID[lang]
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, lang)
    await owner_gone(harness)
    first, second = CO_EN, CO_CY
    tokens = {first: await make_owner_link(harness, project, said["button"]),
              second: await make_owner_link(harness, project, said["button"])}
    sent = await asyncio.gather(*(tap_as(harness, who, link_cb(project, token), "X")
                                  for who, token in tokens.items()))
    assert sorted(len(alerts(one)) for one in sent) == [0, 1]
    now = await project_now(session_maker, project)
    assert now.handovers == 1 and now.owner_telegram_id in (first, second)
    loser = second if now.owner_telegram_id == first else first
    loser_said = SAID[Locale.CY if loser == CO_CY else Locale.EN]["stale"]
    assert [alerts(one) for one in sent if alerts(one)] == [[loser_said]]
    async with session_maker() as session:
        used = {i.token_hash for i in await session.scalars(
            select(ProjectInvite).where(ProjectInvite.used_at.is_not(None)))}
    assert used == {hashlib.sha256(tokens[now.owner_telegram_id].encode()).hexdigest()}
    assert [e.event for e in await audit_entries(session_maker)] == [
        "project-owner-link", "project-owner-link", "project-claimed"]
    assert len(await told_to(session_maker, project, ORGANISER_ID)) == 1
    assert await asks_to(session_maker, project, loser) == {}


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_yes_waits_for_one_still_under_way_on_postgresql(harness, session_maker):
    """Deterministically: the first person's Yes is made but not committed; the second's (with
    another link) must wait for it on the project's row, then find the place taken."""
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    await owner_gone(harness)
    first = await make_owner_link(harness, project, SAID[Locale.EN]["button"])
    second = await make_owner_link(harness, project, SAID[Locale.EN]["button"])
    await claims_at_once(session_maker, project, first, second)
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (CO_EN, 1)
    assert [e.event for e in await audit_entries(session_maker)] == [
        "project-owner-link", "project-owner-link", "project-claimed"]


async def test_at_most_five_links_wait_for_one_project(harness, session_maker):
    said = SAID[Locale.EN]
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    await owner_gone(harness)
    for _ in range(5):
        await make_owner_link(harness, project, said["button"])
    sent = await harness.tap(ORGANISER_ID, HandCb(action=HandAction.LINK,
                                                  project=project.id).pack())
    assert alerts(sent) == ["There are several links for this project that nobody has used "
                            "yet. Each one works for a week. Please send one of those, or wait "
                            "until they run out."]
    async with session_maker() as session:
        assert len(list(await session.scalars(select(ProjectInvite)))) == 5
