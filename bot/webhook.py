"""Webhook mode: an aiohttp server Telegram posts updates to, plus /healthz for the platform.

Requests without the right `X-Telegram-Bot-Api-Secret-Token` get 401. Each update is
answered once it has been handled, with a button press's answerCallbackQuery in the reply
(bot/callback_reply.py). So Telegram, not the bot's memory, holds the updates waiting their
turn (`WEBHOOK_MAX_CONNECTIONS` at a time), and an update a crashed process never answered is
sent again; a re-delivered update is dropped by the `processed_updates` claim, so several
processes behind one address act as one bot.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings

log = logging.getLogger(__name__)


def create_web_app(bot: Bot, dp: Dispatcher, settings: Settings,
                   session_maker: async_sessionmaker[AsyncSession]) -> web.Application:
    app = web.Application()
    SimpleRequestHandler(
        dispatcher=dp, bot=bot, secret_token=settings.webhook_secret.get_secret_value(),
        handle_in_background=False,
    ).register(app, path=urlsplit(settings.webhook_url).path or "/")

    async def healthz(_request: web.Request) -> web.Response:
        try:
            async with session_maker() as session:
                await session.execute(text("SELECT 1"))
        except Exception as exc:  # any database failure means "not healthy"
            log.warning("health check failed: %s", exc)
            return web.json_response({"status": "database unavailable"}, status=503)
        return web.json_response({"status": "ok"})

    app.router.add_get("/healthz", healthz)
    setup_application(app, dp, bot=bot)
    return app


async def serve(app: web.Application, port: int) -> None:
    """Serve until SIGTERM or SIGINT, then shut down cleanly (the app's on_shutdown runs)."""
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, host="0.0.0.0", port=port).start()
    log.info("webhook server listening on port %s", port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
