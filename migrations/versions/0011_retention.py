"""Retention of personal data after a round closes (issue #8)

Revision ID: 0011_retention
Revises: 0010_paper_ballots
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_retention'
down_revision = '0010_paper_ballots'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
