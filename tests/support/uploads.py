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


def serve(harness, monkeypatch, content: dict[str, bytes], suffix: str = "") -> list[str]:
    """Telegram's getFile and download, answered from `content` (file_id -> bytes); Telegram's
    file path ends in `suffix`. Returns the file ids fetched."""
    fetched: list[str] = []
    original = harness.telegram.make_request

    async def make_request(bot, method, *args, **kwargs):
        if isinstance(method, GetFile):
            return File(file_id=method.file_id, file_unique_id="u",
                        file_path=f"documents/{method.file_id}{suffix}")
        return await original(bot, method, *args, **kwargs)

    async def stream_content(url: str, *args, **kwargs):
        fetched.append(url.rsplit("/", 1)[-1].removesuffix(suffix))
        yield content[fetched[-1]]

    monkeypatch.setattr(harness.telegram, "make_request", make_request)
    monkeypatch.setattr(harness.telegram, "stream_content", stream_content)
    return fetched


def document(file_id: str, name: str, size: int, *, user_id: int = ORGANISER_ID,
             **fields: Any) -> dict[str, Any]:
    """The update of `user_id` sending a file; `fields` add to the document (mime_type...)."""
    return {"update_id": next(_ids), "message": {
        "message_id": next(_ids), "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Org"},
        "document": {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name,
                     "file_size": size, **fields}}}
