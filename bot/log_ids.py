"""How logs name a person: never by Telegram id, only by a short keyed pseudonym.

The key is random, made when the process starts and never written anywhere, so lines of one
process about one person can be read together ("p3f9a1c2e refused ... p3f9a1c2e flooded"), yet
nobody holding the logs, the database and the settings can turn a pseudonym back into an id,
even by trying every possible id. After a restart the same person gets a new pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

_KEY = secrets.token_bytes(32)
LENGTH = 8  # hex digits: enough to tell people apart in one incident, too few to be an id


def pseudonym(telegram_id: int | None) -> str:
    if telegram_id is None:
        return "nobody"
    digest = hmac.new(_KEY, str(telegram_id).encode(), hashlib.sha256).hexdigest()
    return "p" + digest[:LENGTH]
