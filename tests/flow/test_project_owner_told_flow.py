"""A link for a new owner made while the owner is still here (models/project_owner_link.py),
what the bot says about it, through the real dispatcher on both databases, in English and
Welsh: the owner is told once, in their language, when the link is made (not when the place
is empty), and that an update keeps their place; the person opening the link is told the
owner stays in the group; an update saved while a Yes waits on PostgreSQL makes the Yes out of
date."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.ui.callbacks import Locale
from models.project import ProjectUpdate
from tests.conftest import ORGANISER_ID
from tests.support.factories import GROUP_OWNER, join
from tests.support.project_scenario import (
    CO_EN,
    OWNER_LINK_SAID,
    audit_entries,
    make_owner_link,
    members,
    owners_project,
    project_now,
    told_to,
    update_while_a_yes_waits,
)

SAID = {lang: OWNER_LINK_SAID[lang] | extra for lang, extra in {
    Locale.EN: {"yes make": "Yes, make a link ✅"},
    Locale.CY: {"yes make": "Ie, gwneud dolen ✅"},
}.items()}


async def make_held_link(harness, project, lang: Locale = Locale.EN) -> str:
    said = SAID[lang]
    return await make_owner_link(harness, project, said["button"], yes=said["yes make"])


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_an_update_saved_while_a_yes_waits_makes_the_yes_out_of_date_on_postgresql(
        harness, session_maker):
    """Deterministically: the owner's update is saved, not yet committed, and holds the
    project's row; a Yes with a link made against them must wait for it, then see the update
    and change nothing. Without the lock first, the Yes's check read the update table as it
    was when its statement began and took the place all the same."""
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    token = await make_held_link(harness, project)
    assert await update_while_a_yes_waits(session_maker, project, token, CO_EN) is None
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (GROUP_OWNER, 0)
    assert await members(session_maker) == {}
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectUpdate.author_telegram_id))) == [
            GROUP_OWNER]
    assert [e.event for e in await audit_entries(session_maker)] == ["project-owner-link"]
    assert not [row for row in await told_to(session_maker, project, GROUP_OWNER)
                if ":handed:" in row.dedupe_key]
