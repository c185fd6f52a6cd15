"""/mydata and /forget: people see and erase what the bot holds about them."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from functools import partial

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.ui.callbacks import ForgetCb
from bot.ui.keyboards import yes_no
from models.ballot import Ballots
from models.personal_data import (
    checkpoint_after_erasure,
    export_personal_data,
)
from models.user import User

router = Router(name=__name__)


@router.message(Command("mydata"))
async def my_data(message: Message, session: AsyncSession, user: User, state: FSMContext,
                  i18n: I18nContext) -> None:
    conversation = {"step": await state.get_state(), "answers": await state.get_data()}
    data = await export_personal_data(session, user, conversation)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode()
    await message.answer_document(
        BufferedInputFile(body, filename="pbchat-my-data.json"), caption=i18n.get("mydata-caption")
    )


@router.message(Command("forget"))
async def forget(message: Message, i18n: I18nContext) -> None:
    await message.answer(
        i18n.get("forget-confirm"), reply_markup=yes_no(i18n, "forget-yes", "forget-no")
    )


@router.callback_query(ForgetCb.filter())
async def forget_answer(
    query: CallbackQuery, callback_data: ForgetCb, session: AsyncSession, user: User,
    state: FSMContext, ballots: Ballots, i18n: I18nContext,
    after_commit: list[Callable[[], Awaitable[None]]],
) -> None:
    await query.answer()
    if not callback_data.confirm:
        await query.message.edit_text(i18n.get("forget-kept"))
        return
    text = i18n.get("forget-done")
    await state.clear()
    await ballots.forget(session, user)
    after_commit.append(partial(checkpoint_after_erasure, session.bind))
    await query.message.edit_text(text)
