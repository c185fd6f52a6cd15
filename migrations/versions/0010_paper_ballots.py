"""Paper ballots counted beside chat ballots (issue #6)

Revision ID: 0010_paper_ballots
Revises: 0009_voting_access
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_paper_ballots'
down_revision = '0009_voting_access'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
