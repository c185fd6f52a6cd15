"""/receipt: "was my vote counted?" from the code a voter was given, and nothing more.

The code lives on the round's roll (who voted), not on the ballot (how): so the answer can
only ever be "a vote with this receipt is counted", never what it said (models/ballot/box.py).
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.ui.names import name_html
from models.ballot import check_receipt, normal_receipt

router = Router(name=__name__)


@router.message(Command("receipt"))
async def receipt(message: Message, command: CommandObject, session: AsyncSession,
                  i18n: I18nContext) -> None:
    if not command.args:
        await message.answer(i18n.get("receipt-how"))
        return
    code = normal_receipt(command.args[:40])
    if code is None:
        await message.answer(i18n.get("receipt-bad"))
        return
    rounds = await check_receipt(session, code)
    if not rounds:
        await message.answer(i18n.get("receipt-unknown", receipt=code))
        return
    lines = [i18n.get(f"receipt-{round_.status}", receipt=code,
                      round=name_html(i18n, round_)) for round_ in rounds]
    await message.answer("\n\n".join([*lines, i18n.get("receipt-secret")]))
