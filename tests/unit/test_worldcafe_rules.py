"""World Café rules without the chat: what a label, question, answer and name may be, reading a
file of questions, the report files, and the queries other features count with."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from models import event as events
from models import worldcafe as cafe
from models import worldcafe_files as files
from models.base import utcnow
from models.uploads import Problem
from models.worldcafe import QuestionStatus, ReportRow
from tests.support.event_fixtures import make_event

LONDON = ZoneInfo("Europe/London")


def test_labels_questions_answers_and_names():
    assert cafe.clean_label("  Table   3 ") == "Table 3"
    assert cafe.clean_label("x" * 41) is None
    assert cafe.clean_label("/cancel") is None
    assert cafe.clean_question(" What helps? ") == "What helps?"
    assert cafe.clean_question("x" * 501) is None
    assert cafe.clean_answer("x" * 2000) == "x" * 2000
    assert cafe.clean_answer("x" * 2001) is None
    assert cafe.clean_answer("   ") is None
    assert cafe.clean_name(" Siân ") == "Siân"
    assert cafe.clean_name("12345") is None  # a number is not a name
    assert cafe.clean_name("/forget") is None
    assert cafe.clean_name("a" * 65) is None


def test_tokens_fit_the_deep_link_pattern():
    from bot.ui.deeplinks import parse_payload

    tokens = {cafe.new_token() for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        link = parse_payload(f"wc_{token}")
        assert link is not None and (link.kind, link.value) == ("wc", token)
    assert parse_payload("wc_short") is None


def test_reading_questions_from_csv_and_yaml():
    good_csv = "group,en,cy\nTable 1,What helps?,Beth sy'n helpu?\nTable 2,Who?,Pwy?\n"
    questions, problems = files.read_questions("q.csv", good_csv.encode("utf-8-sig"))
    assert problems == []
    assert questions == [files.NewQuestion("Table 1", "What helps?", "Beth sy'n helpu?"),
                         files.NewQuestion("Table 2", "Who?", "Pwy?")]
    yaml_list = b"- {table: Round 1, text_en: One, text_cy: Un}\n"
    assert files.read_questions("q.yml", yaml_list) == (
        [files.NewQuestion("Round 1", "One", "Un")], [])
    # All or nothing: one bad row and nothing is returned, each problem named.
    bad = "group,en,cy\nTable 1,What helps?,/start\n" + "Table 2," + "x" * 501 + ",Pwy?\n"
    questions, problems = files.read_questions("q.csv", bad.encode())
    assert questions == []
    # Each problem at its line in the file, naming the key (the header is line 1).
    assert problems == [Problem(2, "missing-or-long", {"key": "cy", "limit": 500}),
                        Problem(3, "missing-or-long", {"key": "en", "limit": 500})]
    assert files.read_questions("q.yaml", b"just words")[1] == [Problem(0, "none-found")]
    assert files.read_questions("q.yaml", b"ok: 1\n\xff\xfe\x00")[1] == [Problem(2, "not-utf8")]
    assert files.read_questions("q.yaml", b"questions: [a: [")[1] == [Problem(1, "yaml-syntax")]


def _row(text: str | None, name: str | None = None, language: str = "en") -> ReportRow:
    return ReportRow(group="Table 1", question_en="What helps?", question_cy="Beth sy'n helpu?",
                     text=text, voice=text is None, language=language,
                     at=datetime(2026, 11, 28, 19, 5, tzinfo=UTC), first_name=name)


def test_report_csv_is_formula_safe_and_names_only_the_named():
    rows = [_row("=1+1"), _row("+44 7700"), _row("-minus", "Siân", "cy"), _row("@here"),
            _row(None)]
    body = files.report_csv(rows, LONDON).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body)))
    assert table[0] == list(files.CSV_COLUMNS)
    assert [r[3] for r in table[1:]] == ["'=1+1", "'+44 7700", "'-minus", "'@here",
                                         "(voice note)"]
    assert [r[6] for r in table[1:]] == ["", "", "Siân", "", ""]
    assert [r[4] for r in table[1:3]] == ["English", "English"]
    assert table[3][4] == "Cymraeg" and table[1][5] == "2026-11-28 19:05"


def test_report_markdown_shows_words_not_markup():
    rows = [_row("[click](http://x) <b>\n# not a heading"), _row("Fine", "Ann")]
    body = files.report_markdown("Ringland [café]", "Sat 28 Nov", rows, LONDON).decode()
    assert body.startswith("# World Café: Ringland \\[café\\]\n")
    assert "## Table 1" in body and "### What helps?" in body
    assert ("- \\[click\\]\\(http://x\\) \\<b\\> \\# not a heading "
            "(English, 2026-11-28 19:05)") in body
    assert "- Fine — Ann (English," in body


async def test_answers_only_while_open_and_the_counts(session_maker):
    event_id = await make_event(session_maker)
    cancelled_id = await make_event(session_maker, title_en="Cancelled café")
    vote_id = await make_event(session_maker, kind="vote", title_en="A vote")
    now = utcnow()
    async with session_maker.begin() as session:
        event = await events.get_event(session, event_id)
        first = await cafe.add_question(session, event, "Table 1", "One?", "Un?")
        second = await cafe.add_question(session, event, "Table 2", "Two?", "Dau?")
        third = await cafe.add_question(session, event, "Table 1", "Three?", "Tri?")
        assert [g for g, _ in cafe.grouped([first, second, third])] == ["Table 1", "Table 2"]
        assert first.status is QuestionStatus.DRAFT
        assert await cafe.add_answer(session, first, 1, "en", text="early") is None
        assert await cafe.open_question(session, first, now)
        assert not await cafe.open_question(session, first, now)
        kept = await cafe.add_answer(session, first, 1, "en", text="kept")
        hidden = await cafe.add_answer(session, first, 2, "cy", text="hidden")
        assert await cafe.add_answer(session, first, 2, "cy") is None  # neither text nor voice
        await cafe.set_hidden(session, hidden.id, first.id, True)
        assert await cafe.set_hidden(session, kept.id, second.id, True) is None
        cancelled = await events.get_event(session, cancelled_id)
        other = await cafe.add_question(session, cancelled, "T", "Q?", "C?")
        await cafe.open_question(session, other, now)
        await events.cancel_event(session, cancelled)

    async with session_maker.begin() as session:
        assert await cafe.held_cafes(session) == [event_id]
        assert await cafe.answer_count(session, event_id) == 1
        assert await cafe.answer_count(session, event_id, include_hidden=True) == 2
        assert await cafe.answer_count(session, vote_id) == 0
        assert [r.text for r in await cafe.report_rows(session, event_id)] == ["kept"]
        tallies = await cafe.answer_tallies(session, event_id)
        assert (tallies[first.id].shown, tallies[first.id].hidden) == (1, 1)
        assert await cafe.close_cafe(session, event_id, utcnow()) == 1
        q = await cafe.get_question(session, first.id)
        assert q.status is QuestionStatus.CLOSED
        assert await cafe.add_answer(session, q, 1, "en", text="late") is None
        assert await cafe.delete_own_answer(session, kept.id, 1) == (cafe.Change.CLOSED,
                                                                     event_id)
        # Opening it again (the organiser changed their mind) lets people answer again.
        assert await cafe.open_question(session, q, utcnow())
        assert await cafe.delete_own_answer(session, kept.id, 2) == (cafe.Change.GONE, None)
        assert await cafe.delete_own_answer(session, kept.id, 1) == (cafe.Change.DONE, event_id)
        # Only World Cafés, the latest first (same start: the newest event first).
        assert [e.id for e in await cafe.world_cafes(session)] == [cancelled_id, event_id]


def test_long_lists_are_cut_between_lines_never_inside_one():
    from handlers.worldcafe_admin import TEXT_LIMIT, fit

    lines = [f"<b>#{n}</b> " + "x" * 590 for n in range(12)]
    text = fit(lines, "\n\n")
    assert len(text) <= TEXT_LIMIT and text.endswith("\n\n…")
    assert text.count("<b>") == text.count("</b>") == 6
    assert fit(["a", "b"], "\n") == "a\nb"
