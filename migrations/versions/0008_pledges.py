"""Festival of learning pledges and follow-ups (issue #7)

Revision ID: 0008_pledges
Revises: 0007_worldcafe
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_pledges'
down_revision = '0007_worldcafe'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
