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
from bot.ui.callbacks.projects import ProjectAction
from models.outbox import OutboxMessage, Status
from models.project import Project, ProjectUpdate
from tests.conftest import ORGANISER_ID
from tests.support.factories import GROUP_OWNER, join
from tests.support.flow import alerts, buttons, texts
from tests.support.project_scenario import (
    CO_CY,
    CO_EN,
    LINK,
    OWNER_LINK_SAID,
    audit_entries,
    link_cb,
    make_owner_link,
    members,
    owner_gone,
    owners_project,
    project_cb,
    project_now,
    send_words_update,
    told_to,
    update_after_a_yes,
    update_while_a_yes_waits,
)

SAID = OWNER_LINK_SAID


def other(lang: Locale) -> Locale:
    return Locale.EN if lang is Locale.CY else Locale.CY


async def make_held_link(harness, project: Project, lang: Locale = Locale.EN) -> str:
    said = SAID[lang]
    return await make_owner_link(harness, project, said["button"], yes=said["yes make"])


async def link_messages(session_maker, project: Project) -> list[OutboxMessage]:
    """Every message about a link made against an owner (`pg:<project>:link:…`), to anyone."""
    async with session_maker() as session:
        return list(await session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like(f"pg:{project.id}:link:%")).order_by(OutboxMessage.id)))


def seen(rows: list[OutboxMessage]) -> list[tuple[int, str, str, str]]:
    """(to whom, key, words, status) of each row."""
    return [(row.chat_id, row.dedupe_key, row.payload["text"], row.status) for row in rows]


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_the_owner_is_told_once_in_their_language_when_a_link_is_made(
        harness, session_maker, lang):
    """The owner speaks `lang`, the organiser the other language. The question says the owner
    is told now; the owner gets one message (however many links, a restart between), with the
    button to send an update; their update makes the link out of date, and a link made after
    that tells them once more."""
    said, org_said = SAID[lang], SAID[other(lang)]
    project = await owners_project(harness, session_maker, lang)
    await join(harness, ORGANISER_ID, other(lang))
    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    question = await harness.tap(ORGANISER_ID, dict(buttons(page[-1]))[org_said["button"]])
    assert texts(question)[-1] == org_said["ask held"]
    assert await link_messages(session_maker, project) == []  # asking tells nobody
    yes = dict(buttons(question[-1]))[org_said["yes make"]]
    (token,) = LINK.findall(texts(await harness.tap(ORGANISER_ID, yes))[-1])

    key = f"pg:{project.id}:link:0:0"
    rows = await link_messages(session_maker, project)
    assert seen(rows) == [(GROUP_OWNER, key, said["told owner"], Status.PENDING)]
    (button,) = rows[0].payload["reply_markup"]["inline_keyboard"]
    assert button == [{"text": said["update button"],
                       "callback_data": project_cb(ProjectAction.UPDATE, project)}]
    # A second Yes makes a second link, and a restart changes nothing: still one message.
    (second,) = LINK.findall(texts(await harness.tap(ORGANISER_ID, yes))[-1])
    await harness.restart()
    await make_held_link(harness, project, other(lang))
    assert [row.id for row in await link_messages(session_maker, project)] == [rows[0].id]
    assert not [row for row in await told_to(session_maker, project, ORGANISER_ID)]

    # The owner answers with the message's button: every link made before is out of date.
    await send_words_update(harness, GROUP_OWNER, project, "Still here: the benches are in.")
    for made in (token, second):
        sent = await harness.send(CO_EN, f"/start pj_{made}")
        assert texts(sent)[-1] == SAID[Locale.EN]["stale"]
        assert alerts(await harness.tap(CO_EN, link_cb(project, made))) == [
            SAID[Locale.EN]["stale"]]
    # A link made after the update is a new judgement: the owner is told again, once.
    await make_held_link(harness, project, other(lang))
    await make_held_link(harness, project, other(lang))
    async with session_maker() as session:
        update_id = await session.scalar(select(ProjectUpdate.id))
    assert seen(await link_messages(session_maker, project)) == [
        (GROUP_OWNER, key, said["told owner"], Status.PENDING),
        (GROUP_OWNER, f"pg:{project.id}:link:0:{update_id}", said["told owner"],
         Status.PENDING)]
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (GROUP_OWNER, 0)


async def test_nobody_is_told_when_the_place_is_empty(harness, session_maker):
    """The owner used /forget: the link is made at once, and there is no owner to tell."""
    project = await owners_project(harness, session_maker, Locale.CY)
    await join(harness, ORGANISER_ID, Locale.EN)
    await owner_gone(harness)
    token = await make_owner_link(harness, project, SAID[Locale.EN]["button"])
    assert await link_messages(session_maker, project) == []
    assert await outbox_rows_to(session_maker, GROUP_OWNER) == []
    sent = await harness.send(CO_CY, f"/start pj_{token}")
    assert texts(sent)[-1] == SAID[Locale.CY]["ask"]  # no owner to stay


async def test_the_owners_forget_erases_the_message_to_them(harness, session_maker):
    """A message about a link, still waiting to go, is deleted with everything else sent to
    the owner when they use /forget; the link then offers the empty place."""
    project = await owners_project(harness, session_maker, Locale.CY)
    await join(harness, ORGANISER_ID, Locale.EN)
    token = await make_held_link(harness, project)
    assert [row.chat_id for row in await link_messages(session_maker, project)] == [
        GROUP_OWNER]
    await owner_gone(harness)
    assert await link_messages(session_maker, project) == []
    assert await outbox_rows_to(session_maker, GROUP_OWNER) == []
    sent = await harness.send(CO_EN, f"/start pj_{token}")
    assert texts(sent)[-1] == SAID[Locale.EN]["ask"]


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_opening_a_link_says_the_owner_stays_only_when_there_is_one(
        harness, session_maker, lang):
    """A link made against an owner still here: the question says they stay in the group and
    are told. The same link once the owner has gone (/forget) offers the empty place, and the
    question does not say it."""
    said = SAID[lang]
    person = CO_CY if lang is Locale.CY else CO_EN
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    token = await make_held_link(harness, project)
    sent = await harness.send(person, f"/start pj_{token}")
    assert texts(sent)[-1] == said["ask owner stays"]
    assert buttons(sent[-1])[0] == (said["yes"], link_cb(project, token))
    await owner_gone(harness)
    sent = await harness.send(person, f"/start pj_{token}")
    assert texts(sent)[-1] == said["ask"]
    assert not texts(sent)[-1].endswith(said["ask owner stays"].splitlines()[-1])


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


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_an_update_begun_after_a_yes_waits_for_it_and_is_kept_on_postgresql(
        harness, session_maker):
    """The other order: the Yes holds the project's row first; the owner's update waits for it,
    then is saved, and the owner, a co-owner now, stays in the group."""
    project = await owners_project(harness, session_maker, Locale.EN)
    await join(harness, ORGANISER_ID, Locale.EN)
    token = await make_held_link(harness, project)
    claimed = await update_after_a_yes(session_maker, project, token, CO_EN)
    assert (claimed.old_owner, claimed.old_kept) == (GROUP_OWNER, True)
    now = await project_now(session_maker, project)
    assert (now.owner_telegram_id, now.handovers) == (CO_EN, 1)
    assert await members(session_maker) == {GROUP_OWNER: None}
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectUpdate.author_telegram_id))) == [
            GROUP_OWNER]


async def outbox_rows_to(session_maker, person: int) -> list[OutboxMessage]:
    async with session_maker() as session:
        return list(await session.scalars(select(OutboxMessage).where(
            OutboxMessage.chat_id == person)))
