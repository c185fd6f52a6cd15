"""Throwaway databases for tests: an SQLite file, or a fresh database on the local PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest

PG_HOST = os.environ.get("PGHOST", "127.0.0.1")
PG_ADMIN_DSN = f"postgresql://postgres@{PG_HOST}:5432/test"
BACKENDS = ("sqlite", "postgresql")


def unavailable(reason: str) -> None:
    """Skip on a laptop without the server; on CI (CI=true) the run must happen, so fail."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: this test must run, not skip)")
    pytest.skip(reason)


@asynccontextmanager
async def temporary_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """Yield an async SQLAlchemy URL of an empty database that is removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'pbchat-test.db'}"
        return
    name = f"pbchat_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = await asyncpg.connect(PG_ADMIN_DSN, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        unavailable(f"PostgreSQL at {PG_HOST}:5432 unreachable: {exc}")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield f"postgresql+asyncpg://postgres@{PG_HOST}:5432/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
