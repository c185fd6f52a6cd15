"""Every migration goes up, down and up again on both backends, and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.cli.migrate import alembic_config, migrate
from models.base import Base
from models.db import create_engine


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


async def test_stairway_up_down_up(empty_database_url):
    engine = create_engine(empty_database_url)
    try:
        previous = "base"
        for revision in revisions():
            await migrate(engine, revision)
            await migrate(engine, previous, down=True)
            await migrate(engine, revision)
            previous = revision
    finally:
        await engine.dispose()


async def test_models_and_migrations_agree(engine):
    import models.all  # noqa: F401

    def diff(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        return compare_metadata(context, Base.metadata)

    async with engine.connect() as connection:
        changes = await connection.run_sync(diff)
    assert changes == [], f"models differ from migrations: {changes}"
