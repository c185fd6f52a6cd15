"""Festival of learning through the real dispatcher: an organiser asks the people checked in
at an event, each answers in their own language (or skips), the pledge plans a follow-up, and
organisers export the answers without ids."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select

from bot.ui.callbacks import ForgetCb
from bot.ui.callbacks.pledges import FestivalAction, FestivalCb, PledgeAction, PledgeCb
from models.base import utcnow
from models.outbox import OutboxMessage
from models.pledge import Stage, follow_up_key
from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import CY, EN, join, outbox
from tests.support.festival import ANN, ASK, CERI, DAI, NEXT, pledge_of, start_festival
from tests.support.flow import alerts, buttons, texts


def question_for(rows: list[OutboxMessage], chat_id: int) -> OutboxMessage:
    [row] = [r for r in rows if r.chat_id == chat_id]
    return row


def button_data(row: OutboxMessage) -> list[str]:
    return [b["callback_data"] for line in row.payload["reply_markup"]["inline_keyboard"]
            for b in line]


@pytest.mark.parametrize("locale", [EN, CY])
async def test_festival_answers_pledges_and_export(harness, session_maker, locale):
    await start_festival(harness, session_maker, locale,
                         "6 wythnos" if locale is CY else "6 weeks")
    rows = await outbox(session_maker, "fol:")
    assert sorted(r.chat_id for r in rows) == [ANN, CERI]
    ann_q, ceri_q = question_for(rows, ANN), question_for(rows, CERI)
    assert ASK[EN] in ann_q.payload["text"] and ASK[CY] in ceri_q.payload["text"]
    assert "Ringland World Café" in ann_q.payload["text"]
    assert "Caffi'r Byd Ringland" in ceri_q.payload["text"]

    # Ann answers in words: the answer, then the pledge (formula-looking, with HTML).
    sent = await harness.send(ANN, "Listening <matters>")
    assert NEXT[EN] in texts(sent)[0]
    sent = await harness.send(ANN, "=Start a litter pick & tidy")
    assert "Your pledge: <i>=Start a litter pick &amp; tidy</i>" in texts(sent)[0]
    ann = await pledge_of(session_maker, ANN)
    assert (ann.learned, ann.pledge, ann.stage) == ("Listening <matters>",
                                                    "=Start a litter pick & tidy", Stage.WAITING)
    [follow_up] = await outbox(session_maker, follow_up_key(ann.id))
    assert follow_up.chat_id == ANN and "How did it go?" in follow_up.payload["text"]
    assert abs(follow_up.due_at - (utcnow() + timedelta(weeks=6))) < timedelta(minutes=1)
    # Nothing is left open: a later text is not taken as an answer.
    await harness.send(ANN, "hello")
    assert (await pledge_of(session_maker, ANN)).learned == "Listening <matters>"

    # Ceri skips the first question with its button, then pledges in Welsh.
    skip = button_data(ceri_q)[0]
    sent = await harness.tap(CERI, skip)
    assert NEXT[CY] in texts(sent)[0]
    assert alerts(await harness.tap(CERI, skip)) == [
        "Mae'r cwestiwn hwn wedi cau erbyn hyn. Diolch yr un fath."]
    sent = await harness.send(CERI, "Gwirfoddoli yn y ganolfan")
    assert "Eich addewid: <i>Gwirfoddoli yn y ganolfan</i>" in texts(sent)[0]
    ceri = await pledge_of(session_maker, CERI)
    assert (ceri.learned, ceri.pledge, ceri.locale) == (None, "Gwirfoddoli yn y ganolfan", "cy")
    [welsh_follow_up] = await outbox(session_maker, follow_up_key(ceri.id))
    assert "Sut aeth hi?" in welsh_follow_up.payload["text"]
    # Another person's button, or a forged one, changes nothing.
    forged = PledgeCb(action=PledgeAction.SKIP, pledge=ann.id, value=Stage.NEXT).pack()
    assert alerts(await harness.tap(CERI, forged))
    assert await pledge_of(session_maker, DAI) is None

    sent = await harness.send(ORGANISER_ID, "/pledges")
    line = texts(sent)[0]
    assert ("2 wedi'u holi · 1 wedi dweud" if locale is CY else "2 asked · 1 said") in line
    export_csv, export_md = [data for _, data in buttons(sent[0])][:2]
    sent = await harness.tap(ORGANISER_ID, export_csv)
    [document] = [r for r in sent if isinstance(r, SendDocument)]
    body = document.document.data.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body)))
    assert [row[1:4] for row in table[1:]] == [
        ["en", "Listening <matters>", "'=Start a litter pick & tidy"],
        ["cy", "", "Gwirfoddoli yn y ganolfan"]]
    sent = await harness.tap(ORGANISER_ID, export_md)
    [markdown] = [r for r in sent if isinstance(r, SendDocument)]
    md = markdown.document.data.decode()
    assert "Gwirfoddoli yn y ganolfan" in md and "Listening &lt;matters&gt;" in md
    for person in (ANN, CERI, ORGANISER_ID):
        assert str(person) not in body and str(person) not in md


@pytest.mark.parametrize("locale", [EN, CY])
async def test_residents_cannot_start_or_export(harness, session_maker, locale):
    await join(harness, ANN, locale)
    refused = "trefnwyr" if locale is CY else "organisers"
    for command in ("/festival", "/pledges", "/report"):
        assert refused in texts(await harness.send(ANN, command))[0]
    forged = FestivalCb(action=FestivalAction.CSV, festival=1).pack()
    assert refused in alerts(await harness.tap(ANN, forged))[0]


async def test_mydata_and_forget_cover_answers(harness, session_maker):
    await start_festival(harness, session_maker, EN, "6 weeks")
    await harness.send(ANN, "Listening")
    await harness.send(ANN, "Litter pick")
    sent = await harness.send(ANN, "/mydata")
    data = json.loads(next(r for r in sent if isinstance(r, SendDocument)).document.data)
    [mine] = data["festival_of_learning"]
    assert (mine["learned"], mine["pledge"]) == ("Listening", "Litter pick")

    await harness.tap(ANN, ForgetCb(confirm=True).pack())
    assert await pledge_of(session_maker, ANN) is None
    async with session_maker() as session:
        left = await session.scalars(select(OutboxMessage.dedupe_key).where(
            OutboxMessage.chat_id == ANN))
        assert not [key for key in left if key.startswith("fol:")]
    assert await pledge_of(session_maker, CERI) is not None
