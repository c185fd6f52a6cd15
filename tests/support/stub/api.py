"""What the Bot API stand-in shares: the token, Telegram's limits, the method groups and
Telegram's own wording of its errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

DEFAULT_TOKEN = "123456789:AAH-test-token-for-the-stand-in-0000000"

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64  # bytes
MAX_UPLOAD = 50 * 1024 * 1024  # what Telegram accepts for documents
PHOTO_SIDES = (90, 1280)  # a thumbnail and the full-size copy Telegram keeps of a photo

# Methods that go through Telegram's per-bot and per-chat flood control.
SEND_TYPE_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
        "copyMessage",
        "forwardMessage",
    }
)
# Of those, the ones that put a new message into a chat.
NEW_MESSAGE_METHODS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "copyMessage", "forwardMessage"}
)
EDIT_METHODS = frozenset({"editMessageText", "editMessageCaption", "editMessageReplyMarkup"})

BLOCKED = "Forbidden: bot was blocked by the user"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
BAD_MARKUP = "Bad Request: can't parse reply keyboard markup JSON object"
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"

Json = dict[str, Any]
Params = dict[str, Any]
Handler = Callable[[Params], Awaitable[Any]]


class ApiError(Exception):
    """An error answer, worded as Telegram words it."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> Json:
        body: Json = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


