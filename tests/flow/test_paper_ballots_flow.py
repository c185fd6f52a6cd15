"""Paper ballots as organisers type them in, in English and Welsh: a sheet per message, hand
counts, a CSV file (sent twice: counted once), bad lines named, and the chat/paper turnout."""

from __future__ import annotations

from bot.ui.callbacks import Locale
from bot.ui.callbacks.results import PaperAction, PaperCb
from bot.ui.callbacks.vote import VotingAdminAction, VotingAdminCb
from models.paper_ballot import paper_ballots, paper_sheet_count
from models.round import AllocationRule
from tests.conftest import ORGANISER_ID
from tests.support.factories import cast, join, voting_round
from tests.support.flow import alerts, buttons, tap_and_confirm, texts
from tests.support.uploads import document, serve


def paper(action: PaperAction, round_id: int, paper_id: int = 0) -> str:
    return PaperCb(action=action, round=round_id, paper=paper_id).pack()


async def send_file(harness, monkeypatch, user_id: int, name: str, data: bytes):
    file_id = f"f{len(data)}"
    serve(harness, monkeypatch, {file_id: data}, suffix=".csv")
    return await harness.feed(document(file_id, name, len(data), user_id=user_id,
                                       mime_type="text/csv"))


async def test_typing_in_sheets_in_english(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.EN)
    sent = await harness.send(ORGANISER_ID, "/voting")
    assert "0 in the chat · 0 on paper" in texts(sent)[0]
    assert ("Paper ballots 📝", paper(PaperAction.SHEETS, round_id)) in buttons(sent[0])
    sent = await harness.tap(ORGANISER_ID, paper(PaperAction.SHEETS, round_id))
    assert "<pre>17\nSPK-001 4\nSPK-002 5\nSPK-003 2</pre>" in texts(sent)[0]
    assert "<code>sheet,SPK-001,SPK-002,SPK-003</code>" in texts(sent)[0]

    sent = await harness.send(ORGANISER_ID, "17\nSPK-001 4\nspk-2 5\n3 2")
    assert texts(sent) == ["Sheet <b>17</b> is in (marks: 3). On paper so far: 1."]
    remove = [data for label, data in buttons(sent[0]) if label == "Remove 17 ↩"]
    sent = await harness.send(ORGANISER_ID, "17\nSPK-001 4\nSPK-002 5\nSPK-003 2")
    assert texts(sent) == ["Sheet 17 is already in with the same marks: it is not counted twice."]
    sent = await harness.send(ORGANISER_ID, "17\nSPK-001 1")
    assert texts(sent)[0].startswith("Sheet 17 is already in with different marks. Nothing saved.")

    sent = await harness.send(ORGANISER_ID, "18\nSPK-001 9\nSPK-077 3\nSPK-003 lots")
    assert texts(sent) == ["<b>Nothing saved.</b> Please correct this and send it again:\n"
                           "Line 2: “SPK-001 9”: scores go from 1 to 5.\n"
                           "Line 3: “SPK-077 3” is not a bid in this vote.\n"
                           "Line 4: “SPK-003 lots”: the mark must be a whole number."]
    await harness.send(ORGANISER_ID, "19\nSPK-002 3")
    async with session_maker() as session:
        assert await paper_ballots(session, round_id) == [{a: 4, b: 5, c: 2}, {b: 3}]

    await cast(session_maker, round_id, 750_001, {a: 1, b: 2, c: 3})
    sent = await harness.send(ORGANISER_ID, "/voting")  # commands still work while typing in
    assert "Ballots so far: 3" in texts(sent)[0]
    assert "1 in the chat · 2 on paper" in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, remove[0])
    assert texts(sent) == ["17 has been taken out. On paper so far: 1."]
    assert alerts(await harness.tap(ORGANISER_ID, remove[0])) == [
        "That sheet has already been taken out."]
    sent = await harness.tap(ORGANISER_ID, paper(PaperAction.DONE, round_id))
    assert texts(sent)[-1].startswith("Paper ballots for Safer Speke 2026: 1 on paper.")
    sent = await harness.send(ORGANISER_ID, "20\nSPK-001 5")
    assert "is in" not in " ".join(texts(sent))
    async with session_maker() as session:
        assert await paper_sheet_count(session, round_id) == 1


async def test_typing_in_sheets_and_totals_in_welsh(harness, session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.CY)
    sent = await harness.tap(ORGANISER_ID, paper(PaperAction.SHEETS, round_id))
    assert texts(sent)[0].startswith("<b>Pleidleisiau papur: Speke Mwy Diogel 2026</b>")
    sent = await harness.send(ORGANISER_ID, "A7\nSPK-001 5, SPK-003 1")
    assert texts(sent) == ["Mae taflen <b>A7</b> i mewn (marciau: 2). Ar bapur hyd yma: 1."]
    sent = await harness.send(ORGANISER_ID, "A8\nSPK-002 6")
    assert texts(sent) == ["<b>Does dim byd wedi'i gadw.</b> Cywirwch hyn a'i anfon eto, os "
                           "gwelwch yn dda:\nLlinell 2: “SPK-002 6”: mae sgoriau'n mynd o 1 i 5."]
    sent = await harness.tap(ORGANISER_ID, paper(PaperAction.TOTALS, round_id))
    assert texts(sent)[0].startswith("<b>Cyfansymiau cyfrif â llaw: Speke Mwy Diogel 2026</b>")
    sent = await harness.send(ORGANISER_ID, "neuadd 10\nSPK-001 41\nSPK-002 30")
    assert texts(sent) == ["Mae cyfrif <b>neuadd</b> i mewn (taflenni: 10). Ar bapur hyd yma: 11."]
    sent = await harness.send(ORGANISER_ID, "bwrdd 2\nSPK-001 11")
    assert texts(sent)[0].endswith("Llinell 2: mae “SPK-001 11” yn fwy nag y gallai'r nifer yna "
                                   "o daflenni ei roi.")
    async with session_maker() as session:
        ballots = await paper_ballots(session, round_id)
    assert ballots[0] == {a: 5, c: 1} and len(ballots) == 11
    assert sum(x.get(a, 0) for x in ballots[1:]) == 41
    assert sum(x.get(b, 0) for x in ballots[1:]) == 30


async def test_equal_shares_rounds_take_sheets_not_totals(harness, session_maker):
    round_id, _bids = await voting_round(session_maker, allocation_rule=AllocationRule.MES)
    await join(harness, ORGANISER_ID, Locale.EN)
    sent = await harness.tap(ORGANISER_ID, paper(PaperAction.SHEETS, round_id))
    assert "Hand-count totals 🧮" not in [label for label, _ in buttons(sent[0])]
    sent = await harness.tap(ORGANISER_ID, paper(PaperAction.TOTALS, round_id))
    assert "Send one sheet per message" in texts(sent)[0]  # still sheets


async def test_a_csv_file_sent_twice_is_counted_once(harness, session_maker, monkeypatch):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.EN)
    await harness.tap(ORGANISER_ID, paper(PaperAction.SHEETS, round_id))
    sheets = b"sheet,SPK-001,SPK-002,SPK-003\n101,5,4,\n102,1,,3\n103,2,2,2\n"
    sent = await send_file(harness, monkeypatch, ORGANISER_ID, "sheets.csv", sheets)
    assert texts(sent) == ["From the file: 3 new sheets saved; 0 were already in and are not "
                           "counted twice. On paper so far: 3."]
    sent = await send_file(harness, monkeypatch, ORGANISER_ID, "sheets.csv", sheets)
    assert texts(sent) == ["From the file: 0 new sheets saved; 3 were already in and are not "
                           "counted twice. On paper so far: 3."]
    changed = b"sheet,SPK-001,SPK-002,SPK-003\n101,5,4,\n102,5,5,5\n104,3,3,3\n"
    sent = await send_file(harness, monkeypatch, ORGANISER_ID, "more.csv", changed)
    assert texts(sent) == ["From the file: 1 new sheets saved; 1 were already in and are not "
                           "counted twice. On paper so far: 4.\n"
                           "Already in with different marks, so left as they were: 102"]
    async with session_maker() as session:
        assert await paper_ballots(session, round_id) == [
            {a: 5, b: 4}, {a: 1, c: 3}, {a: 2, b: 2, c: 2}, {a: 3, b: 3, c: 3}]


async def test_a_csv_with_bad_rows_saves_nothing_in_welsh(harness, session_maker, monkeypatch):
    round_id, _bids = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.CY)
    await harness.tap(ORGANISER_ID, paper(PaperAction.SHEETS, round_id))
    bad = b"sheet,SPK-001,SPK-002\n1,5,4\n2,0,7\n3,x,1\n"
    sent = await send_file(harness, monkeypatch, ORGANISER_ID, "sheets.csv", bad)
    assert texts(sent) == ["<b>Does dim byd wedi'i gadw.</b> Cywirwch hyn a'i anfon eto, os "
                           "gwelwch yn dda:\n"
                           "Rhes 3: “SPK-002: 7”: mae sgoriau'n mynd o 1 i 5.\n"
                           "Rhes 4: “SPK-001: x”: rhaid i'r marc fod yn rhif cyfan.\n"
                           "Colofnau neu allweddi disgwyliedig: "
                           "<code>sheet,SPK-001,SPK-002,SPK-003</code>\n"
                           "Am ffeil enghreifftiol, anfonwch /template ballots"]
    sent = await send_file(harness, monkeypatch, ORGANISER_ID, "notes.pdf", b"%PDF")
    assert texts(sent) == ["Anfonwch y taflenni fel ffeil CSV (.csv), neu teipiwch nhw, os "
                           "gwelwch yn dda."]
    async with session_maker() as session:
        assert await paper_sheet_count(session, round_id) == 0


async def test_residents_cannot_type_in_paper_ballots(harness, session_maker):
    round_id, _bids = await voting_round(session_maker)
    await join(harness, 750_010, Locale.EN)
    sent = await harness.tap(750_010, paper(PaperAction.SHEETS, round_id))
    assert alerts(sent) == ["Sorry, this is for organisers."]
    await harness.send(750_010, "17\nSPK-001 4")
    async with session_maker() as session:
        assert await paper_sheet_count(session, round_id) == 0


async def test_paper_entry_ends_when_the_results_are_published(harness, session_maker):
    round_id, _bids = await voting_round(session_maker)
    await join(harness, ORGANISER_ID, Locale.EN)
    await harness.tap(ORGANISER_ID, paper(PaperAction.SHEETS, round_id))
    await harness.send(ORGANISER_ID, "1\nSPK-001 4")
    await tap_and_confirm(harness, ORGANISER_ID, VotingAdminCb(
        action=VotingAdminAction.PUBLISH, round=round_id).pack())
    sent = await harness.send(ORGANISER_ID, "2\nSPK-001 4")
    closed = ("Paper ballots can be added or taken out from when voting opens until the results "
              "are published; this round is not at that stage.")
    assert texts(sent) == [closed]
    assert alerts(await harness.tap(ORGANISER_ID, paper(PaperAction.SHEETS, round_id))) == [
        closed]
    async with session_maker() as session:
        assert await paper_sheet_count(session, round_id) == 1
