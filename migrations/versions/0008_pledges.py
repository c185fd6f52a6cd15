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
    op.create_table('festivals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('audience', sa.String(length=8), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_seconds', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_festivals_event_id_events'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_festivals'))
    )
    op.create_table('pledges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('festival_id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('stage', sa.String(length=8), nullable=False),
    sa.Column('stage_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('learned', sa.Text(), nullable=True),
    sa.Column('pledge', sa.Text(), nullable=True),
    sa.Column('pledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=8), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.Column('followed_up_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['festival_id'], ['festivals.id'], name=op.f('fk_pledges_festival_id_festivals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledges')),
    sa.UniqueConstraint('festival_id', 'telegram_id', name='uq_pledges_festival_person')
    )
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledges_festival_id'), ['festival_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledges_telegram_id'), ['telegram_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledges_telegram_id'))
        batch_op.drop_index(batch_op.f('ix_pledges_festival_id'))
    op.drop_table('pledges')
    op.drop_table('festivals')
