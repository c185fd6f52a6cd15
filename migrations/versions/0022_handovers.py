"""A project counts its hand-overs from one owner to another

Revision ID: 0022_handovers
Revises: 0021_leftovers
Create Date: 2026-12-06

A plain ADD/DROP COLUMN on both backends: on SQLite a batch rebuild would drop `projects`
while foreign keys are on, deleting every update, payment and co-owner of every project
through their ON DELETE CASCADE (see 0021_leftovers). SQLite drops a column in place since
3.35.
"""
from alembic import op
import sqlalchemy as sa


revision = '0022_handovers'
down_revision = '0021_leftovers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('projects', sa.Column('handovers', sa.Integer(), nullable=False,
                                        server_default='0'))


def downgrade() -> None:
    op.drop_column('projects', 'handovers')
