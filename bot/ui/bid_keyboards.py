"""Keyboards of the bid and round conversations: pure functions of the translator and rows."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.ui.callbacks.bids import BidAction, BidCb, ReviewAction, ReviewCb, RoundAction, RoundCb
from bot.ui.names import name_text
from models.bid import Bid, BidStatus, questions_for
from models.round import MANUAL_MOVES, AllocationRule, BallotKind, Policy, Round, RoundStatus


def plain_title(i18n: I18nContext, bid: Bid) -> str:
    # Button labels are plain text (no HTML), so nothing is escaped here.
    return bid.title or i18n.get("bid-untitled")


def rounds_to_bid_in(i18n: I18nContext, rounds: list[Round]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for round_ in rounds:
        builder.button(text=name_text(i18n, round_),
                       callback_data=BidCb(action=BidAction.ROUND, round=round_.id))
    builder.adjust(1)
    return builder.as_markup()


def round_start(i18n: I18nContext, round_: Round, drafts: list[Bid]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for draft in drafts:
        builder.button(text=i18n.get("bid-continue", title=plain_title(i18n, draft)),
                       callback_data=BidCb(action=BidAction.OPEN, bid=draft.id))
    builder.button(text=i18n.get("bid-start"),
                   callback_data=BidCb(action=BidAction.START, round=round_.id))
    builder.adjust(1)
    return builder.as_markup()


def areas(i18n: I18nContext, round_: Round, bid: Bid) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for area in round_.areas:
        builder.button(text=name_text(i18n, area),
                       callback_data=BidCb(action=BidAction.AREA, bid=bid.id, value=str(area.id)))
    builder.adjust(2)
    return builder.as_markup()


def summary(i18n: I18nContext, round_: Round, bid: Bid, can_change: bool) -> InlineKeyboardMarkup:
    """Edit buttons while the bid can change, then what can be done with it as a whole."""
    builder = InlineKeyboardBuilder()
    widths: list[int] = []
    if can_change:
        keys = questions_for(bid, round_)
        for key in keys:
            builder.button(text=i18n.get("bid-edit-field", field=i18n.get(f"bid-label-{key}")),
                           callback_data=BidCb(action=BidAction.EDIT, bid=bid.id, value=key))
        widths += [2] * (len(keys) // 2) + [1] * (len(keys) % 2)
        builder.button(text=i18n.get("bid-photo-change" if bid.photo_file_id else "bid-photo-add"),
                       callback_data=BidCb(action=BidAction.PHOTO, bid=bid.id))
        widths.append(1)
    if can_change and bid.status == BidStatus.DRAFT:
        builder.button(text=i18n.get("bid-submit"),
                       callback_data=BidCb(action=BidAction.SUBMIT, bid=bid.id))
        builder.button(text=i18n.get("bid-delete"),
                       callback_data=BidCb(action=BidAction.DELETE, bid=bid.id))
        widths += [1, 1]
    elif can_change:
        builder.button(text=i18n.get("bid-withdraw"),
                       callback_data=BidCb(action=BidAction.WITHDRAW, bid=bid.id))
        widths.append(1)
    media = [(BidAction.PLAY_VOICE, "res-bid-play-voice", bid.voice_file_id),
             (BidAction.SEE_PHOTO, "res-bid-see-photo", bid.photo_file_id)]
    for action, key, file_id in media:
        if file_id:
            builder.button(text=i18n.get(key), callback_data=BidCb(action=action, bid=bid.id))
            widths.append(1)
    builder.button(text=i18n.get("bid-done"), callback_data=BidCb(action=BidAction.DONE))
    widths.append(1)
    builder.adjust(*widths)
    return builder.as_markup()


def confirm(i18n: I18nContext, bid: Bid, yes: BidAction, yes_key: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get(yes_key), callback_data=BidCb(action=yes, bid=bid.id))
    builder.button(text=i18n.get("bid-keep"),
                   callback_data=BidCb(action=BidAction.SUMMARY, bid=bid.id))
    return builder.as_markup()


def photo_step(i18n: I18nContext, bid: Bid) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if bid.photo_file_id:
        builder.button(text=i18n.get("bid-photo-remove"),
                       callback_data=BidCb(action=BidAction.NO_PHOTO, bid=bid.id))
    builder.button(text=i18n.get("bid-back"),
                   callback_data=BidCb(action=BidAction.SUMMARY, bid=bid.id))
    builder.adjust(1)
    return builder.as_markup()


def open_bid(i18n: I18nContext, bid: Bid, key: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get(key), callback_data=BidCb(action=BidAction.OPEN, bid=bid.id))
    return builder.as_markup()


def mine(i18n: I18nContext, bids: list[Bid]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for bid in bids:
        builder.button(text=f"{bid.reference or plain_title(i18n, bid)} 📝",
                       callback_data=BidCb(action=BidAction.OPEN, bid=bid.id))
    builder.adjust(2)
    return builder.as_markup()


# ---------------------------------------------------------------------------------------------
# Organisers


def review_rounds(i18n: I18nContext, rounds: list[Round]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for round_ in rounds:
        builder.button(text=name_text(i18n, round_),
                       callback_data=ReviewCb(action=ReviewAction.ROUND, round=round_.id))
    builder.adjust(1)
    return builder.as_markup()


def review_overview(i18n: I18nContext, round_: Round, waiting: int,
                    any_bids: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if waiting:
        builder.button(text=i18n.get("rv-review-next", count=waiting),
                       callback_data=ReviewCb(action=ReviewAction.NEXT, round=round_.id))
    if any_bids:
        builder.button(text=i18n.get("rv-all"),
                       callback_data=ReviewCb(action=ReviewAction.SHOW, round=round_.id))
        builder.button(text=i18n.get("rv-csv"),
                       callback_data=ReviewCb(action=ReviewAction.CSV, round=round_.id))
    builder.adjust(1)
    return builder.as_markup()


def review_card(i18n: I18nContext, bid: Bid, previous: Bid | None, following: Bid | None,
                can_decide: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    widths = []
    if can_decide:
        for action, key in ((ReviewAction.ELIGIBLE, "rv-eligible"),
                            (ReviewAction.CHANGES, "rv-changes"),
                            (ReviewAction.NOT_ELIGIBLE, "rv-not-eligible")):
            builder.button(text=i18n.get(key), callback_data=ReviewCb(
                action=action, round=bid.round_id, bid=bid.id, rev=bid.revision))
        widths.append(3)
    media = [(ReviewAction.LISTEN, "rv-listen", bid.voice_file_id),
             (ReviewAction.PHOTO, "rv-photo", bid.photo_file_id)]
    shown = [(action, key) for action, key, present in media if present]
    for action, key in shown:
        builder.button(text=i18n.get(key),
                       callback_data=ReviewCb(action=action, round=bid.round_id, bid=bid.id))
    if shown:
        widths.append(len(shown))
    steps = [(ReviewAction.SHOW, "rv-prev", previous), (ReviewAction.SHOW, "rv-next", following)]
    present = [(action, key, other) for action, key, other in steps if other is not None]
    for action, key, other in present:
        builder.button(text=i18n.get(key),
                       callback_data=ReviewCb(action=action, round=bid.round_id, bid=other.id))
    if present:
        widths.append(len(present))
    builder.adjust(*widths)
    return builder.as_markup()


def rounds_admin(i18n: I18nContext, rounds: list[Round]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for round_ in rounds:
        for target in MANUAL_MOVES.get(RoundStatus(round_.status), ()):
            builder.button(text=i18n.get(f"rn-move-{target}", id=round_.id),
                           callback_data=RoundCb(action=RoundAction.MOVE, round=round_.id,
                                                 value=target.value))
    builder.adjust(1)
    return builder.as_markup()


def choices(i18n: I18nContext, action: RoundAction, prefix: str,
            values: tuple[str, ...]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for value in values:
        builder.button(text=i18n.get(f"{prefix}{value}"),
                       callback_data=RoundCb(action=action, value=value))
    builder.adjust(1)
    return builder.as_markup()


def ballot_kinds(i18n: I18nContext) -> InlineKeyboardMarkup:
    return choices(i18n, RoundAction.BALLOT, "rn-ballot-", tuple(BallotKind))


def allocation_rules(i18n: I18nContext) -> InlineKeyboardMarkup:
    return choices(i18n, RoundAction.RULE, "rn-rule-", tuple(AllocationRule))


def policies(i18n: I18nContext) -> InlineKeyboardMarkup:
    return choices(i18n, RoundAction.POLICY, "rn-policy-", tuple(Policy))


def one(i18n: I18nContext, key: str, action: RoundAction) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get(key), callback_data=RoundCb(action=action))
    return builder.as_markup()


def round_preview(i18n: I18nContext) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("rn-create"),
                   callback_data=RoundCb(action=RoundAction.CREATE, value=RoundStatus.DRAFT))
    builder.button(text=i18n.get("rn-create-open"),
                   callback_data=RoundCb(action=RoundAction.CREATE, value=RoundStatus.OPEN))
    builder.button(text=i18n.get("rn-discard"), callback_data=RoundCb(action=RoundAction.DISCARD))
    builder.adjust(1)
    return builder.as_markup()
