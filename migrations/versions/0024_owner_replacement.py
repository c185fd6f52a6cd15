"""A link an organiser makes to replace a project's owner who is still here

Revision ID: 0024_owner_replacement
Revises: 0023_owner_links
Create Date: 2026-12-06

One column on `project_invites`: `replaces_owner`, the owner a link for the owner's place was
made against (NULL: the place was empty, or that owner used /forget since). The link is good
only while the project's owner is still this person or nobody. A plain ADD/DROP COLUMN on both
backends, as in 0023_owner_links: a batch rebuild on SQLite could cascade deletes through
foreign keys.
"""
from alembic import op
import sqlalchemy as sa


revision = '0024_owner_replacement'
down_revision = '0023_owner_links'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('project_invites', sa.Column('replaces_owner', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    op.drop_column('project_invites', 'replaces_owner')
