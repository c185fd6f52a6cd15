"""A link an organiser makes for a project's empty owner's place

Revision ID: 0023_owner_links
Revises: 0022_handovers
Create Date: 2026-12-06

Two columns on `project_invites`: `vacancy_turn` (NULL: an invitation to join the group; a
number: a link for the owner's place, good only while the project's hand-over count is still
this number) and `made_by` (the organiser who made such a link, told once when it is used;
/forget clears it). A plain ADD/DROP COLUMN on both backends, as in 0022_handovers: a batch
rebuild on SQLite could cascade deletes through foreign keys.
"""
from alembic import op
import sqlalchemy as sa


revision = '0023_owner_links'
down_revision = '0022_handovers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('project_invites', sa.Column('vacancy_turn', sa.Integer(), nullable=True))
    op.add_column('project_invites', sa.Column('made_by', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    op.drop_column('project_invites', 'made_by')
    op.drop_column('project_invites', 'vacancy_turn')
