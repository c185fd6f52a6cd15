"""The real Pabulib elections in tests/data/pabulib (see SOURCES.md) give their official
results, and bench/tally.py counts a folder of files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from models.tally import (
    Result,
    ballot_support,
    equal_shares_add1,
    equal_shares_add1_greedy,
    explain,
    fund_down_ranking,
)
from tests.support.tally import (
    ASSEN,
    CZESTOCHOWA,
    KRAKOW,
    SWIECIE,
    election_and_ballots,
)

# --- The four real elections ----------------------------------------------------------------


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
