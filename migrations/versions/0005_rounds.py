"""PB rounds with their areas and pots, and bids (drafts included)

Revision ID: 0003_rounds
Revises: 0003_events
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_rounds'
down_revision = '0003_events'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('name_cy', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('max_bid_pence', sa.BigInteger(), nullable=False),
    sa.Column('priorities', sa.JSON(), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('bid_deadline', sa.DateTime(timezone=True), nullable=False),
    sa.Column('voting_opens', sa.DateTime(timezone=True), nullable=True),
    sa.Column('voting_closes', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ballot_kind', sa.String(length=16), nullable=False),
    sa.Column('ballot_n', sa.Integer(), nullable=True),
    sa.Column('ballot_tokens', sa.Integer(), nullable=True),
    sa.Column('allocation_rule', sa.String(length=24), nullable=False),
    sa.Column('allocation_policy', sa.String(length=8), nullable=False),
    sa.Column('last_bid_number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rounds'))
    )
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rounds_status'), ['status'], unique=False)

    op.create_table('round_areas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('name_en', sa.String(length=80), nullable=False),
    sa.Column('name_cy', sa.String(length=80), nullable=False),
    sa.Column('pot_pence', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_round_areas_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_areas')),
    sa.UniqueConstraint('round_id', 'code', name='uq_round_areas_round_code')
    )
    with op.batch_alter_table('round_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_areas_round_id'), ['round_id'], unique=False)

    op.create_table('bids',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('owner_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=12), nullable=True),
    sa.Column('group_name', sa.String(length=100), nullable=True),
    sa.Column('title', sa.String(length=80), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('voice_file_id', sa.String(length=200), nullable=True),
    sa.Column('beneficiaries', sa.Text(), nullable=True),
    sa.Column('amount_pence', sa.BigInteger(), nullable=True),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('contact', sa.String(length=200), nullable=True),
    sa.Column('photo_file_id', sa.String(length=200), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['round_areas.id'], name=op.f('fk_bids_area_id_round_areas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_bids_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bids')),
    sa.UniqueConstraint('round_id', 'number', name='uq_bids_round_number')
    )
    with op.batch_alter_table('bids', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bids_owner_telegram_id'), ['owner_telegram_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bids_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bids_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bids', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bids_status'))
        batch_op.drop_index(batch_op.f('ix_bids_round_id'))
        batch_op.drop_index(batch_op.f('ix_bids_owner_telegram_id'))

    op.drop_table('bids')
    with op.batch_alter_table('round_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_areas_round_id'))

    op.drop_table('round_areas')
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rounds_status'))

    op.drop_table('rounds')
