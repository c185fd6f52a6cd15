"""What the after-the-vote tests share: callback data of /projects, a group's update sent
through the chat, the outbox rows the bot planned, and a funded project's group (its owner,
links, co-owners joining)."""

from __future__ import annotations

import asyncio
import re

from sqlalchemy import select

from bot.ui.callbacks import ClaimCb, ForgetCb, Locale
from bot.ui.callbacks.projects import ProjectAction, ProjectCb, TeamAction, TeamCb
from models import project as projects
from models import project_owner_link as owner_links
from models.audit import AuditEntry
from models.base import utcnow
from models.outbox import OutboxMessage, Status
from models.project import NewUpdate, Project, ProjectStatus
from models.project_team import ProjectMember
from tests.conftest import ORGANISER_ID
from tests.support.databases import until_waiting_on_a_lock
from tests.support.factories import GROUP_OWNER, join, published_round
from tests.support.flow import buttons, callback_update, texts

CO_EN, CO_CY, STRANGER = 761_001, 761_002, 761_003
LINK = re.compile(r"https://t\.me/pbchat_test_bot\?start=pj_([A-Za-z0-9_-]{22})")


def project_cb(action: ProjectAction, project: Project | None = None, round_id: int = 0,
               value: int = 0) -> str:
    return ProjectCb(action=action, round=project.round_id if project else round_id,
                     project=project.id if project else 0, value=value).pack()


async def projects_by_owner(session_maker, round_id: int) -> dict[int | None, Project]:
    async with session_maker() as session:
        found = await session.scalars(select(Project).where(Project.round_id == round_id))
        return {p.owner_telegram_id: p for p in found}


async def send_words_update(harness, owner: int, project: Project, words: str,
                            status_index: int = 1) -> None:
    """The group reports in words, skips the money, and picks a status (1: on track)."""
    await harness.tap(owner, project_cb(ProjectAction.UPDATE, project))
    await harness.send(owner, words)
    sent = await harness.tap(owner, project_cb(ProjectAction.SKIP_SPENT, project))
    await harness.tap(owner, buttons(sent[-1])[status_index][1])


async def outbox_like(session_maker, prefix: str) -> list[OutboxMessage]:
    async with session_maker() as session:
        return list(await session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like(f"{prefix}%")).order_by(OutboxMessage.dedupe_key)))


async def owners_project(harness, session_maker, owner_locale: Locale) -> Project:
    """Results published: GROUP_OWNER's SPK-001 is funded. The owner speaks `owner_locale`."""
    round_id, _, _ = await published_round(harness, session_maker)
    await join(harness, GROUP_OWNER, owner_locale)
    for person, locale in ((CO_EN, Locale.EN), (CO_CY, Locale.CY), (STRANGER, Locale.EN)):
        await join(harness, person, locale)
    async with session_maker() as session:
        return await session.scalar(select(Project).where(
            Project.round_id == round_id, Project.owner_telegram_id == GROUP_OWNER))


def team(action: TeamAction, project: Project | int = 0, person: int = 0,
         token: str = "") -> str:
    project_id = project.id if isinstance(project, Project) else project
    return TeamCb(action=action, project=project_id, person=person, token=token).pack()


async def make_link(harness, project: Project) -> str:
    sent = await harness.tap(GROUP_OWNER, team(TeamAction.INVITE, project))
    (token,) = LINK.findall(texts(sent)[-1])
    return token


async def tap_as(harness, person: int, data: str, first_name: str):
    update = callback_update(person, data)
    update["callback_query"]["from"]["first_name"] = first_name
    return await harness.feed(update)


async def asks_to(session_maker, project: Project, person: int) -> dict[str, OutboxMessage]:
    async with session_maker() as session:
        rows = await session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like(f"proj:{project.id}:%"),
            OutboxMessage.chat_id == person))
        return {row.dedupe_key: row for row in rows}


async def told_to(session_maker, project: Project, person: int) -> list[OutboxMessage]:
    async with session_maker() as session:
        return list(await session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like(f"pg:{project.id}:%"),
            OutboxMessage.chat_id == person)))


async def joined(harness, project: Project, person: int, first_name: str) -> ProjectMember:
    """`person` joins the project's group with a fresh link from its owner (GROUP_OWNER)."""
    token = await make_link(harness, project)
    await tap_as(harness, person, team(TeamAction.JOIN, project, token=token), first_name)
    return await member_row(harness, person)


async def owner_passes(harness, owner: int, project: Project, not_to: str | None = None) -> None:
    """The owner makes a co-owner (not the one called `not_to`) the owner, and says Yes."""
    page = await harness.tap(owner, team(TeamAction.SHOW, project))
    pick = [data for label, data in buttons(page[-1])
            if label.endswith("👑") and (not_to is None or not_to not in label)][0]
    sent = await harness.tap(owner, pick)
    await harness.tap(owner, buttons(sent[-1])[0][1])


async def member_row(harness, person: int) -> ProjectMember | None:
    async with harness.session_maker() as session:
        return await session.scalar(select(ProjectMember).where(
            ProjectMember.telegram_id == person))


async def asks_of(session_maker, project: Project) -> dict[str, OutboxMessage]:
    """Every ask and nudge of the project, whoever they are for, by dedupe key."""
    async with session_maker() as session:
        return {row.dedupe_key: row for row in await session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like(f"proj:{project.id}:%")))}


def pending_per_person(rows: dict[str, OutboxMessage]) -> dict[int, list[str]]:
    """Each person's pending asks and nudges as "ask:2", "nudge:1"…, whoever's key they use."""
    found: dict[int, list[str]] = {}
    for key, row in rows.items():
        if row.status == Status.PENDING:
            kind, n = key.split(":")[2:4]
            found.setdefault(row.chat_id, []).append(f"{kind}:{n}")
    return {person: sorted(keys) for person, keys in found.items()}


def assert_nobody_asked_twice_nor_left_out(rows: dict[str, OutboxMessage],
                                           people: set[int], expected: list[str]) -> None:
    assert pending_per_person(rows) == {person: expected for person in people}


ALL_ASKS = sorted(f"{kind}:{n}" for kind in ("ask", "nudge") for n in (1, 2, 3))


async def project_now(session_maker, project: Project) -> Project:
    async with session_maker() as session:
        return await session.get(Project, project.id)


async def members(session_maker) -> dict[int, str | None]:
    async with session_maker() as session:
        return {m.telegram_id: m.first_name for m in await session.scalars(
            select(ProjectMember))}


async def audit_entries(session_maker) -> list[AuditEntry]:
    async with session_maker() as session:
        return list(await session.scalars(select(AuditEntry).where(
            AuditEntry.event.like("project-%")).order_by(AuditEntry.id)))


async def audited_link_taken(session_maker, harness, said: dict, taken_as: str) -> None:
    """/audit holds two project entries: the organiser made a link (by name, id and the project's
    reference), and someone not named took the place (`taken_as`: the event); /audit shows
    both in the organiser's words (`said`: "audit link" and "audit <taken_as's last word>")."""
    made, taken = await audit_entries(session_maker)
    assert (made.event, made.actor_telegram_id, made.detail) == (
        "project-owner-link", ORGANISER_ID, {"project": "SPK-001"})
    assert (taken.event, taken.actor_telegram_id, taken.actor_name, taken.detail) == (
        taken_as, None, None, {"project": "SPK-001"})
    shown = " ".join(texts(await harness.send(ORGANISER_ID, "/audit")))
    assert said["audit link"] in shown
    assert said["audit " + taken_as.removeprefix("project-")] in shown


# --- a link for a project's owner's place (models/project_owner_link.py) --------------------


OWNER_LINK_SAID = {
    Locale.EN: {
        "button": "Make a link for a new owner 🔗",
        "ask": "Look after <b>SPK-001 Bid 1</b> for its group?\nYou will be able to send "
               "updates on the project and invite people to its group. I will ask you for "
               "updates from time to time. Updates are public to people who follow the "
               "projects.",
        "yes": "Yes, I will look after it ✅",
        "done": "Thank you! You look after the project <b>SPK-001 Bid 1</b> now ✅ You can "
                "send updates, and invite people to its group with a link. I will ask you for "
                "updates from time to time. You can find it under My things.",
        "stale": "This link is out of date: someone looks after the project already, or the "
                 "link has been used, or it is more than a week old. Nothing has been changed. "
                 "Please ask an organiser for a new link if you need one.",
        "stale page": "That button is out of date. Send /projects to see the latest.",
        "audit link": "made a link for a new owner of SPK-001",
        "ask words": "Hello! Your project got a grant from the vote.",
        "told maker": "Someone has used your link and looks after the project <b>SPK-001 Bid "
                      "1</b> now 👥",
        "ask held": "Make a link for a new owner of the project <b>SPK-001 Bid 1</b>? Its owner "
                    "is still in the group: do this only if they no longer answer. The person "
                    "who opens the link and says yes will look after the group. The owner stays "
                    "in it and can still send updates. If the owner sends an update first, the "
                    "link stops working. I will tell the owner now, and again if someone takes "
                    "the place.",
        "yes make": "Yes, make a link ✅",
        "told owner": "Hello! An organiser thinks you may not be looking after the project "
                      "<b>SPK-001 Bid 1</b> now. So they have made a link for someone new to "
                      "look after it. If you still look after it, please send an update: then "
                      "you keep your place, and the link stops working ✏️ You stay in the "
                      "project's group either way.",
        "update button": "Send an update ✏️",
        "ask owner stays": "Look after <b>SPK-001 Bid 1</b> for its group?\nYou will be able "
                           "to send updates on the project and invite people to its group. I "
                           "will ask you for updates from time to time. Updates are public to "
                           "people who follow the projects.\nThe person who looks after it now "
                           "will stay in its group and can still send updates. I will tell "
                           "them.",
    },
    Locale.CY: {
        "button": "Gwneud dolen i berchennog newydd 🔗",
        "ask": "Gofalu am y prosiect <b>SPK-001 Bid 1</b> ar ran ei grŵp?\nByddwch chi'n "
               "gallu anfon diweddariadau am y prosiect a gwahodd pobl i'w grŵp. Bydda i'n "
               "gofyn i chi am ddiweddariadau o bryd i'w gilydd. Mae diweddariadau'n "
               "gyhoeddus i bobl sy'n dilyn y prosiectau.",
        "yes": "Ie, bydda i'n gofalu amdano ✅",
        "done": "Diolch! Rydych chi'n gofalu am y prosiect <b>SPK-001 Bid 1</b> nawr ✅ Gallwch "
                "chi anfon diweddariadau, a gwahodd pobl i'w grŵp gyda dolen. Bydda i'n gofyn i "
                "chi am ddiweddariadau o bryd i'w gilydd. Mae o dan Fy mhethau.",
        "stale": "Mae'r ddolen hon wedi dyddio: mae rhywun yn gofalu am y prosiect yn barod, "
                 "neu mae'r ddolen wedi cael ei defnyddio, neu mae'n hŷn nag wythnos. Does dim "
                 "byd wedi newid. Gofynnwch i drefnydd am ddolen newydd os oes angen un arnoch "
                 "chi.",
        "stale page": "Mae'r botwm yna wedi dyddio. Anfonwch /projects i weld y diweddaraf.",
        "audit link": "gwneud dolen i berchennog newydd prosiect SPK-001",
        "ask words": "Helo! Cafodd eich prosiect grant o'r bleidlais.",
        "told maker": "Mae rhywun wedi defnyddio'ch dolen ac yn gofalu am y prosiect <b>SPK-001 "
                      "Bid 1</b> nawr 👥",
        "ask held": "Gwneud dolen i berchennog newydd y prosiect <b>SPK-001 Bid 1</b>? Mae ei "
                    "berchennog yn dal yn y grŵp: gwnewch hyn dim ond os nad ydyn nhw'n ateb "
                    "mwyach. Bydd y person sy'n agor y ddolen ac yn dweud ie yn gofalu am y "
                    "grŵp. Bydd y perchennog yn aros ynddo ac yn dal i allu anfon "
                    "diweddariadau. Os bydd y perchennog yn anfon diweddariad yn gyntaf, bydd y "
                    "ddolen yn stopio gweithio. Bydda i'n dweud wrth y perchennog nawr, ac eto "
                    "os bydd rhywun yn cymryd y lle.",
        "yes make": "Ie, gwneud dolen ✅",
        "told owner": "Helo! Mae trefnydd yn meddwl efallai nad ydych chi'n gofalu am y prosiect "
                      "<b>SPK-001 Bid 1</b> nawr. Felly maen nhw wedi gwneud dolen i rywun "
                      "newydd ofalu amdano. Os ydych chi'n dal i ofalu amdano, anfonwch "
                      "ddiweddariad, os gwelwch yn dda: wedyn byddwch chi'n cadw'ch lle, a bydd "
                      "y ddolen yn stopio gweithio ✏️ Byddwch chi'n aros yng ngrŵp y prosiect "
                      "beth bynnag.",
        "update button": "Anfon diweddariad ✏️",
        "ask owner stays": "Gofalu am y prosiect <b>SPK-001 Bid 1</b> ar ran ei grŵp?\nByddwch "
                           "chi'n gallu anfon diweddariadau am y prosiect a gwahodd pobl i'w "
                           "grŵp. Bydda i'n gofyn i chi am ddiweddariadau o bryd i'w gilydd. Mae "
                           "diweddariadau'n gyhoeddus i bobl sy'n dilyn y prosiectau.\nBydd y "
                           "person sy'n gofalu amdano nawr yn aros yn ei grŵp ac yn dal i allu "
                           "anfon diweddariadau. Bydda i'n dweud wrthyn nhw.",
    },
}
"""What a link for an owner's place shows, word for word, in English and Welsh."""


async def claims_at_once(session_maker, project: Project, first: str, second: str):
    """CO_EN says Yes with `first` and has not committed; CO_CY's Yes with `second` must wait
    on the project's row (PostgreSQL), then find the place taken. CO_EN's claim is returned."""
    async with session_maker() as one, session_maker() as two:
        claimed = await owner_links.claim(one, project.id, first, CO_EN, utcnow())
        assert claimed is not None
        later = asyncio.create_task(owner_links.claim(two, project.id, second, CO_CY,
                                                      utcnow()))
        await until_waiting_on_a_lock(session_maker, later)
        assert not later.done()
        await one.commit()
        assert await later is None
        await two.commit()
    return claimed


async def owner_gone(harness) -> None:
    await harness.send(GROUP_OWNER, "/forget")
    await harness.tap(GROUP_OWNER, ForgetCb(confirm=True).pack())


async def make_owner_link(harness, project: Project, label: str, yes: str | None = None) -> str:
    """An organiser taps `label` on the project's page, and `yes` to the question it asks (when
    the owner is still here); returns the link's token."""
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    sent = await harness.tap(ORGANISER_ID, dict(buttons(page[-1]))[label])
    if yes is not None:
        sent = await harness.tap(ORGANISER_ID, dict(buttons(sent[-1]))[yes])
    (token,) = LINK.findall(texts(sent)[-1])
    return token


def link_cb(project: Project | int, token: str) -> str:
    return ClaimCb(project=project if isinstance(project, int) else project.id,
                   token=token).pack()


async def update_while_a_yes_waits(session_maker, project: Project, token: str, person: int):
    """The owner's update is saved but not committed; `person`'s Yes with a link made against
    that owner must wait on the project's row (PostgreSQL), then see the update. Returns what
    the Yes gave (None: out of date, nothing changed)."""
    async with session_maker() as one, session_maker() as two:
        mine = await one.get(Project, project.id)
        await projects.add_update(one, mine, GROUP_OWNER, NewUpdate(
            text="Still here, the benches are in.", status=ProjectStatus.ON_TRACK), utcnow())
        later = asyncio.create_task(owner_links.claim(two, project.id, token, person, utcnow()))
        await until_waiting_on_a_lock(session_maker, later)
        assert not later.done(), "the Yes did not wait for the update's transaction"
        await one.commit()
        claimed = await later
        await two.commit()
    return claimed


async def update_after_a_yes(session_maker, project: Project, token: str, person: int):
    """`person`'s Yes with a link made against GROUP_OWNER is made, not committed; the owner's
    update must wait on the project's row (PostgreSQL), then be saved. Returns the claim."""
    async with session_maker() as one, session_maker() as two:
        claimed = await owner_links.claim(one, project.id, token, person, utcnow())
        assert claimed is not None

        async def save() -> None:
            mine = await two.get(Project, project.id)
            await projects.add_update(two, mine, GROUP_OWNER, NewUpdate(
                text="Still here, the benches are in."), utcnow())

        later = asyncio.create_task(save())
        await until_waiting_on_a_lock(session_maker, later)
        assert not later.done(), "the update did not wait for the Yes's transaction"
        await one.commit()
        await later
        await two.commit()
    return claimed
