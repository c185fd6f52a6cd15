"""Voting keyboards: pure functions of the translator and what to show."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.ui.callbacks.vote import (
    RoundSetting,
    RoundSettingCb,
    VoteAction,
    VoteCb,
    VotingAccessAction,
    VotingAccessCb,
    VotingAdminAction,
    VotingAdminCb,
)
from bot.ui.names import name_text
from models.eligibility import AgeBand
from models.round import BallotKind, Round, RoundSpec, RoundStatus


# The keyboards voters see on every tap are built as InlineKeyboardMarkup directly:
# InlineKeyboardBuilder deep-copies every button it holds each time one is added.
def _button(text: str, callback_data: VoteCb) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=callback_data.pack())


def rounds_to_vote_in(i18n: I18nContext, rounds: list[Round]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button(name_text(i18n, round_), VoteCb(action=VoteAction.ROUND, round=round_.id))]
        for round_ in rounds])


def voting_admin(i18n: I18nContext, round_: Round) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if round_.status == RoundStatus.CLOSED:
        builder.button(text=i18n.get("va-open"), callback_data=VotingAdminCb(
            action=VotingAdminAction.OPEN, round=round_.id))
    else:
        voting = round_.status == RoundStatus.VOTING
        builder.button(text=i18n.get("va-turnout"), callback_data=VotingAdminCb(
            action=VotingAdminAction.TURNOUT, round=round_.id))
        if voting:
            builder.button(text=i18n.get("va-close"), callback_data=VotingAdminCb(
                action=VotingAdminAction.CLOSE, round=round_.id))
        builder.button(text=i18n.get("va-publish" if voting else "va-publish-counted"),
                       callback_data=VotingAdminCb(action=VotingAdminAction.PUBLISH,
                                                   round=round_.id))
        if voting:
            builder.button(text=i18n.get("vx-remind-button"), callback_data=VotingAccessCb(
                action=VotingAccessAction.SHOW, round=round_.id))
    builder.button(text=i18n.get("vx-codes-button"), callback_data=VotingAccessCb(
        action=VotingAccessAction.CODES, round=round_.id))
    builder.adjust(1)
    return builder.as_markup()


# --- who may vote ---------------------------------------------------------------------------


def area_choice(i18n: I18nContext, round_: Round) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for area in round_.areas:
        builder.button(text=name_text(i18n, area), callback_data=VoteCb(
            action=VoteAction.AREA, round=round_.id, value=area.id))
    builder.button(text=i18n.get("vote-area-none"), callback_data=VoteCb(
        action=VoteAction.AREA, round=round_.id, value=0))
    builder.adjust(1)
    return builder.as_markup()


def age_bands(i18n: I18nContext, round_: Round) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for position, band in enumerate(AgeBand):
        builder.button(text=i18n.get(f"vote-age-{band.name.lower().replace('_', '-')}"),
                       callback_data=VoteCb(action=VoteAction.AGE, round=round_.id,
                                            value=position))
    builder.adjust(2)
    return builder.as_markup()


def vote_now(i18n: I18nContext, round_id: int) -> InlineKeyboardMarkup:
    return vote_now_in(i18n.get("vote-now"), round_id)


def vote_now_in(label: str, round_id: int) -> InlineKeyboardMarkup:
    """The same button with its label already translated (for outbox messages)."""
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button(label, VoteCb(action=VoteAction.ROUND, round=round_id))]])


def reminder(i18n: I18nContext, round_: Round) -> InlineKeyboardMarkup:
    number = round_.reminders_sent + 1
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("vx-remind-send", number=number), callback_data=VotingAccessCb(
        action=VotingAccessAction.REMIND, round=round_.id, value=number))
    return builder.as_markup()


def codes_rounds(i18n: I18nContext, rounds: list[Round]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for round_ in rounds:
        builder.button(text=i18n.get("vx-codes-for", round=round_.name(i18n.locale)),
                       callback_data=VotingAccessCb(action=VotingAccessAction.CODES,
                                                    round=round_.id))
    builder.adjust(1)
    return builder.as_markup()


def round_settings(i18n: I18nContext, spec: RoundSpec) -> list[list[tuple[str, str]]]:
    """Rows of (label, callback data) for the /newround preview: tap to change a setting."""
    yes_no = {True: i18n.get("vx-yes"), False: i18n.get("vx-no")}
    rows = [(i18n.get("vx-set-who", who=i18n.get(f"vx-who-{spec.eligibility}")),
             RoundSetting.WHO)]
    if spec.ballot_kind == BallotKind.SCORE:
        rows.append((i18n.get("vx-set-score-all", value=yes_no[spec.score_all]),
                     RoundSetting.SCORE_ALL))
    rows += [(i18n.get("vx-set-changes", value=yes_no[spec.changes_allowed]),
              RoundSetting.CHANGES),
             (i18n.get("vx-set-age", value=yes_no[spec.age_band_required]), RoundSetting.AGE)]
    return [[(label, RoundSettingCb(setting=setting).pack())] for label, setting in rows]
