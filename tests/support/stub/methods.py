"""The Bot API methods the stand-in answers, with Telegram's checks and failure modes
(latency, injected errors, flood control, blocked users) in front of the sending ones."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import mimetypes
import time
from http import HTTPStatus

from tests.support.stub.api import (
    BLOCKED,
    CAPTION_LIMIT,
    NOT_MODIFIED,
    QUERY_INVALID,
    TEXT_LIMIT,
    ApiError,
    Json,
    Params,
)
from tests.support.stub.html_entities import HtmlParseError, parse_html
from tests.support.stub.records import Chat, Queued, RateWindow, StoredFile, Upload, photo_sizes
from tests.support.stub.requests import (
    COMMAND_NAME,
    as_int,
    commands_key,
    inline_markup,
    update_type,
    visible_text,
    without_none,
)


class BotApiMethods:
    """Telegram's side of each call. Part of TelegramStub (its state is set up there)."""

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

    def _target_chat(self, params: Params) -> Chat:
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
        windows: list[tuple[RateWindow, float]] = []
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

    def _new_message(self, chat: Chat, content: Json) -> Json:
        message = {
            "message_id": chat.next_message_id(),
            "from": self._bot_user(),
            "chat": chat.as_json(),
            "date": int(time.time()),
            **without_none(content),
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
            self._confirm(as_int(params["offset"], 0))
        if isinstance(params.get("allowed_updates"), list):
            # Like Telegram, the filter sticks until changed; an empty list means everything.
            self._allowed_updates = set(params["allowed_updates"]) or None
        limit = min(max(as_int(params.get("limit"), 100), 1), 100)
        await self._wait_for_updates(as_int(params.get("timeout"), 0))
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

    def _pending(self) -> list[Queued]:
        """Updates the bot may receive; those of types it didn't ask for are discarded, as
        Telegram never creates them."""
        if self._allowed_updates is not None:
            self._queue = [
                queued
                for queued in self._queue
                if update_type(queued.update) in self._allowed_updates
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
        self._in_flight = asyncio.Semaphore(as_int(params.get("max_connections"), 40))
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
        if not all(COMMAND_NAME.fullmatch(str(c.get("command", ""))) for c in commands):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        key = commands_key(params.get("scope"), str(params.get("language_code", "")))
        self._commands[key] = [
            {"command": c["command"], "description": c.get("description", "")} for c in commands
        ]
        return True

    async def _get_my_commands(self, params: Params) -> list[Json]:
        return self.commands_for(params.get("scope"), str(params.get("language_code", "")))

    async def _delete_my_commands(self, params: Params) -> bool:
        key = commands_key(params.get("scope"), str(params.get("language_code", "")))
        self._commands.pop(key, None)
        return True

    # --- methods: messages ------------------------------------------------------------

    async def _send_message(self, params: Params) -> Json:
        chat = self._target_chat(params)
        content = {**self._text_content(params), "reply_markup": inline_markup(params)}
        message = self._new_message(chat, content)
        self._record("sendMessage", message, text=params["text"], params=params)
        return message

    async def _send_photo(self, params: Params) -> Json:
        chat = self._target_chat(params)
        photo = photo_sizes(self._take_file(params, "photo"))
        content = {
            "photo": photo,
            **self._caption_content(params),
            "reply_markup": inline_markup(params),
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
            "reply_markup": inline_markup(params),
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
        content["reply_markup"] = inline_markup(params)
        message = self._new_message(chat, content)
        self._record("copyMessage", message, text=visible_text(message), params=params)
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
        self._record("forwardMessage", message, text=visible_text(message), params=params)
        return message

    def _source_message(self, params: Params, action: str) -> Json:
        chat = self._chats.get(as_int(params.get("from_chat_id"), 0))
        message = chat.messages.get(as_int(params.get("message_id"), 0)) if chat else None
        if message is None:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        return message

    async def _edit_message_text(self, params: Params) -> Json:
        chat, message = self._message_to_edit(params)
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        changes = {**self._text_content(params), "reply_markup": inline_markup(params)}
        return self._apply_edit("editMessageText", chat, message, changes, params["text"], params)

    async def _edit_message_caption(self, params: Params) -> Json:
        chat, message = self._message_to_edit(params)
        if not message.keys() & {"photo", "document"}:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        changes = {**self._caption_content(params), "reply_markup": inline_markup(params)}
        caption = params.get("caption")
        return self._apply_edit("editMessageCaption", chat, message, changes, caption, params)

    async def _edit_message_reply_markup(self, params: Params) -> Json:
        chat, message = self._message_to_edit(params)
        changes = {"reply_markup": inline_markup(params)}
        record = self._last_record(chat.id, message["message_id"])
        text = record.text if record else None
        return self._apply_edit("editMessageReplyMarkup", chat, message, changes, text, params)

    def _message_to_edit(self, params: Params) -> tuple[Chat, Json]:
        chat = self._target_chat(params)
        message = chat.messages.get(as_int(params.get("message_id"), 0))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        return chat, message

    def _apply_edit(
        self,
        method: str,
        chat: Chat,
        message: Json,
        changes: Json,
        text: str | None,
        params: Params,
    ) -> Json:
        """Apply `changes` (None removes a field). An edit that leaves content and markup as
        they were is an error on Telegram; leaving out reply_markup removes the keyboard."""
        if all(message.get(key) == value for key, value in changes.items()):
            raise ApiError(400, NOT_MODIFIED)
        edited = without_none({**message, **changes, "edit_date": int(time.time())})
        chat.messages[message["message_id"]] = edited
        self._record(method, edited, text=text, params=params)
        return edited

    async def _delete_message(self, params: Params) -> bool:
        chat = self._target_chat(params)
        message = chat.messages.pop(as_int(params.get("message_id"), 0), None)
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


