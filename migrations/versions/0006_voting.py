"""Ballots (keyed by a hash of the voter, never their id) and their entries

Revision ID: 0006_voting
Revises: 0003_rounds (to become 0005_rounds when the chain is renumbered)
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_voting'
# TEMPORARY: the rounds revision that exists today; set to '0005_rounds' at integration.
down_revision = '0003_rounds'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('voter_key', sa.String(length=64), nullable=False),
    sa.Column('receipt', sa.String(length=7), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_ballots_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballots')),
    sa.UniqueConstraint('round_id', 'receipt', name='uq_ballots_round_receipt'),
    sa.UniqueConstraint('round_id', 'voter_key', name='uq_ballots_round_voter')
    )
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballots_round_id'), ['round_id'], unique=False)

    op.create_table('ballot_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ballot_id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ballot_id'], ['ballots.id'], name=op.f('fk_ballot_entries_ballot_id_ballots'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_ballot_entries_bid_id_bids'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballot_entries')),
    sa.UniqueConstraint('ballot_id', 'bid_id', name='uq_ballot_entries_bid')
    )
    with op.batch_alter_table('ballot_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballot_entries_ballot_id'), ['ballot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ballot_entries_bid_id'), ['bid_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('ballot_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballot_entries_bid_id'))
        batch_op.drop_index(batch_op.f('ix_ballot_entries_ballot_id'))
    op.drop_table('ballot_entries')
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballots_round_id'))
    op.drop_table('ballots')
