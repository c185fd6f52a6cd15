"""Import files name missing Welsh: a text residents will read that has English and no Welsh
is imported all the same (a café or a round is never held up by a missing translation), and
the import names each one with its line, in the organiser's language in the chat and in
English on the command line. The adversary is a hurried organiser whose file quietly leaves
Welsh readers with English."""

from __future__ import annotations

import asyncio
import textwrap

import pytest
from sqlalchemy import select

from bot.cli import events as events_cli
from bot.cli import rounds as rounds_cli
from bot.ui.callbacks import Locale
from bot.ui.callbacks.worldcafe import CafeAdminAction, CafeAdminCb
from models import worldcafe_files as files
from models.event import Event
from models.round import Round
from models.uploads import Problem
from models.worldcafe import Question
from tests.conftest import ORGANISER_ID, make_settings
from tests.support.databases import EMPTY_SQLITE_ONLY
from tests.support.event_fixtures import join, make_event
from tests.support.flow import texts
from tests.support.uploads import document, serve

EN, CY = Locale.EN, Locale.CY
QUESTIONS = (b"group,group_cy,en,cy\n"
             b"Table 1,Bwrdd 1,What helps?,Beth sy'n helpu?\n"
             b"Table 2,,Who is missing?,\n"
             b"Table 3,Bwrdd 3,What next?,\n")
SAID = {
    EN: "Some texts have no Welsh yet:\n"
        "Line 3: “group_cy” is empty: Welsh readers will see the English instead.\n"
        "Line 3: “cy” is empty: Welsh readers will see the English instead.\n"
        "Line 4: “cy” is empty: Welsh readers will see the English instead.",
    CY: "Mae rhai testunau heb Gymraeg eto:\n"
        "Llinell 3: Mae “group_cy” yn wag: bydd darllenwyr Cymraeg yn gweld y Saesneg yn lle "
        "hynny.\n"
        "Llinell 3: Mae “cy” yn wag: bydd darllenwyr Cymraeg yn gweld y Saesneg yn lle hynny.\n"
        "Llinell 4: Mae “cy” yn wag: bydd darllenwyr Cymraeg yn gweld y Saesneg yn lle hynny."}


@pytest.mark.parametrize("locale", [EN, CY])
async def test_cafe_questions_without_welsh_are_added_and_named_by_line(
        harness, session_maker, monkeypatch, locale):
    event_id = await make_event(session_maker)
    await join(harness, ORGANISER_ID, locale)
    await harness.tap(ORGANISER_ID, CafeAdminCb(action=CafeAdminAction.IMPORT,
                                                event=event_id).pack())
    serve(harness, monkeypatch, {"q": QUESTIONS})
    sent = await harness.feed(document("q", "questions.csv", len(QUESTIONS)))
    assert SAID[locale] in texts(sent)
    async with session_maker() as session:
        stored = list(await session.scalars(select(Question).order_by(Question.id)))
    assert [(q.group_label, q.group_label_cy, q.text_en, q.text_cy) for q in stored] == [
        ("Table 1", "Bwrdd 1", "What helps?", "Beth sy'n helpu?"),
        ("Table 2", None, "Who is missing?", ""),
        ("Table 3", "Bwrdd 3", "What next?", "")]
    # What a Welsh reader is shown: the English, never an empty question.
    assert [(q.group("cy"), q.text("cy")) for q in stored][1:] == [
        ("Table 2", "Who is missing?"), ("Bwrdd 3", "What next?")]


async def test_cafe_welsh_that_is_there_must_still_be_usable():
    bad = b"group,group_cy,en,cy\nTable 1,/start,What?,/help\n"
    questions, problems, notes = files.read_questions_noting("q.csv", bad)
    assert (questions, notes) == ([], [])
    assert problems == [Problem(2, "missing-or-long", {"key": "group_cy", "limit": 40}),
                        Problem(2, "missing-or-long", {"key": "cy", "limit": 500})]


EVENTS = textwrap.dedent("""\
    events:
      - kind: vote
        title_en: Speke decides
        title_cy: Speke yn penderfynu
        description_en: Come and vote.
        area: Speke
        venue: Hall
        address: 1 Main Road
        start: 2099-01-10 10:00
        end: '12:00'
        ask_first_name: no
        ask_access: no
      - kind: vote
        title_en: Garston decides
        title_cy: Garstwn yn penderfynu
        description_en: Come and vote too.
        description_cy: ''
        area: Garston
        venue: Hall
        address: 2 Main Road
        start: 2099-01-11 10:00
        end: '12:00'
        ask_first_name: no
        ask_access: no
""")


async def test_events_without_a_welsh_description_are_imported_and_named(
        database_url, session_maker, tmp_path, capsys):
    path = tmp_path / "events.yaml"
    path.write_text(EVENTS)
    code = await asyncio.to_thread(events_cli.main, ["import", str(path)],
                                   make_settings(database_url))
    out = capsys.readouterr().out
    assert code == 0 and "imported 2 events" in out
    assert ("events: Line 5: 'description_cy' is empty: Welsh readers will see the English "
            "instead.") in out
    assert ("events: Line 17: 'description_cy' is empty: Welsh readers will see the English "
            "instead.") in out
    async with session_maker() as session:
        assert len(list(await session.scalars(select(Event)))) == 2


async def test_an_events_csv_names_the_row_line(database_url, tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text("kind,title_en,title_cy,description_en,description_cy,area,venue,address,"
                    "start,end,ask_first_name,ask_access\n"
                    "vote,A,B,Words,Geiriau,Speke,Hall,1 Road,2099-01-10 10:00,12:00,no,no\n"
                    "vote,C,D,More words,,Speke,Hall,1 Road,2099-01-11 10:00,12:00,no,no\n")
    code = await asyncio.to_thread(events_cli.main, ["import", str(path), "--dry-run"],
                                   make_settings(database_url))
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("description_cy") == 1 and "events: Line 3: 'description_cy'" in out


ROUND = textwrap.dedent("""\
    name:
      en: Safer Speke 2099
      cy: ''
    status: open
    areas:
      - code: SPK
        name: Speke
        pot: £20,000
      - code: GAR
        name: {en: Garston}
        pot: 6000
    max_bid: £2,000
    priorities:
      - en: Things for young people to do
        cy: Pethau i bobl ifanc eu gwneud
      - en: Safer streets
    bid_deadline: 2099-12-12 17:00
""")


@EMPTY_SQLITE_ONLY
async def test_a_round_without_some_welsh_names_is_imported_and_each_is_named(tmp_path, capsys,
                                                                           empty_database_url):
    url = empty_database_url
    path = tmp_path / "round.yaml"
    path.write_text(ROUND)
    assert await asyncio.to_thread(rounds_cli.main, ["import", str(path)],
                                   make_settings(url)) == 0
    out = capsys.readouterr().out.splitlines()
    where = f"rounds: {path}: "
    assert out[1:] == [
        f"{where}Line 3: 'name.cy' is empty: Welsh readers will see the English instead.",
        f"{where}Line 10: 'areas[2].name.cy' is empty: Welsh readers will see the English "
        "instead.",
        f"{where}Line 16: 'priorities[2].cy' is empty: Welsh readers will see the English "
        "instead."]
    from models.db import create_engine, create_session_maker
    engine = create_engine(url)
    try:
        async with create_session_maker(engine)() as session:
            round_ = await session.scalar(select(Round))
            assert round_.name("cy") == "Safer Speke 2099"
            assert [area.name("cy") for area in round_.areas] == ["Speke", "Garston"]
    finally:
        await engine.dispose()
