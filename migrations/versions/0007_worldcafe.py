"""World Café questions and answers (issue #7)

Revision ID: 0007_worldcafe
Revises: 0006_voting
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_worldcafe'
down_revision = '0006_voting'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
