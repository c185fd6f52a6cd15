"""Who may vote: voting codes, eligibility, round settings, age bands (issue #6/#8)

Revision ID: 0009_voting_access
Revises: 0008_pledges
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_voting_access'
down_revision = '0008_pledges'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('eligibility', sa.String(length=12), server_default='anyone', nullable=False))
        batch_op.add_column(sa.Column('score_all', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('changes_allowed', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('age_band_required', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('reminders_sent', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('age_band', sa.String(length=8), nullable=True))

    op.create_table('voting_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('claimant_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_voting_codes_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voting_codes')),
    sa.UniqueConstraint('code_hash', name='uq_voting_codes_code_hash'),
    sa.UniqueConstraint('round_id', 'claimant_key', name='uq_voting_codes_round_claimant')
    )
    with op.batch_alter_table('voting_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voting_codes_round_id'), ['round_id'], unique=False)

    op.create_table('voter_areas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['round_areas.id'], name=op.f('fk_voter_areas_area_id_round_areas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_voter_areas_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voter_areas')),
    sa.UniqueConstraint('round_id', 'telegram_id', name='uq_voter_areas_round_person')
    )
    with op.batch_alter_table('voter_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voter_areas_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voter_areas_telegram_id'), ['telegram_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('voter_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voter_areas_telegram_id'))
        batch_op.drop_index(batch_op.f('ix_voter_areas_round_id'))
    op.drop_table('voter_areas')
    with op.batch_alter_table('voting_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voting_codes_round_id'))
    op.drop_table('voting_codes')
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.drop_column('age_band')
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_column('reminders_sent')
        batch_op.drop_column('age_band_required')
        batch_op.drop_column('changes_allowed')
        batch_op.drop_column('score_all')
        batch_op.drop_column('eligibility')
