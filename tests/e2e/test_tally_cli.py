"""`python -m bot tally FILE --rule ...`: one JSON line, explanations, bad input, repeats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.tally import main
from models import pabulib
from models.tally import (
    equal_shares,
    natural_key,
)
from tests.support.tally import (
    CZESTOCHOWA,
    KRAKOW,
    SWIECIE,
    election_and_ballots,
)

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
        (["missing.pb", "--rule", "greedy"], "cannot read missing.pb: No such file or directory"),
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
    assert code == 2
    assert err == (
        f"tally: error: cannot read {bad}: missing section(s): PROJECTS, VOTES (each section "
        "starts with a line holding just its name)\n"
    )


GOOD_HEAD = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
GOOD_HEAD += "1;60\n2;50\n3;40\nVOTES\nvoter_id;vote\n"  # 11 lines


def ballots_file(tmp_path, last: str, ending: str = "\n", mark: str = "") -> str:
    """GOOD_HEAD, 3,000 good ballots (lines 12-3011), then `last` on line 3012."""
    rows = [f"v{i};{1 + i % 3},{1 + (i + 1) % 3}" for i in range(3000)] + [last]
    path = tmp_path / "ballots.pb"
    text = mark + (GOOD_HEAD + "\n".join(rows) + "\n").replace("\n", ending)
    path.write_bytes(text.encode("utf-8"))
    return str(path)


@pytest.mark.parametrize(
    ("last", "problem"),
    [
        ("z;1,9", "voter 'z' votes for project '9', which is not in PROJECTS"),
        ("z;1;2", "this row has 3 fields, but the VOTES header has 2 (voter_id;vote)"),
    ],
)
@pytest.mark.parametrize(("ending", "mark"), [("\n", ""), ("\r\n", "\ufeff")])
def test_cli_names_the_line_of_a_bad_ballot_deep_in_the_file(
    capsys, tmp_path, last, problem, ending, mark
):
    assert run_cli(capsys, ballots_file(tmp_path, "z;1,2", ending, mark), "--rule", "mes")[0] == 0
    path = ballots_file(tmp_path, last, ending, mark)
    code, lines, err = run_cli(capsys, path, "--rule", "mes-add1")
    assert (code, lines) == (2, [])
    assert err == f"tally: error: cannot read {path}: line 3012: {problem}\n"


def test_cli_names_unknown_projects_the_same_way_on_every_run(tmp_path):
    # A set's order changes with PYTHONHASHSEED; the message must not.
    path = ballots_file(tmp_path, 'z;"1,12,11,10,9,8,7,2"')
    errors = set()
    for seed in ("0", "1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "bot", "tally", path, "--rule", "greedy"],
            capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2],
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 2
        errors.add(done.stderr)
    assert errors == {
        f"tally: error: cannot read {path}: line 3012: voter 'z' votes for projects '7', '8', "
        "'9', '10', '11' and 1 more, which are not in PROJECTS\n"
    }


def test_cli_refuses_a_file_over_the_limits(capsys, tmp_path, monkeypatch):
    path = ballots_file(tmp_path, "z;1,2")
    size = Path(path).stat().st_size
    monkeypatch.setattr(pabulib, "MAX_BYTES", size - 1)
    code, lines, err = run_cli(capsys, path, "--rule", "mes-add1")
    assert (code, lines) == (2, [])
    assert err == (
        f"tally: error: cannot read {path}: the file is {size:,} bytes; pbchat reads files of "
        f"at most {size - 1:,} bytes\n"
    )
    monkeypatch.setattr(pabulib, "MAX_BYTES", size)
    monkeypatch.setattr(pabulib, "MAX_VOTES", 3000)
    code, lines, err = run_cli(capsys, path, "--rule", "mes-add1")
    assert (code, lines) == (2, [])
    assert err == (
        f"tally: error: cannot read {path}: VOTES has more than 3,000 rows, the most pbchat "
        "reads\n"
    )
    monkeypatch.setattr(pabulib, "MAX_VOTES", 3001)
    code, lines, err = run_cli(capsys, path, "--rule", "mes-add1")
    assert (code, err, len(lines)) == (0, "", 1)


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


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("2;50", "2;-50"), "line 8: project '2': the cost '-50' is negative"),
        (("2;50", "2;"), "line 8: project '2' has no cost"),
        (("2;50", ";50"), "line 8: a project with an empty project_id (ballots could not name it)"),
    ],
)
def test_cli_refuses_an_empty_project_id_or_an_empty_or_negative_cost(
    capsys, tmp_path, change, problem
):
    path = tmp_path / "costs.pb"
    path.write_text((GOOD_HEAD + "v1;1,2\n").replace(*change), encoding="utf-8")
    code, lines, err = run_cli(capsys, str(path), "--rule", "mes-add1")
    assert (code, lines) == (2, [])
    assert err == f"tally: error: cannot read {path}: {problem}\n"


def test_cli_refuses_negative_points_deep_in_the_file(capsys, tmp_path):
    head = GOOD_HEAD.replace("approval", "cumulative")
    head = head.replace("voter_id;vote", "voter_id;vote;points")
    rows = [f"v{i};{1 + i % 3};{1 + i % 4}" for i in range(3000)] + ["z;1,2;2,-1"]
    path = tmp_path / "points.pb"
    path.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    code, lines, err = run_cli(capsys, str(path), "--rule", "mes")
    assert (code, lines) == (2, [])
    assert err == f"tally: error: cannot read {path}: line 3012: voter 'z': the points value " \
        "'-1' is negative\n"


@pytest.mark.parametrize("rule", ["greedy", "mes-add1"])
def test_cli_counts_empty_or_reused_voter_ids_as_ballots_and_names_them(capsys, tmp_path, rule):
    # Each row is a ballot, as in pabutools: the count is that of the same file with fresh ids.
    rows = [f"v{i};{1 + i % 3},{1 + (i + 1) % 3}" for i in range(30)]
    reused = [*rows[:8], "v3;1", ";2,3", ";1", *rows[8:], "v3;3"]
    fresh = [f"w{i};{row.split(';')[1]}" for i, row in enumerate(reused)]
    paths = [tmp_path / "reused.pb", tmp_path / "fresh.pb"]
    for path, body in zip(paths, (reused, fresh), strict=True):
        path.write_text(GOOD_HEAD + "\n".join(body) + "\n", encoding="utf-8")
    code, lines, err = run_cli(capsys, str(paths[0]), "--rule", rule)
    assert code == 0
    assert err == ("tally: warning: 4 ballot(s) have a voter_id that is empty or used by an "
                   "earlier ballot; each is counted as a ballot of its own. Voter ids: 'v3', '', "
                   "'', 'v3'\n")
    assert run_cli(capsys, str(paths[1]), "--rule", rule) == (0, lines, "")
    assert json.loads(lines[-1])["voters"] == 34


def test_cli_counts_a_cost_of_zero_and_an_empty_ballot_without_a_word(capsys, tmp_path):
    path = tmp_path / "zero.pb"
    path.write_text((GOOD_HEAD + "v1;1,2\nv2;\nv3;3\n").replace("2;50", "2;0"), encoding="utf-8")
    code, lines, err = run_cli(capsys, str(path), "--rule", "mes-add1")
    assert (code, err) == (0, "")
    assert json.loads(lines[-1])["voters"] == 3 and "2" in json.loads(lines[-1])["selected"]


def test_cli_help_says_how_ranked_ballots_become_points(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "as many points as the file's META max_length, the second one point less" in text
    assert "without max_length is counted as if max_length were the length of its longest" in text


def test_cli_help_says_which_files_are_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "A malformed file is refused with one line on stderr naming the line at fault" in text
    assert "So is a file over 64 MB, before it is read, and one with more than 100,000 " \
        "projects or 2,000,000 votes, before its ballots are read." in text
    assert "Refused too: an empty project_id, an empty or negative cost, negative points." in text
    assert "Only warned about, and counted as pabutools counts them: a project named twice on " \
        "one ballot, and a voter_id that is empty or used by an earlier ballot" in text
