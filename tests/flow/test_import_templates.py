"""Imports explain themselves: /template gives an example file for each import, with notes in
the organiser's language, that is accepted when sent back as it is; a wrong file is answered
with its lines and the columns or keys expected; residents get no templates."""

from __future__ import annotations

import asyncio

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import func, select

from bot.cli import events as events_cli
from bot.cli import rounds as rounds_cli
from bot.ui import upload_files
from bot.ui.callbacks import Locale
from bot.ui.callbacks.results import PaperAction, PaperCb
from bot.ui.callbacks.worldcafe import CafeAdminAction, CafeAdminCb
from models.event import Event
from models.paper_ballot import paper_ballots
from models.round import Round
from models.uploads import Problem
from models.worldcafe import Question
from tests.conftest import ORGANISER_ID, make_settings
from tests.support.event_fixtures import join, make_event
from tests.support.factories import voting_round
from tests.support.flow import texts
from tests.support.uploads import ALIAS_BOMB, document, serve

EN, CY = Locale.EN, Locale.CY
RESIDENT = 7401
NOTES = {EN: "# Lines starting with # are notes: the bot does not read them.",
         CY: "# Nodiadau yw llinellau sy'n dechrau gyda #: dydy'r bot ddim yn eu darllen."}


async def template(harness, kind: str) -> tuple[str, bytes, str]:
    sent = await harness.send(ORGANISER_ID, f"/template {kind}")
    [request] = [r for r in sent if isinstance(r, SendDocument)]
    return request.document.filename, request.document.data, request.caption


async def count(session_maker, model) -> int:
    async with session_maker() as session:
        return await session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("locale", [EN, CY])
async def test_the_questions_template_comes_back_as_questions(harness, session_maker,
                                                              monkeypatch, locale):
    event_id = await make_event(session_maker)
    await join(harness, ORGANISER_ID, locale)
    name, data, caption = await template(harness, "questions")
    text = data.decode()
    assert name == "worldcafe-questions.yaml" and NOTES[locale] in text
    assert {EN: "# en: the question in English, up to 500 characters.",
            CY: "# cy: y cwestiwn yn Gymraeg, hyd at 500 nod."}[locale] in text
    assert "/worldcafe" in caption
    sent = await harness.tap(ORGANISER_ID, CafeAdminCb(action=CafeAdminAction.IMPORT,
                                                       event=event_id).pack())
    assert texts(sent)[0].endswith({EN: "An example file to fill in: /template questions 📄",
                                    CY: "Ffeil enghreifftiol i'w llenwi: /template questions 📄",
                                    }[locale])
    serve(harness, monkeypatch, {"template": data})
    sent = await harness.feed(document("template", name, len(data)))
    assert {EN: "Questions added: 2. Already there: 0. ✅",
            CY: "Cwestiynau wedi'u hychwanegu: 2. Yno'n barod: 0. ✅"}[locale] in texts(sent)
    assert await count(session_maker, Question) == 2


@pytest.mark.parametrize("locale", [EN, CY])
async def test_the_ballot_sheet_template_has_the_rounds_bids(harness, session_maker,
                                                             monkeypatch, locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, locale)
    name, data, _caption = await template(harness, "ballots")
    text = data.decode("utf-8-sig")
    heading = {EN: "sheet", CY: "taflen"}[locale] + ",SPK-001,SPK-002,SPK-003"
    assert name == f"paper-ballots-round-{round_id}.csv"
    assert NOTES[locale] in text and heading in text.splitlines()
    await harness.tap(ORGANISER_ID, PaperCb(action=PaperAction.SHEETS, round=round_id).pack())
    # Unchanged, it holds no sheet: nothing is counted, and the message says which line.
    serve(harness, monkeypatch, {"blank": data, "filled": data.replace(b"\n# 1,", b"\n1,")})
    sent = await harness.feed(document("blank", name, len(data)))
    assert {EN: "the file has headings but no sheets.",
            CY: "mae penawdau yn y ffeil ond dim taflenni."}[locale] in texts(sent)[0]
    async with session_maker() as session:
        assert await paper_ballots(session, round_id) == []
    # With its example row taken out of the notes, the row is one sheet.
    sent = await harness.feed(document("filled", name, len(data) - 2))
    assert {EN: "From the file: 1 new sheets saved",
            CY: "O'r ffeil: taflenni newydd wedi'u cadw: 1"}[locale] in texts(sent)[0]
    async with session_maker() as session:
        assert await paper_ballots(session, round_id) == [{a: 4, b: 5, c: 2}]


async def test_no_ballot_template_without_a_vote(harness):
    await join(harness, ORGANISER_ID, CY)
    sent = await harness.send(ORGANISER_ID, "/template taflenni")
    assert texts(sent) == ["Does dim pleidlais ar agor ar gyfer pleidleisiau papur eto. Rhowch "
                           "gynnig arall arni pan fydd y pleidleisio wedi agor."]


@pytest.mark.parametrize("locale", [EN, CY])
async def test_event_and_round_templates_import_from_the_command_line(
        harness, session_maker, database_url, tmp_path, capsys, locale):
    await join(harness, ORGANISER_ID, locale)
    settings = make_settings(database_url)
    for kind, cli, model in (("events", events_cli, Event), ("rounds", rounds_cli, Round)):
        name, data, caption = await template(harness, kind)
        assert NOTES[locale] in data.decode() and f"python -m bot {kind} import" in caption
        path = tmp_path / name
        path.write_bytes(data)
        # main() runs its own event loop, as it does from the command line.
        assert await asyncio.to_thread(cli.main, ["import", str(path)], settings) == 0, (
            capsys.readouterr().err)
        assert await count(session_maker, model) == 1
    async with session_maker() as session:  # the round's update schedule, as the file says
        assert (await session.scalar(select(Round))).update_days == "30,90,180"
    assert {EN: "# start: the date and time (UK time).",
            CY: "# start: y dyddiad a'r amser (amser y DU)."}[locale] in (
        tmp_path / "events.yaml").read_text()


async def test_residents_get_no_templates(harness):
    await join(harness, RESIDENT, EN)
    sent = await harness.send(RESIDENT, "/template questions")
    assert texts(sent) == ["Sorry, this is for organisers."]
    assert not [r for r in sent if isinstance(r, SendDocument)]


async def test_without_a_kind_the_templates_are_listed(harness):
    await join(harness, ORGANISER_ID, EN)
    [text] = texts(await harness.send(ORGANISER_ID, "/template"))
    for kind in ("questions", "ballots", "events", "rounds"):
        assert f"/template {kind}" in text


# --- the command-line imports name lines and keys too -------------------------------------

async def test_events_file_problems_name_their_lines_and_the_keys(database_url, tmp_path,
                                                                  capsys):
    bad = tmp_path / "events.yaml"
    bad.write_text("events:\n  - kind: vote\n    title_en: Fine\n"
                   "  - kind: party\n    title_en: X\n")
    settings = make_settings(database_url)
    assert await asyncio.to_thread(events_cli.main, ["import", str(bad)], settings) == 2
    err = capsys.readouterr().err
    assert "line 2: event 1: title_cy is missing" in err
    assert "line 4: event 2: kind 'party'" in err
    assert "expected keys (YAML) or columns (CSV): kind, title_en, title_cy" in err
    assert "/template events" in err


@pytest.mark.parametrize("cli", [events_cli, rounds_cli])
async def test_the_command_line_refuses_an_alias_bomb_at_once(database_url, tmp_path, capsys,
                                                              cli):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_bytes(ALIAS_BOMB)
    settings = make_settings(database_url)
    upload_files.in_english(Problem(1, "yaml-alias"))  # the words loaded: time only the read
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await asyncio.to_thread(cli.main, ["import", str(bomb)], settings) == 2
    assert loop.time() - started < 1.0
    err = capsys.readouterr().err
    assert "Line 1: anchors and aliases (& and *) are not accepted." in err


async def test_a_csv_of_events_that_is_not_utf8_names_the_line(database_url, tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_bytes(b"kind,title_en\nvote,Fine\nvote,Caf\xe9\n")
    settings = make_settings(database_url)
    assert await asyncio.to_thread(events_cli.main, ["import", str(path)], settings) == 2
    assert "Line 3: this line is not UTF-8 text." in capsys.readouterr().err
