"""Engine and session factory for SQLite (embedded default) and PostgreSQL (scale path)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# The SQLite driver's debug lines carry every statement's parameters (Telegram ids, names,
# answers): never let them through, whatever LOG_LEVEL says.
logging.getLogger("aiosqlite").setLevel(logging.INFO)
log = logging.getLogger(__name__)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, pool_size: int = 20, **kwargs) -> AsyncEngine:
    # hide_parameters: a database error logged with its statement would otherwise carry the
    # values (Telegram ids, names, answers) into the logs.
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30},
                                     **{"hide_parameters": True} | kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # No pool_pre_ping: it costs a round trip on every checkout (7% of the bot's CPU per
    # update under load). Connections are renewed after five minutes instead, before a
    # proxy's or a platform's idle timeout closes them under us. After a server restart the
    # first statement on a dead connection fails, SQLAlchemy drops every older connection,
    # and bot.middlewares.DatabaseMiddleware tries that update again on a fresh one.
    # The pool is as big as the work in flight (bot.settings.Settings.pool_size): past it,
    # SQLAlchemy opens an overflow connection and closes it on return, and a new PostgreSQL
    # connection costs a backend process, a TLS attempt and statement preparation.
    return create_async_engine(url, pool_size=pool_size, max_overflow=10,
                               pool_recycle=300, **{"hide_parameters": True} | kwargs)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the delivery worker write while handlers read; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # Deleted content is overwritten with zeros, so what /forget erases is not left readable
    # in the file's free pages (models/personal_data.py).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def backend_of(session_maker: async_sessionmaker[AsyncSession]) -> str:
    """"sqlite" or "postgresql": the database the sessions of `session_maker` talk to."""
    return session_maker.kw["bind"].dialect.name


def create_session_maker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def sync_url(url: str) -> str:
    """The same database for synchronous clients (APScheduler's job store)."""
    parsed = make_url(url)
    driver = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg2"}[parsed.get_backend_name()]
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


async def clean_after_delete(engine: AsyncEngine, tables: Iterable[str]) -> None:
    """Once an erasure or a ballot seal is committed: leave no old copy of the rows where the
    database can still read it back.

    SQLite: every connection zeroes deleted content (`secure_delete`), but the write-ahead
    log still holds the pages as they were; a checkpoint copies it into the file and empties
    it. PostgreSQL: an UPDATE or DELETE leaves the old row version in the table (and its
    index entries) until a VACUUM, and autovacuum waits for 50 dead rows plus a fifth of the
    table, which the few rows of one /forget may never reach. So `tables` are vacuumed now:
    it needs no lock that stops reading or writing (SKIP_LOCKED: a table autovacuum is busy
    with is done anyway), and INDEX_CLEANUP ON, since by default a VACUUM with this few dead
    rows leaves the indexes (which hold the old keys) as they are. VACUUM cannot run inside a
    transaction, hence the connection of its own. What it cannot do (docs/privacy.md): zero
    the freed bytes on the page, or reach a row version a transaction older than the
    erasure can still see (the next VACUUM does)."""
    if engine.dialect.name == "sqlite":
        async with engine.connect() as connection:
            busy, _, _ = (await connection.exec_driver_sql(
                "PRAGMA wal_checkpoint(TRUNCATE)")).one()
        if busy:
            # A reader held the log for all of busy_timeout: the next checkpoint (or a
            # restart) finishes the job. Rare: erasures and seals are, and readers are short.
            log.warning("checkpoint after an erasure could not finish; the log keeps old pages")
        return
    if engine.dialect.name != "postgresql":
        return
    names = sorted(set(tables))
    if not names:
        return
    quoted = ", ".join(f'"{name}"' for name in names)  # our own table names, never input
    async with engine.connect() as connection:
        connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.exec_driver_sql(f"VACUUM (INDEX_CLEANUP ON, SKIP_LOCKED) {quoted}")
