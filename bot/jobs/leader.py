"""Leader election for the scheduled chores: exactly one bot process runs APScheduler.

APScheduler 3's job store is not safe for several schedulers (two processes would both fire
every job). On PostgreSQL the leader is whoever holds a session-level advisory lock on a
connection of its own, kept open for the life of the process. The others try again every
`interval` seconds, so when the leader dies (its connection closes, and PostgreSQL releases
the lock at once) a standby takes over within one interval. A leader checks its connection at
the same pace and steps down if it has gone, so there is never a leader without the lock for
longer than that.

On SQLite there is one process by design (one writer), so it simply leads.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import asyncpg
from sqlalchemy.engine import make_url

from bot.jobs.periodic import Periodic

log = logging.getLogger(__name__)

# pg_try_advisory_lock takes a bigint; advisory locks are per database, so this only has to be
# unique among the bot's own locks.
SCHEDULER_LOCK = 0x7062_6368_6174_0001  # "pbchat" + 1
RETRY_SECONDS = 15.0
# Server-side keepalives: a leader whose machine vanishes (no FIN) loses the lock in ~25 s.
_KEEPALIVES = {"tcp_keepalives_idle": "10", "tcp_keepalives_interval": "5",
               "tcp_keepalives_count": "3", "application_name": "pbchat-leader"}

Callback = Callable[[], Awaitable[None] | None]


def asyncpg_dsn(database_url: str) -> str:
    """The SQLAlchemy URL (postgresql+asyncpg://...) as a plain DSN asyncpg understands."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(
        hide_password=False)


class Leader(Periodic):
    """Calls `on_elected` when this process becomes the leader and `on_deposed` when it stops
    being one (its lock connection died, or the process is stopping)."""

    def __init__(self, database_url: str, *, on_elected: Callback, on_deposed: Callback,
                 key: int = SCHEDULER_LOCK, interval: float = RETRY_SECONDS) -> None:
        super().__init__(interval)
        self._url = database_url
        self._postgres = make_url(database_url).get_backend_name() == "postgresql"
        self._on_elected = on_elected
        self._on_deposed = on_deposed
        self._key = key
        self._connection: asyncpg.Connection | None = None
        self.leading = False

    async def tick(self) -> None:
        if self.leading:
            if not await self._still_holding():
                log.warning("lost the scheduler lock; standing by")
                await self._step_down()
            return
        if await self._acquire():
            self.leading = True
            log.info("this process runs the scheduled jobs")
            try:
                await _call(self._on_elected)
            except BaseException:
                await self._step_down()  # let go, so this process or another tries again
                raise

    async def run(self) -> None:
        try:
            await super().run()
        finally:
            await self._step_down()

    async def _acquire(self) -> bool:
        if not self._postgres:
            return True
        connection = await asyncpg.connect(asyncpg_dsn(self._url), timeout=10,
                                           server_settings=_KEEPALIVES)
        try:
            got = await connection.fetchval("SELECT pg_try_advisory_lock($1)", self._key)
        except BaseException:
            await connection.close()
            raise
        if not got:
            await connection.close()
            return False
        self._connection = connection
        return True

    async def _still_holding(self) -> bool:
        if not self._postgres:
            return True
        if self._connection is None or self._connection.is_closed():
            return False
        try:
            await self._connection.fetchval("SELECT 1", timeout=10)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
            return False
        return True

    async def _step_down(self) -> None:
        was_leading, self.leading = self.leading, False
        connection, self._connection = self._connection, None
        if connection is not None:
            # Closing the session releases the lock; terminate if the socket is already dead.
            try:
                await connection.close(timeout=5)
            except Exception:
                connection.terminate()
        if was_leading:
            await _call(self._on_deposed)


async def _call(callback: Callback) -> None:
    result = callback()
    if result is not None:
        await result
