"""An organiser hands a project to one of its co-owners (behind the organiser filter): when its
owner has gone (/forget), or away from an owner who is still here but no longer answers.

The organiser's project page offers **Hand this project to: <name>** for each co-owner, by the
name the group's page shows (and says so when the group has no owner; then **Make a link for
a new owner** is there too, for someone not in the group: models/project_owner_link.py). A
Yes/No question follows; the Yes carries the project, the owner, the co-owner's membership and
the project's hand-over count as the question showed them, so a Yes tapped twice, or after the
co-owner left, the owner changed or the project went, is out of date and changes nothing
(models/project_handover.py). The new owner, and an old owner still here, are told once in
their language; the asks follow the owner (bot/jobs/project_asks.py); /audit records it with
the project's reference only.

When the owner is still here and nobody else is in the group (no hand-over is possible),
**Make a link for a new owner** asks first, in the same way: its Yes carries the owner and the
hand-over count, and the link is made only while the project is still so, with nobody else in
its group and not finished. The owner is told once then, in their language, that an update
keeps their place and that they stay in the group either way.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.notifier import Notifier
from bot.ui import project_handover_view as view
from bot.ui import project_team_view as team_view
from bot.ui.callbacks.projects import HandAction, HandCb
from bot.ui.project_view import project_name
from models import project_handover as handover
from models import project_owner_link as owner_links
from models.base import utcnow
from models.project import Project, project_bid
from models.project_handover import Handed
from models.round import get_round
from models.user import User

router = Router(name=__name__)


def _cb(action: HandAction):
    return HandCb.filter(F.action == action)


@router.callback_query(_cb(HandAction.PICK))
async def ask(query: CallbackQuery, callback_data: HandCb, session: AsyncSession,
              i18n: I18nContext) -> None:
    offer = await handover.offer(session, callback_data.project, callback_data.member)
    if offer is None:
        await query.answer(i18n.get("pj-stale"), show_alert=True)
        return
    await query.answer()
    text, markup = view.question(i18n, handover.way_of(offer.owner, by_owner=False), offer,
                                 await project_bid(session, offer.project))
    await query.message.answer(text, reply_markup=markup)


@router.callback_query(_cb(HandAction.YES))
async def hand_on(query: CallbackQuery, callback_data: HandCb, session: AsyncSession,
                  user: User, notifier: Notifier, i18n: I18nContext) -> None:
    handed = await handover.hand_over(
        session, callback_data.project, callback_data.member, callback_data.owner or None,
        callback_data.turn, utcnow(), by=user.telegram_id, by_name=query.from_user.first_name)
    await answer_handed(query, session, handed, notifier, i18n)


async def answer_handed(query: CallbackQuery, session: AsyncSession, handed: Handed | None,
                        notifier: Notifier, i18n: I18nContext) -> None:
    """After a hand-over's Yes (an organiser's here, the owner's in project_pass.py): "out of
    date" if nothing changed, else the people told and the answer in the chat."""
    if handed is None:
        await query.answer(i18n.get("pgh-stale"), show_alert=True)
        return
    bid = await project_bid(session, handed.project)
    name = project_name(bid)
    await notifier.project_asks.handed_over(
        session, handed, await get_round(session, handed.project.round_id), name)
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get(view.DONE[handed.way], name=name,
                                        person=view.new_owner(i18n, handed, bid)))


@router.callback_query(_cb(HandAction.LINK_ASK))
async def ask_owner_link(query: CallbackQuery, callback_data: HandCb, session: AsyncSession,
                         i18n: I18nContext) -> None:
    """The owner is still here, with nobody else in the group: ask before making a link."""
    project = await session.get(Project, callback_data.project, populate_existing=True)
    if not await owner_links.replaceable(session, project):
        await query.answer(i18n.get("pj-stale"), show_alert=True)
        return
    await query.answer()
    text, markup = view.link_question(i18n, project, await project_bid(session, project))
    await query.message.answer(text, reply_markup=markup)


@router.callback_query(_cb(HandAction.LINK))
async def make_owner_link(query: CallbackQuery, callback_data: HandCb, session: AsyncSession,
                          user: User, bot: Bot, notifier: Notifier, i18n: I18nContext) -> None:
    """A one-time link for the owner's place (models/project_owner_link.py): at once when it
    is empty, or after Yes while the project is still as the question showed it (and then
    the owner is told)."""
    asked = callback_data.owner != 0
    project = await owner_links.as_asked(session, callback_data.project,
                                         callback_data.owner or None, callback_data.turn)
    if project is None:
        await query.answer(i18n.get("pgh-stale" if asked else "pj-stale"), show_alert=True)
        return
    link = await owner_links.new_link(session, project, user.telegram_id,
                                      query.from_user.first_name, utcnow())
    if link is None:
        await query.answer(i18n.get("pgo-too-many-links"), show_alert=True)
        return
    name = project_name(await project_bid(session, project))
    await notifier.project_asks.link_made(session, link, name)
    await query.answer()
    if asked:
        await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get(
        "pgo-link", name=name, link=team_view.invite_link((await bot.me()).username,
                                                          link.token)))


@router.callback_query(_cb(HandAction.NO))
async def said_no(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("cf-nothing-changed"))
    await query.message.edit_reply_markup(reply_markup=None)
