"""The owner hands their project to one of its co-owners ("Your group 👥" → **Make this person
the owner: <name>** → Yes/No).

Only the owner is offered it, and the Yes acts only for them and only while the project is as
the question showed it (the same owner, the co-owner still in the group, no other hand-over
since, not finished): anything else is out of date and changes nothing
(models/project_handover.py). The owner stays in the group as a co-owner; the new owner is
told once in their language, the asks follow the owner, and /audit keeps it without naming
either.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.notifier import Notifier
from bot.ui import project_handover_view as view
from bot.ui.callbacks.projects import HandAction, HandCb
from handlers.project_handover import answer_handed
from models import project_handover as handover
from models.base import utcnow
from models.project import project_bid
from models.project_handover import Way
from models.user import User

router = Router(name=__name__)


@router.callback_query(HandCb.filter(F.action == HandAction.OWNER_PICK))
async def ask(query: CallbackQuery, callback_data: HandCb, session: AsyncSession, user: User,
              i18n: I18nContext) -> None:
    offer = await handover.offer(session, callback_data.project, callback_data.member)
    if offer is None or offer.owner != user.telegram_id:
        await query.answer(i18n.get("pg-stale"), show_alert=True)
        return
    await query.answer()
    text, markup = view.question(i18n, Way.PASSED, offer,
                                 await project_bid(session, offer.project))
    await query.message.answer(text, reply_markup=markup)


@router.callback_query(HandCb.filter(F.action == HandAction.OWNER_YES))
async def hand_on(query: CallbackQuery, callback_data: HandCb, session: AsyncSession,
                  user: User, notifier: Notifier, i18n: I18nContext) -> None:
    handed = None
    if callback_data.owner == user.telegram_id:  # a Yes only its owner may use
        handed = await handover.hand_over(
            session, callback_data.project, callback_data.member, user.telegram_id,
            callback_data.turn, utcnow(), by=user.telegram_id, by_name=None, by_owner=True,
            old_owner_name=query.from_user.first_name)
    await answer_handed(query, session, handed, notifier, i18n)
