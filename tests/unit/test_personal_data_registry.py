"""The registry of personal data (models/personal_data.py) speaks for every column that could
hold a person's Telegram id, name or words. The adversary: a new feature (or a new column)
that stores something about people without saying how /forget removes it."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table

import models.all  # noqa: F401  (every table in Base.metadata)
from models.base import Base
from models.personal_data import (
    HOLDERS,
    KEPT_UNLINKED,
    NOT_PERSONAL,
    may_hold_person,
    registered_columns,
)


def columns_needing_a_word(metadata: MetaData) -> set[str]:
    return {f"{table.name}.{column.name}" for table in metadata.sorted_tables
            for column in table.columns if may_hold_person(column)}


def test_every_column_that_may_hold_a_person_is_registered():
    missing = columns_needing_a_word(Base.metadata) - set(registered_columns())
    assert not missing, (
        "columns that may hold a Telegram id, a name or someone's words, with no eraser in "
        f"models/personal_data.py (add them to HOLDERS, KEPT_UNLINKED or NOT_PERSONAL): "
        f"{sorted(missing)}")


def test_the_registry_names_only_real_columns_and_each_once():
    real = {f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables for c in t.columns}
    listed = ([c for holder in HOLDERS for c in holder.columns]
              + list(NOT_PERSONAL) + list(KEPT_UNLINKED))
    assert set(listed) <= real, sorted(set(listed) - real)
    assert len(listed) == len(set(listed)), "a column is registered twice"


def test_every_reason_and_every_eraser_is_spelt_out():
    assert all(holder.how.strip() and callable(holder.erase) and holder.shown_as
               for holder in HOLDERS)
    assert all(why.strip() for why in [*NOT_PERSONAL.values(), *KEPT_UNLINKED.values()])


def test_a_new_column_of_any_personal_shape_is_caught():
    """The rule flags ids by type or name, and every kind of text, in a table nobody listed."""
    metadata = MetaData()
    Table("shoutouts", metadata, Column("id", Integer, primary_key=True),
          Column("from_telegram_id", BigInteger), Column("owner", Integer),
          Column("made_by", Integer), Column("message", String(200)),
          Column("count", Integer))
    flagged = columns_needing_a_word(metadata)
    assert flagged == {"shoutouts.from_telegram_id", "shoutouts.owner", "shoutouts.made_by",
                       "shoutouts.message"}
    assert not flagged & set(registered_columns())


async def test_mydata_has_a_place_for_everything_the_registry_holds(session_maker):
    """/mydata (export_personal_data) shows each holder's data where the registry says."""
    from models.personal_data import export_personal_data
    from models.user import get_or_create_user

    async with session_maker.begin() as session:
        user = await get_or_create_user(session, 71_234_567_891)
        exported = await export_personal_data(session, user, {"step": None, "answers": {}})
    wanted = {key for holder in HOLDERS for key in holder.shown_as}
    assert wanted <= set(exported), sorted(wanted - set(exported))
