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


def upgrade() -> None:
    for table, length in _COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('name_cy', existing_type=sa.String(length=length),
                                  nullable=True)


def downgrade() -> None:
    for table, length in _COLUMNS:
        op.execute(f"UPDATE {table} SET name_cy = name_en WHERE name_cy IS NULL")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('name_cy', existing_type=sa.String(length=length),
                                  nullable=False)
