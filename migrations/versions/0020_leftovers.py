"""Round and area names may have no Welsh: Welsh readers are then told the name is only in English

Revision ID: 0020_leftovers
Revises: 0019_projects
Create Date: 2026-12-05

Rows already stored keep their Welsh name as it is: one equal to the English may be a place
name that is the same in both languages, so it is not taken for a missing translation.
"""
from alembic import op
import sqlalchemy as sa


revision = '0020_leftovers'
down_revision = '0019_projects'
branch_labels = None
depends_on = None

_COLUMNS = (('rounds', 120), ('round_areas', 80))
BUMP = 'UPDATE rounds_version SET version = version + 1 WHERE id = 1'


def _nullable(nullable: bool) -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for table, length in _COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('name_cy', existing_type=sa.String(length=length),
                                  nullable=nullable)
        if sqlite:
            # SQLite rebuilt the table, dropping the triggers that tell every process's round
            # cache of a change (0013_rounds_version): made again, as they were.
            for change in ('INSERT', 'UPDATE', 'DELETE'):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{change.lower()}_changed")
                op.execute(f"""CREATE TRIGGER {table}_{change.lower()}_changed
                    AFTER {change} ON {table} BEGIN {BUMP}; END""")


def upgrade() -> None:
    _nullable(True)


def downgrade() -> None:
    for table, _ in _COLUMNS:
        op.execute(f"UPDATE {table} SET name_cy = name_en WHERE name_cy IS NULL")
    _nullable(False)
