"""/voting for organisers: open voting, watch turnout (ballots only, chat and paper), type in
paper ballots (handlers/paper_ballots.py), publish the results and download the .pb files."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.notifier import Notifier
from bot.settings import Settings
from bot.ui import results_view as view
from bot.ui.callbacks.organiser import ConfirmCb, Say, Step
from bot.ui.callbacks.results import ResultsAdminAction, ResultsAdminCb
from bot.ui.callbacks.vote import VotingAdminAction, VotingAdminCb
from bot.ui.confirm_keyboards import yes_no
from handlers.results import send_results
from models.amounts import format_pounds
from models.audience import Audience, Choice
from models.audit import Event, record
from models.ballot import Ballots, turnout, votable_bids
from models.ballot.notices import started_count
from models.base import utcnow
from models.paper_ballot import paper_sheet_count
from models.round import PAPER_OPEN, Round, RoundStatus, get_round
from models.round_steps import ballots_in, publishing, reopen_voting
from models.update_schedule import round_ask_days
from models.voting import (
    clean_after_seal,
    close_voting,
    count_round,
    export_pb,
    open_voting,
    publish_results,
    rounds_for_voting_admin,
)

router = Router(name=__name__)


@router.message(Command("voting"))
async def voting(message: Message, session: AsyncSession, i18n: I18nContext) -> None:
    rounds = await rounds_for_voting_admin(session)
    if not rounds:
        await message.answer(i18n.get("va-no-round"))
    for round_ in rounds:
        await _show(message, session, round_, i18n)


# Open, close and publish ask first (a preview and Yes / No); the Yes acts only if the round
# is still as the preview showed it (bot/ui/callbacks/organiser.py).
_ASKS = {VotingAdminAction.OPEN: Step.OPEN_VOTING, VotingAdminAction.CLOSE: Step.CLOSE_VOTING,
         VotingAdminAction.PUBLISH: Step.PUBLISH}
_FROM = {Step.OPEN_VOTING: (RoundStatus.CLOSED,), Step.CLOSE_VOTING: (RoundStatus.VOTING,),
         Step.REOPEN_VOTING: (RoundStatus.COUNTING,), Step.PUBLISH: PAPER_OPEN}
_VOTING_STEPS = set(_FROM)


async def _reopen(session: AsyncSession, round_: Round) -> bool:
    return await reopen_voting(session, round_, utcnow())


# The steps that move the round on: the change, its audit event, what the organiser is told.
_SHIFTS = {Step.OPEN_VOTING: (open_voting, Event.VOTING_OPENED, "va-opened"),
           Step.CLOSE_VOTING: (close_voting, Event.VOTING_CLOSED, "va-closed"),
           Step.REOPEN_VOTING: (_reopen, Event.VOTING_REOPENED, "cf-reopened")}


@router.callback_query(VotingAdminCb.filter(F.action.in_(_ASKS)))
async def ask(query: CallbackQuery, callback_data: VotingAdminCb, session: AsyncSession,
              i18n: I18nContext) -> None:
    await _preview(query, session, i18n, _ASKS[callback_data.action], callback_data.round)


@router.callback_query(ConfirmCb.filter(F.step.in_(_VOTING_STEPS) & (F.say == Say.ASK)))
async def ask_again(query: CallbackQuery, callback_data: ConfirmCb, session: AsyncSession,
                    i18n: I18nContext) -> None:
    await _preview(query, session, i18n, callback_data.step, callback_data.round)


@router.callback_query(ConfirmCb.filter(F.step.in_(_VOTING_STEPS) & (F.say == Say.YES)))
async def confirmed(query: CallbackQuery, callback_data: ConfirmCb, session: AsyncSession,
                    settings: Settings, ballots: Ballots, notifier: Notifier,
                    i18n: I18nContext, after_commit: list[Callable[[], Awaitable[None]]]) -> None:
    round_ = await get_round(session, callback_data.round)
    shown = None if round_ is None else await _facts(session, round_, callback_data.step,
                                                     i18n.locale)
    if (shown is None or round_.status != callback_data.status
            or shown[1] != callback_data.seen):
        await query.answer(i18n.get("cf-stale"), show_alert=True)
        return
    who = query.from_user
    if callback_data.step in (Step.PUBLISH, Step.CLOSE_VOTING):  # both seal the ballot box
        after_commit.append(partial(clean_after_seal, session.bind))
    if callback_data.step == Step.PUBLISH:
        if await publish(query, round_, session, settings, ballots, notifier, i18n):
            await record(session, who.id, Event.RESULTS_PUBLISHED, actor_name=who.first_name,
                         round_id=round_.id, funded=shown[0]["funded"], ballots=shown[1])
        return
    change, event, done = _SHIFTS[callback_data.step]
    if not await change(session, round_):
        await query.answer(i18n.get("cf-stale"), show_alert=True)
        return
    await record(session, who.id, event, actor_name=who.first_name, round_id=round_.id)
    if callback_data.step == Step.OPEN_VOTING:  # everyone who took part is told, once
        await notifier.votes.voting_open(session, round_)
    await query.answer(i18n.get(done))
    await _show(query.message, session, round_, i18n)


async def _facts(session: AsyncSession, round_: Round, step: Step,
                 locale: str | None) -> tuple[dict, int] | None:
    """What the preview of `step` shows (Fluent variables) and the number Yes must match;
    None if the round is not where the step starts."""
    if round_.status not in _FROM[step]:
        return None
    name = {"round": escape(round_.name(locale))}
    if step == Step.OPEN_VOTING:
        bids = len(await votable_bids(session, round_.id))
        return name | {"bids": bids}, bids
    if step == Step.PUBLISH:
        facts = await publishing(session, round_)
        return name | {"funded": facts.funded, "granted": format_pounds(facts.granted_pence),
                       "pot": format_pounds(facts.pot_pence), "ballots": facts.ballots,
                       "told": facts.told}, facts.seen
    # Closing and re-opening: ballots keep coming meanwhile, and that changes nothing.
    return name | {"ballots": await ballots_in(session, round_)}, 0


async def _preview(query: CallbackQuery, session: AsyncSession, i18n: I18nContext, step: Step,
                   round_id: int) -> None:
    round_ = await get_round(session, round_id)
    shown = None if round_ is None else await _facts(session, round_, step, i18n.locale)
    if shown is None:
        await query.answer(i18n.get("va-moved-on"), show_alert=True)
        return
    await query.answer()
    asked = ConfirmCb(step=step, round=round_.id, status=round_.status, seen=shown[1])
    await query.message.answer(i18n.get(f"cf-ask-{step}", **shown[0]),
                               reply_markup=yes_no(i18n, asked))


@router.callback_query(VotingAdminCb.filter(F.action == VotingAdminAction.TURNOUT))
async def show_turnout(query: CallbackQuery, callback_data: VotingAdminCb,
                       session: AsyncSession, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status not in PAPER_OPEN:
        await query.answer(i18n.get("vote-closed"), show_alert=True)
        return
    await query.answer()
    await _show(query.message, session, round_, i18n)


async def publish(query: CallbackQuery, round_: Round, session: AsyncSession,
                  settings: Settings, ballots: Ballots, notifier: Notifier,
                  i18n: I18nContext) -> bool:
    voters = {member.telegram_id for member in await ballots.members(
        session, Choice(Audience.VOTERS, round_.id))}
    counts = await publish_results(session, round_)
    if counts is None:
        await query.answer(i18n.get("cf-stale"), show_alert=True)
        return False
    await notifier.votes.results(session, round_, voters)
    # Each funded bid becomes a project its group reports on (handlers/projects.py).
    # On the round's own schedule if it has one (handlers/project_schedule.py).
    await notifier.projects.start_projects(
        session, round_, round_ask_days(round_.update_days, settings.project_ask_days), utcnow())
    await query.answer()
    await send_results(query.message, session, round_, i18n, organiser=True, counts=counts)
    return True


@router.callback_query(ResultsAdminCb.filter(F.action == ResultsAdminAction.PB))
async def pabulib_files(query: CallbackQuery, callback_data: ResultsAdminCb,
                        session: AsyncSession, i18n: I18nContext) -> None:
    """Each area's .pb file: anonymous ballots (chat and paper) anyone can recount."""
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status != RoundStatus.RESULTS:
        await query.answer(i18n.get("results-gone"), show_alert=True)
        return
    await query.answer()
    counts = await count_round(session, round_)
    for count, (name, text) in zip(counts, export_pb(counts).items(), strict=True):
        await query.message.answer_document(
            BufferedInputFile(text.encode(), filename=name),
            caption=i18n.get("results-pb-caption", area=escape(count.area.name(i18n.locale))))


async def _show(message: Message, session: AsyncSession, round_: Round,
                i18n: I18nContext) -> None:
    status = i18n.get(f"va-status-{round_.status}")
    chat, paper = await turnout(session, round_.id), await paper_sheet_count(session, round_.id)
    text = i18n.get("va-round", round=escape(round_.name(i18n.locale)), status=status,
                    ballots=chat + paper)
    text += "\n" + i18n.get("paper-turnout", chat=chat, paper=paper)
    text += "\n" + i18n.get("va-finish-rate", started=await started_count(session, round_.id),
                            confirmed=chat)
    markup = view.voting_panel(i18n, round_)
    if round_.status == RoundStatus.COUNTING:
        markup.inline_keyboard.append([InlineKeyboardButton(
            text=i18n.get("cf-reopen-button"), callback_data=ConfirmCb(
                step=Step.REOPEN_VOTING, round=round_.id).pack())])
    await message.answer(text, reply_markup=markup)

