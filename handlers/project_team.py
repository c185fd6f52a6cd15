"""A funded project's group: the owner invites co-owners by a one-time link, sees them and may
remove one; a co-owner may leave; whoever opens a link confirms before joining. "Your
projects" under My things.

Every button is checked again against the project as it is now: only the owner invites or
removes, only a co-owner leaves, a link works once and for a week. Anything else is "out of
date". Joining plans the newcomer's asks and nudges from now on, in their language; leaving
or being removed cancels theirs (bot/jobs/project_asks.py).
"""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import project_team_view as view
from bot.ui.callbacks.projects import TeamAction, TeamCb
from bot.ui.project_view import project_name
from models import project as projects
from models import project_team as team
from models.base import utcnow
from models.project import Project
from models.project_team import INVITE_LIFETIME, MAX_MEMBERS, JoinResult
from models.round import get_round
from models.user import User

router = Router(name=__name__)


def _cb(action: TeamAction):
    return TeamCb.filter(F.action == action)


async def _stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("pg-stale"), show_alert=True)


async def _name(session: AsyncSession, project: Project) -> str:
    return project_name(await projects.project_bid(session, project))


# --- opening a link and joining -----------------------------------------------------------------


async def open_invite(message: Message, session: AsyncSession, user: User, i18n: I18nContext,
                      token: str) -> None:
    """From /start pj_<token>: ask before joining. Nothing is used up by opening the link."""
    project = await team.invited_project(session, token, utcnow())
    if project is None:
        await message.answer(i18n.get("pg-link-stale"))
        return
    name = await _name(session, project)
    if await team.in_group(session, project, user.telegram_id):
        await message.answer(i18n.get("pg-already", name=name))
        return
    await message.answer(i18n.get("pg-ask-join", name=name), reply_markup=view.confirm_buttons(
        i18n, "pg-join-button", TeamAction.JOIN, project.id, token=token))


@router.callback_query(_cb(TeamAction.JOIN))
async def join(query: CallbackQuery, callback_data: TeamCb, session: AsyncSession, user: User,
               settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    now = utcnow()
    joined = await team.join(session, callback_data.token, user.telegram_id,
                             query.from_user.first_name, now)
    if joined.result == JoinResult.OUT_OF_DATE or joined.project is None:
        await query.answer(i18n.get("pg-link-stale"), show_alert=True)
        return
    await query.answer()
    name = await _name(session, joined.project)
    if joined.result == JoinResult.ALREADY:
        await query.message.answer(i18n.get("pg-already", name=name))
        return
    if joined.result == JoinResult.FULL:
        await query.message.answer(i18n.get("pg-full", name=name, most=MAX_MEMBERS))
        return
    round_ = await get_round(session, joined.project.round_id)
    asks = notifier.project_asks
    await asks.sync(session, round_, [joined.project], now, only=user.telegram_id)
    await asks.tell(session, f"pg:{joined.project.id}:joined:{joined.member_id}",
                    joined.project.owner_telegram_id, "pg-told-joined", name)
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("pg-joined", name=name))


@router.callback_query(_cb(TeamAction.NO))
async def not_now(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("pg-not-now"))


# --- the group's page ---------------------------------------------------------------------------


async def _group_project(session: AsyncSession, user: User, project_id: int) -> Project | None:
    project = await session.get(Project, project_id)
    return project if await team.in_group(session, project, user.telegram_id) else None


@router.callback_query(_cb(TeamAction.SHOW))
async def show(query: CallbackQuery, callback_data: TeamCb, session: AsyncSession, user: User,
               i18n: I18nContext) -> None:
    project = await _group_project(session, user, callback_data.project)
    if project is None:
        await _stale(query, i18n)
        return
    await query.answer()
    await _send_group(query.message, session, user, i18n, project)


async def _send_group(message: Message, session: AsyncSession, user: User, i18n: I18nContext,
                      project: Project) -> None:
    members = await team.members_of(session, project.id)
    bid = await projects.project_bid(session, project)
    can_invite = not project.finished and len(members) < MAX_MEMBERS
    await message.answer(view.group_page(i18n, project, bid, members, user.telegram_id),
                         reply_markup=view.group_buttons(i18n, project, members,
                                                         user.telegram_id,
                                                         can_invite=can_invite, bid=bid))


@router.callback_query(_cb(TeamAction.INVITE))
async def invite(query: CallbackQuery, callback_data: TeamCb, session: AsyncSession,
                 user: User, bot: Bot, i18n: I18nContext) -> None:
    project = await session.get(Project, callback_data.project)
    if (project is None or project.finished or project.owner_telegram_id != user.telegram_id
            or len(await team.members_of(session, project.id)) >= MAX_MEMBERS):
        await _stale(query, i18n)
        return
    token = await team.new_invite(session, project, utcnow())
    if token is None:
        await query.answer(i18n.get("pg-too-many-links", days=INVITE_LIFETIME.days),
                           show_alert=True)
        return
    await query.answer()
    link = view.invite_link((await bot.me()).username, token)
    await query.message.answer(i18n.get("pg-link", name=await _name(session, project),
                                        link=link, days=INVITE_LIFETIME.days))


@router.callback_query(_cb(TeamAction.REMOVE))
async def ask_remove(query: CallbackQuery, callback_data: TeamCb, session: AsyncSession,
                     user: User, i18n: I18nContext) -> None:
    member = await _removable(session, user, callback_data)
    if member is None:
        await _stale(query, i18n)
        return
    await query.answer()
    await query.message.answer(
        i18n.get("pg-ask-remove", person=escape(view.member_name(i18n, member)),
                 name=await _name(session, await session.get(Project, member.project_id))),
        reply_markup=view.confirm_buttons(i18n, "pg-remove-yes", TeamAction.REMOVE_YES,
                                          member.project_id, member.telegram_id))


@router.callback_query(_cb(TeamAction.REMOVE_YES))
async def remove(query: CallbackQuery, callback_data: TeamCb, session: AsyncSession,
                 user: User, settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    member = await _removable(session, user, callback_data)
    if member is None or not await team.remove_member(session, member.project_id,
                                                      member.telegram_id):
        await _stale(query, i18n)
        return
    asks = notifier.project_asks
    await asks.drop_person(session, member.project_id, member.telegram_id)
    await asks.tell(session, f"pg:{member.project_id}:removed:{member.id}", member.telegram_id,
                    "pg-told-removed",
                    await _name(session, await session.get(Project, member.project_id)))
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("pg-removed",
                                        person=escape(view.member_name(i18n, member))))


async def _removable(session: AsyncSession, user: User, callback_data: TeamCb):
    """The co-owner the button names, if the one tapping owns the project."""
    project = await session.get(Project, callback_data.project)
    if project is None or project.owner_telegram_id != user.telegram_id:
        return None
    return next((m for m in await team.members_of(session, project.id)
                 if m.telegram_id == callback_data.person), None)


@router.callback_query(_cb(TeamAction.LEAVE))
async def ask_leave(query: CallbackQuery, callback_data: TeamCb, session: AsyncSession,
                    user: User, i18n: I18nContext) -> None:
    project = await session.get(Project, callback_data.project)
    if project is None or not await team.is_member(session, project.id, user.telegram_id):
        await _stale(query, i18n)
        return
    await query.answer()
    await query.message.answer(i18n.get("pg-ask-leave", name=await _name(session, project)),
                               reply_markup=view.confirm_buttons(
                                   i18n, "pg-leave-yes", TeamAction.LEAVE_YES, project.id))


@router.callback_query(_cb(TeamAction.LEAVE_YES))
async def leave(query: CallbackQuery, callback_data: TeamCb, session: AsyncSession, user: User,
                settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    project = await session.get(Project, callback_data.project)
    member = next((m for m in await team.members_of(session, project.id)
                   if m.telegram_id == user.telegram_id), None) if project else None
    if member is None or not await team.remove_member(session, project.id, user.telegram_id):
        await _stale(query, i18n)
        return
    asks = notifier.project_asks
    await asks.drop_person(session, project.id, user.telegram_id)
    name = await _name(session, project)
    # The owner hears once (the membership's id names it), without the name: the group's
    # page shows who is still in it.
    await asks.tell(session, f"pg:{project.id}:left:{member.id}", project.owner_telegram_id,
                    "pg-told-left", name)
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("pg-left", name=name))


@router.callback_query(TeamCb.filter())
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    """Any other group button (an action this version does not know)."""
    await _stale(query, i18n)


# --- My things ------------------------------------------------------------------------------------


async def mine_section(session: AsyncSession, user: User, settings: Settings,
                       i18n: I18nContext) -> tuple[list[str], list[list[InlineKeyboardButton]]]:
    made = await team.projects_of(session, user.telegram_id)
    if not made:
        return [], []
    bids = await projects.project_bids(session, made)
    return view.mine_lines(i18n, made, bids), view.mine_rows(i18n, made, bids)
