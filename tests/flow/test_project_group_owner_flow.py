"""A group after its owner, through the real dispatcher: the owner hears once when a co-owner
leaves; the group's members find their group from /projects; when the owner has used
/forget, organisers are told the group has no owner and hand the project to a co-owner (Yes
carries what the question showed, a stale Yes changes nothing), the new owner is told once in
their language, takes the owner's asks and can invite, and /audit keeps it without residents'
names. English and Welsh."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.ui.callbacks import ForgetCb, Locale
from bot.ui.callbacks.projects import HandAction, HandCb, ProjectAction, TeamAction
from models.audit import AuditEntry
from models.outbox import Status
from models.project import Project
from models.project_team import ProjectMember
from tests.conftest import ORGANISER_ID
from tests.support.factories import GROUP_OWNER, join
from tests.support.flow import alerts, buttons, texts
from tests.support.project_scenario import (
    CO_CY,
    CO_EN,
    LINK,
    STRANGER,
    asks_to,
    joined,
    owners_project,
    project_cb,
    team,
    told_to,
)


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_the_owner_is_told_once_when_a_co_owner_leaves(harness, session_maker, lang):
    project = await owners_project(harness, session_maker, lang)
    member = await joined(harness, project, CO_EN, "Gwen")
    sent = await harness.tap(CO_EN, team(TeamAction.LEAVE, project))
    yes = buttons(sent[-1])[0][1]
    await harness.tap(CO_EN, yes)
    assert alerts(await harness.tap(CO_EN, yes)) == [  # tapped again: nothing more
        "That button is out of date. Open My things to see your projects."]
    told = [row for row in await told_to(session_maker, project, GROUP_OWNER)
            if ":left:" in row.dedupe_key]
    assert [row.dedupe_key for row in told] == [f"pg:{project.id}:left:{member.id}"]
    assert told[0].payload["text"] == (
        "Someone has left the group for <b>SPK-001 Bid 1</b> 👥 You can see who is in it now "
        "under My things." if lang is Locale.EN else
        "Mae rhywun wedi gadael y grŵp ar gyfer <b>SPK-001 Bid 1</b> 👥 Gallwch chi weld pwy "
        "sydd ynddo nawr o dan Fy mhethau.")
    assert "Gwen" not in told[0].payload["text"]


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_the_group_finds_its_page_from_projects(harness, session_maker, lang):
    project = await owners_project(harness, session_maker, lang)
    person = CO_EN if lang is Locale.EN else CO_CY
    await joined(harness, project, person, "Siân")
    label = "Your group 👥" if lang is Locale.EN else "Eich grŵp 👥"
    for who in (GROUP_OWNER, person):
        sent = await harness.tap(who, project_cb(ProjectAction.SHOW, project))
        sent = await harness.tap(who, dict(buttons(sent[-1]))[label])
        assert "Siân" in texts(sent)[-1]
    sent = await harness.tap(STRANGER, project_cb(ProjectAction.SHOW, project))
    assert "Your group 👥" not in dict(buttons(sent[-1]))
    # Finished, the group still finds its page (no update button any more).
    async with session_maker.begin() as session:
        (await session.get(Project, project.id)).status = "done"
    sent = await harness.tap(person, project_cb(ProjectAction.SHOW, project))
    assert label in dict(buttons(sent[-1]))


SAID = {
    Locale.EN: {
        "no owner": "This group has no owner now: the person who sent the bid asked me to "
                    "forget them, so nobody can invite new people. You can hand the project to "
                    "someone in its group.",
        "button": "Hand this project to: Siân 🤝",
        "ask": "Hand the project <b>SPK-001 Bid 1</b> to this person: Siân? They will look "
               "after its group, and I will tell them.",
        "yes": "Yes, hand it on ✅",
        "done": "Done. This person looks after the project <b>SPK-001 Bid 1</b> now: Siân.",
        "told": "Hello! An organiser has asked you to look after the project <b>SPK-001 Bid 1</b> "
                "now, as the person who sent the bid has gone 👥 You can invite people to its "
                "group, or take people out, under My things.",
        "audit": "handed SPK-001 to someone in its group",
        "stale": "That button is out of date. Send /projects to see the latest.",
        "stale yes": "That question is out of date: the project or its group has changed "
                     "since. Nothing has been changed. Send /projects to see it as it is now.",
        "owner line": "• You (you look after the project)",
        "nobody": "No one else yet.",
    },
    Locale.CY: {
        "no owner": "Does gan y grŵp hwn ddim perchennog nawr: mae'r person a anfonodd y cais "
                    "wedi gofyn i mi eu hanghofio, felly does neb yn gallu gwahodd pobl newydd. "
                    "Gallwch chi roi'r prosiect i rywun yn ei grŵp.",
        "button": "Rhoi'r prosiect hwn i: Siân 🤝",
        "ask": "Rhoi'r prosiect <b>SPK-001 Bid 1</b> i'r person hwn: Siân? Byddan nhw'n gofalu "
               "am ei grŵp, a bydda i'n dweud wrthyn nhw.",
        "yes": "Ie, ei roi ✅",
        "done": "Iawn. Mae'r person hwn yn gofalu am y prosiect <b>SPK-001 Bid 1</b> nawr: Siân.",
        "told": "Helo! Mae trefnydd wedi gofyn i chi ofalu am y prosiect <b>SPK-001 Bid 1</b> "
                "nawr, gan fod y person a anfonodd y cais wedi mynd 👥 Gallwch chi wahodd pobl "
                "i'w grŵp, neu dynnu pobl allan, o dan Fy mhethau.",
        "audit": "rhoi prosiect SPK-001 i rywun yn ei grŵp",
        "stale": "Mae'r botwm yna wedi dyddio. Anfonwch /projects i weld y diweddaraf.",
        "stale yes": "Mae'r cwestiwn yna wedi dyddio: mae'r prosiect neu ei grŵp wedi newid ers "
                     "hynny. Does dim byd wedi newid. Anfonwch /projects i'w weld fel y mae nawr.",
        "owner line": "• Chi (chi sy'n gofalu am y prosiect)",
        "nobody": "Neb arall eto.",
    },
}


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_an_organiser_hands_an_ownerless_project_to_a_co_owner(harness, session_maker,
                                                                     lang):
    said = SAID[lang]
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, lang)
    new_owner = CO_CY if lang is Locale.CY else CO_EN
    member = await joined(harness, project, new_owner, "Siân")
    other = await joined(harness, project, STRANGER, "Ifan")
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert said["no owner"] not in texts(page)[-1]  # the owner is still here
    # A made-up Yes as if the owner had gone changes nothing while they are here.
    for owner in (0, GROUP_OWNER + 1):
        forged = HandCb(action=HandAction.YES, project=project.id, member=member.id,
                        owner=owner).pack()
        assert alerts(await harness.tap(ORGANISER_ID, forged)) == [said["stale yes"]]

    await harness.send(GROUP_OWNER, "/forget")
    await harness.tap(GROUP_OWNER, ForgetCb(confirm=True).pack())
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert texts(page)[-1].endswith(said["no owner"])
    pick = dict(buttons(page[-1]))[said["button"]]
    # Residents cannot hand anything on, nor is a made-up co-owner offered.
    assert "Hand this project" not in " ".join(label for label, _ in buttons(
        (await harness.tap(new_owner, project_cb(ProjectAction.SHOW, project)))[-1]))
    await harness.tap(new_owner, pick)
    await harness.tap(new_owner, HandCb(action=HandAction.YES, project=project.id,
                                        member=member.id).pack())
    async with session_maker() as session:
        assert (await session.get(Project, project.id)).owner_telegram_id is None
    forged = HandCb(action=HandAction.PICK, project=project.id, member=other.id + 99).pack()
    assert alerts(await harness.tap(ORGANISER_ID, forged)) == [said["stale"]]

    # A Yes for a co-owner who has left since the question is out of date.
    sent = await harness.tap(ORGANISER_ID, dict(buttons(page[-1]))[
        said["button"].replace("Siân", "Ifan")])
    ifan_yes = dict(buttons(sent[-1]))[said["yes"]]
    await harness.tap(STRANGER, team(TeamAction.LEAVE_YES, project))
    assert alerts(await harness.tap(ORGANISER_ID, ifan_yes)) == [said["stale yes"]]

    sent = await harness.tap(ORGANISER_ID, pick)
    assert texts(sent)[-1] == said["ask"]
    yes = dict(buttons(sent[-1]))[said["yes"]]
    sent = await harness.tap(ORGANISER_ID, yes)
    assert texts(sent)[-1] == said["done"]
    # A second Yes, or the first question's button again, changes nothing.
    assert alerts(await harness.tap(ORGANISER_ID, yes)) == [said["stale yes"]]
    assert alerts(await harness.tap(ORGANISER_ID, pick)) == [said["stale"]]
    async with session_maker() as session:
        assert (await session.get(Project, project.id)).owner_telegram_id == new_owner
        assert list(await session.scalars(select(ProjectMember))) == []
        (entry,) = list(await session.scalars(select(AuditEntry).where(
            AuditEntry.event == "project-handed")))
    assert entry.actor_telegram_id == ORGANISER_ID and entry.detail == {"project": "SPK-001"}
    assert "Siân" not in str(entry.detail) and str(new_owner) not in str(entry.detail)
    sent = await harness.send(ORGANISER_ID, "/audit")
    assert said["audit"] in " ".join(texts(sent))

    # Told once, in their language.
    told = [row for row in await told_to(session_maker, project, new_owner)
            if ":handed:" in row.dedupe_key]
    assert [(row.dedupe_key, row.payload["text"]) for row in told] == [
        (f"pg:{project.id}:handed:1:new", said["told"])]
    # Their asks as a co-owner are withdrawn and the owner's are theirs now, not doubled.
    rows = await asks_to(session_maker, project, new_owner)
    pending = sorted(key for key, row in rows.items() if row.status == Status.PENDING)
    assert pending == sorted(f"proj:{project.id}:{kind}:{n}" for kind in ("ask", "nudge")
                             for n in (1, 2, 3))
    assert all(row.status == Status.CANCELLED for key, row in rows.items()
               if key.endswith(f":{new_owner}"))
    # The new owner sees the group as its owner and can invite again.
    sent = await harness.tap(new_owner, team(TeamAction.SHOW, project))
    assert texts(sent)[-1].splitlines()[1:3] == [said["owner line"], said["nobody"]]
    sent = await harness.tap(new_owner, team(TeamAction.INVITE, project))
    assert LINK.findall(texts(sent)[-1])
    # The organiser's page no longer says the group has no owner.
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    assert said["no owner"] not in texts(page)[-1]
