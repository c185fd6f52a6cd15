"""The pure rules behind bids and rounds: answers, questions, who may change what, totals."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import locale_check
from models.bid import (
    Bid,
    BidStatus,
    Refusal,
    group_refusal,
    make_reference,
    overview,
    review_order,
)
from models.bid_export import bids_csv
from models.bid_notify import digest_key, since_of
from models.bid_questions import (
    DEFAULT_QUESTIONS,
    QUESTIONS,
    asked,
    check_answer,
    clean_text,
    next_question,
    question_problems,
)
from models.round import (
    AllocationRule,
    Area,
    AreaSpec,
    BallotKind,
    Round,
    RoundSpec,
    RoundStatus,
    accepting_bids,
    can_move,
    parse_areas,
    parse_priorities,
    spec_problems,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
CAP = 2_000_00


def check(key: str, text: str | None = None, voice: str | None = None):
    return check_answer(QUESTIONS[key], text=text, voice_file_id=voice, max_pence=CAP)


def a_round(**fields) -> Round:
    values = dict(id=1, name_en="R", name_cy="R", status=RoundStatus.OPEN, max_bid_pence=CAP,
                  priorities=[], questions=list(DEFAULT_QUESTIONS),
                  bid_deadline=NOW + timedelta(days=3), ballot_kind="score",
                  allocation_rule="greedy", allocation_policy="skip", last_bid_number=0,
                  areas=[Area(id=10, code="SPK", name_en="Speke", name_cy="Speke",
                              pot_pence=20_000_00),
                         Area(id=11, code="GAR", name_en="Garston", name_cy="Garstwn",
                              pot_pence=6_000_00)])
    return Round(**(values | fields))


def a_bid(status: BidStatus, amount: int = 1_000_00, area: int = 10, **fields) -> Bid:
    values = dict(id=fields.pop("id", 1), round_id=1, owner_telegram_id=7, status=status.value,
                  amount_pence=amount, area_id=area, revision=0,
                  updated_at=NOW, title="T")
    return Bid(**(values | fields))


# --- Answers ---------------------------------------------------------------------------------

def test_text_answers_are_trimmed_and_limited():
    # Edges trimmed, runs of blank lines squeezed to one; indents inside are the writer's own.
    assert check("title", "  Football  \n\n\n after school ").value == "Football\n\n after school"
    assert check("title", "x" * 80).value == "x" * 80
    too_long = check("title", "x" * 81)
    assert (too_long.problem, too_long.detail) == ("too-long", {"length": 81, "limit": 80})
    assert check("title", "   ").problem == "need-text"
    assert check("title", None).problem == "need-text"
    assert check("title", voice="v").problem == "need-text"


def test_a_description_may_be_spoken():
    assert (check("description", voice="v1").value, check("description", voice="v1").voice) \
        == ("v1", True)
    assert check("description", None).problem == "need-text-or-voice"


def test_amounts_against_the_cap():
    assert check("amount", "£2k").value == 2_000_00
    assert check("amount", "£2,000.01").detail == {"amount": "£2,000.01", "max": "£2,000"}
    assert check("amount", "0").problem == "amount-zero"
    assert check("amount", "a lot " * 20).detail == {"text": ("a lot " * 20).strip()[:40]}
    assert check("area", "Speke").problem == "use-buttons"


@given(st.text(max_size=300), st.sampled_from(sorted(QUESTIONS)))
def test_any_typed_answer_is_read_or_refused_never_crashes(text, key):
    checked = check(key, text)
    assert (checked.value is None) != (checked.problem is None) or key == "area"
    if checked.problem is None and QUESTIONS[key].limit:
        assert len(checked.value) <= QUESTIONS[key].limit


@given(st.text(max_size=200))
def test_cleaning_is_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)


# --- Questions -------------------------------------------------------------------------------

def test_next_question_follows_the_rounds_order():
    keys = ("title", "amount", "group")
    assert next_question(keys, {}) == "title"
    assert next_question(keys, {"title": "T"}) == "amount"
    assert next_question(keys, {"title": "T", "amount_pence": 5, "group_name": "G"}) is None
    assert next_question(("description",), {"voice_file_id": "v"}) is None


def test_the_area_question_is_skipped_with_one_area():
    assert "area" not in asked(DEFAULT_QUESTIONS, 1)
    assert asked(DEFAULT_QUESTIONS, 2) == DEFAULT_QUESTIONS


def test_question_lists_are_checked():
    assert question_problems(list(DEFAULT_QUESTIONS), 2) == []
    assert question_problems(["title", "amount"], 1) == []
    assert question_problems(["title", "amount"], 2) == [
        "question 'area' is required when a round has more than one area"]
    assert question_problems(["title", "title", "amount", "hat"], 1) == [
        "unknown question 'hat'", "question 'title' is asked twice"]
    assert question_problems(["group"], 1) == ["question 'title' is required",
                                               "question 'amount' is required"]


# --- Who may change what -------------------------------------------------------------------

@pytest.mark.parametrize(("status", "owner", "now", "refusal"), [
    (BidStatus.DRAFT, 7, NOW, None),
    (BidStatus.SUBMITTED, 7, NOW, None),
    (BidStatus.NEEDS_CHANGES, 7, NOW, None),
    (BidStatus.ELIGIBLE, 7, NOW, None),
    (BidStatus.NOT_ELIGIBLE, 7, NOW, Refusal.LOCKED),
    (BidStatus.WITHDRAWN, 7, NOW, Refusal.LOCKED),
    (BidStatus.FUNDED, 7, NOW, Refusal.LOCKED),
    (BidStatus.DRAFT, 8, NOW, Refusal.NOT_YOURS),
    (BidStatus.DRAFT, 7, NOW + timedelta(days=3), Refusal.DEADLINE),
])
def test_group_refusal(status, owner, now, refusal):
    assert group_refusal(a_bid(status), a_round(), owner, now) == refusal


def test_nothing_is_taken_by_a_round_that_is_not_open():
    for status in (RoundStatus.DRAFT, RoundStatus.CLOSED, RoundStatus.VOTING):
        assert not accepting_bids(a_round(status=status), NOW)
        assert group_refusal(a_bid(BidStatus.DRAFT), a_round(status=status), 7, NOW) \
            == Refusal.DEADLINE
    assert group_refusal(None, a_round(), 7, NOW) == Refusal.NOT_YOURS


def test_rounds_move_by_hand_only_between_draft_open_and_closed():
    assert can_move("draft", RoundStatus.OPEN) and can_move("closed", RoundStatus.OPEN)
    assert not can_move("open", RoundStatus.VOTING) and not can_move("results", RoundStatus.OPEN)


# --- Totals --------------------------------------------------------------------------------

def test_overview_counts_what_is_asked_against_the_pot():
    bids = [a_bid(BidStatus.SUBMITTED, 1_500_00, id=1),
            a_bid(BidStatus.ELIGIBLE, 500_00, 11, id=2),
            a_bid(BidStatus.NOT_ELIGIBLE, 2_000_00, id=3),
            a_bid(BidStatus.WITHDRAWN, 900_00, 11, id=4)]
    summary = overview(a_round(), bids)
    assert summary.to_review == 1
    assert (summary.asked_pence, summary.eligible_pence, summary.pot_pence) == (
        2_000_00, 500_00, 26_000_00)
    assert [(a.code, a.bids, a.asked_pence) for a in summary.areas] == [
        ("SPK", 1, 1_500_00), ("GAR", 1, 500_00)]


def test_review_order_puts_the_oldest_waiting_first():
    later = a_bid(BidStatus.SUBMITTED, id=1, updated_at=NOW + timedelta(minutes=5))
    done = a_bid(BidStatus.ELIGIBLE, id=2)
    older = a_bid(BidStatus.SUBMITTED, id=3)
    assert [b.id for b in review_order([later, done, older])] == [3, 1, 2]


def test_references():
    assert make_reference("SPK", 14) == "SPK-014"
    assert make_reference("GAR", 1234) == "GAR-1234"


def test_digest_keys_carry_their_start():
    moment = datetime(2026, 11, 25, 12, 34, 56, 789, tzinfo=UTC)
    assert since_of(digest_key(900, moment)) == moment.replace(microsecond=0)


def test_csv_cells_never_run_as_formulas():
    bid = a_bid(BidStatus.SUBMITTED, reference="SPK-001", group_name="=HYPERLINK(\"x\")",
                title="+1 idea", contact="@me", submitted_at=NOW)
    data = bids_csv(a_round(), [bid], ZoneInfo("Europe/London"))
    assert data.startswith("\ufeff".encode())
    row = next(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert (row["group"], row["title"], row["contact"]) == ("'=HYPERLINK(\"x\")", "'+1 idea",
                                                            "'@me")
    assert (row["amount"], row["submitted"]) == ("£1,000", "2026-11-25 12:00")


# --- Rounds ----------------------------------------------------------------------------------

def test_area_lines():
    areas, bad = parse_areas("SPK Speke £20,000\n\ngar Garston / Garstwn 6k\n")
    assert bad is None
    assert areas == [AreaSpec("SPK", "Speke", "Speke", 20_000_00),
                     AreaSpec("GAR", "Garston", "Garstwn", 6_000_00)]
    assert parse_areas("SPK Speke £20,000\nGarston")[1] == 2
    assert parse_areas("SPK Speke nothing")[1] == 1
    assert parse_areas("")[1] == 1


def test_priority_lines():
    assert parse_priorities("• Youth / Ieuenctid\n- Parks / Parciau") == (
        [("Youth", "Ieuenctid"), ("Parks", "Parciau")], None)
    assert parse_priorities("Youth / Ieuenctid\nParks")[1] == 2
    assert parse_priorities("Youth / ")[1] == 1


def test_a_round_spec_is_checked_as_a_whole():
    good = RoundSpec(name_en="R", name_cy="R", areas=(AreaSpec("SPK", "S", "S", 1_000_00),),
                     max_bid_pence=500_00, bid_deadline=NOW + timedelta(days=1))
    assert spec_problems(good, NOW) == []
    bad = RoundSpec(name_en=" ", name_cy="R" * 121, areas=(), max_bid_pence=0,
                    bid_deadline=NOW, ballot_kind=BallotKind.TOKENS,
                    allocation_rule=AllocationRule.MES,
                    voting_opens=NOW + timedelta(days=2))
    assert spec_problems(bad, NOW) == [
        "the English name is empty", "the Welsh name is longer than 120 characters",
        "a round needs at least one area", "the maximum bid must be more than £0",
        "the bid deadline has already passed",
        "give both when voting opens and when it closes, or neither",
        "a tokens ballot needs tokens (how many each voter spreads), at least 1",
    ]


# --- Every key the code builds at run time exists in both languages -----------------------

def test_dynamic_message_keys_exist_in_english_and_welsh():
    english = locale_check.locale_keys(Path(locale_check.LOCALES, "en"))
    welsh = locale_check.locale_keys(Path(locale_check.LOCALES, "cy"))
    wanted = {f"bid-{kind}-{key}" for kind in ("q", "hint", "label") for key in QUESTIONS}
    wanted |= {f"bid-status-{status}" for status in BidStatus}
    wanted |= {f"bid-told-{status}" for status in ("eligible", "needs_changes", "not_eligible")}
    wanted |= {f"bid-{problem}" for problem in ("use-buttons", "need-text", "need-text-or-voice",
                                                "not-amount", "amount-zero", "over-cap",
                                                "too-long")}
    wanted |= {f"rn-status-{status}" for status in RoundStatus}
    wanted |= {f"rn-ballot-{kind}" for kind in BallotKind}
    wanted |= {f"rn-rule-{rule}" for rule in AllocationRule}
    wanted |= {"rn-policy-skip", "rn-policy-stop", "rn-policy-partial", "rn-move-open",
               "rn-move-closed"}
    assert wanted - english.keys() == set()
    assert wanted - welsh.keys() == set()
