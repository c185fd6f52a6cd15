"""What tests read back from the stand-in: the messages the bot sent or changed, and helpers
that wait for them (failing with a summary of what the bot did meanwhile)."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable

from tests.support.stub.api import EDIT_METHODS, NEW_MESSAGE_METHODS, Json, Params
from tests.support.stub.records import SentMessage
from tests.support.stub.requests import commands_key, flatten_buttons


class Inspection:
    """Reads and waits on what the bot did. Part of TelegramStub (its state is set up there)."""

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
        return flatten_buttons(message.reply_markup)

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
        return self._commands.get(commands_key(scope, language_code), [])

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
                    f"waited {timeout}s for {what or describe(predicate)}\n{self._summary()}"
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



def describe(predicate: Callable[[], bool]) -> str:
    """The predicate's source line if available (lambdas say more than their name)."""
    try:
        return inspect.getsource(predicate).strip()
    except (OSError, TypeError):
        return getattr(predicate, "__qualname__", repr(predicate))
