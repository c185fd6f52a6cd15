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
    pass


def downgrade() -> None:
    pass
