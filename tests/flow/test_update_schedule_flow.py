"""A round's own update schedule, through the real dispatcher: an organiser sets it from
/rounds before the results (publishing uses it) and changes it after (asks not yet sent move,
asks sent stay, nothing is planned twice, across a restart), for the owner and co-owners alike;
bad days get a kind message and change nothing. English and Welsh.

Time is moved with the bot's clock (the `clock` fixture), never waited for.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from bot.ui.callbacks import Locale
from bot.ui.callbacks.projects import ProjectAction, ProjectCb, TeamAction, TeamCb
from bot.ui.callbacks.schedule import ScheduleAction, ScheduleCb
from models.outbox import OutboxMessage, Status
from models.paper_ballot import PaperRecord, save_paper
from models.project import Project
from models.round import Round
from tests.conftest import ORGANISER_ID
from tests.support.factories import GROUP_OWNER, cast, join, publish, voting_round
from tests.support.flow import alerts, buttons, tap_and_confirm, texts

CO_OWNER = 762_001  # joins the group, in English
SAID = {
    Locale.EN: {"line": "Asks for updates (days after the results): {}",
                "bad": "I could not use that. Please send days like 30, 90, 180: no more than 6 "
                       "of them, each bigger than the one before, each from 1 to 3,650.",
                "saved": "Saved ✅ <b>Safer Speke 2026</b>: groups are asked for updates on "
                         "these days after the results: {}.",
                "moved": "Asks not sent yet move to the new days.",
                "stale": "That button is out of date. Send /rounds to see the latest.",
                "usual": "Use the usual days (30 · 90 · 180)"},
    Locale.CY: {"line": "Gofyn am ddiweddariad (dyddiau ar ôl y canlyniadau): {}",
                "bad": "Doeddwn i ddim yn gallu defnyddio hynny. Anfonwch ddyddiau fel 30, 90, "
                       "180, os gwelwch yn dda: dim mwy na 6 ohonyn nhw, pob un yn fwy na'r un "
                       "cynt, pob un rhwng 1 a 3,650.",
                "saved": "Wedi'i gadw ✅ <b>Speke Mwy Diogel 2026</b>: bydd grwpiau'n cael cais "
                         "am ddiweddariad ar y dyddiau hyn ar ôl y canlyniadau: {}.",
                "moved": "Mae ceisiadau sydd heb eu hanfon eto'n symud i'r dyddiau newydd.",
                "stale": "Mae'r botwm yna wedi dyddio. Anfonwch /rounds i weld y diweddaraf.",
                "usual": "Defnyddio'r dyddiau arferol (30 · 90 · 180)"},
}


def change(round_id: int) -> str:
    return ScheduleCb(action=ScheduleAction.CHANGE, round=round_id).pack()


async def set_days(harness, round_id: int, days: str) -> list[str]:
    await harness.tap(ORGANISER_ID, change(round_id))
    return texts(await harness.send(ORGANISER_ID, days))


async def rows_of(session_maker, project: Project) -> dict[str, OutboxMessage]:
    async with session_maker() as session:
        return {row.dedupe_key: row for row in await session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like(f"proj:{project.id}:%")))}


def shape(rows: dict[str, OutboxMessage], project: Project) -> dict[str, tuple]:
    """key without the project -> (status, days after the results, first words)."""
    return {key.split(":", 2)[2]: (row.status, (row.due_at - project.created_at).days,
                                   row.payload["text"].split("\n")[0].split("!")[0])
            for key, row in rows.items()}


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_a_round_sets_and_changes_its_update_schedule(harness, session_maker, clock, lang):
    said = SAID[lang]
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, lang)

    # /rounds says when groups will be asked: the usual days until the round says otherwise.
    sent = await harness.send(ORGANISER_ID, "/rounds")
    assert said["line"].format("30 · 90 · 180") in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, change(round_id))
    assert dict(buttons(sent[-1]))[said["usual"]]
    # Bad days: a kind message, asked again, nothing saved.
    for bad in ("90, 30", "1,2,3,4,5,6,7", "30, 4000", "soon", "0"):
        assert texts(await harness.send(ORGANISER_ID, bad)) == [said["bad"]]
    async with session_maker() as session:
        assert (await session.get(Round, round_id)).update_days is None
    assert texts(await harness.send(ORGANISER_ID, "14, 60")) == [said["saved"].format("14 · 60")]
    sent = await harness.send(ORGANISER_ID, "/rounds")
    assert said["line"].format("14 · 60") in texts(sent)[0]

    # Publishing uses the round's days: the owner (Welsh) is asked at 14 days, then "is it
    # finished?" at 60.
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        round_.areas[0].pot_pence = 2_500_00
        await save_paper(session, round_, [PaperRecord("P1", {a: 5, b: 3, c: 1}, 1)], "chat")
    await cast(session_maker, round_id, 760_101, {a: 5, b: 4, c: 1})
    await join(harness, GROUP_OWNER, Locale.CY)
    await join(harness, CO_OWNER, Locale.EN)
    await join(harness, 760_101, Locale.EN)
    await tap_and_confirm(harness, ORGANISER_ID, publish(round_id))
    async with session_maker() as session:
        project = await session.scalar(select(Project).where(
            Project.owner_telegram_id == GROUP_OWNER))
    assert project.ask_days == "14,60"
    assert shape(await rows_of(session_maker, project), project) == {
        "ask:1": (Status.PENDING, 14, "Helo"), "nudge:1": (Status.PENDING, 28, "Nodyn bach i'ch "
                                                           "atgoffa: byddai trigolion wrth eu "
                                                           "bodd yn clywed sut mae'ch prosiect "
                                                           "yn mynd."),
        "ask:2": (Status.PENDING, 60, "Helo eto"), "nudge:2": (Status.PENDING, 74, "Nodyn bach "
                                                              "i'ch atgoffa: byddai trigolion "
                                                              "wrth eu bodd yn clywed sut mae'ch "
                                                              "prosiect yn mynd.")}
    sent = await harness.tap(760_101, ProjectCb(action=ProjectAction.SHOW, round=round_id,
                                                project=project.id).pack())
    assert "Asks for updates (days after the results): 14 · 60" in texts(sent)[-1]

    # A co-owner joins by the owner's link.
    sent = await harness.tap(GROUP_OWNER, TeamCb(action=TeamAction.INVITE,
                                                 project=project.id).pack())
    (token,) = re.findall(r"start=pj_([A-Za-z0-9_-]{22})", texts(sent)[-1])
    await harness.send(CO_OWNER, f"/start pj_{token}")
    await harness.tap(CO_OWNER, TeamCb(action=TeamAction.JOIN, token=token).pack())

    # 20 days on the first ask has gone out; the organiser adds an ask at 30 days and moves
    # "is it finished?" to 90. The sent ask stays; the pending ones move and change their
    # words; the new one is added once; the co-owner's asks move too.
    clock(20)
    async with session_maker.begin() as session:
        await session.execute(update(OutboxMessage).where(
            OutboxMessage.dedupe_key.like(f"proj:{project.id}:ask:1%"))
            .values(status=Status.SENT.value))
    assert await set_days(harness, round_id, "14, 30, 90") == [
        said["saved"].format("14 · 30 · 90") + "\n" + said["moved"] + " " + (
            "Asks already sent stay as they were." if lang is Locale.EN else
            "Mae ceisiadau sydd wedi'u hanfon yn barod yn aros fel roedden nhw.")]
    after = shape(await rows_of(session_maker, project), project)
    nudge = after["nudge:1"][2]
    assert after == {
        "ask:1": (Status.SENT, 14, "Helo"), "nudge:1": (Status.PENDING, 28, nudge),
        "ask:2": (Status.PENDING, 30, "Helo"), "nudge:2": (Status.PENDING, 44, nudge),
        "ask:3": (Status.PENDING, 90, "Helo eto"), "nudge:3": (Status.PENDING, 104, nudge),
        f"ask:1:{CO_OWNER}": (Status.SENT, 14, "Hello"),
        f"nudge:1:{CO_OWNER}": (Status.PENDING, 28, "A gentle reminder: residents would love "
                                                    "to hear how your project is going."),
        f"ask:2:{CO_OWNER}": (Status.PENDING, 30, "Hello"),
        f"nudge:2:{CO_OWNER}": (Status.PENDING, 44, "A gentle reminder: residents would love "
                                                    "to hear how your project is going."),
        f"ask:3:{CO_OWNER}": (Status.PENDING, 90, "Hello again"),
        f"nudge:3:{CO_OWNER}": (Status.PENDING, 104, "A gentle reminder: residents would love "
                                                     "to hear how your project is going.")}

    # The same days again, after a restart: nothing added, nothing rewritten.
    before = {key: (row.id, row.payload, row.due_at)
              for key, row in (await rows_of(session_maker, project)).items()}
    await harness.restart()
    await set_days(harness, round_id, "14 · 30 · 90")
    assert {key: (row.id, row.payload, row.due_at)
            for key, row in (await rows_of(session_maker, project)).items()} == before

    # Fewer asks: the ones left out are withdrawn, not deleted; back to the usual days, they
    # come back on their new days, as the same rows.
    await set_days(harness, round_id, "14")
    statuses = {key: row.status for key, row in (await rows_of(session_maker, project)).items()}
    assert {key for key, status in statuses.items() if status == Status.CANCELLED} == {
        f"proj:{project.id}:{kind}:{n}{who}" for kind in ("ask", "nudge") for n in (2, 3)
        for who in ("", f":{CO_OWNER}")}
    await harness.tap(ORGANISER_ID, change(round_id))
    sent = await harness.tap(ORGANISER_ID, ScheduleCb(action=ScheduleAction.STANDARD,
                                                      round=round_id).pack())
    assert texts(sent)[-1].startswith(said["saved"].format("30 · 90 · 180"))
    after = shape(await rows_of(session_maker, project), project)
    assert {key: (status, days) for key, (status, days, _) in after.items()
            if ":" not in key.split(":", 1)[1]} == {
        "ask:1": (Status.SENT, 14), "nudge:1": (Status.PENDING, 44),
        "ask:2": (Status.PENDING, 90), "nudge:2": (Status.PENDING, 104),
        "ask:3": (Status.PENDING, 180), "nudge:3": (Status.PENDING, 194)}
    assert len(after) == 12
    async with session_maker() as session:
        assert (await session.get(Round, round_id)).update_days is None
        assert (await session.get(Project, project.id)).ask_days == "30,90,180"

    # A button for a round that is gone, or the usual-days button outside its question.
    assert alerts(await harness.tap(ORGANISER_ID, change(999))) == [said["stale"]]
    assert alerts(await harness.tap(ORGANISER_ID, ScheduleCb(
        action=ScheduleAction.STANDARD, round=round_id).pack())) == [said["stale"]]
    # Residents may not change it.
    assert alerts(await harness.tap(760_101, change(round_id))) == [
        "Sorry, this is for organisers."]
