"""World Café questions and answers (issue #7)

Revision ID: 0007_worldcafe
Revises: 0006_voting
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_worldcafe'
down_revision = '0006_voting'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('worldcafe_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('group_label', sa.String(length=40), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('text_cy', sa.Text(), nullable=False),
    sa.Column('token', sa.String(length=16), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_worldcafe_questions_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worldcafe_questions')),
    sa.UniqueConstraint('token', name='uq_worldcafe_questions_token')
    )
    with op.batch_alter_table('worldcafe_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worldcafe_questions_event_id'), ['event_id'], unique=False)

    op.create_table('worldcafe_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('voice_file_id', sa.String(length=255), nullable=True),
    sa.Column('first_name', sa.String(length=64), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['worldcafe_questions.id'], name=op.f('fk_worldcafe_answers_question_id_worldcafe_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worldcafe_answers'))
    )
    with op.batch_alter_table('worldcafe_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worldcafe_answers_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_worldcafe_answers_telegram_id'), ['telegram_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('worldcafe_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worldcafe_answers_telegram_id'))
        batch_op.drop_index(batch_op.f('ix_worldcafe_answers_question_id'))
    op.drop_table('worldcafe_answers')
    with op.batch_alter_table('worldcafe_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worldcafe_questions_event_id'))
    op.drop_table('worldcafe_questions')
