"""Taking a project's owner's place by a link an organiser made (models/project_owner_link.py):
"Look after this project for its group?" → Yes / No.

Opening the link uses nothing up. The Yes carries the link's token and acts only while the
link is good and the place still to be taken (empty, or still held by the owner the link was
made against, who has sent no update since and has nobody else in the group); anything else
(someone took the place first, the link was used, expired or forged, the owner answered or
handed the project on, the project is finished) is out of date and changes nothing. Someone
already in the group may take an empty place too, leaving their co-owner place for the
owner's; the owner opening a link made to replace them is told they are in the group already,
and anyone else that the owner stays in the group (and is told).
Afterwards the asks follow the new owner, the organiser who made the link and a replaced
owner (a co-owner now) are told once in their language, and /audit keeps it without naming
anyone.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.notifier import Notifier
from bot.ui import project_team_view as view
from bot.ui.callbacks.projects import ClaimCb
from bot.ui.project_view import project_name
from models import project as projects
from models import project_owner_link as owner_links
from models import project_team as team
from models.base import utcnow
from models.project import Project
from models.round import get_round
from models.user import User

router = Router(name=__name__)


async def _name(session: AsyncSession, project: Project) -> str:
    return project_name(await projects.project_bid(session, project))


async def open_link(message: Message, session: AsyncSession, user: User, i18n: I18nContext,
                    token: str) -> bool:
    """From /start pj_<token>, when the token is a link for an owner's place: ask first.
    False: not such a link (an invitation to join, or unknown)."""
    if not await owner_links.is_owner_link(session, token):
        return False
    project = await owner_links.linked_project(session, token, utcnow())
    if project is None:
        await message.answer(i18n.get("pgo-stale"))
        return True
    if project.owner_telegram_id == user.telegram_id:  # a link made to replace them
        await message.answer(i18n.get("pg-already", name=await _name(session, project)))
        return True
    # A link still good while the owner is here was made against them (nobody else can be in
    # the group then): the person is told that owner stays, and is told.
    member = await team.is_member(session, project.id, user.telegram_id)
    held = project.owner_telegram_id is not None
    await message.answer(i18n.get("pgo-ask-member" if member else
                                  "pgo-ask-owner-stays" if held else "pgo-ask",
                                  name=await _name(session, project)),
                         reply_markup=view.claim_buttons(i18n, project.id, token))
    return True


@router.callback_query(ClaimCb.filter())
async def claim(query: CallbackQuery, callback_data: ClaimCb, session: AsyncSession,
                user: User, notifier: Notifier, i18n: I18nContext) -> None:
    claimed = await owner_links.claim(session, callback_data.project, callback_data.token,
                                      user.telegram_id, utcnow())
    if claimed is None:
        await query.answer(i18n.get("pgo-stale"), show_alert=True)
        return
    name = await _name(session, claimed.project)
    await notifier.project_asks.claimed(
        session, claimed, await get_round(session, claimed.project.round_id), name)
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("pgo-done", name=name))
