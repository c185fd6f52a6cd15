"""Start-up and shut-down of the running bot: database, migrations, polling."""

from __future__ import annotations

import logging

from bot.dispatcher import create_bot, create_dispatcher
from bot.migrate import migrate
from bot.settings import Settings
from models.db import create_engine, create_session_maker

log = logging.getLogger(__name__)


async def migrate_only(settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine)
    finally:
        await engine.dispose()
    log.info("database is up to date")
    return 0


async def run(settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    await migrate(engine)
    session_maker = create_session_maker(engine)
    bot = create_bot(settings)
    dp = create_dispatcher(settings, session_maker)
    try:
        await bot.delete_webhook(drop_pending_updates=False)
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types())
    finally:
        await dp.storage.close()
        await bot.session.close()
        await engine.dispose()
    return 0
