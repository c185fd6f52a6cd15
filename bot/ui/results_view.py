"""What published results look like: the card, the chart, "why (not) funded?", the buttons.

Pure functions of a translator (anything with `.get(key, **variables)` and `.locale`, such as
aiogram-i18n's I18nContext or `Translator` below for a message queued in someone's language)
and of the count (models.voting.AreaCount). The reasons come from models.tally's BidOutcome
codes and numbers, worded here through Fluent keys, never from the tally's English.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape
from typing import Any, Protocol

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.ui.callbacks.projects import ProjectAction, ProjectCb
from bot.ui.callbacks.results import (
    PaperAction,
    PaperCb,
    ResultsAction,
    ResultsAdminAction,
    ResultsAdminCb,
    ResultsCb,
)
from bot.ui.chart import Bar, support_chart
from bot.ui.names import name_html, name_text
from bot.ui.vote_keyboards import voting_admin
from bot.ui.why_not_text import how_close_text
from models.amounts import format_pounds
from models.bid import Bid
from models.round import PAPER_OPEN, AllocationRule, BallotKind, Round
from models.tally import BidOutcome, Reason, rank_bids
from models.voting import AreaCount, project_id


class Translates(Protocol):
    locale: str | None

    def get(self, key: str, /, **kwargs: Any) -> str: ...


@dataclass(frozen=True)
class Translator:
    """The bot's translations in one given locale (for messages queued to someone else)."""

    core: Any
    locale: str | None

    def get(self, key: str, /, **kwargs: Any) -> str:
        return self.core.get(key, self.locale, **kwargs)


# ---------------------------------------------------------------------------------------------
# Texts


def rule_sentence(i18n: Translates, round_: Round) -> str:
    """The rule and the tie-break in one plain sentence."""
    if round_.allocation_rule == AllocationRule.GREEDY:
        return i18n.get(f"results-rule-greedy-{round_.allocation_policy}")
    return i18n.get(f"results-rule-{round_.allocation_rule}")


def card_text(i18n: Translates, round_: Round, counts: Sequence[AreaCount], bids: Sequence[Bid],
              chat: int, paper: int) -> str:
    by_id = {project_id(bid): bid for bid in bids}
    parts = [i18n.get("results-title", round=name_html(i18n, round_))]
    for count in counts:
        funded = "\n".join(
            f"• {escape(pid)} {escape(by_id[pid].title or '')} — "
            f"{format_pounds(_pence(count.result.bids[pid].granted, count))}"
            for pid in count.result.selected)
        parts.append(i18n.get("results-area", area=name_html(i18n, count.area),
                           funded=funded or "—", left=format_pounds(count.money_left)))
    parts.append(i18n.get("results-turnout", total=chat + paper, chat=chat, paper=paper))
    parts.append(rule_sentence(i18n, round_))
    parts.append(i18n.get("results-why-hint"))
    return "\n\n".join(parts)


def _pence(amount: int | Fraction, count: AreaCount) -> int:
    """An amount in the election's unit (pounds or pence) as whole pence, rounded down."""
    return math.floor(Fraction(amount) * count.pence_per_unit)


def _money(amount: int | Fraction | None, count: AreaCount) -> str:
    return format_pounds(_pence(amount or 0, count))


def support_words(i18n: Translates, kind: str, support: int | Fraction) -> str:
    whole = Fraction(support).denominator == 1
    n = f"{int(support):,}" if whole else f"{float(support):,.2f}"
    # The text shows $n (formatted); the plural form ("1 point", "2 bwynt") goes by $count.
    count = int(support) if whole else float(support)
    if kind == BallotKind.SCORE:
        return i18n.get("why-support-score", n=n, count=count)
    if kind == BallotKind.TOKENS:
        return i18n.get("why-support-tokens", n=n, count=count)
    return i18n.get("why-support-votes", n=n, count=count)


def why_key(outcome: BidOutcome) -> str:
    """The Fluent key for a bid's outcome (models.tally.Reason and the stage it was decided)."""
    if outcome.reason == Reason.FUNDED:
        return {"equal-shares": "why-funded-equal-shares",
                "completion": "why-funded-completion"}.get(outcome.stage, "why-funded")
    if outcome.reason == Reason.DID_NOT_FIT and outcome.supporters_left is not None:
        return "why-did-not-fit-after-shares"
    return f"why-{outcome.reason}"


def why_text(i18n: Translates, round_: Round, count: AreaCount, bid: Bid) -> str:
    pid = project_id(bid)
    outcome = count.result.bids[pid]
    most = max(count.result.payments.get(pid, ()), default=0)
    reason = i18n.get(why_key(outcome), position=outcome.position or 0,
                   support=support_words(i18n, round_.ballot_kind, outcome.support),
                   cost=_money(outcome.cost, count), granted=_money(outcome.granted, count),
                   most=_money(most, count), left=_money(outcome.supporters_left, count),
                   share=_money(count.result.share, count), pot=_money(outcome.pot_left, count))
    close = how_close_text(i18n, round_, count, pid)  # the numbers: how close it came
    reason = f"{reason}\n{close}" if close else reason
    return f"<b>{escape(pid)} {escape(bid.title or '')}</b>\n{reason}"


def chart_png(i18n: Translates, count: AreaCount, bids: Sequence[Bid]) -> bytes:
    """One area's support per bid, most supported first (ties as the count breaks them)."""
    by_id = {project_id(bid): bid for bid in bids}
    support = {pid: outcome.support for pid, outcome in count.result.bids.items()}
    outcomes = [count.result.bids[pid] for pid in rank_bids(count.election.costs, support)]
    bars = [Bar(f"{o.project_id} {by_id[o.project_id].title or ''}".strip(), o.support,
                o.funded) for o in outcomes]
    return support_chart(bars, i18n.get("results-chart-title", area=name_text(i18n, count.area)),
                         i18n.get("results-chart-funded"), i18n.get("results-chart-not-funded"))


# ---------------------------------------------------------------------------------------------
# Keyboards


def why_buttons(i18n: Translates, round_id: int, bids: Sequence[Bid], *,
                pb: bool = False) -> InlineKeyboardMarkup:
    """A "why?" button per bid; organisers also get the Pabulib download."""
    builder = InlineKeyboardBuilder()
    builder.add(*(why_button(i18n, round_id, bid) for bid in bids))
    builder.adjust(2)
    if pb:
        builder.row(*InlineKeyboardBuilder().button(
            text=i18n.get("results-pb-button"),
            callback_data=ResultsAdminCb(action=ResultsAdminAction.PB, round=round_id),
        ).buttons)
    return builder.as_markup()


def why_button(i18n: Translates, round_id: int, bid: Bid) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=i18n.get("results-why-button", reference=project_id(bid)),
        callback_data=ResultsCb(action=ResultsAction.WHY, round=round_id, bid=bid.id).pack())


def see_results(i18n: Translates, round_id: int, *, follow: bool = False) -> InlineKeyboardMarkup:
    """`follow`: also offer "Tell me how the projects get on" (a voter who does not yet)."""
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("results-see"),
                   callback_data=ResultsCb(action=ResultsAction.SHOW, round=round_id))
    if follow:
        builder.button(text=i18n.get("pj-follow-button"),
                       callback_data=ProjectCb(action=ProjectAction.FOLLOW, round=round_id))
    builder.adjust(1)
    return builder.as_markup()


def why_mine(i18n: Translates, round_id: int, bid: Bid) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.add(why_button(i18n, round_id, bid))
    builder.button(text=i18n.get("results-see"),
                   callback_data=ResultsCb(action=ResultsAction.SHOW, round=round_id))
    return builder.as_markup()


def voting_panel(i18n: Translates, round_: Round) -> InlineKeyboardMarkup:
    """/voting's buttons (bot/ui/vote_keyboards.py) with Paper ballots while voting is open."""
    markup = voting_admin(i18n, round_)
    if round_.status not in PAPER_OPEN:
        return markup
    builder = InlineKeyboardBuilder.from_markup(markup)
    builder.row(*InlineKeyboardBuilder().button(
        text=i18n.get("paper-button"),
        callback_data=PaperCb(action=PaperAction.SHEETS, round=round_.id)).buttons)
    return builder.as_markup()


def paper_keyboard(i18n: Translates, round_: Round, *, totals: bool,
                   remove: tuple[int, str] | None = None) -> InlineKeyboardMarkup:
    """Under each paper-entry message: undo the last sheet, switch mode, done."""
    builder = InlineKeyboardBuilder()
    if remove is not None:
        builder.button(text=i18n.get("paper-remove-button", label=remove[1]),
                       callback_data=PaperCb(action=PaperAction.REMOVE, round=round_.id,
                                             paper=remove[0]))
    if totals:
        builder.button(text=i18n.get("paper-sheets-button"),
                       callback_data=PaperCb(action=PaperAction.SHEETS, round=round_.id))
    elif round_.allocation_rule == AllocationRule.GREEDY:
        builder.button(text=i18n.get("paper-totals-button"),
                       callback_data=PaperCb(action=PaperAction.TOTALS, round=round_.id))
    builder.button(text=i18n.get("paper-done-button"),
                   callback_data=PaperCb(action=PaperAction.DONE, round=round_.id))
    builder.adjust(1)
    return builder.as_markup()
