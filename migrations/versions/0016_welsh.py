"""World Café table labels in Welsh too ("Table 3" / "Bwrdd 3"); empty: the same in both

Revision ID: 0016_welsh
Revises: 0014_ballot_secrecy
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa


revision = '0016_welsh'
down_revision = '0014_ballot_secrecy'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('worldcafe_questions') as batch_op:
        batch_op.add_column(sa.Column('group_label_cy', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('worldcafe_questions') as batch_op:
        batch_op.drop_column('group_label_cy')
