"""The follow offer in a voter's receipt, and /projects' note for rounds still waiting.

After a voter's first Confirm in a round, the receipt ends with "Tell me how the projects get
on?" (Yes / No thanks): in the receipt itself, as the ballot is one message. Yes records a
follow for the round (models/project_follow.py: the person and the round, nothing about the
ballot); they need do nothing more: their weekly round-ups start once the funded projects
send news. The buttons name the round and the person; a tap from anyone else, for a round
gone, or from someone no longer on its roll or at its events, is out of date and changes
nothing. Stopping is always there in /projects.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.notifier import Notifier
from bot.ui.callbacks.projects import FollowOfferCb, ProjectAction, ProjectCb
from bot.ui.names import name_html
from models import project as projects
from models.ballot import Ballots
from models.base import utcnow
from models.project_follow import follow_from_receipt, waiting_rounds
from models.round import get_round

router = Router(name=__name__)


def offer_row(i18n: I18nContext, round_id: int, who: int) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(text=i18n.get("pjf-yes-button"), callback_data=FollowOfferCb(
                round=round_id, who=who, yes=True).pack()),
            InlineKeyboardButton(text=i18n.get("pjf-no-button"), callback_data=FollowOfferCb(
                round=round_id, who=who, yes=False).pack())]


async def with_follow_offer(session: AsyncSession, round_id: int, who: int, i18n: I18nContext,
                            text: str, markup: InlineKeyboardMarkup
                            ) -> tuple[str, InlineKeyboardMarkup]:
    """The receipt with the offer in it (the ballot stays one message): the question last in
    the text, its Yes / No thanks row above the last row (Menu). Not to someone who follows
    the round already."""
    if await projects.is_following(session, round_id, who):
        return text, markup
    rows = list(markup.inline_keyboard)
    rows.insert(max(len(rows) - 1, 0), offer_row(i18n, round_id, who))
    return f"{text}\n\n{i18n.get('pjf-offer')}", InlineKeyboardMarkup(inline_keyboard=rows)


@router.callback_query(FollowOfferCb.filter())
async def answer_offer(query: CallbackQuery, callback_data: FollowOfferCb,
                       session: AsyncSession, ballots: Ballots, notifier: Notifier,
                       i18n: I18nContext) -> None:
    who, round_ = query.from_user.id, await get_round(session, callback_data.round)
    if (callback_data.who != who or round_ is None or not await ballots.may_follow(
            session, round_.id, who)):
        await query.answer(i18n.get("pjf-stale"), show_alert=True)
        return
    now = utcnow()
    if callback_data.yes:
        await follow_from_receipt(session, round_.id, who, now)
    else:
        await projects.unfollow(session, round_.id, who)
    if await projects.round_projects(session, round_.id):  # results out: this week's news
        await notifier.projects.sync_digests(
            session, round_.id, now, only=who)
    await query.answer(i18n.get("pjf-yes" if callback_data.yes else "pjf-no"), show_alert=True)
    await _drop_offer(query)


async def _drop_offer(query: CallbackQuery) -> None:
    """The receipt keeps its other buttons; the answered offer's row goes."""
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    rows = [row for row in message.reply_markup.inline_keyboard
            if not any((b.callback_data or "").startswith(f"{FollowOfferCb.__prefix__}:")
                       for b in row)]
    if rows != message.reply_markup.inline_keyboard:
        try:
            await message.edit_reply_markup(reply_markup=InlineKeyboardMarkup(
                inline_keyboard=rows))
        except TelegramBadRequest:  # a double tap: the row is gone already
            pass


async def send_waiting(message: Message, session: AsyncSession, telegram_id: int,
                       i18n: I18nContext) -> bool:
    """/projects: each round this person follows whose results are not out yet, with a way to
    stop. Whether anything was sent."""
    rounds = await waiting_rounds(session, telegram_id)
    for round_ in rounds:
        await message.answer(
            i18n.get("pjf-waiting", round=name_html(i18n, round_)),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
                text=i18n.get("pj-unfollow-button"), callback_data=ProjectCb(
                    action=ProjectAction.UNFOLLOW, round=round_.id).pack())]]))
    return bool(rounds)
