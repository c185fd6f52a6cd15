"""The user side of the stand-in: what people write and press (`push_*`), queued for
getUpdates or posted to the bot's webhook servers the way Telegram posts to a load balancer."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Sequence

import aiohttp

from tests.support.stub.api import ApiError, Json
from tests.support.stub.records import Chat, Queued
from tests.support.stub.requests import command_entity, decode_param, flatten_buttons, form_fields


class UserSide:
    """Scripts the people talking to the bot. Part of TelegramStub (its state is set up there)."""

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
        if entity := command_entity(text):
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
        offered = [callback for _, callback in flatten_buttons(message.get("reply_markup"))]
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
        self._queue.append(Queued(self._history[update_id], pinned=True))
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
        self._queue.append(Queued(update))
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
        raw = form_fields(await response.read(), content_type)
        method = raw.pop("method", "")
        self.webhook_replies += 1
        with contextlib.suppress(ApiError):
            await self._call(method, {key: decode_param(key, value, {})
                                      for key, value in raw.items()})

    def _notify(self) -> None:
        # Each waiter holds the event current when it started waiting; replacing it lets
        # push_* stay synchronous.
        self._wake.set()
        self._wake = asyncio.Event()

    def _keyboard_message(self, chat: Chat, message_id: int | None) -> Json:
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

    def _chat(self, chat_id: int) -> Chat:
        if chat_id not in self._chats:
            self._chats[chat_id] = Chat(chat_id)
        return self._chats[chat_id]

    def _user(self, chat: Chat, language_code: str) -> Json:
        return {
            "id": chat.id,
            "is_bot": False,
            "first_name": chat.first_name,
            "language_code": language_code,
        }

