"""A stand-in for the Telegram Bot API, served over real HTTP for end-to-end tests.

The bot process talks to it exactly as it would talk to api.telegram.org (point
`TELEGRAM_API_URL` at `stub.base_url`), while tests script the user side (`push_*`),
switch on Telegram's hard parts (blocked users, 429 flood control, 5xx, latency)
and inspect what the bot sent.

Webhook mode: `stub.deliver_to([url, ...], secret)` makes it post each pushed update to one of
the bot's webhook servers (in turn, or at random), the way Telegram posts to a load balancer,
instead of holding it for getUpdates; `push_duplicate` then posts to every server at once.

Run standalone for benchmarks:  python -m tests.support.telegram_stub --port 8081 --global-rate 30
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import inspect
import io
import json
import mimetypes
import random
import re
import signal
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType
from typing import Any

import aiohttp
from aiohttp import web
from PIL import Image, UnidentifiedImageError

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
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
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


# --- Telegram's HTML parse mode -------------------------------------------------------

_TAG_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
}
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_CHAR_REFERENCE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_PLAIN_RUN = re.compile(r"[^<&]+")
_ATTRIBUTE = re.compile(r"""([^\s=>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9.-]+)))?""")


class HtmlParseError(ValueError):
    """Carries the text Telegram puts after "Bad Request: can't parse entities: "."""


def parse_html(source: str) -> tuple[str, list[Json]]:
    """Parse text in Telegram's HTML mode into plain text and message entities."""
    return _HtmlParser(source).parse()


def _utf16_len(text: str) -> int:
    # Entity offsets and lengths are counted in UTF-16 code units.
    return len(text.encode("utf-16-le")) // 2


def _reference_value(match: re.Match[str]) -> str | None:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return _NAMED_REFERENCES.get(name)
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if 0 < code <= 0x10FFFF and not 0xD800 <= code < 0xE000:
        return chr(code)
    return None


def _decode_references(text: str) -> str:
    return _CHAR_REFERENCE.sub(lambda match: _reference_value(match) or match.group(), text)


def _tag_argument(tag: str, attribute: str, value: str, current: str) -> str:
    """The one attribute each tag cares about; Telegram ignores all others."""
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attribute == "class":
        return value
    if tag == "blockquote" and attribute == "expandable":
        return "expandable"
    return current


@dataclass
class _OpenTag:
    name: str
    offset: int  # UTF-16 offset in the plain text where the tag's content starts
    argument: str  # href of <a>, language of <code>/<pre>, class of <span>, <blockquote> flag


class _HtmlParser:
    """Follows the rules (and error wording) of tdlib's parse_html, which the Bot API uses."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._pos = 0
        self._plain: list[str] = []
        self._offset = 0
        self._open: list[_OpenTag] = []
        self._entities: list[Json] = []

    def parse(self) -> tuple[str, list[Json]]:
        source = self._source
        while self._pos < len(source):
            if source.startswith("</", self._pos):
                self._end_tag()
            elif source[self._pos] == "<":
                self._start_tag()
            elif source[self._pos] == "&":
                self._reference()
            else:
                run = _PLAIN_RUN.match(source, self._pos)
                assert run is not None  # the character here is neither "<" nor "&"
                self._emit(run.group())
                self._pos = run.end()
        if self._open:
            name = self._open[-1].name
            raise HtmlParseError(f"Can't find end tag corresponding to start tag {name}")
        # Entities are appended as tags close, so inner before outer; Telegram lists them by
        # offset, longer (outer) first.
        entities = sorted(
            reversed(self._entities), key=lambda entity: (entity["offset"], -entity["length"])
        )
        return "".join(self._plain), entities

    def _emit(self, text: str) -> None:
        self._plain.append(text)
        self._offset += _utf16_len(text)

    def _byte_offset(self, pos: int) -> int:
        # Telegram reports positions in UTF-8 bytes.
        return len(self._source[:pos].encode())

    def _skip(self, keep: Callable[[str], bool], pos: int) -> int:
        while pos < len(self._source) and keep(self._source[pos]):
            pos += 1
        return pos

    def _reference(self) -> None:
        # An "&" that starts no known reference is kept as a literal character.
        match = _CHAR_REFERENCE.match(self._source, self._pos)
        value = _reference_value(match) if match else None
        if match is None or value is None:
            self._emit("&")
            self._pos += 1
        else:
            self._emit(value)
            self._pos = match.end()

    def _start_tag(self) -> None:
        begin = self._pos
        name_end = self._skip(lambda char: not char.isspace() and char != ">", begin + 1)
        if name_end == len(self._source):
            raise HtmlParseError(f"Unclosed start tag at byte offset {self._byte_offset(begin)}")
        name = self._source[begin + 1 : name_end].lower()
        if name not in _TAG_ENTITY_TYPES:
            raise HtmlParseError(
                f'Unsupported start tag "{name}" at byte offset {self._byte_offset(begin)}'
            )
        argument = self._attributes(name, name_end, begin)
        if name == "span" and argument != "tg-spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte_offset(begin)}'
            )
        self._open.append(_OpenTag(name, self._offset, argument))

    def _attributes(self, tag: str, pos: int, begin: int) -> str:
        """Read attributes up to the closing ">" and return the tag's argument."""
        argument = ""
        while True:
            pos = self._skip(str.isspace, pos)
            if pos == len(self._source):
                raise HtmlParseError(
                    f"Unclosed start tag at byte offset {self._byte_offset(begin)}"
                )
            if self._source[pos] == ">":
                self._pos = pos + 1
                return argument
            match = _ATTRIBUTE.match(self._source, pos)
            if match is None:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset '
                    f"{self._byte_offset(begin)}"
                )
            name, double_quoted, single_quoted, bare = match.groups()
            quoted = double_quoted if double_quoted is not None else single_quoted
            pos = match.end()
            if bare is not None and pos < len(self._source) and self._source[pos] not in " \t\n>":
                raise HtmlParseError(
                    "Unexpected end of name token at byte offset "
                    f"{self._byte_offset(match.start(4))}"
                )
            value = _decode_references(quoted) if quoted is not None else (bare or "").lower()
            argument = _tag_argument(tag, name.lower(), value, argument)

    def _end_tag(self) -> None:
        begin = self._pos
        if not self._open:
            raise HtmlParseError(f"Unexpected end tag at byte offset {self._byte_offset(begin)}")
        name_end = self._skip(lambda char: not char.isspace() and char != ">", begin + 2)
        name = self._source[begin + 2 : name_end].lower()
        close = self._skip(str.isspace, name_end)
        if close == len(self._source) or self._source[close] != ">":
            raise HtmlParseError(f"Unclosed end tag at byte offset {self._byte_offset(begin)}")
        tag = self._open.pop()
        if name and name != tag.name:
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {self._byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        self._pos = close + 1
        self._close(tag)

    def _close(self, tag: _OpenTag) -> None:
        if tag.name == "code" and self._open and self._open[-1].name == "pre":
            # <pre><code class="language-x"> is a single pre entity carrying the language.
            self._open[-1].argument = tag.argument or self._open[-1].argument
            return
        length = self._offset - tag.offset
        if length == 0 or (tag.name == "a" and not tag.argument):
            return  # Telegram drops empty entities, and an <a> without href links nowhere
        entity: Json = {"type": _TAG_ENTITY_TYPES[tag.name], "offset": tag.offset, "length": length}
        if tag.name == "a":
            entity["url"] = tag.argument
        elif tag.name == "pre" and tag.argument:
            entity["language"] = tag.argument
        elif tag.name == "blockquote" and tag.argument:
            entity["type"] = "expandable_blockquote"
        self._entities.append(entity)


# --- request decoding and payload checks ------------------------------------------------


async def _read_params(request: web.Request) -> Params:
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
        key: _decode_param(key, value, uploads)
        for key, value in raw.items()
        # File parts named by an attach:// reference are folded into the referring field.
        if key not in uploads or key in _FILE_FIELDS
    }


_FIELD_NAME = re.compile(rb'name="([^"]*)"')


def _form_fields(body: bytes, content_type: str) -> dict[str, str]:
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


def _decode_param(key: str, value: Any, uploads: dict[str, Upload]) -> Any:
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


def _as_int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _without_none(fields: Json) -> Json:
    return {key: value for key, value in fields.items() if value is not None}


def _keyboard_rows(markup: Json | None) -> list[list[Any]]:
    if not markup:
        return []
    return markup.get("inline_keyboard") or markup.get("keyboard") or []


def _inline_markup(params: Params) -> Json | None:
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


def _command_entity(text: str) -> Json | None:
    """The bot_command entity Telegram attaches to a message starting with /command."""
    match = _COMMAND_IN_TEXT.match(text)
    if match is None:
        return None
    return {"type": "bot_command", "offset": 0, "length": _utf16_len(match.group())}


def _update_type(update: Json) -> str:
    return next(key for key in update if key != "update_id")


def _photo_sizes(stored: StoredFile) -> list[Json]:
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
class _Chat:
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
class _Queued:
    update: Json
    # A re-delivered update is handed out once even though the bot confirmed its id already.
    pinned: bool = False


class _RateWindow:
    """Times of the calls accepted within the last second."""

    def __init__(self) -> None:
        self._stamps: deque[float] = deque()

    def full(self, limit: float, now: float) -> bool:
        while self._stamps and now - self._stamps[0] >= 1.0:
            self._stamps.popleft()
        return len(self._stamps) >= limit

    def add(self, now: float) -> None:
        self._stamps.append(now)


class TelegramStub:
    """An HTTP server speaking the Bot API for one bot token. See the module docstring."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        global_rate: float | None = None,
        per_chat_rate: float | None = None,
        retry_after: int = 1,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.global_rate = global_rate
        self.per_chat_rate = per_chat_rate
        self.retry_after = retry_after
        self.base_url = ""

        # Behaviour switches.
        self.blocked: set[int] = set()
        self.delay = 0.0

        # Inspection.
        self.sent: list[SentMessage] = []
        self.calls: list[tuple[str, Params]] = []
        self.files: dict[str, StoredFile] = {}
        self.callback_answers: dict[str, Params] = {}
        self.retry_after_hits = 0
        self.getUpdates_calls = 0

        self._chats: dict[int, _Chat] = {}
        self._queue: list[_Queued] = []
        self._history: dict[int, Json] = {}
        self._last_update_id = 0
        self._allowed_updates: set[str] | None = None
        self._wake = asyncio.Event()
        self._closing = False
        self._polling_marker = 0
        self._webhook_url = ""
        self._commands: dict[tuple[str, str], list[Json]] = {}
        self._issued_callbacks: set[str] = set()
        self._failures: deque[int] = deque()
        self._chat_failures: defaultdict[int, deque[int]] = defaultdict(deque)
        self._global_window = _RateWindow()
        self._chat_windows: defaultdict[int, _RateWindow] = defaultdict(_RateWindow)
        self._runner: web.AppRunner | None = None
        # Webhook delivery (deliver_to).
        self.posted_at: dict[int, float] = {}  # update_id -> time.monotonic() of the first post
        self.webhook_retries = 0
        self.webhook_replies = 0  # Bot API methods the bot put in its reply to a POST
        # Telegram's max_connections: updates in flight to the webhook at once (setWebhook).
        self._in_flight = asyncio.Semaphore(40)
        self.fanned_out: list[int] = []
        self._fan_out = 0.0
        self._fan_out_random = random.Random(0)
        self._targets: list[str] = []
        self._secret = ""
        self._choose: Callable[[], int] = lambda: 0
        self._http: aiohttp.ClientSession | None = None
        self._posts: set[asyncio.Task[None]] = set()
        self._new_records: defaultdict[int, list[SentMessage]] = defaultdict(list)
        self._message_waiters: defaultdict[int, list[tuple[int, asyncio.Future[None]]]] = (
            defaultdict(list))
        # New messages and edits alike (what a person sees change), for wait_for_shown.
        self._shown_records: defaultdict[int, list[SentMessage]] = defaultdict(list)
        self._shown_waiters: defaultdict[int, list[tuple[int, asyncio.Future[None]]]] = (
            defaultdict(list))
        self._methods: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler) for name, handler in self._handlers().items()
        }

    def _handlers(self) -> dict[str, Handler]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "close": self._always_true,
            "logOut": self._always_true,
        }

    # --- server lifecycle -----------------------------------------------------------

    async def start(self, port: int = 0) -> str:
        """Serve on 127.0.0.1 (a free port unless given) and return the base url."""
        app = web.Application(client_max_size=MAX_UPLOAD + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        # handler_cancellation: a long poll the bot gave up on (say at shutdown) ends at once
        # instead of lingering until its timeout.
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=2
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        host, bound_port = self._runner.addresses[0][:2]
        self._closing = False
        self.base_url = f"http://{host}:{bound_port}"
        return self.base_url

    async def stop(self) -> None:
        for task in list(self._posts):
            task.cancel()
        await asyncio.gather(*self._posts, return_exceptions=True)
        if self._http is not None:
            await self._http.close()
            self._http = None
        self._closing = True
        self._notify()  # release long polls so the server can shut down at once
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> TelegramStub:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _handle(self, request: web.Request) -> web.Response:
        params = await _read_params(request)
        try:
            if request.match_info["token"] != self.token:
                self.calls.append((request.match_info["method"], params))
                raise ApiError(401, "Unauthorized")
            result = await self._call(request.match_info["method"], params)
        except ApiError as error:
            return web.json_response(error.payload(), status=error.status)
        return web.json_response({"ok": True, "result": result})

    async def _call(self, method: str, params: Params) -> Any:
        name, handler = self._methods.get(method.lower(), (method, None))
        self.calls.append((name, params))
        if handler is None:
            raise ApiError(404, "Not Found")
        if name in SEND_TYPE_METHODS:
            await self._admit(params)
        return await handler(params)

    async def _not_found(self, request: web.Request) -> web.Response:
        return web.json_response(ApiError(404, "Not Found").payload(), status=404)

    # --- behaviour switches ---------------------------------------------------------

    def fail_next(self, n: int, status: int = 500) -> None:
        """The next n send-type calls (any chat) answer `status`."""
        self._failures.extend([status] * n)

    def fail_chat(self, chat_id: int, times: int, status: int = 500) -> None:
        """The next `times` send-type calls to `chat_id` answer `status`."""
        self._chat_failures[chat_id].extend([status] * times)

    # --- the user side ----------------------------------------------------------------

    def push_message(
        self, user_id: int, text: str, *, language_code: str = "en", first_name: str = "Test"
    ) -> int:
        """The user writes `text` to the bot; returns the update_id."""
        chat = self._chat(user_id)
        chat.first_name = first_name
        message: Json = {
            "message_id": chat.next_message_id(),
            "from": self._user(chat, language_code),
            "chat": chat.as_json(),
            "date": int(time.time()),
            "text": text,
        }
        if entity := _command_entity(text):
            message["entities"] = [entity]
        chat.messages[message["message_id"]] = message
        return self._enqueue({"message": message})

    def push_callback(
        self,
        user_id: int,
        data: str,
        *,
        message_id: int | None = None,
        language_code: str = "en",
        require_button: bool = True,
    ) -> int:
        """The user presses an inline button; returns the update_id.

        The message defaults to the latest bot message in the chat with an inline keyboard.
        `data` must be one of its buttons unless `require_button=False` (a stale or forged
        press).
        """
        chat = self._chat(user_id)
        message = self._keyboard_message(chat, message_id)
        offered = [callback for _, callback in _flatten_buttons(message.get("reply_markup"))]
        if require_button and data not in offered:
            raise AssertionError(
                f"message {message['message_id']} in chat {user_id} has no button {data!r}; "
                f"it offers {offered}"
            )
        query_id = str(4_000_000 + len(self._issued_callbacks))
        self._issued_callbacks.add(query_id)
        return self._enqueue(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self._user(chat, language_code),
                    "message": message,
                    "chat_instance": f"{chat.id}0042",
                    "data": data,
                }
            }
        )

    def push_raw(self, update: Json) -> int:
        """Queue any update; update_id is assigned unless present."""
        return self._enqueue(dict(update))

    def push_duplicate(self, update_id: int) -> int:
        """Deliver an update again with the same update_id, as Telegram does when it thinks
        the bot did not get it (even if the bot already confirmed it). In webhook mode it is
        posted to every server at once, the hardest case for de-duplication."""
        if update_id not in self._history:
            raise KeyError(f"no update {update_id} was ever pushed")
        if self._targets:
            for target in range(len(self._targets)):
                self._post_soon(self._history[update_id], target)
            return update_id
        self._queue.append(_Queued(self._history[update_id], pinned=True))
        self._notify()
        return update_id

    def _enqueue(self, update: Json) -> int:
        if "update_id" not in update:
            update["update_id"] = self._last_update_id + 1
        self._last_update_id = max(self._last_update_id, update["update_id"])
        self._history[update["update_id"]] = update
        if self._targets:
            if self._fan_out and self._fan_out_random.random() < self._fan_out:
                self.fanned_out.append(update["update_id"])
                for target in range(len(self._targets)):
                    self._post_soon(update, target)
            else:
                self._post_soon(update, self._choose())
            return update["update_id"]
        self._queue.append(_Queued(update))
        self._notify()
        return update["update_id"]

    # --- webhook delivery -----------------------------------------------------------------

    def deliver_to(self, urls: Sequence[str], secret: str, *, order: str = "alternate",
                   duplicate_rate: float = 0.0, seed: int = 1) -> None:
        """Post pushed updates to these webhook servers with the secret token header:
        `alternate` takes them in turn, `random` picks one each time. A share `duplicate_rate`
        of updates goes to every server at once (their ids in `fanned_out`), as when Telegram
        re-delivers while the first delivery is still being handled. A server that refuses
        the connection or answers 5xx is skipped for the next one (as a load balancer would)."""
        self._targets = list(urls)
        self._secret = secret
        self._fan_out = duplicate_rate
        self._fan_out_random = random.Random(seed + 1)
        if order == "random":
            chooser = random.Random(seed)
            self._choose = lambda: chooser.randrange(len(self._targets))
        else:
            turns = iter(range(1 << 62))
            self._choose = lambda: next(turns) % len(self._targets)

    def _post_soon(self, update: Json, target: int) -> None:
        self.posted_at.setdefault(update["update_id"], time.monotonic())
        task = asyncio.get_running_loop().create_task(self._post(update, target))
        self._posts.add(task)
        task.add_done_callback(self._posts.discard)

    async def _post(self, update: Json, target: int) -> None:
        if self._http is None:
            self._http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256))
        headers = {"X-Telegram-Bot-Api-Secret-Token": self._secret}
        for attempt in range(10 * len(self._targets)):
            url = self._targets[(target + attempt) % len(self._targets)]
            try:
                async with self._in_flight, self._http.post(
                        url, json=update, headers=headers) as response:
                    if response.status < 500:
                        await self._run_webhook_reply(response)
                        return
            except aiohttp.ClientError:
                pass
            self.webhook_retries += 1
            await asyncio.sleep(0.05 * attempt)

    async def _run_webhook_reply(self, response: aiohttp.ClientResponse) -> None:
        """A bot may answer the POST with one Bot API method as a form; Telegram runs it and
        tells the bot nothing about how it went."""
        # Not `response.content_type`: aiohttp parses it with the email package, a sixth of the
        # stand-in's CPU in the load benchmark.
        content_type = response.headers.get("Content-Type", "")
        if content_type.partition(";")[0].strip().lower() != "multipart/form-data":
            return
        raw = _form_fields(await response.read(), content_type)
        method = raw.pop("method", "")
        self.webhook_replies += 1
        with contextlib.suppress(ApiError):
            await self._call(method, {key: _decode_param(key, value, {})
                                      for key, value in raw.items()})

    def _notify(self) -> None:
        # Each waiter holds the event current when it started waiting; replacing it lets
        # push_* stay synchronous.
        self._wake.set()
        self._wake = asyncio.Event()

    def _keyboard_message(self, chat: _Chat, message_id: int | None) -> Json:
        if message_id is not None:
            if message_id not in chat.messages:
                raise AssertionError(f"there is no message {message_id} in chat {chat.id}")
            return chat.messages[message_id]
        with_keyboard = [
            message
            for message in chat.messages.values()
            if message["from"]["id"] == self.bot_id and "reply_markup" in message
        ]
        if not with_keyboard:
            raise AssertionError(f"no bot message with an inline keyboard in chat {chat.id}")
        return max(with_keyboard, key=lambda message: message["message_id"])

    def _chat(self, chat_id: int) -> _Chat:
        if chat_id not in self._chats:
            self._chats[chat_id] = _Chat(chat_id)
        return self._chats[chat_id]

    def _user(self, chat: _Chat, language_code: str) -> Json:
        return {
            "id": chat.id,
            "is_bot": False,
            "first_name": chat.first_name,
            "language_code": language_code,
        }

    # --- inspection -----------------------------------------------------------------

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """New messages the bot put into the chat (not edits), in order."""
        return [
            record
            for record in self.sent
            if record.chat_id == chat_id and record.method in NEW_MESSAGE_METHODS
        ]

    def last_message(self, chat_id: int) -> SentMessage:
        messages = self.messages_to(chat_id)
        if not messages:
            raise AssertionError(f"the bot sent nothing to chat {chat_id}")
        return messages[-1]

    @staticmethod
    def buttons(message: SentMessage) -> list[tuple[str, str | None]]:
        """(text, callback_data) of every button, row by row; callback_data is None for
        url buttons and reply keyboards."""
        return _flatten_buttons(message.reply_markup)

    def current_text(self, chat_id: int, message_id: int) -> str | None:
        """Text or caption of a bot message as last sent or edited; None once deleted."""
        record = self._last_record(chat_id, message_id)
        if record is None:
            raise AssertionError(f"the bot never sent message {message_id} to chat {chat_id}")
        return record.text

    def current_message(self, chat_id: int, message_id: int) -> SentMessage:
        """A bot message as last sent or edited (its text and keyboard now)."""
        record = self._last_record(chat_id, message_id)
        if record is None:
            raise AssertionError(f"the bot never sent message {message_id} to chat {chat_id}")
        return record

    def edit_count(self, chat_id: int) -> int:
        """How many times the bot edited messages in the chat."""
        return sum(1 for record in self.sent
                   if record.chat_id == chat_id and record.method.startswith("editMessage"))

    def commands_for(self, scope: Json | None = None, language_code: str = "") -> list[Json]:
        """The command list set for a scope (default scope unless given) and language."""
        return self._commands.get(_commands_key(scope, language_code), [])

    # The wait_* helpers take `timeout` (ASYNC109) so that test code reads naturally.
    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 10,  # noqa: ASYNC109
        *,
        what: str | None = None,
    ) -> None:
        """Poll until `predicate()` is true, else fail with what the bot did meanwhile."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"waited {timeout}s for {what or _describe(predicate)}\n{self._summary()}"
                )
            await asyncio.sleep(0.01)

    def new_message_count(self, chat_id: int) -> int:
        return len(self._new_records[chat_id])

    async def wait_for_message(
        self,
        chat_id: int,
        count: int,
        timeout: float = 10,  # noqa: ASYNC109
    ) -> SentMessage:
        """The `count`-th new message to the chat (1 = the first), once it has arrived. Like
        wait_for_messages but without polling, for thousands of waiters at once."""
        if len(self._new_records[chat_id]) < count:
            future = asyncio.get_running_loop().create_future()
            self._message_waiters[chat_id].append((count, future))
            try:
                await asyncio.wait_for(future, timeout)
            except TimeoutError:
                raise AssertionError(
                    f"waited {timeout}s for {count} message(s) to chat {chat_id}\n"
                    f"{self._summary()}") from None
        return self._new_records[chat_id][count - 1]

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int,
        timeout: float = 10,  # noqa: ASYNC109
    ) -> list[SentMessage]:
        """Wait until the bot has sent at least `count` messages to the chat; return all."""
        await self.wait_for(
            lambda: len(self.messages_to(chat_id)) >= count,
            timeout,
            what=f"{count} message(s) to chat {chat_id}",
        )
        return self.messages_to(chat_id)

    def reset_polling_marker(self) -> None:
        self._polling_marker = self.getUpdates_calls

    async def wait_polling(self, timeout: float = 10) -> None:  # noqa: ASYNC109
        """Resolve once a bot has called getUpdates since the last reset_polling_marker()."""
        await self.wait_for(
            lambda: self.getUpdates_calls > self._polling_marker,
            timeout,
            what="the bot to call getUpdates",
        )

    def _last_record(self, chat_id: int, message_id: int) -> SentMessage | None:
        return next(
            (
                record
                for record in reversed(self.sent)
                if (record.chat_id, record.message_id) == (chat_id, message_id)
            ),
            None,
        )

    def _summary(self) -> str:
        sent = "\n".join(
            f"  {record.method} -> {record.chat_id}: {record.text!r}" for record in self.sent[-5:]
        )
        methods = ", ".join(method for method, _ in self.calls[-10:])
        return f"last sent:\n{sent or '  (nothing)'}\nlast calls: {methods or '(none)'}"

    def _record(self, method: str, message: Json, *, text: str | None, params: Params) -> None:
        document = message.get("document")
        photo = message.get("photo")
        self.sent.append(
            SentMessage(
                method=method,
                chat_id=message["chat"]["id"],
                message_id=message["message_id"],
                text=text,
                reply_markup=params.get("reply_markup") or message.get("reply_markup"),
                parse_mode=params.get("parse_mode"),
                document=self.files.get(document["file_id"]) if document else None,
                photo=self.files.get(photo[-1]["file_id"]) if photo else None,
                at=time.monotonic(),
            )
        )
        if method in NEW_MESSAGE_METHODS:
            chat_id = message["chat"]["id"]
            self._new_records[chat_id].append(self.sent[-1])
            waiting = self._message_waiters.get(chat_id)
            if waiting:
                count = len(self._new_records[chat_id])
                for entry in [entry for entry in waiting if entry[0] <= count]:
                    waiting.remove(entry)
                    if not entry[1].done():
                        entry[1].set_result(None)
        if method in NEW_MESSAGE_METHODS or method in EDIT_METHODS:
            chat_id = message["chat"]["id"]
            self._shown_records[chat_id].append(self.sent[-1])
            count = len(self._shown_records[chat_id])
            waiting = self._shown_waiters.get(chat_id)
            for entry in [entry for entry in waiting or () if entry[0] <= count]:
                waiting.remove(entry)
                if not entry[1].done():
                    entry[1].set_result(None)

    async def wait_for_shown(
        self,
        chat_id: int,
        count: int,
        timeout: float = 10,  # noqa: ASYNC109
    ) -> SentMessage:
        """The `count`-th message sent *or edited* in the chat (1 = the first), once it has
        happened: a bot that edits one message in place answers with edits."""
        if len(self._shown_records[chat_id]) < count:
            future = asyncio.get_running_loop().create_future()
            self._shown_waiters[chat_id].append((count, future))
            try:
                await asyncio.wait_for(future, timeout)
            except TimeoutError:
                raise AssertionError(
                    f"waited {timeout}s for {count} message(s) or edits in chat {chat_id}\n"
                    f"{self._summary()}") from None
        return self._shown_records[chat_id][count - 1]

    def shown_count(self, chat_id: int) -> int:
        return len(self._shown_records[chat_id])

    # --- Telegram's failure modes ---------------------------------------------------------

    async def _admit(self, params: Params) -> None:
        """Pass a send-type call through latency, injected failures, flood control and
        blocking, in that order."""
        if self.delay:
            await asyncio.sleep(self.delay)
        chat = self._target_chat(params)
        self._raise_injected_failure(chat.id)
        self._take_rate_slot(chat.id)
        if chat.id in self.blocked:
            raise ApiError(403, BLOCKED)

    def _target_chat(self, params: Params) -> _Chat:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        return self._chat(chat_id)

    def _raise_injected_failure(self, chat_id: int) -> None:
        queue = self._chat_failures.get(chat_id) or self._failures
        if queue:
            raise self._status_error(queue.popleft())

    def _take_rate_slot(self, chat_id: int) -> None:
        windows: list[tuple[_RateWindow, float]] = []
        if self.global_rate is not None:
            windows.append((self._global_window, self.global_rate))
        if self.per_chat_rate is not None:
            windows.append((self._chat_windows[chat_id], self.per_chat_rate))
        now = time.monotonic()
        if any(window.full(limit, now) for window, limit in windows):
            raise self._status_error(429)
        for window, _ in windows:
            window.add(now)

    def _status_error(self, status: int) -> ApiError:
        """The answer Telegram gives with `status`; a 429 also counts in retry_after_hits."""
        if status == 429:
            self.retry_after_hits += 1
            return ApiError(
                429, f"Too Many Requests: retry after {self.retry_after}", self.retry_after
            )
        return ApiError(status, BLOCKED if status == 403 else HTTPStatus(status).phrase)

    # --- content validation -----------------------------------------------------------

    def _formatted(self, params: Params, name: str) -> tuple[str, list[Json] | None]:
        """Plain text and entities of the `text` or `caption` field under its parse_mode."""
        raw = str(params.get(name, ""))
        parse_mode = str(params.get("parse_mode", "")).lower()
        if parse_mode == "html":
            try:
                plain, entities = parse_html(raw)
            except HtmlParseError as error:
                raise ApiError(400, f"Bad Request: can't parse entities: {error}") from error
            return plain, entities or None
        if parse_mode not in ("", "markdown", "markdownv2"):
            raise ApiError(400, "Bad Request: unsupported parse_mode")
        entities = params.get("entities" if name == "text" else "caption_entities")
        return raw, entities or None

    def _text_content(self, params: Params) -> Json:
        text, entities = self._formatted(params, "text")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > TEXT_LIMIT:
            raise ApiError(400, "Bad Request: message is too long")
        return {"text": text, "entities": entities}

    def _caption_content(self, params: Params) -> Json:
        caption, entities = self._formatted(params, "caption")
        if len(caption) > CAPTION_LIMIT:
            raise ApiError(400, "Bad Request: message caption is too long")
        return {"caption": caption or None, "caption_entities": entities}

    def _take_file(self, params: Params, kind: str) -> StoredFile:
        """The file in the `kind` field: a fresh upload or the file_id of an earlier one."""
        value = params.get(kind)
        if value in (None, ""):
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        if isinstance(value, Upload):
            return self._store(value, kind)
        stored = self.files.get(str(value))
        if stored is None:
            # URLs count as unknown too: the stand-in never fetches anything.
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        if stored.kind != kind:
            raise ApiError(
                400, f"Bad Request: can't use file of type {stored.kind.title()} as {kind.title()}"
            )
        return stored

    def _store(self, upload: Upload, kind: str) -> StoredFile:
        file_name = upload.filename if kind == "document" else None
        mime_type = None
        if kind == "document":
            guessed = mimetypes.guess_type(upload.filename or "")[0]
            mime_type = guessed or upload.content_type or "application/octet-stream"
        stored = StoredFile(
            kind=kind,
            file_id=f"stub-{kind}-{len(self.files) + 1}",
            file_unique_id=hashlib.sha256(upload.data).hexdigest()[:16],
            data=upload.data,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        return stored

    def _new_message(self, chat: _Chat, content: Json) -> Json:
        message = {
            "message_id": chat.next_message_id(),
            "from": self._bot_user(),
            "chat": chat.as_json(),
            "date": int(time.time()),
            **_without_none(content),
        }
        chat.messages[message["message_id"]] = message
        return message

    def _bot_user(self) -> Json:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "pbchat test",
            "username": "pbchat_test_bot",
        }

    # --- methods: bot and updates -----------------------------------------------------

    async def _get_me(self, params: Params) -> Json:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _always_true(self, params: Params) -> bool:
        return True

    async def _get_updates(self, params: Params) -> list[Json]:
        self.getUpdates_calls += 1
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if "offset" in params:
            self._confirm(_as_int(params["offset"], 0))
        if isinstance(params.get("allowed_updates"), list):
            # Like Telegram, the filter sticks until changed; an empty list means everything.
            self._allowed_updates = set(params["allowed_updates"]) or None
        limit = min(max(_as_int(params.get("limit"), 100), 1), 100)
        await self._wait_for_updates(_as_int(params.get("timeout"), 0))
        batch = self._pending()[:limit]
        for queued in batch:
            queued.pinned = False
        return [queued.update for queued in batch]

    def _confirm(self, offset: int) -> None:
        """Forget updates below `offset`; a negative offset keeps only the last -offset."""
        if offset < 0:
            self._queue = self._queue[offset:]
        else:
            self._queue = [
                queued
                for queued in self._queue
                if queued.pinned or queued.update["update_id"] >= offset
            ]

    def _pending(self) -> list[_Queued]:
        """Updates the bot may receive; those of types it didn't ask for are discarded, as
        Telegram never creates them."""
        if self._allowed_updates is not None:
            self._queue = [
                queued
                for queued in self._queue
                if _update_type(queued.update) in self._allowed_updates
            ]
        return self._queue

    async def _wait_for_updates(self, seconds: int) -> None:
        """Hold a long poll until an update is pending, the stub stops or `seconds` pass."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                while not self._pending() and not self._closing:
                    await self._wake.wait()

    async def _set_webhook(self, params: Params) -> bool:
        url = str(params.get("url", ""))
        if url and not url.startswith("https://"):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self._webhook_url = url
        self._in_flight = asyncio.Semaphore(_as_int(params.get("max_connections"), 40))
        if params.get("drop_pending_updates"):
            self._queue.clear()
        return True

    async def _delete_webhook(self, params: Params) -> bool:
        self._webhook_url = ""
        if params.get("drop_pending_updates"):
            self._queue.clear()
        return True

    async def _get_webhook_info(self, params: Params) -> Json:
        return {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }

    async def _set_my_commands(self, params: Params) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or not all(isinstance(c, dict) for c in commands):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        if not all(_COMMAND_NAME.fullmatch(str(c.get("command", ""))) for c in commands):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        key = _commands_key(params.get("scope"), str(params.get("language_code", "")))
        self._commands[key] = [
            {"command": c["command"], "description": c.get("description", "")} for c in commands
        ]
        return True

    async def _get_my_commands(self, params: Params) -> list[Json]:
        return self.commands_for(params.get("scope"), str(params.get("language_code", "")))

    async def _delete_my_commands(self, params: Params) -> bool:
        key = _commands_key(params.get("scope"), str(params.get("language_code", "")))
        self._commands.pop(key, None)
        return True

    # --- methods: messages ------------------------------------------------------------

    async def _send_message(self, params: Params) -> Json:
        chat = self._target_chat(params)
        content = {**self._text_content(params), "reply_markup": _inline_markup(params)}
        message = self._new_message(chat, content)
        self._record("sendMessage", message, text=params["text"], params=params)
        return message

    async def _send_photo(self, params: Params) -> Json:
        chat = self._target_chat(params)
        photo = _photo_sizes(self._take_file(params, "photo"))
        content = {
            "photo": photo,
            **self._caption_content(params),
            "reply_markup": _inline_markup(params),
        }
        message = self._new_message(chat, content)
        self._record("sendPhoto", message, text=params.get("caption"), params=params)
        return message

    async def _send_document(self, params: Params) -> Json:
        chat = self._target_chat(params)
        document = self._take_file(params, "document").as_document()
        content = {
            "document": document,
            **self._caption_content(params),
            "reply_markup": _inline_markup(params),
        }
        message = self._new_message(chat, content)
        self._record("sendDocument", message, text=params.get("caption"), params=params)
        return message

    async def _copy_message(self, params: Params) -> Json:
        chat = self._target_chat(params)
        source = self._source_message(params, "copy")
        content = {key: source.get(key) for key in ("text", "entities", "photo", "document")}
        content.update(
            self._caption_content(params)
            if "caption" in params
            else {key: source.get(key) for key in ("caption", "caption_entities")}
        )
        content["reply_markup"] = _inline_markup(params)
        message = self._new_message(chat, content)
        self._record("copyMessage", message, text=_visible_text(message), params=params)
        return {"message_id": message["message_id"]}

    async def _forward_message(self, params: Params) -> Json:
        chat = self._target_chat(params)
        source = self._source_message(params, "forward")
        content = {
            key: source.get(key)
            for key in ("text", "entities", "caption", "caption_entities", "photo", "document")
        }
        content["forward_origin"] = {
            "type": "user",
            "sender_user": source["from"],
            "date": source["date"],
        }
        message = self._new_message(chat, content)
        self._record("forwardMessage", message, text=_visible_text(message), params=params)
        return message

    def _source_message(self, params: Params, action: str) -> Json:
        chat = self._chats.get(_as_int(params.get("from_chat_id"), 0))
        message = chat.messages.get(_as_int(params.get("message_id"), 0)) if chat else None
        if message is None:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        return message

    async def _edit_message_text(self, params: Params) -> Json:
        chat, message = self._message_to_edit(params)
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        changes = {**self._text_content(params), "reply_markup": _inline_markup(params)}
        return self._apply_edit("editMessageText", chat, message, changes, params["text"], params)

    async def _edit_message_caption(self, params: Params) -> Json:
        chat, message = self._message_to_edit(params)
        if not message.keys() & {"photo", "document"}:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        changes = {**self._caption_content(params), "reply_markup": _inline_markup(params)}
        caption = params.get("caption")
        return self._apply_edit("editMessageCaption", chat, message, changes, caption, params)

    async def _edit_message_reply_markup(self, params: Params) -> Json:
        chat, message = self._message_to_edit(params)
        changes = {"reply_markup": _inline_markup(params)}
        record = self._last_record(chat.id, message["message_id"])
        text = record.text if record else None
        return self._apply_edit("editMessageReplyMarkup", chat, message, changes, text, params)

    def _message_to_edit(self, params: Params) -> tuple[_Chat, Json]:
        chat = self._target_chat(params)
        message = chat.messages.get(_as_int(params.get("message_id"), 0))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        return chat, message

    def _apply_edit(
        self,
        method: str,
        chat: _Chat,
        message: Json,
        changes: Json,
        text: str | None,
        params: Params,
    ) -> Json:
        """Apply `changes` (None removes a field). An edit that leaves content and markup as
        they were is an error on Telegram; leaving out reply_markup removes the keyboard."""
        if all(message.get(key) == value for key, value in changes.items()):
            raise ApiError(400, NOT_MODIFIED)
        edited = _without_none({**message, **changes, "edit_date": int(time.time())})
        chat.messages[message["message_id"]] = edited
        self._record(method, edited, text=text, params=params)
        return edited

    async def _delete_message(self, params: Params) -> bool:
        chat = self._target_chat(params)
        message = chat.messages.pop(_as_int(params.get("message_id"), 0), None)
        if message is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        deleted = {"chat": message["chat"], "message_id": message["message_id"]}
        self._record("deleteMessage", deleted, text=None, params={})
        return True

    async def _answer_callback_query(self, params: Params) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        # Telegram accepts one answer per query.
        if query_id not in self._issued_callbacks or query_id in self.callback_answers:
            raise ApiError(400, QUERY_INVALID)
        self.callback_answers[query_id] = params
        return True

    async def _send_chat_action(self, params: Params) -> bool:
        chat = self._target_chat(params)
        if chat.id in self.blocked:
            raise ApiError(403, BLOCKED)
        return True


def _flatten_buttons(markup: Json | None) -> list[tuple[str, str | None]]:
    return [
        (button["text"], button.get("callback_data"))
        for row in _keyboard_rows(markup)
        for button in row
    ]


def _visible_text(message: Json) -> str | None:
    return message.get("text", message.get("caption"))


def _commands_key(scope: Json | None, language_code: str) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code


def _describe(predicate: Callable[[], bool]) -> str:
    """The predicate's source line if available (lambdas say more than their name)."""
    try:
        return inspect.getsource(predicate).strip()
    except (OSError, TypeError):
        return getattr(predicate, "__qualname__", repr(predicate))


# --- standalone server ------------------------------------------------------------------


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Telegram Bot API stand-in")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--global-rate", type=float, help="sends per second, all chats")
    parser.add_argument("--per-chat-rate", type=float, help="sends per second, per chat")
    parser.add_argument("--retry-after", type=int, default=1)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds added to each send")
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    stub = TelegramStub(
        args.token,
        global_rate=args.global_rate,
        per_chat_rate=args.per_chat_rate,
        retry_after=args.retry_after,
    )
    stub.delay = args.delay
    url = await stub.start(args.port)
    print(f"Telegram stand-in on {url} for token {stub.token}", flush=True)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
    await stub.stop()
    print(
        f"{len(stub.sent)} messages accepted, {stub.retry_after_hits} answered 429, "
        f"{len(stub.calls)} calls in all",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    asyncio.run(_serve(_parse_args(argv)))


if __name__ == "__main__":
    main()
