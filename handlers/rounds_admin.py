"""/newround: an organiser sets up a PB round in chat; /rounds: open and close them for bids.

The answers build the same `RoundSpec` as `python -m bot rounds import FILE`, and both are
checked by `models.round.spec_problems` before anything is saved. Each step checks its own
answer and asks again in plain words, so a finished conversation is almost always valid.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

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
from bot.ui import bid_keyboards as kb
from bot.ui.bid_texts import esc, question_keys, question_names, when
from bot.ui.callbacks.bids import RoundAction, RoundCb
from bot.ui.callbacks.organiser import ConfirmCb, Say, Step
from bot.ui.callbacks.vote import RoundSetting, RoundSettingCb
from bot.ui.confirm_keyboards import yes_no
from bot.ui.vote_keyboards import round_settings
from handlers.project_schedule import schedule_buttons, schedule_line
from models import bid as bids
from models.amounts import format_pounds, parse_amount
from models.audit import Event, record
from models.base import utcnow
from models.bid_questions import DEFAULT_QUESTIONS, question_problems
from models.round import (
    AREA_NAME_LIMIT,
    NAME_LIMIT,
    AllocationRule,
    AreaSpec,
    BallotKind,
    Eligibility,
    Policy,
    Round,
    RoundSpec,
    RoundStatus,
    all_rounds,
    area_problems,
    can_move,
    create_round,
    get_round,
    move_round,
    parse_areas,
    parse_priorities,
    parse_question_keys,
    spec_problems,
)
from models.round_steps import closing_bids
from models.update_schedule import shown
from models.when import parse_local

router = Router(name=__name__)
# Rules that fund down the ranking need to know what to do with a bid that doesn't fit.
RULES_WITH_POLICY = {AllocationRule.GREEDY, AllocationRule.MES_ADD1_GREEDY}
MAX_BALLOT_NUMBER = 100


class NewRound(StatesGroup):
    name_en = State()
    name_cy = State()
    areas = State()
    max_bid = State()
    priorities = State()
    questions = State()
    deadline = State()
    voting_opens = State()
    voting_closes = State()
    ballot = State()
    ballot_number = State()
    rule = State()
    policy = State()
    preview = State()


@router.message(Command("rounds"))
async def rounds_command(message: Message, session: AsyncSession, settings: Settings,
                         i18n: I18nContext) -> None:
    await _list(message, session, settings, i18n)


@router.callback_query(RoundCb.filter(F.action == RoundAction.MOVE))
async def move(query: CallbackQuery, callback_data: RoundCb, session: AsyncSession,
               settings: Settings, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    target = member(RoundStatus, callback_data.value)
    if round_ is None or target is None or not _movable(round_, target):
        await query.answer(i18n.get("rn-move-stale"), show_alert=True)
        return
    if target == RoundStatus.CLOSED:  # groups can no longer send bids: ask first
        facts = await closing_bids(session, round_)
        await query.answer()
        await query.message.answer(
            i18n.get("cf-ask-cb", round=esc(round_.name(i18n.locale)), sent=facts.sent,
                     waiting=facts.waiting, drafts=facts.drafts),
            reply_markup=yes_no(i18n, ConfirmCb(step=Step.CLOSE_BIDS, round=round_.id,
                                                status=round_.status, seen=facts.seen)))
        return
    await _moved(query, session, settings, i18n, round_, target)


@router.callback_query(ConfirmCb.filter((F.step == Step.CLOSE_BIDS) & (F.say == Say.YES)))
async def close_bids(query: CallbackQuery, callback_data: ConfirmCb, session: AsyncSession,
                     settings: Settings, notifier: Notifier, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if (round_ is None or round_.status != callback_data.status
            or not _movable(round_, RoundStatus.CLOSED)
            or (await closing_bids(session, round_)).seen != callback_data.seen):
        await query.answer(i18n.get("cf-stale"), show_alert=True)
        return
    await record(session, query.from_user.id, Event.BIDS_CLOSED, round_id=round_.id,
                 actor_name=query.from_user.first_name, bids=callback_data.seen)
    await _moved(query, session, settings, i18n, round_, RoundStatus.CLOSED)
    await notifier.bids.refresh_digests(session)  # its bids stop waiting


async def _moved(query: CallbackQuery, session: AsyncSession, settings: Settings,
                 i18n: I18nContext, round_: Round, target: RoundStatus) -> None:
    await move_round(session, round_, target)
    await query.answer()
    await query.message.answer(i18n.get("rn-moved", name=esc(round_.name(i18n.locale)),
                                         status=i18n.get(f"rn-status-{round_.status}")))
    await _list(query.message, session, settings, i18n)


@router.message(Command("newround"))
async def new_round(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(NewRound.name_en)
    await state.set_data({})
    await message.answer(i18n.get("rn-ask-name-en"))


@router.message(NewRound.name_en, IS_ANSWER)
async def name_en(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    if await _take_name(message, state, i18n, "name_en"):
        await _next(message, state, NewRound.name_cy, i18n.get("rn-ask-name-cy"))


@router.message(NewRound.name_cy, IS_ANSWER)
async def name_cy(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    if await _take_name(message, state, i18n, "name_cy"):
        await _next(message, state, NewRound.areas, i18n.get("rn-ask-areas"))


@router.message(NewRound.areas, IS_ANSWER)
async def areas(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    found, bad_line = parse_areas(message.text or "")
    if bad_line is not None:
        await message.answer(i18n.get("rn-bad-areas", line=bad_line))
        return
    if area_problems(tuple(found)):
        await message.answer(i18n.get("rn-bad-area-list", limit=AREA_NAME_LIMIT))
        return
    await state.update_data(areas=[vars(area) for area in found])
    await _next(message, state, NewRound.max_bid, i18n.get("rn-ask-max"))


@router.message(NewRound.max_bid, IS_ANSWER)
async def max_bid(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    pence = parse_amount(message.text or "")
    largest = max(area["pot_pence"] for area in (await state.get_data())["areas"])
    if not pence or pence > largest:
        key = "rn-bad-amount" if not pence else "rn-max-too-big"
        await message.answer(i18n.get(key, pot=format_pounds(largest)))
        return
    await state.update_data(max_bid=pence)
    await _next(message, state, NewRound.priorities, i18n.get("rn-ask-priorities"),
                kb.one(i18n, "rn-skip", RoundAction.SKIP))


@router.message(NewRound.priorities, IS_ANSWER)
async def priorities(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    found, bad_line = parse_priorities(message.text or "")
    if bad_line is not None:
        await message.answer(i18n.get("rn-bad-priority", line=bad_line))
        return
    await state.update_data(priorities=found)
    await _ask_questions(message, state, i18n)


@router.callback_query(NewRound.priorities, RoundCb.filter(F.action == RoundAction.SKIP))
async def no_priorities(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await query.answer()
    await state.update_data(priorities=[])
    await _ask_questions(query.message, state, i18n)


@router.message(NewRound.questions, IS_ANSWER)
async def questions(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    keys = question_keys(i18n, parse_question_keys(message.text or ""))
    if question_problems(keys, len((await state.get_data())["areas"])):
        await message.answer(i18n.get("rn-bad-questions",
                                      standard=question_names(i18n, DEFAULT_QUESTIONS)))
        return
    await state.update_data(questions=keys)
    await _next(message, state, NewRound.deadline, i18n.get("rn-ask-deadline"))


@router.callback_query(NewRound.questions, RoundCb.filter(F.action == RoundAction.QUESTIONS))
async def standard_questions(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await query.answer()
    await state.update_data(questions=list(DEFAULT_QUESTIONS))
    await _next(query.message, state, NewRound.deadline, i18n.get("rn-ask-deadline"))


@router.message(NewRound.deadline, IS_ANSWER)
async def deadline(message: Message, state: FSMContext, settings: Settings,
                   i18n: I18nContext) -> None:
    moment = await _take_time(message, settings, i18n, after=utcnow())
    if moment is not None:
        await state.update_data(deadline=moment.isoformat())
        await _next(message, state, NewRound.voting_opens, i18n.get("rn-ask-voting-opens"),
                    kb.one(i18n, "rn-skip", RoundAction.SKIP))


@router.message(NewRound.voting_opens, IS_ANSWER)
async def voting_opens(message: Message, state: FSMContext, settings: Settings,
                       i18n: I18nContext) -> None:
    bids_close = datetime.fromisoformat((await state.get_data())["deadline"])
    moment = await _take_time(message, settings, i18n, after=bids_close,
                              too_early="rn-voting-before-deadline")
    if moment is not None:
        await state.update_data(voting_opens=moment.isoformat())
        await _next(message, state, NewRound.voting_closes, i18n.get("rn-ask-voting-closes"))


@router.callback_query(NewRound.voting_opens, RoundCb.filter(F.action == RoundAction.SKIP))
async def voting_later(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await query.answer()
    await state.update_data(voting_opens=None, voting_closes=None)
    await _next(query.message, state, NewRound.ballot, i18n.get("rn-ask-ballot"),
                kb.ballot_kinds(i18n))


@router.message(NewRound.voting_closes, IS_ANSWER)
async def voting_closes(message: Message, state: FSMContext, settings: Settings,
                        i18n: I18nContext) -> None:
    opens = datetime.fromisoformat((await state.get_data())["voting_opens"])
    moment = await _take_time(message, settings, i18n, after=opens,
                              too_early="rn-closes-before-opens")
    if moment is not None:
        await state.update_data(voting_closes=moment.isoformat())
        await _next(message, state, NewRound.ballot, i18n.get("rn-ask-ballot"),
                    kb.ballot_kinds(i18n))


@router.callback_query(NewRound.ballot, RoundCb.filter(F.action == RoundAction.BALLOT))
async def ballot(query: CallbackQuery, callback_data: RoundCb, state: FSMContext,
                 i18n: I18nContext) -> None:
    if member(BallotKind, callback_data.value) is None:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    kind = BallotKind(callback_data.value)
    await state.update_data(ballot_kind=kind.value, ballot_n=None, ballot_tokens=None)
    if kind in (BallotKind.TOP_N, BallotKind.TOKENS):
        key = "rn-ask-n" if kind == BallotKind.TOP_N else "rn-ask-tokens"
        await _next(query.message, state, NewRound.ballot_number, i18n.get(key))
    else:
        await _ask_rule(query.message, state, i18n)


@router.message(NewRound.ballot_number, IS_ANSWER)
async def ballot_number(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    text = (message.text or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_BALLOT_NUMBER:
        await message.answer(i18n.get("rn-bad-number", most=MAX_BALLOT_NUMBER))
        return
    top_n = (await state.get_data())["ballot_kind"] == BallotKind.TOP_N
    await state.update_data({"ballot_n" if top_n else "ballot_tokens": int(text)})
    await _ask_rule(message, state, i18n)


@router.callback_query(NewRound.rule, RoundCb.filter(F.action == RoundAction.RULE))
async def rule(query: CallbackQuery, callback_data: RoundCb, state: FSMContext,
               settings: Settings, i18n: I18nContext) -> None:
    if member(AllocationRule, callback_data.value) is None:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    await state.update_data(rule=callback_data.value, policy=Policy.SKIP.value)
    if AllocationRule(callback_data.value) in RULES_WITH_POLICY:
        await _next(query.message, state, NewRound.policy, i18n.get("rn-ask-policy"),
                    kb.policies(i18n))
    else:
        await _preview(query.message, state, settings, i18n)


@router.callback_query(NewRound.policy, RoundCb.filter(F.action == RoundAction.POLICY))
async def policy(query: CallbackQuery, callback_data: RoundCb, state: FSMContext,
                 settings: Settings, i18n: I18nContext) -> None:
    if member(Policy, callback_data.value) is None:
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    await query.answer()
    await state.update_data(policy=callback_data.value)
    await _preview(query.message, state, settings, i18n)


@router.callback_query(NewRound.preview, RoundCb.filter(F.action == RoundAction.CREATE))
async def create(query: CallbackQuery, callback_data: RoundCb, state: FSMContext,
                 session: AsyncSession, settings: Settings, i18n: I18nContext) -> None:
    if callback_data.value not in (RoundStatus.DRAFT, RoundStatus.OPEN):
        await query.answer(i18n.get("button-stale"), show_alert=True)
        return
    spec = spec_from_answers(await state.get_data(), RoundStatus(callback_data.value))
    if problems := spec_problems(spec, utcnow()):
        await query.answer()
        await query.message.answer(i18n.get("rn-invalid", problems="; ".join(problems)))
        return
    round_ = await create_round(session, spec)
    await state.clear()
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    await query.message.answer(i18n.get("rn-created", id=round_.id,
                                        name=esc(round_.name(i18n.locale)),
                                        status=i18n.get(f"rn-status-{round_.status}")))


@router.callback_query(NewRound.preview, RoundCb.filter(F.action == RoundAction.DISCARD))
async def discard(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await state.clear()
    await query.answer()
    await query.message.edit_text(i18n.get("rn-discarded"))


@router.callback_query(NewRound.preview, RoundSettingCb.filter())
async def change_setting(query: CallbackQuery, callback_data: RoundSettingCb, state: FSMContext,
                         settings: Settings, i18n: I18nContext) -> None:
    await query.answer()
    await state.update_data(toggled(await state.get_data(), callback_data.setting))
    spec = spec_from_answers(await state.get_data(), RoundStatus.DRAFT)
    await query.message.edit_text(preview_text(i18n, spec, settings),
                                  reply_markup=_preview_markup(i18n, spec))


@router.callback_query(RoundSettingCb.filter())
@router.callback_query(RoundCb.filter())
async def stale(query: CallbackQuery, i18n: I18nContext) -> None:
    await query.answer(i18n.get("button-stale"), show_alert=True)


# ---------------------------------------------------------------------------------------------


def member(options: type[StrEnum], value: str) -> StrEnum | None:
    """The option a button names, or None for a value no button of ours carries."""
    return next((option for option in options if option.value == value), None)


def spec_from_answers(data: dict, status: RoundStatus) -> RoundSpec:
    """The conversation's answers (JSON in the conversation state) as a round to create."""
    def moment(key: str) -> datetime | None:
        return datetime.fromisoformat(data[key]) if data.get(key) else None

    return RoundSpec(
        name_en=data["name_en"], name_cy=data["name_cy"],
        areas=tuple(AreaSpec(**area) for area in data["areas"]),
        max_bid_pence=data["max_bid"], bid_deadline=moment("deadline"),
        priorities=tuple((en, cy) for en, cy in data.get("priorities", [])),
        questions=tuple(data["questions"]),
        voting_opens=moment("voting_opens"), voting_closes=moment("voting_closes"),
        ballot_kind=BallotKind(data["ballot_kind"]), ballot_n=data.get("ballot_n"),
        ballot_tokens=data.get("ballot_tokens"), allocation_rule=AllocationRule(data["rule"]),
        allocation_policy=Policy(data.get("policy", Policy.SKIP)), status=status,
        eligibility=Eligibility(data.get("eligibility", Eligibility.ANYONE)),
        score_all=data.get("score_all", True), changes_allowed=data.get("changes_allowed", True),
        age_band_required=data.get("age_band_required", False),
    )


def toggled(data: dict, setting: RoundSetting) -> dict:
    """The answer a tap on a preview setting changes: the next rule, or yes <-> no."""
    if setting == RoundSetting.WHO:
        rules = list(Eligibility)
        current = Eligibility(data.get("eligibility", Eligibility.ANYONE))
        return {"eligibility": rules[(rules.index(current) + 1) % len(rules)].value}
    field, default = {RoundSetting.SCORE_ALL: ("score_all", True),
                      RoundSetting.CHANGES: ("changes_allowed", True),
                      RoundSetting.AGE: ("age_band_required", False)}[setting]
    return {field: not data.get(field, default)}


def _preview_markup(i18n: I18nContext, spec: RoundSpec) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=label, callback_data=data) for label, data in row]
            for row in round_settings(i18n, spec)]
    return InlineKeyboardMarkup(inline_keyboard=rows + kb.round_preview(i18n).inline_keyboard)


def _movable(round_: Round, target: RoundStatus) -> bool:
    # Opening a round whose deadline has passed would open it for nobody.
    if target == RoundStatus.OPEN and round_.bid_deadline <= utcnow():
        return False
    return can_move(round_.status, target)


async def _list(message: Message, session: AsyncSession, settings: Settings,
                i18n: I18nContext) -> None:
    rounds = await all_rounds(session)
    if not rounds:
        await message.answer(i18n.get("rn-none"))
        return
    lines = [i18n.get("rn-list-title")]
    for round_ in rounds:
        counts = bids.overview(round_, await bids.round_bids(session, round_.id)).by_status
        lines.append(i18n.get(
            "rn-list-line", id=round_.id, name=esc(round_.name(i18n.locale)),
            status=i18n.get(f"rn-status-{round_.status}"),
            deadline=when(round_.bid_deadline, settings.tz, i18n),
            bids=sum(counts.values())))
        lines.append(schedule_line(i18n, round_, settings))
    markup = kb.rounds_admin(i18n, rounds)
    markup.inline_keyboard += schedule_buttons(i18n, rounds)
    await message.answer("\n".join(lines), reply_markup=markup)


async def _next(message: Message, state: FSMContext, step: State, text: str,
                markup=None) -> None:
    await state.set_state(step)
    await message.answer(text, reply_markup=markup)


async def _take_name(message: Message, state: FSMContext, i18n: I18nContext, field: str) -> bool:
    name = (message.text or "").strip()
    if not name or len(name) > NAME_LIMIT:
        await message.answer(i18n.get("rn-bad-name", limit=NAME_LIMIT))
        return False
    await state.update_data({field: name})
    return True


async def _take_time(message: Message, settings: Settings, i18n: I18nContext, *,
                     after: datetime, too_early: str = "bc-past-time") -> datetime | None:
    moment = parse_local(message.text or "", settings.tz, utcnow())
    if moment is None:
        await message.answer(i18n.get("bc-bad-time"))
        return None
    if moment <= after:
        await message.answer(i18n.get(too_early, after=when(after, settings.tz, i18n)))
        return None
    return moment


async def _ask_questions(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await _next(message, state, NewRound.questions,
                i18n.get("rn-ask-questions", standard=question_names(i18n, DEFAULT_QUESTIONS)),
                kb.one(i18n, "rn-use-standard", RoundAction.QUESTIONS))


async def _ask_rule(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await _next(message, state, NewRound.rule, i18n.get("rn-ask-rule"), kb.allocation_rules(i18n))


async def _preview(message: Message, state: FSMContext, settings: Settings,
                   i18n: I18nContext) -> None:
    spec = spec_from_answers(await state.get_data(), RoundStatus.DRAFT)
    await state.set_state(NewRound.preview)
    await message.answer(preview_text(i18n, spec, settings),
                         reply_markup=_preview_markup(i18n, spec))


def preview_text(i18n: I18nContext, spec: RoundSpec, settings: Settings) -> str:
    areas = ", ".join(f"{a.code} {esc(a.name_en)}"
                      + (f" / {esc(a.name_cy)}" if a.name_cy and a.name_cy != a.name_en else "")
                      + f" {format_pounds(a.pot_pence)}" for a in spec.areas)
    voting = (f"{when(spec.voting_opens, settings.tz, i18n)} – "
              f"{when(spec.voting_closes, settings.tz, i18n)}" if spec.voting_opens
              else i18n.get("rn-voting-later"))
    ballot = i18n.get(f"rn-ballot-{spec.ballot_kind}")
    if spec.ballot_n or spec.ballot_tokens:
        ballot += f" ({spec.ballot_n or spec.ballot_tokens})"
    rule_name = i18n.get(f"rn-rule-{spec.allocation_rule}")
    if spec.allocation_rule in RULES_WITH_POLICY:
        rule_name += f" · {i18n.get(f'rn-policy-{spec.allocation_policy}')}"
    # When funded groups will be asked for updates: changed from /rounds once the round exists.
    schedule = i18n.get("sc-line", days=shown(spec.update_days or settings.project_ask_days))
    text = access_summary(i18n, spec, i18n.get(
        "rn-preview", name=esc(spec.name_en), name_cy=esc(spec.name_cy or spec.name_en),
        areas=areas,
        max=format_pounds(spec.max_bid_pence),
        pot=format_pounds(sum(a.pot_pence for a in spec.areas)),
        priorities="\n".join(f"• {esc(en)} / {esc(cy)}" for en, cy in spec.priorities)
        or i18n.get("rn-none-given"),
        questions=question_names(i18n, spec.questions),
        deadline=when(spec.bid_deadline, settings.tz, i18n), voting=voting, ballot=ballot,
        rule=rule_name,
    ))
    return f"{text}\n{schedule}"


def access_summary(i18n: I18nContext, round_: RoundSpec | Round, text: str = "") -> str:
    """Who may vote and the ballot's rules, in plain words (after `text`, if any)."""
    yes_no = {True: i18n.get("vx-yes"), False: i18n.get("vx-no")}
    summary = i18n.get(
        "vx-summary", who=i18n.get(f"vx-who-{round_.eligibility}"),
        changes=yes_no[bool(round_.changes_allowed)], age=yes_no[bool(round_.age_band_required)])
    if round_.ballot_kind == BallotKind.SCORE:
        summary += "\n" + i18n.get("vx-summary-score-all", value=yes_no[bool(round_.score_all)])
    return f"{text}\n{summary}" if text else summary
