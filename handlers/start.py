"""/start, with or without a deep link (a poster's QR code, a voting code): straight to what
the link opens, or the menu. A newcomer's language is stored already and the privacy notice
shown just before (bot/conversation/first_contact.py)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from bot.ui.deeplinks import parse_payload
from handlers import events, project_claim, project_team, vote, worldcafe
from handlers.menu import show_menu
from models.ballot import Ballots
from models.user import User

router = Router(name=__name__)
PENDING_PAYLOAD = "start_payload"


@router.message(CommandStart())
async def start(
    message: Message, command: CommandObject, user: User, state: FSMContext, i18n: I18nContext,
    session: AsyncSession, settings: Settings, ballots: Ballots, first_contact: bool = False,
) -> None:
    if first_contact:
        # Kept so that the notice's language switch opens the link again in the other language.
        await state.update_data({PENDING_PAYLOAD: command.args})
    await open_start(message, i18n, command.args, session=session, user=user, settings=settings,
                     ballots=ballots, state=state)


async def open_start(message: Message, i18n: I18nContext, payload: str | None, *,
                     session: AsyncSession, user: User, settings: Settings,
                     ballots: Ballots, state: FSMContext | None = None) -> None:
    """Where /start leads once the language is known."""
    link = parse_payload(payload)
    if link is not None and link.kind == "ev":
        if await events.open_from_link(message, session, user, settings, i18n, int(link.value)):
            return
        link = None  # no such event, or no longer open
    if link is not None and link.kind == "v":
        await vote.open_code(message, session, ballots, i18n, link.value)
        return
    if link is not None and link.kind == "wc":
        if await worldcafe.open_from_link(message, session, i18n, link.value, state):
            return
        link = None  # no such question
    if link is not None and link.kind == "pj":
        # The same kind of link invites to a group or offers an empty owner's place.
        if not await project_claim.open_link(message, session, user, i18n, link.value):
            await project_team.open_invite(message, session, user, i18n, link.value)
        return
    if payload and link is None:
        await message.answer(i18n.get("link-unknown"))
    await show_menu(message, i18n)
