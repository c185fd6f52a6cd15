"""Callback data of /projects and of a group's update. Short prefix: 64 bytes at most.

Ids are only pointers: every handler reloads the project (and update) and checks who may do
what with it now, so a forged or old button changes nothing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.ui.callbacks.ids import RowId, TelegramId


class ProjectAction(StrEnum):
    ROUND = "r"  # a round's funded projects
    SHOW = "s"  # one project and its updates, newest first
    FOLLOW = "f"  # tell me how the round's projects get on
    UNFOLLOW = "n"
    UPDATE = "u"  # the group starts an update
    PERMISSION = "p"  # the group has permission from the people in its photo
    NO_PERMISSION = "x"
    SKIP_SPENT = "k"
    STATUS = "t"  # value: the index of the status in STATUSES; saves the update
    HIDE = "h"  # organisers: value is the update's id
    NOTE = "o"  # organisers: add their own note
    PAY = "m"  # organisers: record money paid to the group
    RETURN = "b"  # organisers: record money the group gave back


# Handled behind the organiser filter (handlers/projects.py admin_router).
ORGANISER_ACTIONS = frozenset({ProjectAction.HIDE, ProjectAction.NOTE, ProjectAction.PAY,
                               ProjectAction.RETURN})


class ProjectCb(CallbackData, prefix="pj"):
    action: ProjectAction
    round: RowId = 0
    project: RowId = 0
    value: RowId = 0


class TeamAction(StrEnum):
    """A funded project's group: its page, invitations, co-owners (bot/ui/project_team_view.py).

    The join button carries the invitation's token itself (the secret), so a forged button
    without the link joins no one."""

    SHOW = "s"  # the group's page
    INVITE = "i"  # the owner makes a one-time link
    REMOVE = "r"  # the owner asks to remove a co-owner (person)
    REMOVE_YES = "R"
    LEAVE = "l"  # a co-owner asks to leave
    LEAVE_YES = "L"
    JOIN = "j"  # whoever opened a link confirms (token)
    NO = "n"  # not now (to joining, removing or leaving)


class TeamCb(CallbackData, prefix="pg"):
    action: TeamAction
    project: RowId = 0
    person: TelegramId = 0
    token: str = ""


class HandAction(StrEnum):
    PICK = "p"  # an organiser asks "hand it to …?" (member)
    YES = "y"  # member, owner, turn: as the question showed them
    NO = "n"
    OWNER_PICK = "o"  # the owner asks "hand it to …?" on their group's page (member)
    OWNER_YES = "w"  # member, owner, turn, as for YES; the owner's No is TeamAction.NO
    LINK = "k"  # an organiser makes a link for the owner's place: at once when it is empty
    # (project), or the Yes of LINK_ASK (owner, turn: as the question showed them)
    LINK_ASK = "q"  # an organiser asks "make a link for a new owner?" while the owner is here


class HandCb(CallbackData, prefix="pgh"):
    """Handing a project to one of its co-owners: by an organiser (handlers/project_handover.py)
    or by its owner (handlers/project_pass.py). A Yes carries the co-owner's membership, the
    owner the question saw (0: none) and the project's hand-over count then, so it acts only
    while all three are still so, and once. The Yes to making a link for a new owner while the
    owner is here carries the owner and the count the same way."""

    action: HandAction
    project: RowId = 0
    member: RowId = 0
    owner: TelegramId = 0
    turn: RowId = 0


class ClaimCb(CallbackData, prefix="pgo"):
    """"Look after this project for its group?" after opening a link an organiser made for the
    owner's empty place (handlers/project_claim.py). The Yes carries the link's token itself
    (the secret): a forged Yes without it takes no one's place. The No is TeamAction.NO."""

    project: RowId
    token: str


class FollowOfferCb(CallbackData, prefix="pjf"):
    """"Tell me how the projects get on?" under a voter's receipt (handlers/project_follow.py).
    It names the round and the person it was offered to, nothing about the ballot: the tap is
    checked again (same person, round still there, still on its roll or at its events)."""

    round: RowId
    who: TelegramId
    yes: bool


# Money in pence (a correction's amounts): never negative, and no more than an entry may hold
# (models/amounts.py MAX_PENCE, with room), so a Yes stays inside Telegram's 64 bytes.
Pence = Annotated[int, Field(ge=0, le=10**10)]


class MoneyAction(StrEnum):
    LIST = "l"  # a project's recent payment entries
    PICK = "p"  # one entry: change its amount, or remove it
    CHANGE = "c"  # asks for the right amount
    REMOVE = "r"  # asks to confirm the removal
    YES = "y"  # the confirmation's Yes: `was` as shown, `to` the new amount (0: remove)
    NO = "n"


class MoneyFixCb(CallbackData, prefix="pjm"):
    """Correcting a recorded payment (handlers/project_money.py, organisers only). A Yes carries
    the amount its question showed, so it acts only while the entry still holds that amount."""

    action: MoneyAction
    project: RowId = 0
    payment: RowId = 0
    was: Pence = 0
    to: Pence = 0
