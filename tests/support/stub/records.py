"""What the stand-in keeps: uploaded files, the record of each message the bot sent or
changed, the chats, the update queue and the flood-control windows."""

from __future__ import annotations

import io
from collections import deque
from dataclasses import dataclass, field

from aiohttp import web
from PIL import Image, UnidentifiedImageError

from tests.support.stub.api import PHOTO_SIDES, ApiError, Json


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    data: bytes
    filename: str | None
    content_type: str | None

    @classmethod
    def from_field(cls, part: web.FileField) -> Upload:
        return cls(part.file.read(), part.filename, part.content_type)


@dataclass(frozen=True)
class StoredFile:
    """A file the bot uploaded; `file_id` can be sent again like on Telegram."""

    kind: str  # "photo" or "document"
    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str | None
    mime_type: str | None

    def as_document(self) -> Json:
        document: Json = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_name:
            document["file_name"] = self.file_name
        if self.mime_type:
            document["mime_type"] = self.mime_type
        return document


@dataclass(frozen=True)
class SentMessage:
    """One accepted call that created, changed or deleted a message.

    `text` is the text or caption as the bot sent it (HTML tags included); for an edit of
    the keyboard alone it is the message's unchanged text, for copies and forwards the
    plain text of the original, and None for deletions.
    """

    method: str
    chat_id: int
    message_id: int
    text: str | None
    reply_markup: Json | None
    parse_mode: str | None
    document: StoredFile | None
    photo: StoredFile | None
    at: float  # time.monotonic() when the stub accepted the call



def photo_sizes(stored: StoredFile) -> list[Json]:
    """PhotoSize objects for an uploaded image; Telegram refuses bytes that are no image."""
    try:
        with Image.open(io.BytesIO(stored.data)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError) as error:
        raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED") from error
    sizes = []
    for side in PHOTO_SIDES:
        scale = min(1.0, side / max(width, height))
        # The largest size carries the stored file's id so that the bot can send it again.
        file_id = stored.file_id if side == PHOTO_SIDES[-1] else f"{stored.file_id}-{side}"
        sizes.append(
            {
                "file_id": file_id,
                "file_unique_id": f"{stored.file_unique_id}-{side}",
                "width": max(1, round(width * scale)),
                "height": max(1, round(height * scale)),
            }
        )
    sizes[-1]["file_size"] = len(stored.data)
    return sizes


# --- state ---------------------------------------------------------------------------


@dataclass
class Chat:
    """A private chat: the user's id is the chat's id. Message ids are shared by both sides."""

    id: int
    first_name: str = "Test"
    last_message_id: int = 0
    messages: dict[int, Json] = field(default_factory=dict)

    def next_message_id(self) -> int:
        self.last_message_id += 1
        return self.last_message_id

    def as_json(self) -> Json:
        return {"id": self.id, "type": "private", "first_name": self.first_name}


@dataclass
class Queued:
    update: Json
    # A re-delivered update is handed out once even though the bot confirmed its id already.
    pinned: bool = False


class RateWindow:
    """Times of the calls accepted within the last second."""

    def __init__(self) -> None:
        self._stamps: deque[float] = deque()

    def full(self, limit: float, now: float) -> bool:
        while self._stamps and now - self._stamps[0] >= 1.0:
            self._stamps.popleft()
        return len(self._stamps) >= limit

    def add(self, now: float) -> None:
        self._stamps.append(now)

