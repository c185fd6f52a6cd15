"""Keyboards for events: pure functions of the translator and their inputs.

They return aiogram markup; `as_payload` turns one into the dict an outbox row stores.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.ui.callbacks import EventAction, EventAdminAction, EventAdminCb, EventCb, MenuCb, MenuItem
from bot.ui.event_texts import KIND_KEYS, Texts, list_label
from models.event import Event, EventKind, Helper, HelperStatus, Registration, RegStatus, Role
from models.event_rules import OFFERED_PLACE, OFFERED_WAITING

Act = EventAction
Adm = EventAdminAction
KINDS = tuple(EventKind)
# Fields an organiser can change, numbered for the Edit buttons (the number is the value).
EDITABLE = ("title_en", "title_cy", "description_en", "description_cy", "area", "venue",
            "address", "starts_at", "ends_at", "capacity", "reminder_offsets",
            "helpers_arrive_at", "questions")
FIELD_KEYS = {
    "title_en": "ev-field-title-en", "title_cy": "ev-field-title-cy",
    "description_en": "ev-field-description-en", "description_cy": "ev-field-description-cy",
    "area": "ev-field-area", "venue": "ev-field-venue", "address": "ev-field-address",
    "starts_at": "ev-field-starts", "ends_at": "ev-field-ends", "capacity": "ev-field-capacity",
    "reminder_offsets": "ev-field-reminders", "helpers_arrive_at": "ev-field-arrive",
    "questions": "ev-field-questions",
}


def as_payload(markup: InlineKeyboardMarkup) -> dict[str, Any]:
    return markup.model_dump(mode="json", exclude_none=True)


def _one(text: str, data: EventCb | EventAdminCb) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=text, callback_data=data)
    return builder.as_markup()


# --- residents ------------------------------------------------------------------------------

def events_list(i18n: Texts, events: Sequence[Event], tz: ZoneInfo) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for event in events:
        builder.button(text=list_label(i18n, event, tz),
                       callback_data=EventCb(action=Act.SHOW, event_id=event.id))
    builder.adjust(1)
    return builder.as_markup()


def event_card(i18n: Texts, event: Event, registration: Registration | None, full: bool,
               has_roles: bool, helper: Helper | None) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    status = RegStatus(registration.status) if registration else RegStatus.CANCELLED
    if event.is_open:
        if status is RegStatus.CONFIRMED:
            builder.button(text=i18n.get("ev-ticket"),
                           callback_data=EventCb(action=Act.TICKET, event_id=event.id))
            builder.button(text=i18n.get("ev-cancel-place"),
                           callback_data=EventCb(action=Act.CANCEL, event_id=event.id))
        elif status is RegStatus.OFFERED:
            builder.button(text=i18n.get("ev-accept"),
                           callback_data=EventCb(action=Act.ACCEPT, event_id=event.id))
            builder.button(text=i18n.get("ev-decline"),
                           callback_data=EventCb(action=Act.DECLINE, event_id=event.id))
        elif status is RegStatus.WAITING:
            builder.button(text=i18n.get("ev-leave-waiting"),
                           callback_data=EventCb(action=Act.CANCEL, event_id=event.id))
        else:
            # `value` says what the card offered, so an old card's tap can be checked.
            builder.button(text=i18n.get("ev-join-waiting" if full else "ev-register"),
                           callback_data=EventCb(action=Act.REGISTER, event_id=event.id,
                                                 value=OFFERED_WAITING if full else OFFERED_PLACE))
        if helper is not None:
            builder.button(text=i18n.get("ev-unhelp"),
                           callback_data=EventCb(action=Act.UNHELP, event_id=event.id))
        elif has_roles:
            builder.button(text=i18n.get("ev-help"),
                           callback_data=EventCb(action=Act.HELP, event_id=event.id))
    builder.button(text=i18n.get("ev-all-events"), callback_data=EventCb(action=Act.LIST))
    builder.adjust(1)
    return builder.as_markup()


def skip(i18n: Texts, key: str, event_id: int) -> InlineKeyboardMarkup:
    return _one(i18n.get(key), EventCb(action=Act.SKIP, event_id=event_id))


def cancel_confirm(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("ev-cancel-yes"),
                   callback_data=EventCb(action=Act.CANCEL_YES, event_id=event_id))
    builder.button(text=i18n.get("ev-cancel-keep"),
                   callback_data=EventCb(action=Act.KEEP, event_id=event_id))
    return builder.as_markup()


def offer(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("ev-accept"),
                   callback_data=EventCb(action=Act.ACCEPT, event_id=event_id))
    builder.button(text=i18n.get("ev-decline"),
                   callback_data=EventCb(action=Act.DECLINE, event_id=event_id))
    return builder.as_markup()


def after_registration(i18n: Texts, event_id: int, waiting: bool = False) -> InlineKeyboardMarkup:
    """Under a ticket or a place on the waiting list: leave it, all events, the menu."""
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("ev-leave-waiting" if waiting else "ev-cancel-place"),
                   callback_data=EventCb(action=Act.CANCEL, event_id=event_id))
    builder.button(text=i18n.get("ev-all-events"), callback_data=EventCb(action=Act.LIST))
    builder.button(text=i18n.get("menu-again"), callback_data=MenuCb(item=MenuItem.MENU))
    builder.adjust(1)
    return builder.as_markup()


def reminder(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    return _one(i18n.get("ev-cant-come"), EventCb(action=Act.CANCEL, event_id=event_id))


def briefing(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    return _one(i18n.get("ev-cant-help"), EventCb(action=Act.UNHELP, event_id=event_id))


def roles(i18n: Texts, event_id: int, event_roles: Sequence[Role]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for role in event_roles:
        builder.button(text=role.name(i18n.locale),
                       callback_data=EventCb(action=Act.ROLE, event_id=event_id, value=role.id))
    builder.button(text=i18n.get("ev-back"), callback_data=EventCb(action=Act.SHOW,
                                                                   event_id=event_id))
    builder.adjust(1)
    return builder.as_markup()


def mine(i18n: Texts, entries: Sequence[tuple[Event, Registration | None, Any]]
         ) -> list[list[tuple[str, EventCb]]]:
    """Rows of (text, callback) for the My things screen, one entry per event
    (models.event_rules.one_per_event): open it, and leave the list or stop helping. With
    both to offer, the event's button has a row of its own above them."""
    rows = []
    for event, registration, helper_role in entries:
        open_it = (event.title(i18n.locale)[:40], EventCb(action=Act.SHOW, event_id=event.id))
        actions = []
        if registration is not None:
            cancel_key = ("ev-mine-leave" if registration.status == RegStatus.WAITING
                          else "ev-mine-cancel")
            actions.append((i18n.get(cancel_key), EventCb(action=Act.CANCEL, event_id=event.id)))
        if helper_role is not None:
            actions.append((i18n.get("ev-mine-unhelp"),
                            EventCb(action=Act.UNHELP, event_id=event.id)))
        rows += [[open_it], actions] if len(actions) > 1 else [[open_it, *actions]]
    return rows


# --- organisers -----------------------------------------------------------------------------

def kinds(i18n: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for number, kind in enumerate(KINDS):
        builder.button(text=i18n.get(KIND_KEYS[kind]),
                       callback_data=EventAdminCb(action=Adm.KIND, value=number))
    builder.adjust(2)
    return builder.as_markup()


def questions(i18n: Texts, first_name: bool, access: bool,
              event_id: int = 0) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for number, (key, on) in enumerate((("ev-q-first-name", first_name),
                                        ("ev-q-access", access)), start=1):
        builder.button(text=i18n.get("ev-q-on" if on else "ev-q-off", question=i18n.get(key)),
                       callback_data=EventAdminCb(action=Adm.ASK, event_id=event_id,
                                                  value=number))
    builder.button(text=i18n.get("ev-done"),
                   callback_data=EventAdminCb(action=Adm.ASKED, event_id=event_id))
    builder.adjust(1)
    return builder.as_markup()


def admin_skip(i18n: Texts, key: str, event_id: int = 0) -> InlineKeyboardMarkup:
    return _one(i18n.get(key), EventAdminCb(action=Adm.SKIP, event_id=event_id))


def create_confirm(i18n: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("ev-create"), callback_data=EventAdminCb(action=Adm.CREATE))
    builder.button(text=i18n.get("ev-discard"), callback_data=EventAdminCb(action=Adm.DISCARD))
    return builder.as_markup()


def admin_list(i18n: Texts, events: Sequence[Event], tz: ZoneInfo,
               action: EventAdminAction = Adm.OPEN) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for event in events:
        label = list_label(i18n, event, tz)
        if not event.is_open:
            label = i18n.get("ev-admin-list-cancelled", event=label)
        builder.button(text=label,
                       callback_data=EventAdminCb(action=action, event_id=event.id))
    builder.adjust(1)
    return builder.as_markup()


def admin_card(i18n: Texts, event: Event) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    actions = [(Adm.REGS, "ev-admin-regs"), (Adm.EXPORT, "ev-admin-export"),
               (Adm.POSTER, "ev-admin-poster")]
    if event.is_open:
        actions = [(Adm.EDIT, "ev-admin-edit"), *actions,
                   (Adm.CHECKIN, "ev-admin-checkin"), (Adm.ROLES, "ev-admin-roles"),
                   (Adm.HELPERS, "ev-admin-helpers"), (Adm.MESSAGE_HELPERS, "ev-admin-message"),
                   (Adm.CANCEL, "ev-admin-cancel")]
    for action, key in actions:
        builder.button(text=i18n.get(key), callback_data=EventAdminCb(action=action,
                                                                      event_id=event.id))
    builder.button(text=i18n.get("ev-back"), callback_data=EventAdminCb(action=Adm.LIST))
    builder.adjust(2)
    return builder.as_markup()


def back_to_card(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    return _one(i18n.get("ev-back"), EventAdminCb(action=Adm.OPEN, event_id=event_id))


def edit_fields(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for number, field in enumerate(EDITABLE, start=1):
        builder.button(text=i18n.get(FIELD_KEYS[field]),
                       callback_data=EventAdminCb(action=Adm.EDIT, event_id=event_id,
                                                  value=number))
    builder.button(text=i18n.get("ev-back"), callback_data=EventAdminCb(action=Adm.OPEN,
                                                                        event_id=event_id))
    builder.adjust(2)
    return builder.as_markup()


def cancel_event_confirm(i18n: Texts, event_id: int, people: int = 0) -> InlineKeyboardMarkup:
    """Yes carries how many people the question said would be told (re-checked on the tap)."""
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("ev-admin-cancel-yes"),
                   callback_data=EventAdminCb(action=Adm.CANCEL_YES, event_id=event_id,
                                              value=people))
    builder.button(text=i18n.get("ev-back"), callback_data=EventAdminCb(action=Adm.OPEN,
                                                                        event_id=event_id))
    return builder.as_markup()


def role_admin(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("ev-admin-add-role"),
                   callback_data=EventAdminCb(action=Adm.ADD_ROLE, event_id=event_id))
    builder.button(text=i18n.get("ev-back"), callback_data=EventAdminCb(action=Adm.OPEN,
                                                                        event_id=event_id))
    return builder.as_markup()


def helpers(i18n: Texts, event_id: int,
            people: Sequence[tuple[Helper, Role]]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for helper, role in people:
        if helper.status != HelperStatus.CONFIRMED:
            builder.button(
                text=i18n.get("ev-admin-confirm-helper", name=helper.first_name,
                              role=role.name(i18n.locale)),
                callback_data=EventAdminCb(action=Adm.CONFIRM_HELPER, event_id=event_id,
                                           value=helper.id))
    builder.button(text=i18n.get("ev-back"), callback_data=EventAdminCb(action=Adm.OPEN,
                                                                        event_id=event_id))
    builder.adjust(1)
    return builder.as_markup()


def checkin(i18n: Texts, event_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("ev-checkin-walkin"),
                   callback_data=EventAdminCb(action=Adm.WALKIN, event_id=event_id))
    builder.button(text=i18n.get("ev-checkin-finish"),
                   callback_data=EventAdminCb(action=Adm.CHECKOUT, event_id=event_id))
    return builder.as_markup()
