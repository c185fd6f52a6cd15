"""The ballot message as the voter sees it: a bid's card, the review, the receipt.

Pure functions of the translator, the round, the bids in the voter's order and the draft.
Every button carries the draft's revision (`rev`): the handler takes a tap only while its
message is the newest version of the ballot, so an old or forged button changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from sqlalchemy import Row

from bot.ui.callbacks import MenuCb, MenuItem
from bot.ui.callbacks.vote import VoteAction, VoteCb
from models.amounts import format_pounds
from models.ballot.rules import TICK_KINDS, Refusal, Unfinished, spent_pence, tokens_used
from models.round import BallotKind, Round
from models.tally import SCORES

TOKEN_BUTTONS = 6  # 0..5 tokens on one bid from the buttons
LABEL_LIMIT = 40  # characters of a bid's title on a button


def _button(text: str, callback_data: VoteCb | MenuCb) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=callback_data.pack())


def menu_button(i18n: I18nContext) -> InlineKeyboardButton:
    return _button(i18n.get("menu-again"), MenuCb(item=MenuItem.MENU))


def tell_me(i18n: I18nContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button(i18n.get("vote-tell-me"), VoteCb(action=VoteAction.TELL))],
        [menu_button(i18n)]])


def with_menu(i18n: I18nContext) -> InlineKeyboardMarkup:
    """A lone Menu button: every screen that ends something has a way on."""
    return InlineKeyboardMarkup(inline_keyboard=[[menu_button(i18n)]])


def shown_value(round_: Round, value: int | None, i18n: I18nContext) -> str:
    if round_.ballot_kind in TICK_KINDS:  # "Yes ✓": a tick alone says nothing to a screen reader
        return i18n.get("vote-tick-yes") if value else "—"
    return str(value) if value else "—"


def standing_line(round_: Round, bids: Sequence[Row], choices: Mapping[int, int],
                  i18n: I18nContext) -> str:
    """The running total against the pot, the tokens left or the picks left ('' if none)."""
    kind = round_.ballot_kind
    if kind == BallotKind.KNAPSACK:
        return i18n.get("vote-running-total", total=format_pounds(spent_pence(bids, choices)),
                        pot=format_pounds(round_.pot_pence))
    if kind == BallotKind.TOKENS:
        tokens = round_.ballot_tokens or 0
        return i18n.get("vote-tokens-left", left=tokens - tokens_used(choices), tokens=tokens)
    if kind == BallotKind.TOP_N:
        return i18n.get("vote-picks-left", picked=sum(1 for v in choices.values() if v),
                        n=round_.ballot_n or 0)
    return ""


def card_text(round_: Round, bids: Sequence[Row], position: int, choices: Mapping[int, int],
              i18n: I18nContext) -> str:
    bid = bids[position]
    text = i18n.get("vote-card", n=position + 1, total=len(bids),
                    title=escape(bid.title or ""), group=escape(bid.group_name or ""),
                    amount=format_pounds(bid.amount_pence or 0),
                    summary=escape((bid.description or "")[:600]),
                    how=i18n.get(f"vote-how-{round_.ballot_kind}",
                                 tokens=round_.ballot_tokens or 0, n=round_.ballot_n or 0))
    if bid.id in choices:
        text += "\n" + i18n.get("vote-card-now", value=shown_value(round_, choices[bid.id], i18n))
    line = standing_line(round_, bids, choices, i18n)
    return f"{text}\n\n{line}" if line else text


def card_keyboard(i18n: I18nContext, round_: Round, bid: Row, position: int, rev: int,
                  from_review: bool) -> InlineKeyboardMarkup:
    kind = round_.ballot_kind
    if kind == BallotKind.SCORE:
        values = [(str(score), score) for score in sorted(SCORES)]
        if not round_.score_all:  # this round lets a bid go without a score
            values.append((i18n.get("vote-skip"), 0))
    elif kind in TICK_KINDS:
        values = [(i18n.get("vote-tick-yes"), 1), (i18n.get("vote-tick-no"), 0)]
    else:
        top = min(TOKEN_BUTTONS, (round_.ballot_tokens or 0) + 1)
        values = [(str(n), n) for n in range(top)]
    rows = [[_button(label, VoteCb(action=VoteAction.SET, round=round_.id, bid=bid.id,
                                   value=value, rev=rev)) for label, value in values]]
    if bid.photo_file_id:
        rows.append([_button(i18n.get("vote-photo"), VoteCb(
            action=VoteAction.PHOTO, round=round_.id, bid=bid.id, rev=rev))])
    if from_review:
        rows.append([_button(i18n.get("vote-back-to-review"), VoteCb(
            action=VoteAction.LIST, round=round_.id, rev=rev))])
    elif position > 0:
        rows.append([_button(i18n.get("vote-back"), VoteCb(
            action=VoteAction.BACK, round=round_.id, value=position - 1, rev=rev))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _bid_buttons(round_: Round, bids: Sequence[Row], choices: Mapping[int, int],
                 rev: int, i18n: I18nContext) -> list[list[InlineKeyboardButton]]:
    rows = []
    for bid in bids:
        title = bid.title or ""
        if len(title) > LABEL_LIMIT:
            title = title[:LABEL_LIMIT - 1] + "…"
        label = f"{shown_value(round_, choices.get(bid.id), i18n)} · {title}"
        rows.append([_button(label, VoteCb(action=VoteAction.OPEN, round=round_.id,
                                           bid=bid.id, rev=rev))])
    return rows


def review_text(round_: Round, bids: Sequence[Row], choices: Mapping[int, int],
                missing: Unfinished | None, i18n: I18nContext) -> str:
    lines = [f"{shown_value(round_, choices.get(bid.id), i18n)} · {escape(bid.title or '')} "
             f"({format_pounds(bid.amount_pence or 0)})" for bid in bids]
    text = i18n.get("vote-review", lines="\n".join(lines))
    line = standing_line(round_, bids, choices, i18n)
    if line:
        text += "\n\n" + line
    if missing is not None:
        text += "\n\n" + i18n.get(f"vote-{missing.code}", left=missing.left)
    return text


def review_keyboard(i18n: I18nContext, round_: Round, bids: Sequence[Row],
                    choices: Mapping[int, int], missing: Unfinished | None,
                    rev: int) -> InlineKeyboardMarkup:
    """A button per bid (tap to change it), then Confirm or a way back to the first gap."""
    if missing is None:
        last = _button(i18n.get("vote-confirm"),
                       VoteCb(action=VoteAction.CONFIRM, round=round_.id, rev=rev))
    else:
        last = _button(i18n.get("vote-score-the-rest"), VoteCb(
            action=VoteAction.BACK, round=round_.id, value=missing.position, rev=rev))
    return InlineKeyboardMarkup(inline_keyboard=[*_bid_buttons(round_, bids, choices, rev, i18n),
                                                 [last]])


def receipt_text(round_: Round, receipt: str, replaced: bool, i18n: I18nContext) -> str:
    text = i18n.get("vote-changed" if replaced else "vote-receipt", receipt=receipt)
    if round_.changes_allowed:
        text += "\n\n" + i18n.get("vote-receipt-change")
    return text


def receipt_keyboard(i18n: I18nContext, round_: Round, bids: Sequence[Row],
                     choices: Mapping[int, int], rev: int) -> InlineKeyboardMarkup:
    """While changes are allowed, each bid opens its card again; always a Menu button."""
    rows = _bid_buttons(round_, bids, choices, rev, i18n) if round_.changes_allowed else []
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [menu_button(i18n)]])


def refusal_text(refusal: Refusal, i18n: I18nContext) -> str:
    """Why a tap was refused, with its numbers (an alert: at most 200 characters)."""
    if refusal.code == "out-of-date":
        return i18n.get("vote-out-of-date")
    if refusal.code == "over-pot":
        return i18n.get("vote-refuse-over-pot", total=format_pounds(refusal.total),
                        pot=format_pounds(refusal.limit), left=format_pounds(refusal.left))
    if refusal.code == "too-many":
        return i18n.get("vote-refuse-too-many", n=refusal.limit)
    return i18n.get("vote-refuse-tokens-over", left=refusal.left, tokens=refusal.limit)
