"""Reading a Bot API request the way Telegram does: form, multipart or JSON bodies decoded to
typed fields, and the checks on keyboards and commands every sending method shares."""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from tests.support.stub.api import BAD_MARKUP, CALLBACK_DATA_LIMIT, ApiError, Json, Params
from tests.support.stub.html_entities import utf16_len
from tests.support.stub.records import Upload

# Form fields arrive as strings; these are decoded to the types Telegram reads them as.
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "allowed_updates",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "offset",
        "limit",
        "max_connections",
        "timeout",
        "cache_time",
        "message_thread_id",
        "reply_to_message_id",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "has_spoiler",
        "disable_content_type_detection",
    }
)
_FILE_FIELDS = frozenset({"photo", "document"})
_INTEGER = re.compile(r"-?\d+")
COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_COMMAND_IN_TEXT = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")
_BUTTON_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)

# --- request decoding and payload checks ------------------------------------------------


async def read_params(request: web.Request) -> Params:
    """Decode a Bot API request: query string plus urlencoded, multipart or JSON body."""
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        raw.update(await request.json())
    else:
        raw.update(await request.post())
    uploads = {
        key: Upload.from_field(value)
        for key, value in raw.items()
        if isinstance(value, web.FileField)
    }
    return {
        key: decode_param(key, value, uploads)
        for key, value in raw.items()
        # File parts named by an attach:// reference are folded into the referring field.
        if key not in uploads or key in _FILE_FIELDS
    }


_FIELD_NAME = re.compile(rb'name="([^"]*)"')


def form_fields(body: bytes, content_type: str) -> dict[str, str]:
    """The text fields of a multipart/form-data body (what a bot puts in a webhook reply).
    A plain split: aiohttp's streaming MultipartReader made the stand-in, which shares the
    machine with the bot in benchmarks, the costlier half of each button press."""
    boundary = content_type.split("boundary=", 1)[1].strip('"').encode()
    fields = {}
    for part in body.split(b"--" + boundary)[1:-1]:
        head, _, value = part.partition(b"\r\n\r\n")
        if name := _FIELD_NAME.search(head):
            fields[name.group(1).decode()] = value.removesuffix(b"\r\n").decode()
    return fields


def decode_param(key: str, value: Any, uploads: dict[str, Upload]) -> Any:
    if key in uploads:
        return uploads[key]
    if not isinstance(value, str):
        return value  # a JSON body is already typed
    if value.startswith("attach://"):
        return uploads.get(value.removeprefix("attach://"), value)
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value  # left as a string for the method to reject the way Telegram does
    if key in _INT_FIELDS and _INTEGER.fullmatch(value):
        return int(value)
    if key in _BOOL_FIELDS and value in ("true", "false"):
        return value == "true"
    return value


def as_int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def without_none(fields: Json) -> Json:
    return {key: value for key, value in fields.items() if value is not None}


def keyboard_rows(markup: Json | None) -> list[list[Any]]:
    if not markup:
        return []
    return markup.get("inline_keyboard") or markup.get("keyboard") or []


def inline_markup(params: Params) -> Json | None:
    """Validate reply_markup; return it if it is an inline keyboard (the only kind a
    Message echoes back), else None."""
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, BAD_MARKUP)
    keyboard = markup.get("inline_keyboard")
    if keyboard is None:
        return None
    if not isinstance(keyboard, list) or not all(
        isinstance(row, list) and all(isinstance(button, dict) for button in row)
        for row in keyboard
    ):
        raise ApiError(400, BAD_MARKUP)
    for row in keyboard:
        for button in row:
            _check_button(button)
    return {"inline_keyboard": keyboard}


def _check_button(button: Json) -> None:
    if "callback_data" in button:
        size = len(str(button["callback_data"]).encode())
        if not 1 <= size <= CALLBACK_DATA_LIMIT:
            raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    if not button.keys() & _BUTTON_ACTIONS:
        raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")


def command_entity(text: str) -> Json | None:
    """The bot_command entity Telegram attaches to a message starting with /command."""
    match = _COMMAND_IN_TEXT.match(text)
    if match is None:
        return None
    return {"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}


def update_type(update: Json) -> str:
    return next(key for key in update if key != "update_id")



def flatten_buttons(markup: Json | None) -> list[tuple[str, str | None]]:
    return [
        (button["text"], button.get("callback_data"))
        for row in keyboard_rows(markup)
        for button in row
    ]


def visible_text(message: Json) -> str | None:
    return message.get("text", message.get("caption"))


def commands_key(scope: Json | None, language_code: str) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code

