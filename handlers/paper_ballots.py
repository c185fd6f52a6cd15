"""Paper ballots, for organisers: type in paper sheets (one message per sheet), hand-count
totals, or send a CSV file. Opened from the /voting panel while voting is open; everything in a
message or file is checked first, and one bad line saves nothing (models/paper_ballot.py)."""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import IS_ANSWER
from bot.ui import upload_files
from bot.ui.callbacks.results import PaperAction, PaperCb
from bot.ui.results_view import paper_keyboard
from models import paper_ballot as paper
from models.ballot import votable_bids
from models.round import PAPER_OPEN, AllocationRule, BallotKind, Round, get_round
from models.uploads import UploadError
from models.voting import project_id

router = Router(name=__name__)
SHOWN_PROBLEMS = 15
EXAMPLE_MARKS = {BallotKind.SCORE: (4, 5, 2), BallotKind.TOKENS: (3, 2, 1)}
EXAMPLE_TOTALS = {BallotKind.SCORE: (410, 388, 295), BallotKind.TOKENS: (150, 120, 90)}


class PaperEntry(StatesGroup):
    sheets = State()
    totals = State()


@router.callback_query(PaperCb.filter(F.action.in_((PaperAction.SHEETS, PaperAction.TOTALS))))
async def start(query: CallbackQuery, callback_data: PaperCb, session: AsyncSession,
                state: FSMContext, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status not in PAPER_OPEN:
        await query.answer(i18n.get("paper-closed"), show_alert=True)
        return
    totals = (callback_data.action == PaperAction.TOTALS
              and round_.allocation_rule == AllocationRule.GREEDY)
    await state.set_state(PaperEntry.totals if totals else PaperEntry.sheets)
    await state.set_data({"round_id": round_.id})
    await query.answer()
    await query.message.answer(await _instructions(session, round_, i18n, totals),
                               reply_markup=paper_keyboard(i18n, round_, totals=totals))


@router.message(PaperEntry.sheets, F.text, IS_ANSWER)
async def sheet_typed(message: Message, session: AsyncSession, state: FSMContext,
                      i18n: I18nContext) -> None:
    round_ = await _round(message, session, state, i18n)
    if round_ is not None:
        rules = paper.BallotRules.of(round_, await votable_bids(session, round_.id))
        await _save_typed(message, session, i18n, round_, paper.parse_sheet(rules, message.text),
                          totals=False)


@router.message(PaperEntry.totals, F.text, IS_ANSWER)
async def totals_typed(message: Message, session: AsyncSession, state: FSMContext,
                       i18n: I18nContext) -> None:
    round_ = await _round(message, session, state, i18n)
    if round_ is not None:
        rules = paper.BallotRules.of(round_, await votable_bids(session, round_.id))
        await _save_typed(message, session, i18n, round_, paper.parse_count(rules, message.text),
                          totals=True)


@router.message(StateFilter(PaperEntry.sheets, PaperEntry.totals), F.document)
async def file_sent(message: Message, bot: Bot, session: AsyncSession, state: FSMContext,
                    i18n: I18nContext) -> None:
    round_ = await _round(message, session, state, i18n)
    if round_ is None:
        return
    document = message.document
    totals = await state.get_state() == PaperEntry.totals.state
    keyboard = paper_keyboard(i18n, round_, totals=totals)
    if not (document.file_name or "").lower().endswith((".csv", ".txt")):
        await message.answer(i18n.get("paper-not-csv"), reply_markup=keyboard)
        return
    rules = paper.BallotRules.of(round_, await votable_bids(session, round_.id))
    expected = ",".join(["count,sheets" if totals else "sheet",
                         *(project_id(bid) for bid in rules.bids)])
    try:
        parsed = paper.parse_csv(rules, await upload_files.download(bot, document,
                                                                    paper.MAX_FILE_BYTES))
    except UploadError as error:
        await message.answer(upload_files.failed(i18n, [error.problem], expected, "ballots"),
                             reply_markup=keyboard)
        return
    if parsed.problems:
        await message.answer(_not_saved(i18n, parsed.problems, "paper-row") + "\n"
                             + i18n.get("upload-hint", expected=expected, kind="ballots"),
                             reply_markup=keyboard)
        return
    saved = await paper.save_paper(session, round_, parsed.records, "csv")
    await message.answer(await _file_saved(session, i18n, round_, saved), reply_markup=keyboard)


@router.callback_query(PaperCb.filter(F.action == PaperAction.REMOVE))
async def remove(query: CallbackQuery, callback_data: PaperCb, session: AsyncSession,
                 state: FSMContext, i18n: I18nContext) -> None:
    round_ = await get_round(session, callback_data.round)
    if round_ is None or round_.status not in PAPER_OPEN:
        await query.answer(i18n.get("paper-closed"), show_alert=True)
        return
    label = await paper.remove_paper(session, round_, callback_data.paper)
    if label is None:
        await query.answer(i18n.get("paper-gone"), show_alert=True)
        return
    await query.answer()
    totals = await state.get_state() == PaperEntry.totals.state
    await query.message.answer(
        i18n.get("paper-removed", label=escape(label),
                 paper=await paper.paper_sheet_count(session, round_.id)),
        reply_markup=paper_keyboard(i18n, round_, totals=totals))


@router.callback_query(PaperCb.filter(F.action == PaperAction.DONE))
async def done(query: CallbackQuery, callback_data: PaperCb, session: AsyncSession,
               state: FSMContext, i18n: I18nContext) -> None:
    if (await state.get_data()).get("round_id") == callback_data.round:
        await state.clear()
    round_ = await get_round(session, callback_data.round)
    if round_ is None:
        await query.answer(i18n.get("paper-closed"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(i18n.get(
        "paper-done", round=escape(round_.name(i18n.locale)),
        paper=await paper.paper_sheet_count(session, round_.id)))


async def _round(message: Message, session: AsyncSession, state: FSMContext,
                 i18n: I18nContext) -> Round | None:
    """The round being typed in, until its results are out."""
    round_ = await get_round(session, (await state.get_data()).get("round_id", 0))
    if round_ is None or round_.status not in PAPER_OPEN:
        await state.clear()
        await message.answer(i18n.get("paper-closed"))
        return None
    return round_


async def _save_typed(message: Message, session: AsyncSession, i18n: I18nContext,
                      round_: Round, parsed: paper.Parsed, *, totals: bool) -> None:
    if parsed.problems:
        await message.answer(_not_saved(i18n, parsed.problems, "paper-line"),
                             reply_markup=paper_keyboard(i18n, round_, totals=totals))
        return
    (record,) = parsed.records
    saved = await paper.save_paper(session, round_, parsed.records, "chat")
    if saved.closed:
        await message.answer(i18n.get("paper-closed"))
        return
    count = await paper.paper_sheet_count(session, round_.id)
    label = escape(record.label)
    if saved.saved:
        key = "paper-count-saved" if record.is_count else "paper-saved"
        text = i18n.get(key, label=label, marks=len(record.choices), sheets=record.sheets,
                        paper=count)
        remove = (saved.saved[0].id, record.label)
    elif saved.same:
        text, remove = i18n.get("paper-already", label=label), None
    else:
        existing = await paper.find_paper(session, round_.id, record.label)
        text = i18n.get("paper-already-different", label=label)
        remove = (existing.id, record.label) if existing else None
    await message.answer(text, reply_markup=paper_keyboard(i18n, round_, totals=totals,
                                                           remove=remove))


def _not_saved(i18n: I18nContext, problems: list[paper.Problem], where: str) -> str:
    lines = []
    for problem in problems[:SHOWN_PROBLEMS]:
        prefix = "paper-rule" if problem.rule else "paper-problem"
        said = i18n.get(f"{prefix}-{problem.code}", text=escape(problem.text))
        lines.append(i18n.get(where, line=problem.line, problem=said) if problem.line else said)
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(i18n.get("paper-more", n=len(problems) - SHOWN_PROBLEMS))
    return i18n.get("paper-not-saved", problems="\n".join(lines))


async def _file_saved(session: AsyncSession, i18n: I18nContext, round_: Round,
                      saved: paper.Saved) -> str:
    if saved.closed:
        return i18n.get("paper-closed")
    text = i18n.get("paper-file-saved", saved=saved.sheets, same=len(saved.same),
                    paper=await paper.paper_sheet_count(session, round_.id))
    if saved.different:
        text += "\n" + i18n.get("paper-file-different",
                                labels=escape(", ".join(saved.different)))
    return text


async def _instructions(session: AsyncSession, round_: Round, i18n: I18nContext,
                        totals: bool) -> str:
    references = [project_id(bid) for bid in await votable_bids(session, round_.id)]
    kind = round_.ballot_kind
    count = await paper.paper_sheet_count(session, round_.id)
    name = escape(round_.name(i18n.locale))
    if totals:
        numbers = EXAMPLE_TOTALS.get(kind, (64, 51, 40))
        example = "\n".join(["table-3 120", *(f"{ref} {n}" for ref, n in zip(
            references, numbers, strict=False))])
        return i18n.get("paper-start-totals", round=name, paper=count, example=example,
                        refs=",".join(references))
    if kind in EXAMPLE_MARKS:
        lines = [f"{ref} {n}" for ref, n in zip(references, EXAMPLE_MARKS[kind],
                                                    strict=False)]
        marks = i18n.get(f"paper-marks-{kind}")
    else:
        lines, marks = references[:2], i18n.get("paper-marks-ticks")
    return i18n.get("paper-start-sheets", round=name, paper=count, marks=marks,
                    example="\n".join(["17", *lines]), refs=",".join(references))
