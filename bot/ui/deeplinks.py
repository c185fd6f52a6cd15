"""Deep-link payloads (`t.me/<bot>?start=<payload>`), checked before anything trusts them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Telegram allows at most 64 characters from this alphabet.
PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# kind prefix -> what follows it. Features add their own kinds (events, voting codes).
KINDS: dict[str, re.Pattern[str]] = {
    "ev": re.compile(r"[1-9]\d{0,9}"),  # an event: ev_<id> (handlers/events.py)
    "v": re.compile(r"[A-Za-z0-9]{4,20}"),  # a voting code card: v_<code> (handlers/vote.py)
    "wc": re.compile(r"[A-Za-z0-9]{10}"),  # a World Café question: wc_<token> (worldcafe.py)
    # An invitation to a funded project's group: pj_<token> (handlers/project_team.py). Any
    # token-like value gets as far as the lookup, so an old or mangled link is told "out of
    # date" rather than "unknown".
    "pj": re.compile(r"[A-Za-z0-9_-]{8,61}"),
}


@dataclass(frozen=True)
class DeepLink:
    kind: str
    value: str


def parse_payload(payload: str | None) -> DeepLink | None:
    if not payload or not PAYLOAD.match(payload):
        return None
    kind, _, value = payload.partition("_")
    pattern = KINDS.get(kind)
    if pattern is None or not pattern.fullmatch(value):
        return None
    return DeepLink(kind=kind, value=value)
