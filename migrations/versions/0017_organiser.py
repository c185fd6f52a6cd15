"""The audit log in words: what happened (an event code), in which round, by whom by name;
refusals recorded with no actor; when a broadcast was tried again for the uncertain; anonymous
counts kept when people are forgotten (the programme report)

Revision ID: 0017_organiser
Revises: 0016_welsh
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa


revision = '0017_organiser'
down_revision = '0016_welsh'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('anonymous_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('what', sa.String(length=24), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'],
                            name=op.f('fk_anonymous_counts_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_anonymous_counts'))
    )
    with op.batch_alter_table('anonymous_counts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_anonymous_counts_event_id'), ['event_id'],
                              unique=False)
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.alter_column('actor_telegram_id', existing_type=sa.BigInteger(),
                              nullable=True)
        batch_op.add_column(sa.Column('actor_name', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('event', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('round_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('detail', sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_log_round_id'), ['round_id'], unique=False)
    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retried_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.drop_column('retried_at')
    with op.batch_alter_table('anonymous_counts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_anonymous_counts_event_id'))
    op.drop_table('anonymous_counts')
    # Refusals have no actor; the old table cannot hold them.
    op.execute("DELETE FROM audit_log WHERE actor_telegram_id IS NULL")
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_round_id'))
        batch_op.drop_column('detail')
        batch_op.drop_column('round_id')
        batch_op.drop_column('event')
        batch_op.drop_column('actor_name')
        batch_op.alter_column('actor_telegram_id', existing_type=sa.BigInteger(),
                              nullable=False)
