"""`/report` through the real dispatcher: the message, then Markdown and CSV files, in the
organiser's language; residents are refused (tests/flow/test_pledge_flow.py)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from aiogram.methods import SendDocument

from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import CY, EN, join
from tests.support.flow import texts
from tests.support.programme import FACTS_CY, FACTS_EN, SUMMARY_CY, SUMMARY_EN, seed_programme


@pytest.mark.parametrize("locale", [EN, CY])
async def test_report_message_and_files(harness, session_maker, locale):
    await seed_programme(session_maker)
    await join(harness, ORGANISER_ID, locale)
    sent = await harness.send(ORGANISER_ID, "/report")
    message, markdown, table = sent[0], *[r for r in sent if isinstance(r, SendDocument)]
    summary = SUMMARY_CY if locale is CY else SUMMARY_EN
    assert (FACTS_CY if locale is CY else FACTS_EN) in texts([message])[0]
    assert ("<b>Alwe</b>\nCaffis y Byd a gynhaliwyd: 1\nPobl yng Nghaffis y Byd: 55"
            if locale is CY else "<b>Alway</b>\nWorld Cafés held: 1\nPeople at World Cafés: 55"
            ) in message.text
    assert markdown.document.filename.endswith(".md")
    md = markdown.document.data.decode()
    assert summary in md
    assert ("| **Cyfanswm** |" if locale is CY else "| **Total** |") in md
    assert table.document.filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(table.document.data.decode("utf-8-sig"))))
    assert [row["area"] for row in rows] == (
        ["Alwe", "Litherland", "Ringland", "Speke", "Cyfanswm"] if locale is CY
        else ["Alway", "Litherland", "Ringland", "Speke", "Total"])
    assert (rows[-1]["voters"], rows[-1]["money_awarded"]) == ("366", "£70,000")
    # Volunteers' and bidders' Telegram ids (1001-1044, 5000-5039) are never in a file.
    for body in (md, table.document.data.decode("utf-8-sig")):
        assert not re.search(r"\b(10[0-4]\d|50[0-3]\d)\b", body)
