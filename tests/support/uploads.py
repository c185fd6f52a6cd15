"""Files organisers upload, as the harness sees them: a document update, Telegram's getFile and
download answered from memory, and a hostile YAML file."""

from __future__ import annotations

import itertools
import time
from typing import Any

from aiogram.methods import GetFile
from aiogram.types import File

from tests.conftest import ORGANISER_ID

_ids = itertools.count(9_200_000)
# 338 bytes that PyYAML's safe_load expands to two lists of 4.8 million strings.
ALIAS_BOMB = b"""x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
w: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
v: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
u: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
questions:
- group: Table 1
  en: [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  cy: [*f, *f, *f, *f, *f, *f, *f, *f, *f]
"""


def serve(harness, monkeypatch, content: dict[str, bytes]) -> list[str]:
    """Telegram's getFile and download, answered from `content`; returns what was fetched."""
    fetched: list[str] = []
    original = harness.telegram.make_request

    async def make_request(bot, method, *args, **kwargs):
        if isinstance(method, GetFile):
            return File(file_id=method.file_id, file_unique_id="u",
                        file_path=f"documents/{method.file_id}")
        return await original(bot, method, *args, **kwargs)

    async def stream_content(url: str, *args, **kwargs):
        fetched.append(url.rsplit("/", 1)[-1])
        yield content[fetched[-1]]

    monkeypatch.setattr(harness.telegram, "make_request", make_request)
    monkeypatch.setattr(harness.telegram, "stream_content", stream_content)
    return fetched


def document(file_id: str, name: str, size: int) -> dict[str, Any]:
    return {"update_id": next(_ids), "message": {
        "message_id": next(_ids), "date": int(time.time()),
        "chat": {"id": ORGANISER_ID, "type": "private"},
        "from": {"id": ORGANISER_ID, "is_bot": False, "first_name": "Org"},
        "document": {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name,
                     "file_size": size}}}
