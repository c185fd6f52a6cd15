"""Round and area names may have no Welsh: Welsh readers are then told the name is only in English

Revision ID: 0021_leftovers
Revises: 0020_owners
Create Date: 2026-12-05

Rows already stored keep their Welsh name as it is: one equal to the English may be a place
name that is the same in both languages, so it is not taken for a missing translation.

SQLite cannot drop a NOT NULL with ALTER TABLE, and the usual rebuild (batch_alter_table) would
drop `rounds` while foreign keys are on, which deletes every bid, ballot and roll entry of
every round through their ON DELETE CASCADE, and would drop the round cache's triggers. So the
table's stored definition is edited instead, the procedure SQLite documents for removing a NOT
NULL constraint (sqlite.org/lang_altertable.html, "making other kinds of table schema
changes"): nothing on disk changes but the schema text.
"""
import re

from alembic import op
import sqlalchemy as sa


revision = '0021_leftovers'
down_revision = '0020_owners'
branch_labels = None
depends_on = None

_COLUMNS = (('rounds', 120), ('round_areas', 80))


def _sqlite_nullable(nullable: bool) -> None:
    bind = op.get_bind()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema=ON")
    for table, length in _COLUMNS:
        sql = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar()
        before, after = ((f"name_cy VARCHAR({length}) NOT NULL", f"name_cy VARCHAR({length})")
                         if nullable else
                         (f"name_cy VARCHAR({length})", f"name_cy VARCHAR({length}) NOT NULL"))
        changed, count = re.subn(re.escape(before) + r"(?=\s*,)", after, sql)
        if count != 1:
            raise RuntimeError(f"{table}.name_cy not found as {before!r} in its definition")
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
            (changed, table))
    bind.exec_driver_sql(f"PRAGMA schema_version={version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema=OFF")


def _nullable(nullable: bool) -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_nullable(nullable)
        return
    for table, length in _COLUMNS:
        op.alter_column(table, 'name_cy', existing_type=sa.String(length=length),
                        nullable=nullable)


def upgrade() -> None:
    _nullable(True)


def downgrade() -> None:
    for table, _ in _COLUMNS:
        op.execute(f"UPDATE {table} SET name_cy = name_en WHERE name_cy IS NULL")
    _nullable(False)
