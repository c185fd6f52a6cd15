"""/cancel leaves whatever conversation the person is in. Drafts are in their own tables: kept."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram_i18n import I18nContext

from handlers.menu import show_menu

router = Router(name=__name__)


@router.message(Command("cancel"))
async def cancel(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    in_conversation = await state.get_state() is not None
    await state.set_state(None)
    await message.answer(i18n.get("cancelled" if in_conversation else "nothing-to-cancel"))
    await show_menu(message, i18n)
