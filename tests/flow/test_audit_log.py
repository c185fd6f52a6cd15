"""/audit as organisers read it: every entry in words in their language, paged, by round or by
person, as a CSV file; refusals included without naming the resident; nothing anyone typed.

The adversaries: a resident poking at organiser commands and buttons (recorded, not named),
and a resident's private words typed to an organiser conversation (never in the log)."""

from __future__ import annotations

import csv
import io
import logging

from aiogram.methods import SendDocument
from sqlalchemy import select

from bot.ui.callbacks import BroadcastAction, BroadcastCb, Locale
from bot.ui.callbacks.organiser import AuditAction, AuditCb
from bot.ui.callbacks.vote import VotingAdminAction as Act
from bot.ui.callbacks.vote import VotingAdminCb
from models.audit import AuditEntry, Event, record
from tests.conftest import ORGANISER_ID
from tests.support.factories import join, voting_round
from tests.support.flow import buttons, callback_update, message_update, tap_and_confirm, texts

RESIDENT = 731_001


async def as_named(harness, update: dict, name: str):
    who = update.get("message", update.get("callback_query"))["from"]
    who["first_name"] = name
    return await harness.feed(update)


async def a_busy_day(harness, session_maker, locale: Locale) -> int:
    round_id, _bids = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, locale)
    await join(harness, RESIDENT, Locale.EN)
    await as_named(harness, message_update(ORGANISER_ID, "/broadcast"), "Sam")
    await as_named(harness, callback_update(
        ORGANISER_ID, BroadcastCb(action=BroadcastAction.AUDIENCE, value="all").pack()), "Sam")
    await as_named(harness, message_update(ORGANISER_ID, "A private thought about Mrs Jones"),
                   "Sam")
    await harness.send(ORGANISER_ID, "/cancel")
    asked = await harness.tap(ORGANISER_ID, VotingAdminCb(action=Act.CLOSE,
                                                          round=round_id).pack())
    yes = [data for request in asked for _, data in buttons(request) if data.startswith("cf:")]
    await as_named(harness, callback_update(ORGANISER_ID, yes[0]), "Sam")
    await harness.send(RESIDENT, "/broadcast hello everyone")
    await harness.tap(RESIDENT, VotingAdminCb(action=Act.PUBLISH, round=round_id).pack())
    return round_id


async def test_the_log_in_words_in_english_with_refusals_and_nothing_typed(harness,
                                                                           session_maker,
                                                                           caplog):
    with caplog.at_level(logging.WARNING):
        await a_busy_day(harness, session_maker, Locale.EN)
    # The refusals were logged too, by command or button area only: no id, nothing typed.
    assert "refused organiser command '/broadcast'" in caplog.text
    assert str(RESIDENT) not in caplog.text and "hello everyone" not in caplog.text
    shown = texts(await harness.send(ORGANISER_ID, "/audit"))[0]
    assert shown.startswith("<b>Organiser log</b> · page 1 of 1\n")
    for line in ("Sam closed voting in Safer Speke 2026",
                 "A resident tried /broadcast: refused",
                 "A resident tried an organiser button (voting): refused",
                 "Sam used /broadcast", "Sam used a button: broadcasts",
                 "Sam answered a question: writing a broadcast"):
        assert line in shown, line
    # No raw codes, no state names, nothing typed, no resident's number.
    for raw in ("va:", "bc:", "cf:", "Draft:", "Mrs Jones", "hello everyone", str(RESIDENT),
                "button va", "command /", "answer at"):
        assert raw not in shown, raw
    async with session_maker() as session:
        refusals = list(await session.scalars(select(AuditEntry).where(AuditEntry.event.in_(
            (Event.REFUSED_COMMAND, Event.REFUSED_BUTTON)))))
    assert len(refusals) == 2
    assert {(e.actor_telegram_id, e.actor_name) for e in refusals} == {(None, None)}
    assert RESIDENT not in {v for e in refusals for v in (e.detail or {}).values()}


async def test_the_log_in_welsh(harness, session_maker):
    await a_busy_day(harness, session_maker, Locale.CY)
    shown = texts(await harness.send(ORGANISER_ID, "/audit"))[0]
    assert shown.startswith("<b>Cofnod y trefnwyr</b> · tudalen 1 o 1\n")
    for line in ("Sam — cau'r pleidleisio: Speke Mwy Diogel 2026",
                 "Preswylydd — ceisio /broadcast: gwrthodwyd",
                 "Preswylydd — ceisio botwm trefnwyr (pleidleisio): gwrthodwyd",
                 "Sam — pwyso botwm: negeseuon at bawb",
                 "Sam — ateb cwestiwn: ysgrifennu neges at bawb"):
        assert line in shown, line
    for raw in ("va:", "bc:", "Draft:", "command", "button va", "answer at", "Mrs Jones"):
        assert raw not in shown, raw


async def test_paged_filtered_by_round_and_person(harness, session_maker):
    round_id = await a_busy_day(harness, session_maker, Locale.EN)
    async with session_maker.begin() as session:
        for n in range(25):
            await record(session, 902, Event.VOTING_OPENED, actor_name="Ffion",
                         round_id=round_id + 1000 if n % 2 else None)
    first = await harness.send(ORGANISER_ID, "/audit")
    assert texts(first)[0].startswith("<b>Organiser log</b> · page 1 of 4\n")
    labels = dict(buttons(first[-1]))
    assert list(labels) == ["Older ▶", "By round", "By person", "CSV file 📄"]
    second = await harness.tap(ORGANISER_ID, labels["Older ▶"])
    assert texts(second)[0].startswith("<b>Organiser log</b> · page 2 of 4\n")
    assert "Newer ◀" in dict(buttons(second[-1]))

    rounds = await harness.tap(ORGANISER_ID, labels["By round"])
    choice = dict(buttons(rounds[-1]))
    assert "Safer Speke 2026" in choice
    by_round = texts(await harness.tap(ORGANISER_ID, choice["Safer Speke 2026"]))[0]
    assert "Round: Safer Speke 2026" in by_round
    assert "Sam closed voting in Safer Speke 2026" in by_round
    assert "Ffion" not in by_round and "used /broadcast" not in by_round

    people = await harness.tap(ORGANISER_ID, labels["By person"])
    choice = dict(buttons(people[-1]))
    # Each organiser once, under the latest name Telegram gave (here "Test", then "Sam"
    # earlier: the same person).
    assert set(choice) == {"Test", "Ffion", "Everything"}
    by_person = texts(await harness.tap(ORGANISER_ID, choice["Ffion"]))[0]
    assert "Person: Ffion" in by_person and "page 1 of 3" in by_person
    assert "Sam" not in by_person.split("\n", 2)[2]


async def test_the_log_as_a_csv_file_in_both_languages(harness, session_maker):
    await a_busy_day(harness, session_maker, Locale.EN)
    sent = await harness.tap(ORGANISER_ID, AuditCb(action=AuditAction.CSV).pack())
    document = next(r for r in sent if isinstance(r, SendDocument))
    assert document.document.filename == "organiser-log.csv"
    rows = list(csv.reader(io.StringIO(document.document.data.decode("utf-8-sig"))))
    assert rows[0] == ["When", "Who", "What happened", "Round"]
    assert ["Sam", "Sam closed voting in Safer Speke 2026", "Safer Speke 2026"] in [
        row[1:] for row in rows]
    assert ["A resident", "A resident tried /broadcast: refused", ""] in [row[1:] for row in rows]
    assert "Mrs Jones" not in document.document.data.decode("utf-8-sig")

    await join(harness, ORGANISER_ID, Locale.CY)
    sent = await harness.tap(ORGANISER_ID, AuditCb(action=AuditAction.CSV).pack())
    document = next(r for r in sent if isinstance(r, SendDocument))
    rows = list(csv.reader(io.StringIO(document.document.data.decode("utf-8-sig"))))
    assert rows[0] == ["Pryd", "Pwy", "Beth ddigwyddodd", "Rownd"]
    assert ["Sam", "Sam — cau'r pleidleisio: Speke Mwy Diogel 2026",
            "Speke Mwy Diogel 2026"] in [row[1:] for row in rows]


async def test_a_name_that_looks_like_a_formula_is_text_in_the_csv(harness, session_maker):
    await join(harness, ORGANISER_ID, Locale.EN)
    await as_named(harness, message_update(ORGANISER_ID, "/rounds"), "=HYPERLINK(\"x\")")
    sent = await harness.tap(ORGANISER_ID, AuditCb(action=AuditAction.CSV).pack())
    document = next(r for r in sent if isinstance(r, SendDocument))
    rows = list(csv.reader(io.StringIO(document.document.data.decode("utf-8-sig"))))
    assert all(not cell.startswith("=") for row in rows for cell in row)


async def test_every_event_has_words_in_both_languages(harness):
    """Keys built at run time (audit-ev-*, audit-area-*, audit-step-*) exist in en and cy."""
    from bot.ui.audit_text import AREAS, SENTENCES, STEPS
    core = harness.dp["i18n_middleware"].core
    keys = ([f"audit-ev-{e}" for e in SENTENCES] + [f"audit-area-{a}" for a in AREAS]
            + [f"audit-step-{s}" for s in STEPS] + ["audit-ev-legacy"])
    for locale in ("en", "cy"):
        for key in keys:
            assert core.get(key, locale, who="W", round="R", command="c", area="a", step="s",
                            bids=1, ballots=1, funded=1, people=1, kind="paid", project="P",
                            was="£2", to="£1") != key, (locale, key)


async def test_tap_and_confirm_is_used_for_closing(harness, session_maker):
    """Closing by the helper the other tests use leaves one entry in words, with the round."""
    round_id, _ = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.EN)
    await tap_and_confirm(harness, ORGANISER_ID, VotingAdminCb(action=Act.CLOSE,
                                                               round=round_id).pack())
    async with session_maker() as session:
        closed = list(await session.scalars(select(AuditEntry).where(
            AuditEntry.event == Event.VOTING_CLOSED)))
    assert [(e.round_id, e.actor_name) for e in closed] == [(round_id, "Test")]
