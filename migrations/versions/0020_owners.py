"""A funded project's co-owners (invited by a one-time link), and a round's own update schedule

Revision ID: 0020_owners
Revises: 0019_projects
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa


revision = '0020_owners'
down_revision = '0019_projects'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('rounds') as batch:
        batch.add_column(sa.Column('update_days', sa.String(length=64), nullable=True))
    op.create_table('project_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('first_name', sa.String(length=64), nullable=True),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                            name=op.f('fk_project_members_project_id_projects'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_members')),
    sa.UniqueConstraint('project_id', 'telegram_id', name='uq_project_members_project_person')
    )
    op.create_index(op.f('ix_project_members_project_id'), 'project_members', ['project_id'])
    op.create_index(op.f('ix_project_members_telegram_id'), 'project_members', ['telegram_id'])
    op.create_table('project_invites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                            name=op.f('fk_project_invites_project_id_projects'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_invites')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_project_invites_token_hash'))
    )
    op.create_index(op.f('ix_project_invites_project_id'), 'project_invites', ['project_id'])


def downgrade() -> None:
    op.drop_table('project_invites')
    op.drop_table('project_members')
    with op.batch_alter_table('rounds') as batch:
        batch.drop_column('update_days')
