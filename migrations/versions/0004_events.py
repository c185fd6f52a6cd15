"""events: registrations (waiting list, door codes, check-in), volunteer roles and volunteers

Revision ID: 0003_events
Revises: 0003_admin
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_events'
down_revision = '0003_admin'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_cy', sa.String(length=200), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('description_cy', sa.Text(), nullable=True),
    sa.Column('area', sa.String(length=60), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('ask_first_name', sa.Boolean(), nullable=False),
    sa.Column('ask_access', sa.Boolean(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.Column('reminder_offsets', sa.String(length=80), nullable=True),
    sa.Column('helpers_arrive_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_area'), ['area'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_starts_at'), ['starts_at'], unique=False)

    op.create_table('event_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('first_name', sa.String(length=64), nullable=True),
    sa.Column('access_needs', sa.String(length=500), nullable=True),
    sa.Column('walk_in', sa.Boolean(), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('offered_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_registrations_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_registrations')),
    sa.UniqueConstraint('code', name=op.f('uq_event_registrations_code')),
    sa.UniqueConstraint('event_id', 'telegram_id', name=op.f('uq_event_registrations_event_id'))
    )
    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_registrations_telegram_id'), ['telegram_id'], unique=False)

    op.create_table('event_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name_en', sa.String(length=80), nullable=False),
    sa.Column('name_cy', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_roles_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_roles'))
    )
    with op.batch_alter_table('event_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_roles_event_id'), ['event_id'], unique=False)

    op.create_table('event_volunteers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('first_name', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_volunteers_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['event_roles.id'], name=op.f('fk_event_volunteers_role_id_event_roles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_volunteers')),
    sa.UniqueConstraint('event_id', 'telegram_id', name=op.f('uq_event_volunteers_event_id'))
    )
    with op.batch_alter_table('event_volunteers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_volunteers_role_id'), ['role_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_volunteers_telegram_id'), ['telegram_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('event_volunteers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_volunteers_telegram_id'))
        batch_op.drop_index(batch_op.f('ix_event_volunteers_role_id'))

    op.drop_table('event_volunteers')
    with op.batch_alter_table('event_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_roles_event_id'))

    op.drop_table('event_roles')
    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_registrations_telegram_id'))

    op.drop_table('event_registrations')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_starts_at'))
        batch_op.drop_index(batch_op.f('ix_events_area'))

    op.drop_table('events')
