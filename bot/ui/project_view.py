"""What /projects, a group's update and a follower's weekly round-up look like.

The frame (labels, statuses, money) is in the reader's language; a group's own words are shown
as written, escaped, in quotes, so nothing a group types can pass for the bot speaking.
"""

from __future__ import annotations

from html import escape
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.callbacks.projects import (
    HandAction,
    HandCb,
    MoneyAction,
    MoneyFixCb,
    ProjectAction,
    ProjectCb,
    TeamAction,
    TeamCb,
)
from models.amounts import format_pounds
from models.bid import Bid
from models.project import Money, Project, ProjectStatus, ProjectUpdate
from models.project_owner_link import Place
from models.update_schedule import parse_ask_days, shown
from models.when import show_local

STATUSES = tuple(ProjectStatus)
# Telegram holds 4096 characters in a message. With titles of at most 80 characters and round
# names of at most a few dozen, these keep every message well inside it (tests/unit).
MESSAGE_LIMIT = 4000
QUOTE_CHARS = 200  # of a group's words in a list or round-up
PAGE_WORDS = 500  # of a group's words on the project's page
PAGE_UPDATES = 5  # newest updates on a project's page
MEDIA_SHOWN = 3  # photos and voice notes sent under a project's page
DIGEST_ITEMS = 6


class Texts(Protocol):
    def get(self, key: str, /, **kwargs: Any) -> str: ...


def status_name(t: Texts, status: str) -> str:
    return t.get(f"pj-status-{status.replace('_', '-')}")


def plain_name(bid: Bid | None) -> str:
    """For a button (never parsed as HTML)."""
    if bid is None:
        return "?"
    return " ".join(part for part in (bid.reference, bid.title) if part)


def project_name(bid: Bid | None) -> str:
    """For a message in HTML."""
    return escape(plain_name(bid))


def words(t: Texts, update: ProjectUpdate, limit: int = QUOTE_CHARS) -> str:
    """The update in one line: its words quoted (clipped in lists), and what else it holds."""
    parts = []
    if update.text:
        text = update.text if len(update.text) <= limit else update.text[:limit - 1] + "…"
        parts.append(f"“{escape(text)}”")
    if update.photo_file_id:
        parts.append(t.get("pj-has-photo"))
    if update.voice_file_id:
        parts.append(t.get("pj-has-voice"))
    if not parts:
        parts.append(t.get("pj-no-words"))
    return " ".join(parts)


def money(t: Texts, project: Project) -> str:
    return t.get("pj-money", spent=format_pounds(project.spent_pence),
                 award=format_pounds(project.award_pence))


def round_page(t: Texts, round_name: str, projects: list[Project], bids: dict[int, Bid],
               latest: dict[int, ProjectUpdate], late: set[int]) -> list[str]:
    """One or more messages (a round may fund many projects), each inside Telegram's limit."""
    blocks = [t.get("pj-round-title", round=escape(round_name))]
    for project in projects:
        status = status_name(t, project.status)
        if project.id in late:
            status += " · " + t.get("pj-late")
        update = latest.get(project.id)
        blocks.append("\n".join((
            f"<b>{project_name(bids.get(project.bid_id))}</b> — {status}", money(t, project),
            t.get("pj-latest", words=words(t, update)) if update else t.get("pj-no-update"))))
    return pack(blocks)


def pack(blocks: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Blocks joined by blank lines into as few messages as fit in `limit` each."""
    messages: list[str] = []
    for block in blocks:
        if messages and len(messages[-1]) + 2 + len(block) <= limit:
            messages[-1] += "\n\n" + block
        else:
            messages.append(block[:limit])
    return messages


def round_buttons(t: Texts, round_id: int, projects: list[Project], bids: dict[int, Bid],
                  follow: bool | None) -> InlineKeyboardMarkup:
    """`follow`: None if this person may not follow, else whether they do now."""
    rows = [[InlineKeyboardButton(
        text=plain_name(bids.get(p.bid_id)),
        callback_data=ProjectCb(action=ProjectAction.SHOW, round=round_id,
                                project=p.id).pack())] for p in projects]
    if follow is not None:
        action = ProjectAction.UNFOLLOW if follow else ProjectAction.FOLLOW
        rows.append([InlineKeyboardButton(
            text=t.get("pj-unfollow-button" if follow else "pj-follow-button"),
            callback_data=ProjectCb(action=action, round=round_id).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def project_page(t: Texts, project: Project, bid: Bid | None, updates: list[ProjectUpdate],
                 tz: ZoneInfo, locale: str, payments: Money | None = None) -> str:
    """`payments`: for organisers, what they recorded as paid and returned."""
    lines = [f"<b>{project_name(bid)}</b>", status_name(t, project.status), money(t, project)]
    if not project.finished:  # when the group is asked (the round's schedule)
        lines.append(t.get("pj-schedule", days=shown(parse_ask_days(project.ask_days))))
    if len(updates) > PAGE_UPDATES:
        lines.append(t.get("pj-newest", shown=PAGE_UPDATES, count=len(updates)))
    if payments is not None:
        lines.append(t.get("pj-payments", paid=format_pounds(payments.paid_pence),
                           returned=format_pounds(payments.returned_pence)))
    if not updates:
        lines += ["", t.get("pj-no-update")]
    for number, update in enumerate(updates[:PAGE_UPDATES], start=1):
        head = f"{number}. {show_local(update.created_at, tz, locale)}"
        if update.status:
            head += " · " + status_name(t, update.status)
        if update.spent_pence is not None:
            head += " · " + t.get("pj-spent", spent=format_pounds(update.spent_pence))
        if update.by_organiser:
            head += " · " + t.get("pj-organiser-note")
        lines += ["", head, words(t, update, limit=PAGE_WORDS)]
    return "\n".join(lines)


def project_buttons(t: Texts, project: Project, updates: list[ProjectUpdate], *,
                    group: bool, organiser: bool, member: bool = False,
                    hand_to: tuple[tuple[int, str], ...] = (),
                    owner_link: Place | None = None) -> InlineKeyboardMarkup:
    """`group`: may send an update; `member`: owner or co-owner (their group's page);
    `hand_to`: the co-owners (membership id, name as the group's page shows it) an organiser
    may hand the project to (handlers/project_handover.py); `owner_link`: an organiser may
    make a link for the owner's place (models/project_owner_link.py), at once when it is
    empty, or after a question while the owner holds it."""
    def button(text: str, action: ProjectAction, value: int = 0) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=text, callback_data=ProjectCb(
            action=action, round=project.round_id, project=project.id, value=value).pack())

    rows = []
    if group:
        rows.append([button(t.get("pj-update-button"), ProjectAction.UPDATE)])
    if member:
        rows.append([InlineKeyboardButton(text=t.get("pj-group-button"), callback_data=TeamCb(
            action=TeamAction.SHOW, project=project.id).pack())])
    if organiser:
        rows += [[button(t.get("pj-hide-button", number=n), ProjectAction.HIDE, u.id)]
                 for n, u in enumerate(updates[:PAGE_UPDATES], start=1)]
        rows.append([button(t.get("pj-note-button"), ProjectAction.NOTE)])
        rows.append([button(t.get("pj-pay-button"), ProjectAction.PAY),
                     button(t.get("pj-return-button"), ProjectAction.RETURN)])
        rows.append([InlineKeyboardButton(text=t.get("pjm-fix-button"), callback_data=MoneyFixCb(
            action=MoneyAction.LIST, project=project.id).pack())])
        rows += [[InlineKeyboardButton(
            text=t.get("pgh-button", person=name),
            callback_data=HandCb(action=HandAction.PICK, project=project.id,
                                 member=member).pack())] for member, name in hand_to]
        if owner_link is not None:
            action = HandAction.LINK if owner_link is Place.EMPTY else HandAction.LINK_ASK
            rows.append([InlineKeyboardButton(text=t.get("pgo-button"), callback_data=HandCb(
                action=action, project=project.id).pack())])
    rows.append([button(t.get("pj-back-button"), ProjectAction.ROUND)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def one_button(t: Texts, key: str, action: ProjectAction, project: Project
               ) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
        text=t.get(key), callback_data=ProjectCb(action=action, round=project.round_id,
                                                 project=project.id).pack())]])


def permission_buttons(t: Texts, project: Project) -> InlineKeyboardMarkup:
    def button(key: str, action: ProjectAction) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=t.get(key), callback_data=ProjectCb(
            action=action, round=project.round_id, project=project.id).pack())
    return InlineKeyboardMarkup(inline_keyboard=[
        [button("pj-permission-yes", ProjectAction.PERMISSION)],
        [button("pj-permission-no", ProjectAction.NO_PERMISSION)]])


def status_buttons(t: Texts, project: Project) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
        text=status_name(t, status), callback_data=ProjectCb(
            action=ProjectAction.STATUS, round=project.round_id, project=project.id,
            value=index).pack())] for index, status in enumerate(STATUSES)])


def digest(t: Texts, items: list[tuple[ProjectUpdate, Project]], bids: dict[int, Bid],
           round_names: dict[int, str]) -> str:
    """A follower's weekly round-up: one block per update, the frame in their language."""
    lines = [t.get("pj-digest-title")]
    for update, project in items[:DIGEST_ITEMS]:
        head = t.get("pj-digest-item", name=project_name(bids.get(project.bid_id)),
                     round=escape(round_names.get(project.round_id, "")),
                     status=status_name(t, project.status))
        lines += ["", head, money(t, project), words(t, update)]
    if len(items) > DIGEST_ITEMS:
        lines += ["", t.get("pj-digest-more", count=len(items) - DIGEST_ITEMS)]
    lines += ["", t.get("pj-digest-end")]
    return "\n".join(lines)


def ask_text(t: Texts, key: str, bid: Bid | None, round_name: str, project: Project) -> str:
    return t.get(key, name=project_name(bid), round=escape(round_name),
                 award=format_pounds(project.award_pence))
