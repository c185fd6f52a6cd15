"""An organiser hands a project whose owner has gone (/forget) to one of its co-owners
(behind the organiser filter).

The organiser's project page says the group has no owner and offers **Hand this project to:
<name>** for each co-owner, by the name the group's page shows. A Yes/No question follows;
the Yes carries the membership and the owner it showed, so a Yes tapped twice, or after the
co-owner left or someone else handed the project on, is out of date and changes nothing.
The new owner is told once, in their language (outbox row `pg:<project>:owner:<membership>`),
their asks move to the owner's, and /audit records it with the project's reference only.
"""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.notifier import Notifier
from bot.ui.callbacks.projects import HandAction, HandCb
from bot.ui.project_view import project_name
from models import project as projects
from models import project_team as team
from models.base import utcnow
from models.project import Project
from models.project_team import ProjectMember
from models.round import get_round
from models.user import User

router = Router(name=__name__)


def _cb(action: HandAction):
    return HandCb.filter(F.action == action)


async def _stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("pj-stale"), show_alert=True)


def _person(i18n: I18nContext, member: ProjectMember) -> str:
    return escape(member.first_name or i18n.get("pg-no-name"))


async def _shown(session: AsyncSession, callback_data: HandCb
                 ) -> tuple[Project, ProjectMember] | None:
    """The project and co-owner the button names, while the project still has no owner (only
    a gone owner's project is handed on: docs/decisions.md) as the button showed."""
    project = await session.get(Project, callback_data.project)
    if (project is None or project.finished or project.owner_telegram_id is not None
            or callback_data.owner):
        return None
    member = next((m for m in await team.members_of(session, project.id)
                   if m.id == callback_data.member), None)
    return None if member is None else (project, member)


async def _name(session: AsyncSession, project: Project) -> str:
    return project_name((await projects.project_bids(session, [project])).get(project.bid_id))


@router.callback_query(_cb(HandAction.PICK))
async def ask(query: CallbackQuery, callback_data: HandCb, session: AsyncSession,
              i18n: I18nContext) -> None:
    found = await _shown(session, callback_data)
    if found is None:
        await _stale(query, i18n)
        return
    project, member = found
    await query.answer()
    yes = HandCb(action=HandAction.YES, project=project.id, member=member.id,
                 owner=project.owner_telegram_id or 0).pack()
    await query.message.answer(
        i18n.get("pgh-ask", name=await _name(session, project), person=_person(i18n, member)),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[
            [InlineKeyboardButton(text=i18n.get("pgh-yes"), callback_data=yes)],
            [InlineKeyboardButton(text=i18n.get("cf-no"), callback_data=HandCb(
                action=HandAction.NO, project=project.id).pack())]]))


@router.callback_query(_cb(HandAction.YES))
async def hand_on(query: CallbackQuery, callback_data: HandCb, session: AsyncSession,
                  user: User, notifier: Notifier, i18n: I18nContext) -> None:
    found = await _shown(session, callback_data)
    member = None if found is None else await team.hand_to(
        session, found[0], found[1].id, None, by=user.telegram_id,
        by_name=query.from_user.first_name)
    if found is None or member is None:
        await _stale(query, i18n)
        return
    project = found[0]
    now = utcnow()
    asks = notifier.project_asks
    # Their asks as a co-owner are withdrawn and the owner's planned for them instead.
    await asks.sync(session, await get_round(session, project.round_id), [project], now,
                    only=member.telegram_id)
    name = await _name(session, project)
    await asks.tell(session, f"pg:{project.id}:owner:{member.id}", member.telegram_id,
                    "pgh-told-owner", name)
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("pgh-done", name=name, person=_person(i18n, member)))


@router.callback_query(_cb(HandAction.NO))
async def said_no(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("cf-nothing-changed"))
    await query.message.edit_reply_markup(reply_markup=None)
