"""The one place a Dispatcher is built: `python -m bot` and every test use `create_dispatcher`."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import DisabledEventIsolation, SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from redis.asyncio import BlockingConnectionPool, Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.aiogram_patches import run_first_at_shutdown, take_out_fsm_middleware
from bot.callback_reply import CallbackReplyMiddleware, HoldCallbackAnswer
from bot.conversation.first_contact import FirstContactMiddleware
from bot.filters import gate_buttons_by_prefix, run_filters_in_loop
from bot.i18n import create_i18n
from bot.jobs.notifier import Notifier
from bot.json_session import JsonSession
from bot.middlewares import DatabaseMiddleware, InFlightMiddleware
from bot.settings import Settings
from bot.storage import DatabaseStorage, RedisStateStorage
from bot.throttling import ThrottlingMiddleware
from bot.ui.commands import register_commands, show_organiser_menus
from handlers import get_routers
from models.ballot import Ballots
from models.db import backend_of
from models.organiser import organiser_locales

log = logging.getLogger(__name__)


def create_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    if session is None:
        session = (JsonSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
                   if settings.telegram_api_url else JsonSession())
    bot = Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    bot.session.middleware(HoldCallbackAnswer())
    return bot


def create_storage(
    settings: Settings, session_maker: async_sessionmaker[AsyncSession]
) -> BaseStorage:
    if settings.redis_url:
        # Under a burst, wait for a free connection: the default pool raises "Too many
        # connections" beyond 100 commands in flight, which failed updates in bench/load.py.
        pool = BlockingConnectionPool.from_url(settings.redis_url, max_connections=100,
                                               timeout=30)
        return RedisStateStorage(
            Redis(connection_pool=pool),
            key_builder=DefaultKeyBuilder(with_destiny=True, with_bot_id=True),
        )
    return DatabaseStorage(session_maker)


def create_isolation(storage: BaseStorage, backend: str) -> BaseEventIsolation:
    """One update at a time per person, so a quick second answer meets the step the first
    one moved to. On PostgreSQL, DatabaseMiddleware takes the person's turn with the update
    claim (no round trips of its own, across processes); on SQLite (one process) a lock per
    person in memory does, or in Redis if the state is kept there."""
    if backend == "postgresql":
        return DisabledEventIsolation()
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
    backend = backend_of(session_maker)
    dp = Dispatcher(
        storage=storage,
        events_isolation=create_isolation(storage, backend),
        settings=settings,
        session_maker=session_maker,
        # The ballot rules under the ballot secret: handlers pass the person, never the secret.
        ballots=Ballots(settings.ballot_key),
        # Set by /broadcast's Send once committed: the broadcast monitor looks at once.
        broadcast_wake=asyncio.Event(),
    )
    # Flood control goes before the per-person lock (the database's turn or the FSM
    # middleware's), which would otherwise queue a flood up and feed it through slowly
    # instead of dropping it.
    take_out_fsm_middleware(dp)
    in_flight = InFlightMiddleware()
    dp.update.outer_middleware(in_flight)
    dp.update.outer_middleware(CallbackReplyMiddleware())
    # First at shutdown, before aiogram closes the FSM storage and aiogram-i18n its locales.
    run_first_at_shutdown(dp, in_flight.wait_idle)
    dp.update.outer_middleware(
        ThrottlingMiddleware(rate=settings.throttle_rate, burst=settings.throttle_burst)
    )
    # The database first: on PostgreSQL it takes the person's turn that the state is read in.
    dp.update.outer_middleware(DatabaseMiddleware(session_maker, claim_apart=backend == "sqlite",
                                                  default_locale=settings.default_locale))
    dp.update.outer_middleware(dp.fsm)
    i18n = create_i18n(settings.default_locale)
    i18n.setup(dp)
    # The one notifier: handlers get it as `notifier`, the background loops from bot/app.py.
    dp["notifier"] = Notifier.of(i18n.core, settings)
    # After the language is known: the privacy notice on anyone's first message or tap.
    first_contact = FirstContactMiddleware()
    dp.message.outer_middleware(first_contact)
    dp.callback_query.outer_middleware(first_contact)
    dp.include_routers(*get_routers())
    run_filters_in_loop(dp)
    gate_buttons_by_prefix(dp)
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
