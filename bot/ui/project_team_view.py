"""What a funded project's group sees about itself: who is in it, the invitation link, the
confirmation to join, and "Your projects" under My things.

Callback data (`TeamCb`, bot/ui/callbacks/projects.py) is only pointers:
handlers/project_team.py reloads the project and checks who may do what now. The join button
carries the invitation's token itself (the secret), so a forged button without the link joins
no one.
"""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.callbacks.projects import (
    ClaimCb,
    HandAction,
    HandCb,
    ProjectAction,
    ProjectCb,
    TeamAction,
    TeamCb,
)
from bot.ui.event_texts import deep_link
from bot.ui.project_view import Texts, money, plain_name, project_name, status_name
from models.bid import Bid
from models.project import Project
from models.project_team import ProjectMember

INVITE_KIND = "pj"  # t.me/<bot>?start=pj_<token> (bot/ui/deeplinks.py)


def invite_link(bot_username: str, token: str) -> str:
    return deep_link(bot_username, f"{INVITE_KIND}_{token}")


def _button(text: str, action: TeamAction, project: int = 0, person: int = 0,
            token: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=TeamCb(
        action=action, project=project, person=person, token=token).pack())


def member_name(t: Texts, member: ProjectMember, bid: Bid | None = None) -> str:
    return person_name(t, member.first_name, member.telegram_id, bid)


def person_name(t: Texts, first_name: str | None, telegram_id: int, bid: Bid | None) -> str:
    """The first name they joined with; an owner who became a co-owner when an organiser
    handed the project on has none: then, if they sent the bid, that."""
    if first_name:
        return first_name
    sent_bid = bid is not None and bid.owner_telegram_id == telegram_id
    return t.get("pg-bidder-name" if sent_bid else "pg-no-name")


def group_page(t: Texts, project: Project, bid: Bid | None, members: list[ProjectMember],
               viewer: int) -> str:
    owner = project.owner_telegram_id == viewer
    lines = [t.get("pg-title", name=project_name(bid))]
    if project.owner_telegram_id is not None:  # None once the owner used /forget
        # Someone an organiser handed the project to did not send the bid.
        sent_bid = bid is not None and bid.owner_telegram_id == project.owner_telegram_id
        key = "pg-owner" if sent_bid else "pg-owner-handed"
        lines.append(t.get(f"{key}-you" if owner else key))
    for member in members:
        name = escape(member_name(t, member, bid))
        lines.append(t.get("pg-member-you", name=name) if member.telegram_id == viewer
                     else t.get("pg-member", name=name))
    if not members:
        lines.append(t.get("pg-no-members"))
    lines += ["", t.get("pg-explain-owner" if owner else "pg-explain-member")]
    return "\n".join(lines)


def group_buttons(t: Texts, project: Project, members: list[ProjectMember], viewer: int, *,
                  can_invite: bool, bid: Bid | None = None) -> InlineKeyboardMarkup:
    rows = []
    if not project.finished:
        rows.append([InlineKeyboardButton(text=t.get("pj-update-button"), callback_data=ProjectCb(
            action=ProjectAction.UPDATE, round=project.round_id, project=project.id).pack())])
    if project.owner_telegram_id == viewer:
        if can_invite:
            rows.append([_button(t.get("pg-invite-button"), TeamAction.INVITE, project.id)])
        rows += [[_button(t.get("pg-remove-button", name=member_name(t, member, bid)),
                          TeamAction.REMOVE, project.id, member.telegram_id)]
                 for member in members]
        if not project.finished:  # the owner may hand the project to a co-owner
            rows += [[InlineKeyboardButton(
                text=t.get("pg-owner-button", name=member_name(t, member, bid)),
                callback_data=HandCb(action=HandAction.OWNER_PICK, project=project.id,
                                     member=member.id).pack())] for member in members]
    elif any(member.telegram_id == viewer for member in members):
        rows.append([_button(t.get("pg-leave-button"), TeamAction.LEAVE, project.id)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def confirm_buttons(t: Texts, yes_key: str, yes: TeamAction, project: int = 0, person: int = 0,
                    token: str = "") -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button(t.get(yes_key), yes, project, person, token)],
        [_button(t.get("pg-no-button"), TeamAction.NO, project)]])


def claim_buttons(t: Texts, project: int, token: str) -> InlineKeyboardMarkup:
    """Yes (with the link's token) / No to looking after a project with no owner."""
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t.get("pgo-yes"),
                              callback_data=ClaimCb(project=project, token=token).pack())],
        [_button(t.get("pg-no-button"), TeamAction.NO, project)]])


def mine_lines(t: Texts, made: list[Project], bids: dict[int, Bid]) -> list[str]:
    """"Your projects" under My things: each with its status and money."""
    lines = [t.get("pg-mine-title")]
    for project in made:
        lines.append(f"• {project_name(bids.get(project.bid_id))} — "
                     f"{status_name(t, project.status)} · {money(t, project)}")
    return lines


def mine_rows(t: Texts, made: list[Project], bids: dict[int, Bid]
              ) -> list[list[InlineKeyboardButton]]:
    rows = []
    for project in made:
        name = plain_name(bids.get(project.bid_id))
        if not project.finished:
            rows.append([InlineKeyboardButton(
                text=t.get("pg-mine-update", name=name), callback_data=ProjectCb(
                    action=ProjectAction.UPDATE, round=project.round_id,
                    project=project.id).pack())])
        rows.append([_button(t.get("pg-mine-group", name=name), TeamAction.SHOW, project.id)])
    return rows
