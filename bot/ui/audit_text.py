"""The audit log in words (handlers/audit.py): each entry as a sentence in the reader's
language, from its event code and our own lists; never raw callback data or state names.

Pure functions of a translator (`.get(key, **variables)`, `.locale`) and the entries.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from bot.ui.commands import COMMANDS, ORGANISER_COMMANDS
from models.amounts import format_pounds
from models.audit import AuditEntry, Event

# Button areas by callback prefix (bot/*callbacks.py), each worded as `audit-area-<prefix>`.
AREAS = frozenset({"bc", "org", "rv", "rn", "rst", "eva", "va", "pp", "rsa", "vac", "fl",
                   "wca", "cf", "au", "pjm", "pgh"})
# Conversations (StatesGroup names), each worded as `audit-step-<name in lower case>`.
STEPS = frozenset({"addorganiser", "festivalsetup", "makecodes", "reviewflow", "paperentry",
                   "cafeadmin", "draft", "newevent", "editevent", "roledraft", "helpermessage",
                   "newround", "checkingin", "fixflow"})
KNOWN_COMMANDS = frozenset(COMMANDS) | frozenset(ORGANISER_COMMANDS)
SENTENCES = frozenset({Event.COMMAND, Event.BUTTON, Event.ANSWER, Event.REFUSED_COMMAND,
                       Event.REFUSED_BUTTON, Event.BIDS_CLOSED, Event.VOTING_OPENED,
                       Event.VOTING_CLOSED, Event.VOTING_REOPENED, Event.RESULTS_PUBLISHED,
                       Event.ORGANISER_ADDED, Event.ORGANISER_REMOVED, Event.BROADCAST_RETRIED,
                       Event.PAYMENT_CHANGED, Event.PAYMENT_REMOVED,
                       Event.PROJECT_HANDED, Event.PROJECT_TAKEN, Event.PROJECT_PASSED,
                       Event.PROJECT_OWNER_LINK, Event.PROJECT_CLAIMED,
                       Event.PROJECT_REPLACED})
PAYMENT_KINDS = frozenset({"paid", "returned"})


def who(i18n: Any, name: str | None, quote: Callable[[str], str] = escape) -> str:
    return quote(name) if name else i18n.get("audit-someone")


def sentence(i18n: Any, entry: AuditEntry, round_names: Mapping[int, str],
             quote: Callable[[str], str] = escape) -> str:
    """One entry in words. `quote` escapes names for HTML (identity for a CSV file)."""
    detail = entry.detail or {}
    event = entry.event if entry.event in SENTENCES else "legacy"
    command = str(detail.get("command", ""))
    area = str(detail.get("area", ""))
    step = str(detail.get("step", "")).lower()
    return i18n.get(
        f"audit-ev-{event}",
        who=who(i18n, entry.actor_name, quote),
        round=quote(round_names.get(entry.round_id or 0, "")) or i18n.get(
            "audit-round-gone", id=entry.round_id or 0),
        command=command if command in KNOWN_COMMANDS else i18n.get("audit-a-command"),
        area=i18n.get(f"audit-area-{area}" if area in AREAS else "audit-area-other"),
        step=i18n.get(f"audit-step-{step}" if step in STEPS else "audit-step-other"),
        bids=int(detail.get("bids") or 0), ballots=int(detail.get("ballots") or 0),
        funded=int(detail.get("funded") or 0), people=int(detail.get("people") or 0),
        kind=detail.get("kind") if detail.get("kind") in PAYMENT_KINDS else "other",
        project=quote(str(detail.get("project") or "?")[:16]),
        was=format_pounds(_pence(detail.get("was"))), to=format_pounds(_pence(detail.get("to"))))


def _pence(value: object) -> int:
    return value if isinstance(value, int) else 0


# Spreadsheets run cells starting with these as formulas; a first name is never a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def log_csv(i18n: Any, entries: Sequence[AuditEntry], round_names: Mapping[int, str],
            when: Callable[[AuditEntry], str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([i18n.get(f"audit-col-{c}") for c in ("when", "who", "what", "round")])
    for entry in entries:
        writer.writerow([_cell(value) for value in (
            when(entry), who(i18n, entry.actor_name, str) if entry.event not in (
                Event.REFUSED_COMMAND, Event.REFUSED_BUTTON) else i18n.get("audit-resident"),
            sentence(i18n, entry, round_names, str),
            round_names.get(entry.round_id or 0, ""))])
    return out.getvalue().encode("utf-8-sig")
