"""Who voted (the roll) kept apart from how (ballots); a salt per round; ballots lose their
receipt and timestamps

Ballots and their entries are read, both tables made again, and the rows written back: on
SQLite the only way to change these columns is to rebuild the table, and dropping `ballots`
with its entries still there would delete them (ON DELETE CASCADE).

Upgrade: each ballot's receipt moves to a roll entry keyed by a hash of its old key; each
round with ballots gets a salt and its ballots a key under it, so people can still change
their vote. Rounds no longer in voting are sealed by the bot's next check of the voting
windows (models.ballot.seal_closed_rounds). Downgrade cannot tie a ballot to its voter or its
receipt again (that is the point): ballots come back with random keys and new receipts, so
do not go down while voting is open.

Revision ID: 0014_ballot_secrecy
Revises: 0013_rounds_version
Create Date: 2026-12-05
"""
import hashlib
import hmac
import secrets
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0014_ballot_secrecy'
down_revision = '0013_rounds_version'
branch_labels = None
depends_on = None

RECEIPT_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"


def _read(bind):
    ballots = [dict(row._mapping) for row in bind.execute(sa.text('SELECT * FROM ballots'))]
    entries = [dict(row._mapping) for row in bind.execute(sa.text(
        'SELECT ballot_id, bid_id, value FROM ballot_entries'))]
    return ballots, entries


def _drop() -> None:
    with op.batch_alter_table('ballot_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballot_entries_bid_id'))
        batch_op.drop_index(batch_op.f('ix_ballot_entries_ballot_id'))
    op.drop_table('ballot_entries')
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballots_round_id'))
    op.drop_table('ballots')


def _create_entries():
    table = op.create_table('ballot_entries',
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
    return table


def _restore_sequences(bind) -> None:
    if bind.dialect.name == 'postgresql':
        for table in ('ballots', 'ballot_entries'):
            bind.execute(sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))


def upgrade() -> None:
    bind = op.get_bind()
    ballots, entries = _read(bind)
    _drop()
    op.create_table('ballot_boxes',
    sa.Column('round_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('salt', sa.String(length=64), nullable=True),
    sa.Column('sealed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('age_bands', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_ballot_boxes_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', name=op.f('pk_ballot_boxes'))
    )
    roll = op.create_table('voting_roll',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('roll_key', sa.String(length=64), nullable=False),
    sa.Column('receipt', sa.String(length=7), nullable=False),
    sa.Column('forgotten', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_voting_roll_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voting_roll')),
    sa.UniqueConstraint('round_id', 'receipt', name='uq_voting_roll_round_receipt'),
    sa.UniqueConstraint('round_id', 'roll_key', name='uq_voting_roll_round_voter')
    )
    with op.batch_alter_table('voting_roll', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voting_roll_round_id'), ['round_id'], unique=False)
    ballot_table = op.create_table('ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('voter_key', sa.String(length=64), nullable=True),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_ballots_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballots')),
    sa.UniqueConstraint('round_id', 'voter_key', name='uq_ballots_round_voter')
    )
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballots_round_id'), ['round_id'], unique=False)
    entry_table = _create_entries()

    # The old key was HMAC(secret, Telegram id): models.ballot.voter_key, from which the new
    # roll key and ballot key are both made; retention's random keys ('x…') stand for nobody.
    salts = {round_id: secrets.token_hex(32) for round_id in {b['round_id'] for b in ballots}}
    boxes = sa.table('ballot_boxes', sa.column('round_id', sa.Integer()),
                     sa.column('salt', sa.String()))
    if salts:
        op.bulk_insert(boxes, [{'round_id': r, 'salt': s} for r, s in sorted(salts.items())])
    rows, roll_rows = [], []
    for ballot in ballots:
        old = ballot['voter_key']
        tied = not old.startswith('x')
        salt = salts[ballot['round_id']]
        rows.append({'id': ballot['id'], 'round_id': ballot['round_id'],
                     'age_band': ballot.get('age_band'),
                     'voter_key': hmac.new(bytes.fromhex(salt), f"ballot {old}".encode(),
                                           hashlib.sha256).hexdigest()
                     if tied else secrets.token_hex(32)})
        roll_rows.append({'round_id': ballot['round_id'], 'receipt': ballot['receipt'],
                          'forgotten': not tied,
                          'roll_key': hashlib.sha256(f"pbchat roll {old}".encode()).hexdigest()
                          if tied else secrets.token_hex(32)})
    if rows:
        op.bulk_insert(ballot_table, rows)
        op.bulk_insert(roll, roll_rows)
    if entries:
        op.bulk_insert(entry_table, entries)
    _restore_sequences(bind)


def _receipt(taken: set) -> str:
    while True:
        chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))
        code = f"{chars[:3]}-{chars[3:]}"
        if code not in taken:
            taken.add(code)
            return code


def downgrade() -> None:
    bind = op.get_bind()
    ballots, entries = _read(bind)
    _drop()
    with op.batch_alter_table('voting_roll', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voting_roll_round_id'))
    op.drop_table('voting_roll')
    op.drop_table('ballot_boxes')
    ballot_table = op.create_table('ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('voter_key', sa.String(length=64), nullable=False),
    sa.Column('receipt', sa.String(length=7), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_ballots_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballots')),
    sa.UniqueConstraint('round_id', 'receipt', name='uq_ballots_round_receipt'),
    sa.UniqueConstraint('round_id', 'voter_key', name='uq_ballots_round_voter')
    )
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballots_round_id'), ['round_id'], unique=False)
    entry_table = _create_entries()
    now = datetime.now(timezone.utc)
    taken: dict[int, set] = {}
    rows = [{'id': b['id'], 'round_id': b['round_id'], 'age_band': b['age_band'],
             'voter_key': 'x' + secrets.token_hex(31), 'created_at': now, 'updated_at': now,
             'receipt': _receipt(taken.setdefault(b['round_id'], set()))}
            for b in ballots]
    if rows:
        op.bulk_insert(ballot_table, rows)
    if entries:
        op.bulk_insert(entry_table, entries)
    _restore_sequences(bind)
