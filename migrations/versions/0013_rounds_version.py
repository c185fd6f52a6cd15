"""A counter of changes to rounds, their areas and bids, for each process's round cache
(models/round_cache.py); on PostgreSQL, functions the update's claim reads it and the
person's row with

Revision ID: 0013_rounds_version
Revises: 0012_audiences
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa


revision = '0013_rounds_version'
down_revision = '0012_audiences'
branch_labels = None
depends_on = None

TABLES = ('rounds', 'round_areas', 'bids')
BUMP = 'UPDATE rounds_version SET version = version + 1 WHERE id = 1'


def upgrade() -> None:
    op.create_table('rounds_version',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rounds_version'))
    )
    op.execute("INSERT INTO rounds_version (id, version) VALUES (1, 0)")
    if op.get_bind().dialect.name == 'postgresql':
        # Deferred to the commit: the counter's row is locked last and only while committing,
        # so writers of different bids neither wait on each other nor deadlock over it.
        op.execute(f"""CREATE FUNCTION pbchat_rounds_changed() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$""")
        # VOLATILE: its query sees what has committed when it is called, not when the calling
        # statement began (the claim waits for the person's turn in between).
        op.execute("""CREATE FUNCTION pbchat_rounds_version() RETURNS bigint
            LANGUAGE plpgsql VOLATILE AS $$
            BEGIN RETURN (SELECT version FROM rounds_version WHERE id = 1); END $$""")
        # The person's row, read by the claim the same way (models/processed_update.py); a
        # row of NULLs for someone not yet known.
        op.execute("""CREATE FUNCTION pbchat_user(person bigint) RETURNS users
            LANGUAGE plpgsql VOLATILE AS $$
            DECLARE found users;
            BEGIN SELECT * INTO found FROM users WHERE telegram_id = person; RETURN found; END $$""")
        for table in TABLES:
            op.execute(f"""CREATE CONSTRAINT TRIGGER {table}_changed
                AFTER INSERT OR UPDATE OR DELETE ON {table}
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                EXECUTE FUNCTION pbchat_rounds_changed()""")
    else:
        # SQLite: one writer at a time, so plain triggers. A later migration that rebuilds
        # one of these tables (batch_alter_table) drops its triggers and must create them
        # again; tests/flow/test_round_cache.py notices.
        for table in TABLES:
            for change in ('INSERT', 'UPDATE', 'DELETE'):
                op.execute(f"""CREATE TRIGGER {table}_{change.lower()}_changed
                    AFTER {change} ON {table} BEGIN {BUMP}; END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in TABLES:
            op.execute(f"DROP TRIGGER {table}_changed ON {table}")
        op.execute("DROP FUNCTION pbchat_rounds_changed()")
        op.execute("DROP FUNCTION pbchat_rounds_version()")
        op.execute("DROP FUNCTION pbchat_user(bigint)")
    else:
        for table in TABLES:
            for change in ('insert', 'update', 'delete'):
                op.execute(f"DROP TRIGGER {table}_{change}_changed")
    op.drop_table('rounds_version')
