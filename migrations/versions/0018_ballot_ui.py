"""Ballot notices: people who asked to be told when a vote opens, and who began a ballot in
the chat (for the finish rate and one reminder to confirm)

Revision ID: 0018_ballot_ui
Revises: 0017_organiser
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa


revision = '0018_ballot_ui'
down_revision = '0017_organiser'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('vote_alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote_alerts')),
    sa.UniqueConstraint('telegram_id', name=op.f('uq_vote_alerts_telegram_id'))
    )
    op.create_table('ballot_starts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'],
                            name=op.f('fk_ballot_starts_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballot_starts')),
    sa.UniqueConstraint('round_id', 'telegram_id', name='uq_ballot_starts_round_person')
    )
    op.create_index(op.f('ix_ballot_starts_round_id'), 'ballot_starts', ['round_id'])
    op.create_index(op.f('ix_ballot_starts_telegram_id'), 'ballot_starts', ['telegram_id'])
    op.create_index(op.f('ix_ballot_starts_reminded_at'), 'ballot_starts', ['reminded_at'])


def downgrade() -> None:
    op.drop_index(op.f('ix_ballot_starts_reminded_at'), table_name='ballot_starts')
    op.drop_index(op.f('ix_ballot_starts_telegram_id'), table_name='ballot_starts')
    op.drop_index(op.f('ix_ballot_starts_round_id'), table_name='ballot_starts')
    op.drop_table('ballot_starts')
    op.drop_table('vote_alerts')
