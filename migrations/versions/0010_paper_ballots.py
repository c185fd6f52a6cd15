"""Paper ballots counted beside chat ballots (issue #6)

Revision ID: 0010_paper_ballots
Revises: 0009_voting_access
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_paper_ballots'
down_revision = '0009_voting_access'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('paper_ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=30), nullable=False),
    sa.Column('sheets', sa.Integer(), nullable=False),
    sa.Column('is_count', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_paper_ballots_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_ballots')),
    sa.UniqueConstraint('round_id', 'label', name='uq_paper_ballots_round_label')
    )
    with op.batch_alter_table('paper_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_ballots_round_id'), ['round_id'], unique=False)

    op.create_table('paper_ballot_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paper_ballot_id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['paper_ballot_id'], ['paper_ballots.id'], name=op.f('fk_paper_ballot_entries_paper_ballot_id_paper_ballots'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_paper_ballot_entries_bid_id_bids'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_ballot_entries')),
    sa.UniqueConstraint('paper_ballot_id', 'bid_id', name='uq_paper_ballot_entries_bid')
    )
    with op.batch_alter_table('paper_ballot_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_ballot_entries_paper_ballot_id'), ['paper_ballot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_paper_ballot_entries_bid_id'), ['bid_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('paper_ballot_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_ballot_entries_bid_id'))
        batch_op.drop_index(batch_op.f('ix_paper_ballot_entries_paper_ballot_id'))
    op.drop_table('paper_ballot_entries')
    with op.batch_alter_table('paper_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_ballots_round_id'))
    op.drop_table('paper_ballots')
