"""/projects: what the vote funded and how it is getting on; a group's update; following.

Anyone sees a round's funded projects (status, money spent against awarded, latest update) and
each project's updates, newest first. A project's group sends an update: a few words, a photo
(after confirming it has permission from the people in it) or a voice note, then the money
spent so far, then a status, which saves it. The group is told first that updates are public.
Voters and people from the round's events may follow its projects (a weekly round-up).
Organisers (`admin_router`) hide an update (kept, left out) or add their own note.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import project_team_view as team_view
from bot.ui import project_view as view
from bot.ui.callbacks.projects import ORGANISER_ACTIONS, ProjectAction, ProjectCb
from bot.ui.names import name_text
from handlers.project_follow import send_waiting
from models import project as projects
from models import project_owner_link as owner_links
from models import project_team as team
from models.amounts import format_pounds, parse_amount
from models.ballot import Ballots
from models.base import utcnow
from models.organiser import is_organiser
from models.project import MAX_WORDS, NewUpdate, PaymentKind, Project
from models.round import get_round
from models.user import User

router = Router(name=__name__)
# Named for its module, as every router is (tests walk routers back to their modules).
admin_router = Router(name=__name__)


class UpdateFlow(StatesGroup):
    words = State()  # data: project
    permission = State()  # data: project, photo, text
    spent = State()  # data: project, text | photo | voice
    status = State()  # data: project, ..., spent


class NoteFlow(StatesGroup):
    words = State()  # data: project


class PaymentFlow(StatesGroup):
    amount = State()  # data: project, kind


def _cb(action: ProjectAction):
    return ProjectCb.filter(F.action == action)


async def _stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("pj-stale"), show_alert=True)


# --- reading ---------------------------------------------------------------------------------


@router.message(Command("projects"))
async def projects_command(message: Message, session: AsyncSession, user: User,
                           settings: Settings, ballots: Ballots, i18n: I18nContext) -> None:
    round_ids = await projects.rounds_with_projects(session)
    # Rounds followed from the receipt whose results are not out yet: a way to stop.
    waiting = await send_waiting(message, session, user.telegram_id, i18n)
    if not round_ids:
        if not waiting:
            await message.answer(i18n.get("pj-none"))
        return
    if len(round_ids) == 1:
        await _send_round(message, session, user, settings, ballots, i18n, round_ids[0])
        return
    rounds = [await get_round(session, round_id) for round_id in round_ids]
    await message.answer(i18n.get("pj-choose-round"), reply_markup=InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(
            text=name_text(i18n, r), callback_data=ProjectCb(
                action=ProjectAction.ROUND, round=r.id).pack())] for r in rounds if r]))


@router.callback_query(_cb(ProjectAction.ROUND))
async def round_page(query: CallbackQuery, callback_data: ProjectCb, session: AsyncSession,
                     user: User, settings: Settings, ballots: Ballots, i18n: I18nContext) -> None:
    if not await projects.round_projects(session, callback_data.round):
        await _stale(query, i18n)
        return
    await query.answer()
    await _send_round(query.message, session, user, settings, ballots, i18n,
                      callback_data.round)


async def _send_round(message: Message, session: AsyncSession, user: User, settings: Settings,
                      ballots: Ballots, i18n: I18nContext, round_id: int) -> None:
    round_ = await get_round(session, round_id)
    made = await projects.round_projects(session, round_id)
    bids = await projects.project_bids(session, made)
    ids = [p.id for p in made]
    latest = await projects.latest_updates(session, ids)
    late: set[int] = set()
    if await is_organiser(session, user.telegram_id, settings.organiser_ids):
        reports, now = await projects.last_reports(session, ids), utcnow()
        late = {p.id for p in made if projects.is_late(p, reports.get(p.id), now)}
    follow = None
    if await ballots.may_follow(session, round_id, user.telegram_id):
        follow = await projects.is_following(session, round_id, user.telegram_id)
    pages = view.round_page(i18n, name_text(i18n, round_), made, bids, latest, late)
    for page in pages[:-1]:
        await message.answer(page)
    await message.answer(pages[-1],
                         reply_markup=view.round_buttons(i18n, round_id, made, bids, follow))


@router.callback_query(_cb(ProjectAction.SHOW))
async def project_page(query: CallbackQuery, callback_data: ProjectCb, session: AsyncSession,
                       user: User, settings: Settings, i18n: I18nContext) -> None:
    project = await session.get(Project, callback_data.project)
    if project is None:
        await _stale(query, i18n)
        return
    await query.answer()
    await _send_project(query.message, session, user, settings, i18n, project)


async def _send_project(message: Message, session: AsyncSession, user: User,
                        settings: Settings, i18n: I18nContext, project: Project) -> None:
    updates = await projects.updates_of(session, project.id)
    bid = await projects.project_bid(session, project)
    organiser = await is_organiser(session, user.telegram_id, settings.organiser_ids)
    payments = ((await projects.money_of(session, [project.id])).get(project.id,
                                                                      projects.Money())
                if organiser else None)
    page = view.project_page(i18n, project, bid, updates, settings.tz, i18n.locale, payments)
    # Organisers may hand a project to a co-owner: when its owner used /forget (nobody can
    # invite then), or away from an owner who no longer answers. With no owner, or an owner
    # and nobody else in the group, they may also make a link for someone new to take the
    # owner's place.
    members = (await team.members_of(session, project.id)
               if organiser and not project.finished else [])
    owner_link = await owner_links.place_to_fill(session, project) if organiser else None
    if owner_link is owner_links.Place.EMPTY:
        page += "\n\n" + i18n.get("pgh-no-owner" if members else "pgo-no-owner")
    await message.answer(page, reply_markup=view.project_buttons(
        i18n, project, updates, organiser=organiser,
        group=await team.may_report(session, project, user.telegram_id),
        member=await team.in_group(session, project, user.telegram_id),
        hand_to=tuple((m.id, team_view.member_name(i18n, m, bid)) for m in members),
        owner_link=owner_link))
    # The newest few photos and voice notes themselves, after the page that numbers them.
    for number, update in [(n, u) for n, u in enumerate(updates[:view.PAGE_UPDATES], start=1)
                           if u.photo_file_id or u.voice_file_id][:view.MEDIA_SHOWN]:
        caption = i18n.get("pj-media-caption", number=number)
        if update.photo_file_id:
            await message.answer_photo(update.photo_file_id, caption=caption)
        if update.voice_file_id:
            await message.answer_voice(update.voice_file_id, caption=caption)


@router.callback_query(_cb(ProjectAction.FOLLOW))
@router.callback_query(_cb(ProjectAction.UNFOLLOW))
async def follow(query: CallbackQuery, callback_data: ProjectCb, session: AsyncSession,
                 user: User, ballots: Ballots, notifier: Notifier, i18n: I18nContext) -> None:
    round_id = callback_data.round
    if callback_data.action == ProjectAction.UNFOLLOW:  # stopping needs only the round
        allowed = await get_round(session, round_id) is not None
    else:
        allowed = bool(await projects.round_projects(session, round_id)) and (
            await ballots.may_follow(session, round_id, user.telegram_id))
    if not allowed:
        await _stale(query, i18n)
        return
    if callback_data.action == ProjectAction.FOLLOW:
        await projects.follow(session, round_id, user.telegram_id, utcnow())
        await query.answer(i18n.get("pj-following"), show_alert=True)
    else:
        await projects.unfollow(session, round_id, user.telegram_id)
        await query.answer(i18n.get("pj-not-following"), show_alert=True)
    # This week's round-up gains (or loses) the round's updates made so far.
    await notifier.projects.sync_digests(
        session, round_id, utcnow(), only=user.telegram_id)


# --- a group's update ------------------------------------------------------------------------


async def _own_project(session: AsyncSession, user: User, project_id: object) -> Project | None:
    """The project, if this person is in its group (owner or co-owner) and may report now."""
    project = await session.get(Project, project_id) if isinstance(project_id, int) else None
    return project if await team.may_report(session, project, user.telegram_id) else None


@router.callback_query(_cb(ProjectAction.UPDATE))
async def start_update(query: CallbackQuery, callback_data: ProjectCb, state: FSMContext,
                       session: AsyncSession, user: User, i18n: I18nContext) -> None:
    project = await _own_project(session, user, callback_data.project)
    if project is None:
        await _stale(query, i18n)
        return
    await query.answer()
    await state.set_state(UpdateFlow.words)
    await state.set_data({"project": project.id})
    bid = await projects.project_bid(session, project)
    await query.message.answer(i18n.get("pj-ask-words", name=view.project_name(bid)))


@router.message(UpdateFlow.words, F.photo)
async def got_photo(message: Message, state: FSMContext, session: AsyncSession, user: User,
                    i18n: I18nContext) -> None:
    project = await _own_project(session, user, (await state.get_data()).get("project"))
    if project is None:
        await _gone(message, state, i18n)
        return
    await state.update_data(photo=message.photo[-1].file_id,
                            text=(message.caption or "")[:MAX_WORDS] or None)
    await state.set_state(UpdateFlow.permission)
    await message.answer(i18n.get("pj-ask-permission"),
                         reply_markup=view.permission_buttons(i18n, project))


@router.message(UpdateFlow.words, F.voice)
async def got_voice(message: Message, state: FSMContext, session: AsyncSession, user: User,
                    i18n: I18nContext) -> None:
    await _then_spent(message, state, session, user, i18n, voice=message.voice.file_id)


@router.message(UpdateFlow.words, F.text, IS_ANSWER)
async def got_words(message: Message, state: FSMContext, session: AsyncSession, user: User,
                    i18n: I18nContext) -> None:
    if len(message.text) > MAX_WORDS:
        await message.answer(i18n.get("pj-too-long"))
        return
    await _then_spent(message, state, session, user, i18n, text=message.text.strip())


@router.message(UpdateFlow.words, IS_ANSWER)
async def not_an_update(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("pj-need-words"))


@router.callback_query(_cb(ProjectAction.PERMISSION), UpdateFlow.permission)
async def has_permission(query: CallbackQuery, callback_data: ProjectCb, state: FSMContext,
                         session: AsyncSession, user: User, i18n: I18nContext) -> None:
    if not await _matches(query, callback_data, state, session, user, i18n):
        return
    await query.answer()
    await _then_spent(query.message, state, session, user, i18n)


@router.callback_query(_cb(ProjectAction.NO_PERMISSION), UpdateFlow.permission)
async def no_permission(query: CallbackQuery, callback_data: ProjectCb, state: FSMContext,
                        session: AsyncSession, user: User, i18n: I18nContext) -> None:
    if not await _matches(query, callback_data, state, session, user, i18n):
        return
    await query.answer()
    await state.update_data(photo=None, text=None)
    await state.set_state(UpdateFlow.words)
    await query.message.answer(i18n.get("pj-photo-dropped"))


async def _then_spent(message: Message, state: FSMContext, session: AsyncSession, user: User,
                      i18n: I18nContext, **answer: str) -> None:
    project = await _own_project(session, user, (await state.get_data()).get("project"))
    if project is None:
        await _gone(message, state, i18n)
        return
    await state.update_data(**answer)
    await state.set_state(UpdateFlow.spent)
    await message.answer(i18n.get("pj-ask-spent", award=format_pounds(project.award_pence)),
                         reply_markup=view.one_button(i18n, "pj-skip-button",
                                                      ProjectAction.SKIP_SPENT, project))


@router.message(UpdateFlow.spent, F.text, IS_ANSWER)
async def got_spent(message: Message, state: FSMContext, session: AsyncSession, user: User,
                    i18n: I18nContext) -> None:
    pence = parse_amount(message.text[:40])
    if pence is None:
        await message.answer(i18n.get("pj-bad-amount"))
        return
    await _then_status(message, state, session, user, i18n, pence)


@router.message(UpdateFlow.spent, IS_ANSWER)
async def spent_not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("pj-bad-amount"))


@router.callback_query(_cb(ProjectAction.SKIP_SPENT), UpdateFlow.spent)
async def skip_spent(query: CallbackQuery, callback_data: ProjectCb, state: FSMContext,
                     session: AsyncSession, user: User, i18n: I18nContext) -> None:
    if not await _matches(query, callback_data, state, session, user, i18n):
        return
    await query.answer()
    await _then_status(query.message, state, session, user, i18n, None)


async def _then_status(message: Message, state: FSMContext, session: AsyncSession, user: User,
                       i18n: I18nContext, pence: int | None) -> None:
    project = await _own_project(session, user, (await state.get_data()).get("project"))
    if project is None:
        await _gone(message, state, i18n)
        return
    await state.update_data(spent=pence)
    await state.set_state(UpdateFlow.status)
    await message.answer(i18n.get("pj-ask-status"),
                         reply_markup=view.status_buttons(i18n, project))


@router.callback_query(_cb(ProjectAction.STATUS), UpdateFlow.status)
async def save(query: CallbackQuery, callback_data: ProjectCb, state: FSMContext,
               session: AsyncSession, user: User, settings: Settings, notifier: Notifier,
               i18n: I18nContext) -> None:
    if not await _matches(query, callback_data, state, session, user, i18n):
        return
    if not 0 <= callback_data.value < len(view.STATUSES):
        await _stale(query, i18n)
        return
    project = await session.get(Project, callback_data.project)
    data, now = await state.get_data(), utcnow()
    await projects.add_update(session, project, user.telegram_id, NewUpdate(
        text=data.get("text"), photo_file_id=data.get("photo"), voice_file_id=data.get("voice"),
        spent_pence=data.get("spent"), status=view.STATUSES[callback_data.value]), now)
    notices = notifier.projects
    await notices.after_update(session, project, now)
    await notices.sync_digests(session, project.round_id, now)
    await state.clear()
    await query.answer()
    await query.message.answer(i18n.get("pj-saved"))


async def _matches(query: CallbackQuery, callback_data: ProjectCb, state: FSMContext,
                   session: AsyncSession, user: User, i18n: I18nContext) -> bool:
    """The button is for the update under way, and the person may still report on it."""
    wanted = (await state.get_data()).get("project")
    if wanted != callback_data.project or await _own_project(session, user, wanted) is None:
        await _stale(query, i18n)
        return False
    return True


async def _gone(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.clear()
    await message.answer(i18n.get("pj-gone"))


# Last in the residents' router: a step's button from an update already sent or abandoned
# (its state is gone). Organisers' buttons go on to `admin_router`.
@router.callback_query(ProjectCb.filter(~F.action.in_(ORGANISER_ACTIONS)))
async def stale_step(query: CallbackQuery, i18n: I18nContext) -> None:
    await _stale(query, i18n)


# --- organisers --------------------------------------------------------------------------------


@admin_router.callback_query(_cb(ProjectAction.HIDE))
async def hide(query: CallbackQuery, callback_data: ProjectCb, session: AsyncSession,
               user: User, settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    update = await projects.get_update(session, callback_data.value)
    if update is None or update.hidden or update.project_id != callback_data.project:
        await _stale(query, i18n)
        return
    await projects.hide_update(session, update.id)
    project = await session.get(Project, update.project_id)
    await notifier.projects.sync_digests(
        session, project.round_id, update.created_at)
    await query.answer(i18n.get("pj-hidden"), show_alert=True)
    await _send_project(query.message, session, user, settings, i18n, project)


@admin_router.callback_query(_cb(ProjectAction.NOTE))
async def start_note(query: CallbackQuery, callback_data: ProjectCb, state: FSMContext,
                     session: AsyncSession, i18n: I18nContext) -> None:
    if await session.get(Project, callback_data.project) is None:
        await _stale(query, i18n)
        return
    await query.answer()
    await state.set_state(NoteFlow.words)
    await state.set_data({"project": callback_data.project})
    await query.message.answer(i18n.get("pj-ask-note"))


@admin_router.message(NoteFlow.words, F.text, IS_ANSWER)
async def got_note(message: Message, state: FSMContext, session: AsyncSession, user: User,
                   settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    if len(message.text) > MAX_WORDS:
        await message.answer(i18n.get("pj-too-long"))
        return
    project_id = (await state.get_data()).get("project")
    project = await session.get(Project, project_id) if isinstance(project_id, int) else None
    await state.clear()
    if project is None:
        await message.answer(i18n.get("pj-gone"))
        return
    now = utcnow()
    await projects.add_update(session, project, user.telegram_id,
                              NewUpdate(text=message.text.strip()), now, by_organiser=True)
    await notifier.projects.sync_digests(
        session, project.round_id, now)
    await message.answer(i18n.get("pj-note-saved"))



@admin_router.callback_query(_cb(ProjectAction.PAY))
@admin_router.callback_query(_cb(ProjectAction.RETURN))
async def start_payment(query: CallbackQuery, callback_data: ProjectCb, state: FSMContext,
                        session: AsyncSession, i18n: I18nContext) -> None:
    project = await session.get(Project, callback_data.project)
    if project is None:
        await _stale(query, i18n)
        return
    kind = PaymentKind.PAID if callback_data.action == ProjectAction.PAY else PaymentKind.RETURNED
    await query.answer()
    await state.set_state(PaymentFlow.amount)
    await state.set_data({"project": project.id, "kind": kind.value})
    bid = await projects.project_bid(session, project)
    await query.message.answer(i18n.get(f"pj-ask-{kind.value}", name=view.project_name(bid)))


@admin_router.message(PaymentFlow.amount, F.text, IS_ANSWER)
async def got_payment(message: Message, state: FSMContext, session: AsyncSession, user: User,
                      i18n: I18nContext) -> None:
    pence = parse_amount(message.text[:40])
    if pence is None:
        await message.answer(i18n.get("pj-bad-amount"))
        return
    data = await state.get_data()
    project_id = data.get("project")
    project = await session.get(Project, project_id) if isinstance(project_id, int) else None
    if project is None or data.get("kind") not in set(PaymentKind):
        await state.clear()
        await message.answer(i18n.get("pj-gone"))
        return
    kind = PaymentKind(data["kind"])
    problem = await projects.record_payment(session, project, kind, pence, user.telegram_id,
                                            utcnow())
    if problem is not None:
        await message.answer(i18n.get(problem))
        return
    await state.clear()
    await message.answer(i18n.get(f"pj-{kind.value}-saved", amount=format_pounds(pence)))
