"""The questions of handing a project to one of its co-owners, by an organiser or by the owner
(handlers/project_handover.py, handlers/project_pass.py), and who is told what afterwards.

The Yes carries what the question showed (`HandCb`: the project, its owner, the co-owner's
membership and the project's hand-over count), so the handler can refuse it once any of them
has changed. The organiser's question before making a link for a new owner while the owner is
still here (models/project_owner_link.py) is built the same way.
"""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.callbacks.projects import HandAction, HandCb, TeamAction, TeamCb
from bot.ui.project_team_view import member_name, person_name
from bot.ui.project_view import Texts, project_name
from models.bid import Bid
from models.project import Project
from models.project_handover import Handed, Offer, Way

# What each way of handing on says: the organiser's (or owner's) question, the answer after
# Yes, the new owner's message and the old owner's (None: not told, as they tapped Yes or
# have gone).
QUESTION = {Way.GONE: "pgh-ask", Way.TAKEN: "pgh-ask-taken", Way.PASSED: "pg-ask-owner"}
DONE = {Way.GONE: "pgh-done", Way.TAKEN: "pgh-done-taken", Way.PASSED: "pg-owner-done"}
TOLD_NEW = {Way.GONE: "pgh-told-owner", Way.TAKEN: "pgh-told-owner-taken",
            Way.PASSED: "pg-told-owner-passed"}
TOLD_OLD = {Way.TAKEN: "pgh-told-old-owner"}
TOLD_OLD_OUT = "pg-told-removed"  # the old owner found no place in the group
# An owner whose place someone took by an organiser's link (models/project_owner_link.py).
TOLD_REPLACED = "pgo-told-old-owner"


def new_owner(t: Texts, handed: Handed, bid: Bid | None) -> str:
    return escape(person_name(t, handed.new_owner_name, handed.new_owner, bid))


def told_old(handed: Handed) -> str | None:
    """What the old owner is told: nothing if they are gone or tapped Yes themselves."""
    if handed.old_owner is None:
        return None
    return TOLD_OLD.get(handed.way) if handed.old_kept else TOLD_OLD_OUT


def told_replaced(kept: bool) -> str:
    """What an owner still here is told when someone took their place by an organiser's link."""
    return TOLD_REPLACED if kept else TOLD_OLD_OUT


def question(t: Texts, way: Way, offer: Offer, bid: Bid | None
             ) -> tuple[str, InlineKeyboardMarkup]:
    """The Yes/No question for handing the offer's project to its co-owner."""
    owner_asks = way is Way.PASSED
    yes = HandCb(action=HandAction.OWNER_YES if owner_asks else HandAction.YES,
                 project=offer.project.id, member=offer.member.id, owner=offer.owner or 0,
                 turn=offer.turn).pack()
    no = (TeamCb(action=TeamAction.NO, project=offer.project.id) if owner_asks
          else HandCb(action=HandAction.NO, project=offer.project.id)).pack()
    markup = InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t.get("pgh-yes"), callback_data=yes)],
        [InlineKeyboardButton(text=t.get("pg-no-button" if owner_asks else "cf-no"),
                              callback_data=no)]])
    return t.get(QUESTION[way], name=project_name(bid),
                 person=escape(member_name(t, offer.member, bid))), markup


def link_question(t: Texts, project: Project, bid: Bid | None
                  ) -> tuple[str, InlineKeyboardMarkup]:
    """"Make a link for a new owner?" while the owner is still here (models/project_owner_link.py).
    The Yes carries the owner and the hand-over count the question saw."""
    yes = HandCb(action=HandAction.LINK, project=project.id, owner=project.owner_telegram_id,
                 turn=project.handovers).pack()
    markup = InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t.get("pgo-yes-make"), callback_data=yes)],
        [InlineKeyboardButton(text=t.get("cf-no"), callback_data=HandCb(
            action=HandAction.NO, project=project.id).pack())]])
    return t.get("pgo-ask-held", name=project_name(bid)), markup
