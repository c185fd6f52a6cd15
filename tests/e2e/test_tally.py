"""Counting: fund down the ranking, the Method of Equal Shares and its add1 completion.

Hand-made instances with answers worked out on paper, the four real Pabulib elections with
their official results (see tests/data/pabulib/SOURCES.md), the `tally` command line,
and properties checked on random instances against a naive, definition-level MES.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from fractions import Fraction
from functools import cache
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli.tally import main
from models.pabulib import ballot_points, read_pb
from models.tally import (
    TIE_BREAK_DESCRIPTION,
    Reason,
    Result,
    ballot_support,
    cheaper_first,
    completion,
    equal_shares,
    equal_shares_add1,
    equal_shares_add1_greedy,
    equal_shares_add1_stepwise,
    explain,
    fund_down_ranking,
    fund_per_area,
    natural_key,
    rank_bids,
)

DATA = Path(__file__).parent.parent / "data" / "pabulib"
ASSEN = DATA / "Netherlands_Assen_2024.pb"
SWIECIE = DATA / "Poland_Swiecie_2023.pb"
KRAKOW = DATA / "Poland_Krakow_2020_Grzegorzki.pb"
CZESTOCHOWA = DATA / "Poland_Czestochowa_2020_Grabowka.pb"


# --- Fund down the ranking -----------------------------------------------------------------

COSTS = {"A": 6, "B": 5, "C": 4, "D": 1}
SUPPORT = {"A": 10, "B": 8, "C": 6, "D": 1}


@pytest.mark.parametrize(
    ("policy", "selected", "cost"),
    [("skip", ("A", "C"), 10), ("stop", ("A",), 6), ("partial", ("A", "B"), 10)],
)
def test_the_three_policies(policy, selected, cost):
    result = fund_down_ranking(COSTS, SUPPORT, 10, policy)
    assert (result.selected, result.cost) == (selected, cost)


def test_skip_passes_over_a_bid_that_does_not_fit_and_says_what_was_left():
    result = fund_down_ranking(COSTS, SUPPORT, 10, "skip")
    b = result.bids["B"]
    assert (b.reason, b.pot_left, b.funded) == (Reason.DID_NOT_FIT, 4, False)
    assert result.bids["D"].pot_left == 0
    assert (
        explain(result)[1]
        == "B: Not funded: 4 left in the pot after the bids ranked above it, it costs 5"
    )


def test_stop_ends_the_count_at_the_first_bid_that_does_not_fit():
    result = fund_down_ranking(COSTS, SUPPORT, 10, "stop")
    assert result.bids["B"].reason == Reason.DID_NOT_FIT
    assert result.bids["C"].reason == result.bids["D"].reason == Reason.COUNT_STOPPED


def test_partial_offers_what_is_left_and_empties_the_pot():
    result = fund_down_ranking(COSTS, SUPPORT, 10, "partial")
    b = result.bids["B"]
    assert (b.reason, b.granted, b.position) == (Reason.PARTLY_FUNDED, 4, 2)
    assert result.bids["C"].reason == Reason.DID_NOT_FIT
    assert explain(result, currency="GBP")[1] == (
        "B: Partly funded 2nd: offered the 4 GBP left in the pot, it asked for 5 GBP"
    )


def test_explanations_read_like_the_brief():
    costs = {"x": 39_000, "y": 2_000}
    result = fund_down_ranking(costs, {"x": 610, "y": 12}, 40_200)
    assert explain(result, currency="PLN", names={"x": "Dogs"}) == [
        "x Dogs: Funded 1st: 610 supporters, cost 39,000 PLN",
        "y: Not funded: 1,200 PLN left in the pot after the bids ranked above it, "
        "it costs 2,000 PLN",
    ]


def test_bids_nobody_supported_are_never_funded():
    result = fund_down_ranking({"a": 1, "b": 1}, {"a": 3, "b": 0}, 10)
    assert result.selected == ("a",)
    assert result.bids["b"].reason == Reason.NO_SUPPORT
    assert explain(result)[1] == "b: Not funded: nobody supported it"


def test_ties_go_to_the_cheaper_bid_then_the_lower_id_in_natural_order():
    costs = {"10": 3, "9": 3, "2": 5, "1": 2}
    support = {"10": 4, "9": 4, "2": 4, "1": 1}
    assert rank_bids(costs, support) == ["9", "10", "2", "1"]
    assert fund_down_ranking(costs, support, 6).selected == ("9", "10")
    assert "cheaper first" in TIE_BREAK_DESCRIPTION and "9 before 10" in TIE_BREAK_DESCRIPTION


def test_natural_order_reads_numbers_inside_ids():
    ids = ["c10", "c9", "10", "9", "b", "a2", "a10"]
    assert sorted(ids, key=natural_key) == ["9", "10", "a2", "a10", "b", "c9", "c10"]
    assert cheaper_first("10", 1) < cheaper_first("9", 2)


def test_a_custom_tie_break_can_replace_the_default():
    costs = {"10": 3, "9": 3}
    as_strings = fund_down_ranking(costs, {"10": 1, "9": 1}, 3, tie_break=lambda pid, _: pid)
    assert as_strings.selected == ("10",)


def test_each_area_is_funded_from_its_own_pot():
    costs = {"n1": 6, "n2": 6, "s1": 5}
    support = {"n1": 9, "n2": 8, "s1": 1}
    areas = {"n1": "North", "n2": "North", "s1": "South"}
    results = fund_per_area(costs, support, areas, {"North": 10, "South": 5})
    assert {area: r.selected for area, r in results.items()} == {"North": ("n1",), "South": ("s1",)}
    assert fund_down_ranking(costs, support, 15).selected == ("n1", "n2")


def test_a_bid_whose_area_has_no_pot_is_an_error():
    with pytest.raises(ValueError, match="without an area"):
        fund_per_area({"a": 1}, {"a": 1}, {"a": "Nowhere"}, {"North": 10})


def test_an_unknown_policy_is_an_error():
    with pytest.raises(ValueError, match="policy"):
        fund_down_ranking(COSTS, SUPPORT, 10, "random")  # type: ignore[arg-type]


# --- Method of Equal Shares on worked examples ----------------------------------------------


def approvals(*groups: tuple[int, str]) -> list[dict[str, int]]:
    """`(3, "ab")` is three voters approving a and b; ids are single letters."""
    return [dict.fromkeys(ids, 1) for count, ids in groups for _ in range(count)]


def test_mes_gives_a_40_percent_minority_40_percent_of_the_money():
    # The textbook illustration: 60 voters want a1..a5, 40 want b1..b5, each costs 20, pot 100.
    # Fund down the ranking gives the majority everything; MES splits 60/40.
    costs = {f"{side}{i}": 20 for side in "ab" for i in range(1, 6)}
    ballots = [dict.fromkeys(["a1", "a2", "a3", "a4", "a5"], 1)] * 60
    ballots += [dict.fromkeys(["b1", "b2", "b3", "b4", "b5"], 1)] * 40
    result = equal_shares(costs, ballots, 100)
    assert result.selected == ("a1", "a2", "a3", "b1", "b2")
    assert result.share == 1
    assert result.payments["a1"][0] == Fraction(1, 3)
    assert result.payments["b1"][-1] == Fraction(1, 2)
    greedy = fund_down_ranking(costs, ballot_support(costs, ballots), 100)
    assert greedy.selected == ("a1", "a2", "a3", "a4", "a5")


def test_mes_lets_a_poor_supporter_pay_what_they_have():
    # 4 voters with 10 each. H (cost 9, all) goes first at 2.25 each, then G (cost 21,
    # voters 1, 3, 4) at 7 each; K (cost 8, voters 1 and 2) comes last: voter 1 has only
    # 0.75 left and pays it, voter 2 pays the other 7.25. A (cost 16) is never affordable.
    costs = {"A": 16, "G": 21, "H": 9, "K": 8}
    ballots = [
        dict.fromkeys("AGHK", 1),
        dict.fromkeys("AHK", 1),
        dict.fromkeys("GH", 1),
        dict.fromkeys("GH", 1),
    ]
    result = equal_shares(costs, ballots, 40)
    assert result.selected == ("H", "G", "K")
    assert result.payments["K"] == (Fraction(3, 4), Fraction(29, 4), 0, 0)
    assert result.bids["A"].reason == Reason.SUPPORTERS_SHORT
    assert result.bids["A"].supporters_left == Fraction(1, 2)


def test_mes_with_score_utility_pays_in_proportion_to_the_points():
    # Two voters with 4 each; X and Y cost 4 and get 4 points each, so both cost rho = 1 per
    # point. X goes first (tie-break): voter 1 pays 3 and voter 2 pays 1, which leaves each of
    # them exactly what Y asks of them (1 and 3).
    result = equal_shares({"X": 4, "Y": 4}, [{"X": 3, "Y": 1}, {"X": 1, "Y": 3}], 8, "score")
    assert result.selected == ("X", "Y")
    assert result.payments == {"X": (3, 1), "Y": (1, 3)}


def test_score_utility_and_cost_utility_split_a_cost_differently():
    # Voter 1 gives X 5 points, voter 2 gives it 1: with scores voter 1 pays 5/6 of X.
    costs = {"X": 4, "Y": 6}
    ballots = [{"X": 5, "Y": 1}, {"X": 1, "Y": 1}]
    by_cost = equal_shares(costs, ballots, 8)
    by_score = equal_shares(costs, ballots, 8, utility="score")
    assert by_cost.selected == by_score.selected == ("X",)
    assert by_cost.payments["X"] == (2, 2)
    assert by_score.payments["X"] == (Fraction(10, 3), Fraction(2, 3))


def test_empty_ballots_count_as_voters_holding_an_unspent_share():
    costs = {"a": 8}
    assert equal_shares(costs, [{"a": 1}, {"a": 1}], 8).selected == ("a",)
    with_abstainer = equal_shares(costs, [{"a": 1}, {"a": 1}, {}], 8)
    assert with_abstainer.share == Fraction(8, 3)
    assert with_abstainer.selected == ()


def test_free_bids_with_supporters_are_funded_first():
    result = equal_shares({"paid": 4, "free": 0, "unwanted": 0}, [{"paid": 1, "free": 1}], 4)
    assert result.selected == ("free", "paid")
    assert result.bids["unwanted"].reason == Reason.NO_SUPPORT


def test_no_ballots_funds_nothing():
    for rule in (equal_shares, equal_shares_add1, equal_shares_add1_greedy):
        assert rule({"a": 1}, [], 10).selected == ()


def test_ballots_naming_unknown_bids_are_an_error():
    with pytest.raises(ValueError, match="unknown bids"):
        equal_shares({"a": 1}, [{"b": 1}], 10)


# --- add1 completion ---------------------------------------------------------------------


def test_add1_raises_the_share_until_the_result_no_longer_fits():
    # Two voters, pot 10 (5 each). A (cost 6, both) goes first, leaving too little for B or C.
    # At 6 each voter 2 can also afford C (cost 9 in all); at 7 each both B and C follow A
    # (cost 13 > 10), so add1 keeps the result at 6 each.
    costs = {"A": 6, "B": 4, "C": 3}
    ballots = [{"A": 1, "B": 1}, {"A": 1, "C": 1}]
    assert equal_shares(costs, ballots, 10).selected == ("A",)
    result = equal_shares_add1(costs, ballots, 10)
    assert (result.selected, result.cost, result.share) == (("A", "C"), 9, 6)
    assert result.rule == "mes-add1"


def test_add1_does_not_stop_at_the_first_result_that_uses_up_the_money():
    # Four voters (one abstains), pot 12. At 3 each only X (cost 6) is affordable, and that
    # result is exhaustive: Y (cost 12) does not fit in the 6 left. pabutools' shortcut stops
    # there. The official add1 goes on: at 4 each Y is affordable and, backed by three voters,
    # beats X; {Y} costs exactly 12 and stays the result until X also fits again at 7 each.
    costs = {"X": 6, "Y": 12}
    ballots = [{"X": 1, "Y": 1}, {"X": 1, "Y": 1}, {"Y": 1}, {}]
    assert equal_shares(costs, ballots, 12).selected == ("X",)
    result = equal_shares_add1(costs, ballots, 12)
    assert (result.selected, result.share) == (("Y",), 6)


def test_add1_when_every_supported_bid_fits_funds_them_all():
    result = equal_shares_add1({"a": 3, "b": 4, "c": 50}, [{"a": 1}, {"b": 1}], 10)
    assert sorted(result.selected) == ["a", "b"]
    assert result.share == 15  # the ceiling pabutools stops at: the pot becomes budget * (n + 1)


def test_add1_greedy_spends_what_equal_shares_left_down_the_ranking():
    # Three voters, pot 12. Up to 5 each, equal shares funds B then A (cost 10); at 6 each D
    # and C would follow (cost 14), so add1 keeps B and A. The ranking then has 2 left: D
    # (cost 1) and C (cost 3) have one supporter each; the cheaper D goes first and fits.
    costs = {"A": 6, "B": 4, "C": 3, "D": 1}
    ballots = [{"A": 1, "B": 1, "D": 1}, {"A": 1, "C": 1}, {"B": 1}]
    assert equal_shares_add1(costs, ballots, 12).selected == ("B", "A")
    filled = equal_shares_add1_greedy(costs, ballots, 12)
    assert (filled.selected, filled.cost, filled.rule) == (("B", "A", "D"), 11, "mes-add1-greedy")
    d, c = filled.bids["D"], filled.bids["C"]
    assert (d.stage, d.position) == ("completion", 3)
    assert (c.reason, c.pot_left) == (Reason.DID_NOT_FIT, 1)
    assert explain(filled)[2] == (
        "C: Not funded: its supporters had 2 left between them (each voter started with 5), "
        "it costs 3; then only 1 left in the pot after the bids ranked above it"
    )


# --- The four real elections ----------------------------------------------------------------


@cache
def election_and_ballots(path: Path):
    election = read_pb(path)
    return election, ballot_points(election)


@cache
def count(path: Path, rule: str) -> Result:
    election, ballots = election_and_ballots(path)
    rules = {
        "mes-add1": equal_shares_add1,
        "mes-add1-greedy": equal_shares_add1_greedy,
    }
    if rule == "greedy":
        support = ballot_support(election.costs, ballots)
        return fund_down_ranking(election.costs, support, election.budget)
    return rules[rule](election.costs, ballots, election.budget)


def official(path: Path) -> set[str]:
    return {p.project_id for p in election_and_ballots(path)[0].projects if p.selected}


@pytest.mark.parametrize(
    ("path", "rule"),
    [
        (ASSEN, "mes-add1"),
        (SWIECIE, "mes-add1"),
        (SWIECIE, "mes-add1-greedy"),
        (KRAKOW, "greedy"),
    ],
    ids=["Assen add1", "Swiecie add1", "Swiecie add1+greedy", "Krakow greedy"],
)
def test_official_winners_are_reproduced(path, rule):
    assert set(count(path, rule).selected) == official(path)


def test_assen_official_result_is_plain_add1_not_add1_greedy():
    assert set(count(ASSEN, "mes-add1-greedy").selected) != official(ASSEN)


def test_czestochowa_fund_down_the_ranking_by_points():
    result = count(CZESTOCHOWA, "greedy")
    assert set(result.selected) == {"196", "443", "463", "47", "198"}
    assert result.cost == 215_294


def test_swiecie_explanations():
    election, _ = election_and_ballots(SWIECIE)
    lines = explain(count(SWIECIE, "mes-add1"), currency="PLN")
    by_id = dict(line.split(": ", 1) for line in lines)
    assert by_id["c12"].startswith("Funded 1st by equal shares: 1,030 supporters, cost 150,000 PLN")
    assert by_id["c6"].startswith("Not funded: its supporters had ")
    assert by_id["c6"].endswith("it costs 106,788 PLN")
    assert len(lines) == len(election.projects)


# --- The command line -------------------------------------------------------------------------


def run_cli(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_cli_prints_one_json_line(capsys):
    code, lines, err = run_cli(capsys, str(CZESTOCHOWA), "--rule", "greedy")
    assert (code, err, len(lines)) == (0, "", 1)
    assert json.loads(lines[0]) == {
        "selected": ["196", "443", "463", "47", "198"],
        "cost": 215294,
        "rule": "greedy",
        "budget": 225862,
        "voters": 201,
    }


def test_cli_lists_selected_in_the_files_project_order(capsys):
    code, lines, _ = run_cli(capsys, str(SWIECIE), "--rule", "mes")
    election, ballots = election_and_ballots(SWIECIE)
    funding_order = equal_shares(election.costs, ballots, election.budget).selected
    selected = json.loads(lines[-1])["selected"]
    assert code == 0
    assert funding_order[0] == "c12" and selected[0] == "c1"
    assert selected == sorted(funding_order, key=natural_key)


def test_cli_explain_prints_a_line_per_project_before_the_json(capsys):
    code, lines, _ = run_cli(
        capsys, str(KRAKOW), "--rule", "greedy", "--explain", "--policy", "stop"
    )
    election, _ = election_and_ballots(KRAKOW)
    assert code == 0
    assert len(lines) == len(election.projects) + 1
    assert lines[0].startswith("2 Zróbmy skwer przy Fabrycznej!")
    assert lines[0].endswith("Funded 1st: 2,734 points, cost 270,000 PLN")
    assert json.loads(lines[-1])["rule"] == "greedy"


def test_cli_mes_on_points_ballots_uses_score_utility(capsys):
    code, lines, _ = run_cli(capsys, str(CZESTOCHOWA), "--rule", "mes")
    election, ballots = election_and_ballots(CZESTOCHOWA)
    expected = equal_shares(election.costs, ballots, election.budget, utility="score")
    assert code == 0
    assert set(json.loads(lines[0])["selected"]) == set(expected.selected)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.pb", "--rule", "greedy"], "cannot read missing.pb"),
        ([str(KRAKOW), "--rule", "dictator"], "invalid choice"),
        ([str(KRAKOW)], "required"),
        ([str(KRAKOW), "--rule", "mes", "--policy", "maybe"], "invalid choice"),
    ],
)
def test_cli_bad_input_is_one_line_on_stderr_and_exit_2(capsys, argv, message):
    code, lines, err = run_cli(capsys, *argv)
    assert (code, lines) == (2, [])
    assert err.count("\n") == 1 and message in err


def test_cli_rejects_a_file_that_is_not_pabulib(capsys, tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_text("META\nkey;value\nbudget;10\n", encoding="utf-8")
    code, _, err = run_cli(capsys, str(bad), "--rule", "greedy")
    assert code == 2 and "missing section" in err


def repeated_ballots_file(tmp_path, voters: int) -> tuple[str, str]:
    """A small approval election whose first `voters` ballots name project 1 twice.

    Returns the file and the same file with each project named once (the expected reading).
    """
    head = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
    head += "1;60\n2;50\n3;40\nVOTES\nvoter_id;vote\n"
    rows = [f"v{i};1,2,1" if i < voters else f"v{i};2,3" for i in range(voters + 3)]
    once = [row.replace("1,2,1", "1,2") for row in rows]
    twice_path, once_path = tmp_path / "twice.pb", tmp_path / "once.pb"
    twice_path.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    once_path.write_text(head + "\n".join(once) + "\n", encoding="utf-8")
    return str(twice_path), str(once_path)


@pytest.mark.parametrize("rule", ["greedy", "mes", "mes-add1", "mes-add1-greedy"])
def test_cli_counts_a_repeated_project_once_and_names_the_voters(capsys, tmp_path, rule):
    # A sloppy export names project 1 twice on two ballots: the recount goes ahead, exactly as
    # if each project had been named once, and says on stderr whose ballots they were.
    twice, once = repeated_ballots_file(tmp_path, voters=2)
    code, lines, err = run_cli(capsys, twice, "--rule", rule)
    assert code == 0
    assert err.count("\n") == 1 and err.startswith("tally: warning: 2 ballot(s)")
    assert err.rstrip().endswith("Voters: v0, v1")
    expected_code, expected, expected_err = run_cli(capsys, once, "--rule", rule)
    assert (expected_code, expected_err) == (0, "")
    assert lines == expected


def test_cli_warning_about_repeats_names_twenty_voters_then_counts_the_rest(capsys, tmp_path):
    twice, _ = repeated_ballots_file(tmp_path, voters=25)
    code, _, err = run_cli(capsys, twice, "--rule", "greedy")
    named = ", ".join(f"v{i}" for i in range(20))
    assert code == 0 and err.rstrip().endswith(f"Voters: {named} and 5 more")


def test_cli_help_says_how_ranked_ballots_become_points(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "as many points as the file's META max_length, the second one point less" in text
    assert "without max_length is counted as if max_length were the length of its longest" in text


# --- Properties on random instances -------------------------------------------------------


def reference_mes(costs, ballots, share, utility="cost"):
    """MES straight from the definition, voter by voter, to check the fast one against.

    The price of a bid is found by evaluating f(ρ) = Σ min(money_i, ρ·u_i) at each supporter's
    breakpoint money_i / u_i and solving the linear piece where f reaches the cost.
    """
    money = [Fraction(share)] * len(ballots)

    def utility_of(i, pid):
        points = ballots[i].get(pid, 0)
        return 0 if points <= 0 else (costs[pid] if utility == "cost" else points)

    def price(pid):
        backers = [i for i in range(len(ballots)) if utility_of(i, pid) > 0]
        if not backers or sum(money[i] for i in backers) < costs[pid]:
            return None
        for rho in sorted({money[i] / utility_of(i, pid) for i in backers}):
            if sum(min(money[i], rho * utility_of(i, pid)) for i in backers) >= costs[pid]:
                capped = [i for i in backers if money[i] < rho * utility_of(i, pid)]
                spent = sum(money[i] for i in capped)
                rest = sum(utility_of(i, pid) for i in backers if i not in capped)
                return Fraction(costs[pid] - spent) / rest

    funded = [pid for pid in costs if costs[pid] == 0 and any(b.get(pid) for b in ballots)]
    while True:
        priced = {pid: price(pid) for pid in costs if pid not in funded}
        priced = {pid: rho for pid, rho in priced.items() if rho is not None}
        if not priced:
            return funded
        best = min(priced, key=lambda pid: (priced[pid], cheaper_first(pid, costs[pid])))
        for i in range(len(ballots)):
            money[i] -= min(money[i], priced[best] * utility_of(i, best))
        funded.append(best)


def reference_add1(costs, ballots, budget, utility="cost"):
    """pabutools' official add1 taken literally: every step, no shortcut for "all bids fit"."""
    base = Fraction(budget, len(ballots))
    kept = reference_mes(costs, ballots, base, utility)
    for step in range(1, math.floor(budget) + 1):
        result = reference_mes(costs, ballots, base + step, utility)
        if sum(costs[pid] for pid in result) > budget:
            break
        kept = result
    return kept


APPROVAL = st.integers(0, 1)


@st.composite
def instances(draw, points=APPROVAL):
    ids = [f"p{i}" for i in range(draw(st.integers(1, 5)))]
    costs = {pid: draw(st.integers(0, 30)) for pid in ids}
    ballots = draw(
        st.lists(st.fixed_dictionaries({pid: points for pid in ids}), min_size=1, max_size=7)
    )
    ballots = [{pid: p for pid, p in ballot.items() if p} for ballot in ballots]
    return costs, ballots, draw(st.integers(1, 40))


scored = instances(points=st.integers(0, 5))
policies = st.sampled_from(["skip", "stop", "partial"])


@settings(max_examples=100, deadline=None)
@given(instances(points=st.integers(0, 9)), policies)
def test_greedy_never_exceeds_the_budget(instance, policy):
    costs, ballots, budget = instance
    result = fund_down_ranking(costs, ballot_support(costs, ballots), budget, policy)
    assert result.cost <= budget
    assert [pid for pid in result.selected] == [
        pid for pid in rank_bids(costs, ballot_support(costs, ballots)) if result.bids[pid].funded
    ]


@settings(max_examples=100, deadline=None)
@given(instances(points=st.integers(0, 9)))
def test_with_skip_every_unfunded_bid_cost_more_than_was_left(instance):
    costs, ballots, budget = instance
    result = fund_down_ranking(costs, ballot_support(costs, ballots), budget, "skip")
    for bid in result.bids.values():
        if bid.reason == Reason.DID_NOT_FIT:
            assert bid.cost > bid.pot_left
        else:
            assert bid.funded or bid.reason == Reason.NO_SUPPORT


@settings(max_examples=100, deadline=None)
@given(st.one_of(instances(), scored), st.sampled_from(["cost", "score"]))
def test_mes_matches_the_definition(instance, utility):
    costs, ballots, budget = instance
    result = equal_shares(costs, ballots, budget, utility)
    assert list(result.selected) == reference_mes(
        costs, ballots, Fraction(budget, len(ballots)), utility
    )


@settings(max_examples=100, deadline=None)
@given(st.one_of(instances(), scored), st.sampled_from(["cost", "score"]))
def test_mes_payments_add_up(instance, utility):
    costs, ballots, budget = instance
    result = equal_shares(costs, ballots, budget, utility)
    assert result.cost <= budget
    for pid in result.selected:
        assert sum(result.payments[pid]) == costs[pid]
        others = [
            paid for paid, b in zip(result.payments[pid], ballots, strict=True) if pid not in b
        ]
        assert not any(others)
    for voter in range(len(ballots)):
        assert sum(paid[voter] for paid in result.payments.values()) <= result.share
    for bid in result.bids.values():
        if bid.reason == Reason.SUPPORTERS_SHORT:
            assert bid.supporters_left < bid.cost


@settings(max_examples=100, deadline=None)
@given(st.one_of(instances(), scored))
def test_cloning_every_voter_changes_nothing_but_the_share(instance):
    costs, ballots, budget = instance
    once = equal_shares(costs, ballots, budget, "score")
    twice = equal_shares(costs, ballots * 2, budget, "score")
    assert (once.selected, once.share) == (twice.selected, twice.share * 2)


@settings(max_examples=100, deadline=None)
@given(instances())
def test_add1_matches_the_definition_and_fits(instance):
    costs, ballots, budget = instance
    result = equal_shares_add1(costs, ballots, budget)
    assert list(result.selected) == reference_add1(costs, ballots, budget)
    assert result.cost <= budget
    next_share = equal_shares(costs, ballots, (result.share + 1) * len(ballots))
    at_ceiling = result.share == Fraction(budget, len(ballots)) + budget
    assert at_ceiling or next_share.cost > budget


@settings(max_examples=100, deadline=None)
@given(instances(), policies)
def test_add1_greedy_extends_add1_within_the_budget(instance, policy):
    costs, ballots, budget = instance
    shares = equal_shares_add1(costs, ballots, budget)
    filled = equal_shares_add1_greedy(costs, ballots, budget, policy=policy)
    assert filled.selected[: len(shares.selected)] == shares.selected
    assert filled.cost <= budget
    assert len(explain(filled)) == len(costs)


@st.composite
def long_climbs(draw):
    """Elections whose add1 climbs through many steps: costs and budget in the hundreds.

    Voters come in a few kinds with repeated ballots (as real ones do, which the fast
    completion groups), approval or points, and the budget lies between the dearest bid and
    all bids together, so that add1 has something to decide.
    """
    ids = [f"p{i}" for i in range(draw(st.integers(2, 7)))]
    costs = {pid: draw(st.integers(1, 300)) for pid in ids}
    points = draw(st.sampled_from([st.integers(0, 1), st.integers(0, 4)]))
    kinds = draw(
        st.lists(st.fixed_dictionaries({pid: points for pid in ids}), min_size=1, max_size=5)
    )
    ballots = [
        {pid: p for pid, p in kind.items() if p}
        for kind in kinds
        for _ in range(draw(st.integers(1, 4)))
    ]
    top, total = max(costs.values()), sum(costs.values())
    return costs, ballots, draw(st.integers(top, max(top, total)))


@settings(max_examples=150, deadline=None)
@given(long_climbs(), st.sampled_from(["cost", "score"]))
def test_fast_add1_is_exactly_the_stepwise_add1(instance, utility):
    # The fast completion skips the steps it can prove change nothing; the stepwise oracle
    # runs MES at every step. Same bids, same order, same share, same payments.
    costs, ballots, budget = instance
    fast = equal_shares_add1(costs, ballots, budget, utility)
    slow = equal_shares_add1_stepwise(costs, ballots, budget, utility)
    assert (fast.selected, fast.share, fast.cost) == (slow.selected, slow.share, slow.cost)
    assert {pid: fast.payments[pid] for pid in fast.selected} == {
        pid: slow.payments[pid] for pid in slow.selected
    }
    assert fast.bids == slow.bids


def unsure_at(calls: set[int]):
    """A bounded run that gives up (as on a near-tie) at the given calls, counted from 0."""
    real = completion.interval_course
    seen = iter(range(10**9))

    def bounded(*args, **kwargs):
        return None if next(seen) in calls else real(*args, **kwargs)

    return patch.object(completion, "interval_course", bounded)


@settings(max_examples=100, deadline=None)
@given(long_climbs(), st.sets(st.integers(0, 40)))
def test_fast_add1_is_still_exactly_stepwise_where_bounded_runs_give_up(instance, unsure):
    # A bounded run gives up where its bounds cannot prove a decision; the count then leaps
    # less far or runs MES exactly. Give up at random runs, so every seam is crossed.
    costs, ballots, budget = instance
    with unsure_at(unsure):
        fast = equal_shares_add1(costs, ballots, budget)
    slow = equal_shares_add1_stepwise(costs, ballots, budget)
    assert (fast.selected, fast.share, fast.cost) == (slow.selected, slow.share, slow.cost)


@cache
def stepwise_add1(path: Path) -> Result:
    election, ballots = election_and_ballots(path)
    return equal_shares_add1_stepwise(election.costs, ballots, election.budget)


@pytest.mark.parametrize("path", [ASSEN, SWIECIE], ids=["Assen", "Swiecie"])
@pytest.mark.parametrize("unsure", [set(), {0}, set(range(1, 400, 3)), set(range(10**4))])
def test_fast_add1_leaping_on_real_elections_is_still_exactly_stepwise(path, unsure):
    # Assen climbs 843 steps and Świecie 242, with the course changing many times on the way:
    # leaping, shrinking the leap and falling back to exact runs must all land on the
    # stepwise answer (the last case runs every step exactly).
    election, ballots = election_and_ballots(path)
    with unsure_at(unsure):
        fast = equal_shares_add1(election.costs, ballots, election.budget)
    slow = stepwise_add1(path)
    assert (fast.selected, fast.share) == (slow.selected, slow.share)


@pytest.mark.parametrize("path", [ASSEN, SWIECIE], ids=["Assen", "Swiecie"])
def test_fast_add1_is_exactly_the_stepwise_add1_on_real_elections(path):
    election, ballots = election_and_ballots(path)
    fast = equal_shares_add1(election.costs, ballots, election.budget)
    slow = equal_shares_add1_stepwise(election.costs, ballots, election.budget)
    assert (fast.selected, fast.share) == (slow.selected, slow.share)


def test_bench_counts_every_file_in_a_folder_and_names_the_ones_it_refuses(tmp_path):
    # bench/tally.py --pabulib DIR: every rule on every file, one JSON summary printed last.
    shutil.copy(ASSEN, tmp_path)
    shutil.copy(CZESTOCHOWA, tmp_path)
    (tmp_path / "broken.pb").write_text("META\nkey;value\nbudget;10\n", encoding="utf-8")
    bench = Path(__file__).parent.parent.parent / "bench" / "tally.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--pabulib", str(tmp_path), "--timeout", "60"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    summary = json.loads(done.stdout.splitlines()[-1])
    assert summary["files"] == 3
    assert list(summary["refused"]) == ["broken.pb"]
    assert "missing section" in summary["refused"]["broken.pb"]
    for rule in ("greedy", "mes", "mes-add1", "mes-add1-greedy"):
        counted = summary["rules"][rule]
        assert (counted["count"], counted["timed_out"]) == (2, [])
        assert 0 <= counted["worst_s"] <= counted["total_s"]
