"""After the vote: funded projects, their updates, who follows them, and money paid and returned

Revision ID: 0019_projects
Revises: 0018_ballot_ui
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa


revision = '0019_projects'
down_revision = '0018_ballot_ui'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('owner_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('award_pence', sa.BigInteger(), nullable=False),
    sa.Column('spent_pence', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('ask_days', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'],
                            name=op.f('fk_projects_round_id_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'],
                            name=op.f('fk_projects_bid_id_bids'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('bid_id', name=op.f('uq_projects_bid_id'))
    )
    op.create_index(op.f('ix_projects_round_id'), 'projects', ['round_id'])
    op.create_index(op.f('ix_projects_owner_telegram_id'), 'projects', ['owner_telegram_id'])
    op.create_table('project_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('author_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('by_organiser', sa.Boolean(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('photo_file_id', sa.String(length=255), nullable=True),
    sa.Column('voice_file_id', sa.String(length=255), nullable=True),
    sa.Column('spent_pence', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                            name=op.f('fk_project_updates_project_id_projects'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_updates'))
    )
    op.create_index(op.f('ix_project_updates_project_id'), 'project_updates', ['project_id'])
    op.create_index(op.f('ix_project_updates_author_telegram_id'), 'project_updates',
                    ['author_telegram_id'])
    op.create_index(op.f('ix_project_updates_created_at'), 'project_updates', ['created_at'])
    op.create_table('project_follows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'],
                            name=op.f('fk_project_follows_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_follows')),
    sa.UniqueConstraint('round_id', 'telegram_id', name='uq_project_follows_round_person')
    )
    op.create_index(op.f('ix_project_follows_round_id'), 'project_follows', ['round_id'])
    op.create_index(op.f('ix_project_follows_telegram_id'), 'project_follows', ['telegram_id'])
    op.create_table('project_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('amount_pence', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by', sa.BigInteger(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                            name=op.f('fk_project_payments_project_id_projects'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_payments'))
    )
    op.create_index(op.f('ix_project_payments_project_id'), 'project_payments', ['project_id'])


def downgrade() -> None:
    op.drop_table('project_payments')
    op.drop_table('project_follows')
    op.drop_table('project_updates')
    op.drop_table('projects')
