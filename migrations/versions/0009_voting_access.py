"""Who may vote: voting codes, eligibility, round settings, age bands (issue #6/#8)

Revision ID: 0009_voting_access
Revises: 0008_pledges
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_voting_access'
down_revision = '0008_pledges'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
