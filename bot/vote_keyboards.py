"""Voting keyboards: pure functions of the translator and what to show."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.vote_callbacks import VoteAction, VoteCb, VotingAdminAction, VotingAdminCb
from models.ballot import is_tick_kind
from models.bid import Bid
from models.round import BallotKind, Round, RoundStatus
from models.tally import SCORES

TOKEN_BUTTONS = 6  # 0..5 tokens on one bid from the buttons


def rounds_to_vote_in(i18n: I18nContext, rounds: list[Round]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for round_ in rounds:
        builder.button(text=round_.name(i18n.locale),
                       callback_data=VoteCb(action=VoteAction.ROUND, round=round_.id))
    builder.adjust(1)
    return builder.as_markup()


def bid_card(i18n: I18nContext, round_: Round, bid: Bid, position: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    kind = round_.ballot_kind
    if kind == BallotKind.SCORE:
        values = [(str(score), score) for score in sorted(SCORES)]
    elif is_tick_kind(kind):
        values = [(i18n.get("vote-tick-yes"), 1), (i18n.get("vote-tick-no"), 0)]
    else:
        top = min(TOKEN_BUTTONS, (round_.ballot_tokens or 0) + 1)
        values = [(str(n), n) for n in range(top)]
    for label, value in values:
        builder.button(text=label, callback_data=VoteCb(action=VoteAction.SET, round=round_.id,
                                                        bid=bid.id, value=value))
    if position > 0:
        builder.button(text=i18n.get("vote-back"),
                       callback_data=VoteCb(action=VoteAction.BACK, round=round_.id,
                                            value=position - 1))
    builder.adjust(len(values), 1)
    return builder.as_markup()


def review(i18n: I18nContext, round_: Round) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("vote-confirm"),
                   callback_data=VoteCb(action=VoteAction.CONFIRM, round=round_.id))
    builder.button(text=i18n.get("vote-start-again"),
                   callback_data=VoteCb(action=VoteAction.ROUND, round=round_.id))
    builder.adjust(1)
    return builder.as_markup()


def voting_admin(i18n: I18nContext, round_: Round) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if round_.status == RoundStatus.CLOSED:
        builder.button(text=i18n.get("va-open"), callback_data=VotingAdminCb(
            action=VotingAdminAction.OPEN, round=round_.id))
    else:
        builder.button(text=i18n.get("va-turnout"), callback_data=VotingAdminCb(
            action=VotingAdminAction.TURNOUT, round=round_.id))
        builder.button(text=i18n.get("va-publish"), callback_data=VotingAdminCb(
            action=VotingAdminAction.PUBLISH, round=round_.id))
    builder.adjust(1)
    return builder.as_markup()
