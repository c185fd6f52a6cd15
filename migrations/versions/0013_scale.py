"""Scheduler leadership across processes (issue #9)

Revision ID: 0013_scale
Revises: 0012_audiences
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0013_scale'
down_revision = '0012_audiences'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
