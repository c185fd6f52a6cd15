"""Broadcast audiences beyond everyone (issue #3)

Revision ID: 0012_audiences
Revises: 0011_retention
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_audiences'
down_revision = '0011_retention'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audience_target_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('audience_target_name', sa.String(length=200),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.drop_column('audience_target_name')
        batch_op.drop_column('audience_target_id')
