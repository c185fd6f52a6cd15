"""`python -m bot events import FILE`: YAML and CSV, all-or-nothing, safe to run twice."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.cli.events import main
from models import event as events
from models.event import Event
from tests.conftest import make_settings

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "docs" / "examples"


async def stored(session_maker) -> list[Event]:
    async with session_maker() as session:
        return list(await session.scalars(select(Event).order_by(Event.id)))


async def test_yaml_and_csv_examples_import_once(database_url, session_maker, capsys):
    settings = make_settings(database_url)
    for name in ("events.yaml", "events.csv"):
        assert await _run(["import", str(EXAMPLES / name)], settings) == 0
    assert "imported 2 events" in capsys.readouterr().out
    found = await stored(session_maker)
    assert [e.title_en for e in found] == [
        "Ringland World Café: keeping young people safe", "Ringland decides",
        "Alway World Café", "Alway decides"]
    cafe, vote, alway, _ = found
    assert cafe.starts_at == datetime(2099, 11, 28, 18, 30, tzinfo=UTC)
    assert (cafe.capacity, cafe.ask_first_name, cafe.ask_access) == (120, True, True)
    assert cafe.reminder_offsets == "86400,7200"
    assert cafe.helpers_arrive_at == datetime(2099, 11, 28, 17, 45, tzinfo=UTC)
    assert (vote.kind, vote.round_id, vote.description_cy) == ("vote", 1, None)
    assert (alway.ask_first_name, alway.ask_access) == (False, True)
    async with session_maker() as session:
        roles = await events.roles_of(session, cafe.id)
    assert [(r.name_en, r.name_cy) for r in roles] == [("Welcome desk", "Desg groeso"),
                                                       ("Table host", "Croesawydd bwrdd")]
    # Twice is harmless.
    assert await _run(["import", str(EXAMPLES / "events.yaml")], settings) == 0
    assert "imported 0 events" in capsys.readouterr().out
    assert len(await stored(session_maker)) == 4


async def test_a_bad_file_imports_nothing_and_says_why(database_url, session_maker, tmp_path,
                                                       capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- kind: party\n  title_en: X\n  start: yesterday\n"
                   "- kind: vote\n  title_en: Fine\n  title_cy: Iawn\n  description_en: d\n"
                   "  area: A\n  venue: V\n  address: Ad\n  start: 2099-01-01 10:00\n"
                   "  end: '09:00'\n  ask_access: maybe\n")
    assert await _run(["import", str(bad)], make_settings(database_url)) == 2
    err = capsys.readouterr().err
    assert "event 1: kind 'party'" in err and "event 1: start: cannot use 'yesterday'" in err
    assert "event 2: end: cannot use '09:00'" in err and "event 2: ask_access" in err
    assert "nothing imported" in err
    assert await stored(session_maker) == []
    assert await _run(["import", str(tmp_path / "missing.csv")],
                      make_settings(database_url)) == 2


async def _run(argv, settings) -> int:
    import asyncio

    # main() runs its own event loop, as it does from the command line.
    return await asyncio.to_thread(main, argv, settings)
