"""Paper ballots in the models: reading typed sheets, hand counts and CSV files, checking them
against the round's ballot, saving them once, and counting them with the chat ballots."""

from __future__ import annotations

from sqlalchemy import select

from bot.cli.tally import count
from models.ballot import round_ballots
from models.bid import Bid
from models.pabulib import parse_pb
from models.paper_ballot import (
    BallotRules,
    PaperBallot,
    PaperRecord,
    Problem,
    paper_ballots,
    paper_sheet_count,
    parse_count,
    parse_csv,
    parse_sheet,
    remove_paper,
    save_paper,
    spread_totals,
)
from models.round import AllocationRule, BallotKind, Round, RoundStatus
from models.voting import count_round, export_pb
from tests.support.factories import cast, voting_round

BIDS = [Bid(id=11, number=1, reference="SPK-001", title="Bid 1", amount_pence=1_500_00),
        Bid(id=12, number=2, reference="SPK-002", title="Bid 2", amount_pence=2_000_00),
        Bid(id=13, number=3, reference="SPK-003", title="Bid 3", amount_pence=1_000_00)]


def rules(kind=BallotKind.SCORE, rule=AllocationRule.GREEDY, pot=20_000_00, n=None, tokens=None):
    return BallotRules(kind, BIDS, pot, n, tokens, rule)


def test_a_typed_score_sheet_accepts_the_ways_people_write_references():
    parsed = parse_sheet(rules(), "17\nSPK-001 4\nspk2: 5\n3 1")
    assert parsed.problems == []
    assert parsed.records == [PaperRecord("17", {11: 4, 12: 5, 13: 1}, 1)]
    # A blank (a bid left out) is allowed on paper; commas work as line breaks too.
    assert parse_sheet(rules(), "A-9\nSPK-001 4, SPK-003 2").records[0].choices == {11: 4, 13: 2}


def test_every_bad_line_is_named_and_nothing_is_kept():
    parsed = parse_sheet(rules(), "17\nSPK-001 7\nSPK-009 3\nSPK-002 x\nSPK-001 2\nSPK-003")
    assert parsed.records == []
    assert parsed.problems == [
        Problem(2, "score-out-of-range", "SPK-001 7", rule=True),
        Problem(3, "unknown-bid", "SPK-009 3"),
        Problem(4, "not-a-number", "SPK-002 x"),
        Problem(5, "twice", "SPK-001 2"),
        Problem(6, "no-number", "SPK-003"),
    ]
    assert parse_sheet(rules(), "no spaces allowed\nSPK-001 4").problems == [
        Problem(1, "bad-label", "no spaces allowed")]
    assert parse_sheet(rules(), "17").problems == [Problem(1, "blank", "17")]
    assert parse_sheet(rules(), "  \n ").problems == [Problem(1, "empty")]


def test_sheets_are_checked_against_the_rounds_ballot_kind():
    ticks = parse_sheet(rules(BallotKind.APPROVAL), "B2\nSPK-001\nSPK-003 x\nSPK-002 0")
    assert ticks.records[0].choices == {11: 1, 13: 1}
    assert parse_sheet(rules(BallotKind.TOP_N, n=1), "B3\nSPK-001\nSPK-002").problems == [
        Problem(1, "too-many", "B3", rule=True)]
    assert parse_sheet(rules(BallotKind.TOKENS, tokens=5), "B4\n1 3\n2 3").problems == [
        Problem(1, "tokens-total", "B4", rule=True)]
    assert parse_sheet(rules(BallotKind.TOKENS, tokens=5), "B5\n1 6").problems == [
        Problem(2, "tokens-out-of-range", "1 6", rule=True)]
    assert parse_sheet(rules(BallotKind.KNAPSACK, pot=3_000_00), "B6\n1\n2").problems == [
        Problem(1, "over-pot", "B6", rule=True)]
    assert parse_sheet(rules(BallotKind.APPROVAL), "B7\nSPK-001 maybe").problems == [
        Problem(2, "not-a-tick", "SPK-001 maybe")]
    # The sheet's number forgotten: the first tick is not taken for it.
    assert parse_sheet(rules(BallotKind.APPROVAL), "SPK-001\nSPK-002").problems == [
        Problem(1, "label-is-a-bid", "SPK-001")]
    assert parse_sheet(rules(BallotKind.APPROVAL), "2\nSPK-002").records[0].label == "2"


def test_hand_count_totals_only_for_fund_down_the_ranking():
    parsed = parse_count(rules(), "table-3 120\nSPK-001 410\nSPK-002 388")
    assert parsed.records == [PaperRecord("table-3", {11: 410, 12: 388}, 1, sheets=120,
                                          is_count=True)]
    assert parse_count(rules(), "table-3 2\nSPK-001 11").problems == [
        Problem(2, "total-too-big", "SPK-001 11")]
    assert parse_count(rules(), "table-3\nSPK-001 4").problems == [
        Problem(1, "bad-count-head", "table-3")]
    assert parse_count(rules(rule=AllocationRule.MES), "t 2\nSPK-001 4").problems == [
        Problem(1, "totals-need-sheets", "t")]
    assert parse_count(rules(BallotKind.TOP_N, n=1), "t 2\n1 2\n2 1").problems == [
        Problem(1, "too-many", "t", rule=True)]


def test_a_csv_of_sheets_with_blanks_semicolons_and_a_bom():
    data = "\ufeffsheet;SPK-001;SPK-002;SPK-003\n1;5;;2\n2;3;4;1\n\n".encode()
    parsed = parse_csv(rules(), data)
    assert parsed.problems == []
    assert [(r.label, dict(r.choices)) for r in parsed.records] == [
        ("1", {11: 5, 13: 2}), ("2", {11: 3, 12: 4, 13: 1})]
    approval = parse_csv(rules(BallotKind.APPROVAL), b"Taflen,1,2,3\nP1,x,,1\nP2,0,x,\n")
    assert [dict(r.choices) for r in approval.records] == [{11: 1, 13: 1}, {12: 1}]


def test_a_csv_with_any_bad_row_saves_nothing_and_names_the_rows():
    data = b"sheet,SPK-001,SPK-002\n1,5,4\n2,9,4\n1,3,3\n3,,\n4,2,2,7\n"
    assert parse_csv(rules(), data).problems == [
        Problem(3, "score-out-of-range", "SPK-001: 9", rule=True),
        Problem(4, "label-twice", "1"),
        Problem(5, "blank", "3"),
        Problem(6, "extra-cells", "4"),
    ]
    assert parse_csv(rules(), b"sheet,SPK-001,SPK-042\n1,5,4\n").problems == [
        Problem(1, "unknown-bid", "SPK-042")]
    assert parse_csv(rules(), b"voter,SPK-001\n1,5\n").problems == [
        Problem(1, "bad-header", "voter")]
    assert parse_csv(rules(), b"sheet,SPK-001\n").problems == [Problem(2, "no-rows")]


def test_a_csv_of_hand_counts():
    parsed = parse_csv(rules(), b"count,sheets,SPK-001,SPK-002,SPK-003\nhall,100,410,300,\n")
    assert parsed.records == [PaperRecord("hall", {11: 410, 12: 300}, 2, sheets=100,
                                          is_count=True)]
    assert parse_csv(rules(), b"count,sheets,SPK-001\nhall,lots,4\n").problems == [
        Problem(2, "bad-sheets", "hall: lots")]


def test_spread_totals_keeps_every_bids_support_and_each_sheet_within_the_ballot():
    for totals, sheets in (({1: 410, 2: 388, 3: 295}, 100), ({1: 7, 2: 5, 3: 1}, 3),
                           ({1: 0, 2: 15}, 3)):
        ballots = spread_totals(totals, sheets)
        assert len(ballots) == sheets
        for bid, total in totals.items():
            assert sum(b.get(bid, 0) for b in ballots) == total
        assert all(1 <= v <= 5 for b in ballots for v in b.values())
    # Remainders go round: no voter gets every extra point.
    assert [sum(b.values()) for b in spread_totals({1: 1, 2: 1, 3: 1}, 3)] == [1, 1, 1]


async def test_saving_twice_never_counts_twice(session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    first = [PaperRecord("1", {a: 5, b: 3}, 2), PaperRecord("2", {c: 4}, 3)]
    again = [PaperRecord("1", {a: 5, b: 3}, 2), PaperRecord("2", {c: 1}, 3),
             PaperRecord("3", {a: 1}, 4)]
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        saved = await save_paper(session, round_, first, "csv")
        assert [p.label for p in saved.saved] == ["1", "2"]
        saved = await save_paper(session, round_, again, "csv")
        assert ([p.label for p in saved.saved], saved.same, saved.different) == (
            ["3"], ["1"], ["2"])
        assert await paper_sheet_count(session, round_id) == 3
        assert await paper_ballots(session, round_id) == [{a: 5, b: 3}, {c: 4}, {a: 1}]
        round_.status = RoundStatus.RESULTS.value
        assert (await save_paper(session, round_, [PaperRecord("9", {a: 1}, 2)], "csv")).closed
        three = (await session.scalars(select(PaperBallot).where(PaperBallot.label == "3"))).one()
        assert await remove_paper(session, round_, three.id) is None  # results are out
        round_.status = RoundStatus.VOTING.value
        assert await remove_paper(session, round_, three.id) == "3"
        assert await paper_sheet_count(session, round_id) == 2


async def test_paper_ballots_are_counted_with_chat_ballots_and_exported_anonymously(
        session_maker):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    async with session_maker.begin() as session:
        (await session.get(Round, round_id)).areas[0].pot_pence = 3_000_00
    # Chat alone: b (9, £2,000), then a (6, £1,500) does not fit the £1,000 left, c (5) does.
    await cast(session_maker, round_id, 740_001, {a: 3, b: 5, c: 2})
    await cast(session_maker, round_id, 740_002, {a: 3, b: 4, c: 3})
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        (chat_only,) = await count_round(session, round_)
        assert chat_only.result.selected == ("SPK-002", "SPK-003")
        # Paper lifts a and c above b: a 6+10+200, c 5+10+190, b 9+2+0.
        await save_paper(session, round_, [PaperRecord("P1", {a: 5, b: 1, c: 5}, 2),
                                           PaperRecord("P2", {a: 5, b: 1, c: 5}, 2)], "chat")
        await save_paper(session, round_, [PaperRecord("hall", {a: 200, c: 190}, 2, sheets=40,
                                                        is_count=True)], "csv")
        (area,) = await count_round(session, round_)
        chat_ballots = await round_ballots(session, round_id)
    assert area.result.selected == ("SPK-001", "SPK-003")
    assert area.result.bids["SPK-001"].support == 6 + 10 + 200
    assert area.result.bids["SPK-002"].support == 9 + 2
    election = parse_pb(export_pb([area])[f"round-{round_id}-SPK.pb"])
    assert len(chat_ballots) == 2 and len(election.votes) == 2 + 2 + 40
    assert [v.voter_id for v in election.votes] == [str(n) for n in range(1, 45)]
    assert count(election, "greedy").selected == ("SPK-001", "SPK-003")
