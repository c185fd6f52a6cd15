"""A hostile upload cannot stall the bot: an organiser's account (stolen, or careless) sends a
"billion laughs" YAML file, a deeply nested one, an oversize one, one with too many rows or one
that is not UTF-8. Each is refused at once (a fraction of a second of the bot's CPU; see
AT_ONCE), with one kind message naming the line, in English and Welsh, while another person's
message sent at the same moment is answered; nothing is saved."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest
from aiogram.methods import SendMessage
from sqlalchemy import func, select

from bot.ui.callbacks import Locale
from bot.ui.callbacks.results import PaperAction, PaperCb
from bot.ui.callbacks.worldcafe import CafeAdminAction, CafeAdminCb
from models.paper_ballot import paper_sheet_count
from models.worldcafe import Question
from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import join, make_event
from tests.support.factories import voting_round
from tests.support.flow import texts
from tests.support.uploads import ALIAS_BOMB, document, serve

RESIDENT = 7301
_ids = itertools.count(9_100_000)
EN, CY = Locale.EN, Locale.CY
# A refusal costs 0.03 to 0.4 s of the bot's CPU in a test alone, up to about 1.2 s in a test
# worker sharing two cores with another. What this guards against has no such bound: an alias
# bomb expanded grows without end. That each refusal comes from the right limit is checked by
# its message, which names it.
AT_ONCE = 5.0

DEEP = b"questions:\n- group: Table 1\n  en: " + b"[" * 500 + b"]" * 500 + b"\n  cy: x\n"
TOO_MANY = b"group,en,cy\n" + b"".join(b"T%d,Q%d?,C%d?\n" % (i, i, i) for i in range(70))
NOT_UTF8 = "questions:\n- group: Table 1\n  en: Café?\n".encode("cp1252") + b"  cy: Caffi?\n"

# (file name, bytes, the size Telegram reports or None for the true size, what is said)
HOSTILE = {
    "alias bomb": ("q.yaml", ALIAS_BOMB, None, {
        EN: "Line 1: anchors and aliases (&amp; and *) are not accepted.",
        CY: "Llinell 1: dydyn ni ddim yn derbyn angorau ac enwau arall (&amp; a *)."}),
    "deep nesting": ("q.yaml", DEEP, None, {
        EN: "Line 3: lists or settings are nested more than 8 deep.",
        CY: "Llinell 3: mae rhestrau neu osodiadau wedi'u nythu yn ddyfnach na 8 lefel."}),
    "oversize": ("q.yaml", b"questions: []\n", 50_000_000, {
        EN: "the file is too big (256 KB at most).",
        CY: "mae'r ffeil yn rhy fawr (256 KB ar y mwyaf)."}),
    "oversize, size hidden": ("q.csv", b"group,en,cy\n" + b"x" * 300_000, 10, {
        EN: "the file is too big (256 KB at most).",
        CY: "mae'r ffeil yn rhy fawr (256 KB ar y mwyaf)."}),
    "too many rows": ("q.csv", TOO_MANY, None, {
        EN: "Line 62: the file has more than 60 items.",
        CY: "Llinell 62: mae mwy na 60 o eitemau yn y ffeil."}),
    "not UTF-8": ("q.yaml", NOT_UTF8, None, {
        EN: "Line 3: this line is not UTF-8 text.",
        CY: "Llinell 3: dydy'r llinell hon ddim yn destun UTF-8."}),
}


def said_to(sent, chat_id: int) -> list[str]:
    return texts([r for r in sent if isinstance(r, SendMessage) and r.chat_id == chat_id])


async def upload_beside_a_resident(harness, name: str, data: bytes, size: int | None):
    """The upload and a resident's /help at the same moment, both answered; and the CPU time
    the bot's process spent on the two. CPU time, not wall-clock, so that other work on the
    machine (another test worker, the database server) cannot make a prompt refusal look slow.
    """
    started = time.process_time()
    before = len(harness.telegram.requests)
    await asyncio.wait_for(asyncio.gather(
        harness.feed(document("hostile", name, len(data) if size is None else size)),
        harness.send(RESIDENT, "/help")), timeout=10)
    spent = time.process_time() - started
    return harness.telegram.requests[before:], spent


@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("locale", [EN, CY])
async def test_a_hostile_questions_file_is_refused_at_once_and_others_are_answered(
        harness, session_maker, monkeypatch, case, locale):
    name, data, size, expected = HOSTILE[case]
    event_id = await make_event(session_maker)
    await join(harness, ORGANISER_ID, locale)
    await join(harness, RESIDENT, EN)
    await harness.tap(ORGANISER_ID, CafeAdminCb(action=CafeAdminAction.IMPORT,
                                                event=event_id).pack())
    fetched = serve(harness, monkeypatch, {"hostile": data})
    sent, elapsed = await upload_beside_a_resident(harness, name, data, size)
    assert elapsed < AT_ONCE, f"{case}: {elapsed:.2f} s of CPU"
    assert said_to(sent, RESIDENT), "the other person got no answer"
    [reply] = said_to(sent, ORGANISER_ID)
    assert expected[locale] in reply
    heading = {EN: "Nothing was saved.", CY: "Does dim byd wedi'i gadw."}[locale]
    assert heading in reply and "/template questions" in reply
    assert "<code>group, group_cy, en, cy</code>" in reply
    if size is not None and size > len(data):
        assert fetched == []  # refused on the size Telegram reported: never downloaded
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Question)) == 0


PAPER_HOSTILE = {
    "too many rows": (b"sheet,SPK-001\n" + b"".join(b"%d,4\n" % i for i in range(5_000)),
                      {EN: "Line 5001: the file has more than 5,000 rows.",
                       CY: "Llinell 5001: mae mwy na 5,000 o resi yn y ffeil."}),
    "too many cells": (b"sheet,SPK-001\n1,4\n2," + b"4," * 50_000 + b"\n",
                       {EN: "Line 3: the file has more than 40,000 cells.",
                        CY: "Llinell 3: mae mwy na 40,000 o gelloedd yn y ffeil."}),
    "a huge cell": (b"sheet,SPK-001\n1,4\n2," + b"9" * 100_000 + b"\n",
                    {EN: "Line 3: a cell is longer than 2,000 characters.",
                     CY: "Llinell 3: mae cell yn hirach na 2,000 nod."}),
    "oversize": (b"sheet,SPK-001\n" + b"1,4\n" * 300_000,
                 {EN: "the file is too big (1,000 KB at most).",
                  CY: "mae'r ffeil yn rhy fawr (1,000 KB ar y mwyaf)."}),
}


@pytest.mark.parametrize("case", list(PAPER_HOSTILE))
@pytest.mark.parametrize("locale", [EN, CY])
async def test_a_hostile_paper_ballot_file_is_refused_at_once(harness, session_maker,
                                                              monkeypatch, case, locale):
    data, expected = PAPER_HOSTILE[case]
    round_id, _bids = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, locale)
    await join(harness, RESIDENT, EN)
    await harness.tap(ORGANISER_ID, PaperCb(action=PaperAction.SHEETS, round=round_id).pack())
    serve(harness, monkeypatch, {"hostile": data})
    sent, elapsed = await upload_beside_a_resident(harness, "sheets.csv", data, None)
    assert elapsed < AT_ONCE, f"{case}: {elapsed:.2f} s of CPU"
    assert said_to(sent, RESIDENT)
    [reply] = said_to(sent, ORGANISER_ID)
    assert expected[locale] in reply
    assert "<code>sheet,SPK-001,SPK-002,SPK-003</code>" in reply
    assert "/template ballots" in reply
    async with session_maker() as session:
        assert await paper_sheet_count(session, round_id) == 0
