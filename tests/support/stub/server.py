"""The stand-in's HTTP server: one object holding all of its state, serving the Bot API for
one bot token. See tests/support/stub/__init__.py for how tests use it."""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict, deque
from collections.abc import Callable
from types import TracebackType
from typing import Any

import aiohttp
from aiohttp import web

from tests.support.stub.api import (
    DEFAULT_TOKEN,
    MAX_UPLOAD,
    SEND_TYPE_METHODS,
    ApiError,
    Handler,
    Json,
    Params,
)
from tests.support.stub.methods import BotApiMethods
from tests.support.stub.records import Chat, Queued, RateWindow, SentMessage, StoredFile
from tests.support.stub.requests import read_params
from tests.support.stub.user_side import UserSide
from tests.support.stub.waiting import Inspection


class TelegramStub(UserSide, Inspection, BotApiMethods):
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

        self._chats: dict[int, Chat] = {}
        self._queue: list[Queued] = []
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
        self._global_window = RateWindow()
        self._chat_windows: defaultdict[int, RateWindow] = defaultdict(RateWindow)
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
        params = await read_params(request)
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

