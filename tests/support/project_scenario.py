"""What the after-the-vote tests share: callback data of /projects, a group's update sent
through the chat, the outbox rows the bot planned, and a funded project's group (its owner,
links, co-owners joining)."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.ui.callbacks import Locale
from bot.ui.callbacks.projects import ProjectAction, ProjectCb, TeamAction, TeamCb
from models.outbox import OutboxMessage
from models.project import Project
from models.project_team import ProjectMember
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


async def member_row(harness, person: int) -> ProjectMember | None:
    async with harness.session_maker() as session:
        return await session.scalar(select(ProjectMember).where(
            ProjectMember.telegram_id == person))
