"""What the after-the-vote tests share: callback data of /projects, a group's update sent
through the chat, and the outbox rows the bot planned."""

from __future__ import annotations

from sqlalchemy import select

from bot.ui.callbacks.projects import ProjectAction, ProjectCb
from models.outbox import OutboxMessage
from models.project import Project
from tests.support.flow import buttons


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
