"""What the bid and review screens say: pure functions of the translator and the rows.

Everything a person typed (answers, organisers' notes, round names) goes through `esc`, so it
is shown exactly as typed in HTML parse mode.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram_i18n import I18nContext

from bot.ui.names import name_html
from models.amounts import format_pounds
from models.bid import GROUP_CAN_CHANGE, Bid, BidStatus, Overview, answered_count, questions_for
from models.bid_questions import DEFAULT_QUESTIONS, QUESTIONS, Checked, asked
from models.round import Round
from models.when import show_local

# A card or summary shows at most this much of one long answer; the CSV has it all.
SHOWN_LIMIT = 1500


def esc(text: str | None) -> str:
    return escape(text or "", quote=False)


def when(moment: datetime, tz: ZoneInfo, i18n: I18nContext) -> str:
    return show_local(moment, tz, i18n.locale)


def status_name(i18n: I18nContext, status: str) -> str:
    return i18n.get(f"bid-status-{status}")


def title_of(i18n: I18nContext, bid: Bid) -> str:
    return esc(bid.title) if bid.title else i18n.get("bid-untitled")


def listing(bid: Bid, title: str, status: str) -> str:
    """'SPK-014 · Youth football · £1,500 — eligible': the same shape in both languages."""
    return f"{esc(bid.reference)} · {title} · {format_pounds(bid.amount_pence or 0)} — {status}"


def round_intro(i18n: I18nContext, round_: Round, tz: ZoneInfo) -> str:
    priorities = "\n".join(f"• {esc(p.get(i18n.locale) or p.get('en'))}"
                           for p in round_.priorities)
    text = i18n.get("bid-intro", round=name_html(i18n, round_),
                    max=format_pounds(round_.max_bid_pence),
                    deadline=when(round_.bid_deadline, tz, i18n),
                    questions=len(asked(round_.questions, len(round_.areas))))
    if priorities:
        text += "\n\n" + i18n.get("bid-intro-priorities") + "\n" + priorities
    return text


def question_text(i18n: I18nContext, round_: Round, bid: Bid, key: str) -> str:
    keys = questions_for(bid, round_)
    question = QUESTIONS[key]
    hint_values = {"limit": question.limit, "max": format_pounds(round_.max_bid_pence)}
    progress = i18n.get("bid-progress", n=keys.index(key) + 1, total=len(keys))
    return (f"<i>{progress}</i>\n<b>{i18n.get(f'bid-q-{key}')}</b>\n"
            f"{i18n.get(f'bid-hint-{key}', **hint_values)}")


def problem_text(i18n: I18nContext, checked: Checked) -> str:
    detail = {k: esc(v) if isinstance(v, str) else v for k, v in checked.detail.items()}
    return i18n.get(f"bid-{checked.problem}", **detail)


def answer_text(i18n: I18nContext, round_: Round, bid: Bid, key: str) -> str:
    if key == "description" and bid.voice_file_id and not bid.description:
        return i18n.get("bid-voice-note")
    if key == "amount":
        return format_pounds(bid.amount_pence) if bid.amount_pence is not None else "—"
    if key == "area":
        area = round_.area(bid.area_id)
        return name_html(i18n, area) if area else "—"
    value = getattr(bid, QUESTIONS[key].column) or ""
    shown = value if len(value) <= SHOWN_LIMIT else value[:SHOWN_LIMIT] + "…"
    return esc(shown) or "—"


def answers_block(i18n: I18nContext, round_: Round, bid: Bid) -> str:
    lines = [f"<b>{i18n.get(f'bid-label-{key}')}:</b> {answer_text(i18n, round_, bid, key)}"
             for key in round_.questions if key != "area" or len(round_.areas) > 1]
    if bid.photo_file_id:
        lines.append(i18n.get("bid-photo-attached"))
    return "\n".join(lines)


def summary_text(i18n: I18nContext, round_: Round, bid: Bid, tz: ZoneInfo) -> str:
    deadline = when(round_.bid_deadline, tz, i18n)
    if bid.status == BidStatus.DRAFT:
        head = i18n.get("bid-summary-draft")
    else:
        head = i18n.get("bid-summary-sent", reference=esc(bid.reference),
                        status=status_name(i18n, bid.status))
    text = f"{head}\n\n{answers_block(i18n, round_, bid)}"
    if bid.decision_note and bid.status in (BidStatus.NEEDS_CHANGES, BidStatus.NOT_ELIGIBLE):
        text += "\n\n" + i18n.get("bid-organisers-said", note=esc(bid.decision_note))
    if bid.status not in GROUP_CAN_CHANGE:  # e.g. found not eligible: that is final
        return text
    return text + "\n\n" + i18n.get("bid-deadline-line", deadline=deadline)


def mine_lines(i18n: I18nContext, rounds: dict[int, Round], bids: list[Bid]) -> list[str]:
    """One line per bid for "My things", with the organisers' words where they matter."""
    lines = []
    for bid in bids:
        round_ = rounds[bid.round_id]
        if bid.status == BidStatus.DRAFT:
            lines.append(i18n.get("bid-mine-draft", title=title_of(i18n, bid),
                                  answered=answered_count(bid, round_),
                                  total=len(questions_for(bid, round_))))
            continue
        line = listing(bid, title_of(i18n, bid), status_name(i18n, bid.status))
        if bid.decision_note and bid.status in (BidStatus.NEEDS_CHANGES,
                                                BidStatus.NOT_ELIGIBLE):
            line += "\n   " + i18n.get("bid-organisers-said", note=esc(bid.decision_note))
        lines.append(line)
    return lines


def nudge_text(i18n: I18nContext, round_: Round, bid: Bid, tz: ZoneInfo) -> str:
    return i18n.get("bid-nudge", round=name_html(i18n, round_),
                    deadline=when(round_.bid_deadline, tz, i18n))


def decision_text(i18n: I18nContext, round_: Round, bid: Bid, tz: ZoneInfo) -> str:
    return i18n.get(f"bid-told-{bid.status}", reference=esc(bid.reference),
                    title=title_of(i18n, bid), note=esc(bid.decision_note),
                    deadline=when(round_.bid_deadline, tz, i18n))


# ---------------------------------------------------------------------------------------------
# Organisers


def digest_text(i18n: I18nContext, bids: list[Bid], since: datetime) -> str:
    lines = []
    for bid in bids:
        if bid.status == BidStatus.WITHDRAWN:
            what = i18n.get("rv-digest-withdrawn")
        elif bid.submitted_at is not None and bid.submitted_at >= since:
            what = i18n.get("rv-digest-new")
        else:
            what = i18n.get("rv-digest-changed")
        lines.append(listing(bid, title_of(i18n, bid), what))
    return i18n.get("rv-digest", count=len(bids)) + "\n" + "\n".join(lines)


def overview_text(i18n: I18nContext, round_: Round, summary: Overview, drafts: int) -> str:
    counts = summary.by_status
    text = i18n.get(
        "rv-overview", round=esc(round_.name(i18n.locale)), review=summary.to_review,
        changes=counts.get(BidStatus.NEEDS_CHANGES, 0),
        eligible=counts.get(BidStatus.ELIGIBLE, 0),
        rejected=counts.get(BidStatus.NOT_ELIGIBLE, 0),
        withdrawn=counts.get(BidStatus.WITHDRAWN, 0), drafts=drafts,
        asked=format_pounds(summary.asked_pence), pot=format_pounds(summary.pot_pence),
        eligible_money=format_pounds(summary.eligible_pence),
    )
    if len(summary.areas) > 1:
        text += "\n" + "\n".join(
            i18n.get("rv-overview-area", code=area.code, bids=area.bids,
                     asked=format_pounds(area.asked_pence), pot=format_pounds(area.pot_pence))
            for area in summary.areas
        )
    return text


def card_text(i18n: I18nContext, round_: Round, bid: Bid, position: int, total: int) -> str:
    area = round_.area(bid.area_id)
    area_name = esc(area.name(i18n.locale)) if area else "—"
    head = f"<b>{esc(bid.reference)}</b> · {area_name} · {status_name(i18n, bid.status)}"
    text = f"{head}\n\n{answers_block(i18n, round_, bid)}"
    if bid.decision_note:
        text += "\n\n" + i18n.get("rv-note", note=esc(bid.decision_note))
    return text + "\n\n<i>" + i18n.get("rv-card-position", n=position, total=total) + "</i>"


def question_names(i18n: I18nContext, keys: Iterable[str]) -> str:
    """A round's bid questions as organisers type them, each with its name in their language
    where that differs: "group (grŵp), title (teitl)" in Welsh, "group, title" in English."""
    shown = []
    for key in keys:
        name = i18n.get(f"rn-field-{key}")
        shown.append(key if name == key else f"{key} ({name})")
    return ", ".join(shown)


def question_keys(i18n: I18nContext, typed: Iterable[str]) -> list[str]:
    """Keys from what an organiser typed, in English (the keys) or in their own language."""
    by_name = {i18n.get(f"rn-field-{key}").lower(): key for key in DEFAULT_QUESTIONS}
    return [by_name.get(word, word) for word in typed]
