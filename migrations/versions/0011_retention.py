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
    # When a round closed for retention, and when what tied people to it was erased.
    op.create_table('round_retention',
    sa.Column('round_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_round_retention_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', name=op.f('pk_round_retention'))
    )


def downgrade() -> None:
    op.drop_table('round_retention')
