"""Bot API requests with JSON bodies.

aiogram's aiohttp session sends every request as a form: each field is JSON-encoded first,
then percent-encoded character by character in Python, and Telegram decodes both layers. A
bid card with its keyboard spent more CPU on that than on building the message. Telegram
takes `application/json` bodies for every method, so requests go as JSON; a request that
uploads a file (a poster, the voting cards PDF) stays multipart, the only way to send one.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods import TelegramMethod
from aiohttp import BytesPayload


class JsonSession(AiohttpSession):
    # aiogram's hook for the request body, named for forms: whatever it returns is posted.
    def build_form_data(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        files: dict[str, Any] = {}
        fields = self.prepare_value(method.model_dump(warnings=False), bot=bot, files=files,
                                    _dumps_json=False)
        if files:
            return super().build_form_data(bot, method)
        # The form left out empty strings as well as None (prepare_value drops None).
        body = {key: value for key, value in fields.items() if value != ""}
        return BytesPayload(self.json_dumps(body).encode(), content_type="application/json")
