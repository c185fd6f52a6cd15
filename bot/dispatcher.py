"""The one place a Dispatcher is built: `python -m bot` and every test use `create_dispatcher`."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from redis.asyncio import BlockingConnectionPool, Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.commands import register_commands, show_organiser_menus
from bot.filters import run_filters_in_loop
from bot.i18n import create_i18n
from bot.middlewares import DatabaseMiddleware, InFlightMiddleware
from bot.settings import Settings
from bot.storage import DatabaseStorage
from bot.throttling import ThrottlingMiddleware
from handlers import get_routers
from models.db import backend_of
from models.organiser import organiser_locales

log = logging.getLogger(__name__)


def create_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    if session is None and settings.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def create_storage(
    settings: Settings, session_maker: async_sessionmaker[AsyncSession]
) -> BaseStorage:
    if settings.redis_url:
        # Under a burst, wait for a free connection: the default pool raises "Too many
        # connections" beyond 100 commands in flight, which failed updates in bench/load.py.
        pool = BlockingConnectionPool.from_url(settings.redis_url, max_connections=100,
                                               timeout=30)
        return RedisStorage(
            Redis(connection_pool=pool),
            key_builder=DefaultKeyBuilder(with_destiny=True, with_bot_id=True),
        )
    return DatabaseStorage(session_maker)


def create_isolation(storage: BaseStorage) -> BaseEventIsolation:
    """One update at a time per person, so a quick second answer meets the step the first
    one moved to. Across processes that needs Redis; in one process a lock per person does."""
    if isinstance(storage, RedisStorage):
        return RedisEventIsolation(storage.redis, key_builder=storage.key_builder)
    return SimpleEventIsolation()


def create_dispatcher(
    settings: Settings,
    session_maker: async_sessionmaker[AsyncSession],
    *,
    storage: BaseStorage | None = None,
    register_command_menu: bool = True,
) -> Dispatcher:
    storage = storage or create_storage(settings, session_maker)
    dp = Dispatcher(
        storage=storage,
        events_isolation=create_isolation(storage),
        settings=settings,
        session_maker=session_maker,
        # Set by /broadcast's Send once committed: the broadcast monitor looks at once.
        broadcast_wake=asyncio.Event(),
    )
    # Flood control goes before the FSM middleware, whose per-person lock would otherwise
    # queue a flood up and feed it through slowly instead of dropping it.
    dp.update.outer_middleware.unregister(dp.fsm)
    in_flight = InFlightMiddleware()
    dp.update.outer_middleware(in_flight)
    # First at shutdown, before aiogram closes the FSM storage and aiogram-i18n its locales.
    dp.shutdown.handlers.insert(0, HandlerObject(callback=in_flight.wait_idle))
    dp.update.outer_middleware(
        ThrottlingMiddleware(rate=settings.throttle_rate, burst=settings.throttle_burst)
    )
    dp.update.outer_middleware(dp.fsm)
    dp.update.outer_middleware(DatabaseMiddleware(
        session_maker, claim_apart=backend_of(session_maker) == "sqlite"))
    i18n = create_i18n(settings.default_locale)
    i18n.setup(dp)
    dp.include_routers(*get_routers())
    run_filters_in_loop(dp)
    if register_command_menu:
        dp.startup.register(_on_startup)
    return dp


async def _on_startup(bot: Bot, dispatcher: Dispatcher, settings: Settings) -> None:
    core = dispatcher["i18n_middleware"].core
    await register_commands(bot, core, settings.default_locale)
    async with dispatcher["session_maker"]() as session:
        organisers = await organiser_locales(session, settings.organiser_ids)
    await show_organiser_menus(bot, core, organisers, settings.default_locale)
    log.info("routers: %s", " > ".join(router.name for router in dispatcher.sub_routers))
