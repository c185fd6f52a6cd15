""""My things": what the person has going on, one section per feature, events first.

Each feature offers a `mine_section(session, user, settings, i18n)` returning its lines and
button rows; a feature with nothing for this person returns empty lists.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from bot.ui.callbacks import MenuCb, MenuItem
from handlers import bids, events, project_team, results
from models.user import User

router = Router(name=__name__)
SECTIONS = (events.mine_section, bids.mine_section, project_team.mine_section,
            results.mine_section)


@router.callback_query(MenuCb.filter(F.item == MenuItem.MINE))
async def mine(query: CallbackQuery, session: AsyncSession, user: User, settings: Settings,
               i18n: I18nContext) -> None:
    lines, rows = [i18n.get("mine-title")], []
    for section in SECTIONS:
        section_lines, section_rows = await section(session, user, settings, i18n)
        if section_lines:
            lines += ["", *section_lines]
        rows += section_rows
    await query.answer()
    if len(lines) == 1:
        await query.message.answer(i18n.get("mine-empty"))
        return
    await query.message.answer("\n".join(lines),
                               reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
                               if rows else None)
