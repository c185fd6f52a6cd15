"""Festival of learning, for organisers: `/festival` asks an audience what they learned and
what they will do next, and sets when to ask how each pledge went; `/pledges` shows the
answers' counts and exports them (CSV and Markdown, without ids or names).
Behind the organiser filter (handlers.organiser_router).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import pledge_keyboards as kb
from bot.ui.callbacks.pledges import FestivalAction, FestivalCb
from bot.ui.event_texts import Texts, escape, when
from models import event as events
from models import pledge as pledges
from models.base import utcnow
from models.event import Event
from models.pledge import Audience, Festival, Stage

router = Router(name=__name__)


class FestivalSetup(StatesGroup):
    period = State()
    confirm = State()


@router.message(Command("festival"))
async def festival_command(message: Message, session: AsyncSession, state: FSMContext,
                           i18n: I18nContext) -> None:
    await state.clear()
    everyone = len(await pledges.audience_ids(session, Audience.EVERYONE))
    if not everyone:
        await message.answer(i18n.get("fol-admin-nobody"))
        return
    found = [(event.id, escape(event.title(i18n.locale)), count)
             for event, count in await pledges.events_with_attendance(session)]
    await message.answer(i18n.get("fol-admin-who"),
                         reply_markup=kb.audiences(i18n, everyone, found))


@router.callback_query(FestivalCb.filter(F.action == FestivalAction.AUDIENCE))
async def audience_chosen(query: CallbackQuery, callback_data: FestivalCb,
                          session: AsyncSession, state: FSMContext, i18n: I18nContext) -> None:
    if callback_data.event and await events.get_event(session, callback_data.event) is None:
        await query.answer(i18n.get("fol-admin-stale"), show_alert=True)
        return
    await query.answer()
    await state.set_state(FestivalSetup.period)
    await state.set_data({"festival_event": callback_data.event})
    await query.message.answer(i18n.get("fol-admin-period"))


@router.message(FestivalSetup.period, IS_ANSWER)
async def period_typed(message: Message, session: AsyncSession, state: FSMContext,
                       i18n: I18nContext) -> None:
    seconds = pledges.parse_period(message.text or "")
    if seconds is None:
        await message.answer(i18n.get("fol-admin-bad-period"))
        return
    event_id = (await state.get_data()).get("festival_event", 0)
    audience = Audience.EVENT if event_id else Audience.EVERYONE
    count = len(await pledges.audience_ids(session, audience, event_id))
    await state.update_data(festival_period=seconds)
    await state.set_state(FestivalSetup.confirm)
    name = await _name(session, i18n, event_id)
    await message.answer(i18n.get("fol-admin-preview", count=count, audience=name,
                                  period=pledges.format_period(seconds)),
                         reply_markup=kb.confirm(i18n))


@router.callback_query(FestivalCb.filter(F.action == FestivalAction.DISCARD))
async def discard(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await state.clear()
    await query.answer()
    await query.message.answer(i18n.get("fol-admin-discarded"))


@router.callback_query(FestivalCb.filter(F.action == FestivalAction.SEND))
async def send(query: CallbackQuery, session: AsyncSession, state: FSMContext,
               settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    data = await state.get_data()
    if await state.get_state() != FestivalSetup.confirm.state or "festival_period" not in data:
        await query.answer(i18n.get("fol-admin-stale"), show_alert=True)
        return
    await state.clear()
    event_id = data.get("festival_event", 0)
    event = await events.get_event(session, event_id) if event_id else None
    now = utcnow()
    festival, asked = await pledges.start_festival(
        session, audience=Audience.EVENT if event else Audience.EVERYONE,
        event_id=event.id if event else None, follow_up_seconds=data["festival_period"],
        created_by=query.from_user.id, default_locale=settings.default_locale, now=now)
    pledge_of = {pledge.telegram_id: pledge for pledge in asked}
    await notifier.tell_each(
        session, pledge_of,
        lambda texts, person: (texts.get("fol-ask-learned", festival=_festival_name(texts, event)),
                               kb.skip(texts, pledge_of[person].id, Stage.LEARNED)),
        dedupe=lambda person: pledges.question_key(festival.id, person), due_at=now)
    count = len(asked)
    await query.answer()
    await query.message.answer(i18n.get("fol-admin-started", count=count))


# --- answers and exports --------------------------------------------------------------------


@router.message(Command("pledges"))
async def pledges_command(message: Message, session: AsyncSession, settings: Settings,
                          i18n: I18nContext) -> None:
    found = await pledges.festivals(session)
    if not found:
        await message.answer(i18n.get("fol-admin-none"))
        return
    lines = [i18n.get("fol-admin-list-title")]
    for row in found:
        lines.append(i18n.get(
            "fol-admin-list-line", number=row.festival.id,
            name=await _name(session, i18n, row.festival.event_id or 0),
            date=when(row.festival.created_at, settings.tz, i18n.locale), asked=row.asked,
            learned=row.learned, pledged=row.pledged, done=row.done, partly=row.partly,
            notyet=row.not_yet))
    await message.answer("\n".join(lines),
                         reply_markup=kb.exports(i18n, [row.festival.id for row in found]))


@router.callback_query(FestivalCb.filter(F.action.in_({FestivalAction.CSV,
                                                        FestivalAction.MARKDOWN})))
async def export(query: CallbackQuery, callback_data: FestivalCb, session: AsyncSession,
                 settings: Settings, i18n: I18nContext) -> None:
    festival: Festival | None = await pledges.get_festival(session, callback_data.festival)
    if festival is None:
        await query.answer(i18n.get("fol-admin-gone"), show_alert=True)
        return
    await query.answer()
    rows = await pledges.answers_of(session, festival.id)
    event = await events.get_event(session, festival.event_id) if festival.event_id else None
    name = _festival_name(i18n, event, escaped=False)
    if callback_data.action == FestivalAction.CSV:
        body, suffix = pledges.pledges_csv(name, rows, settings.tz), "csv"
    else:
        body, suffix = pledges.pledges_markdown(name, rows, settings.tz), "md"
    await query.message.answer_document(
        BufferedInputFile(body, filename=f"festival-{festival.id}-pledges.{suffix}"),
        caption=i18n.get("fol-admin-export-caption", name=escape(name), count=len(rows)))


async def _name(session: AsyncSession, i18n: I18nContext, event_id: int) -> str:
    event = await events.get_event(session, event_id) if event_id else None
    return _festival_name(i18n, event)


def _festival_name(i18n: Texts, event: Event | None, escaped: bool = True) -> str:
    if event is None:
        return i18n.get("fol-name-everyone")
    title = event.title(i18n.locale)
    return i18n.get("fol-name-event", title=escape(title) if escaped else title)
