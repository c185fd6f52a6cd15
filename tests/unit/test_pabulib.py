"""Reading and writing Pabulib `.pb` files, on the four real elections and on made-up ones."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import pabulib
from models.pabulib import (
    Election,
    PabulibError,
    Project,
    Vote,
    ballot_points,
    format_amount,
    parse_amount,
    parse_pb,
    read_pb,
    write_pb,
)
from models.pabulib_errors import RowError, row_lines
from models.tally import ballot_support

DATA = Path(__file__).parent.parent / "data" / "pabulib"
FILES = sorted(DATA.glob("*.pb"))

SMALL = '''META
key;value
budget;100
vote_type;approval
PROJECTS
project_id;cost;name;category;selected
1;60;"Park; with a ""bench""";environment,sport;1
2;50;Library;education;0
VOTES
voter_id;vote;age
a;1,2;30
b;;41
'''


def test_the_five_files_are_there():
    assert [f.name for f in FILES] == [
        "France_Toulouse_2022.pb",
        "Netherlands_Assen_2024.pb",
        "Poland_Czestochowa_2020_Grabowka.pb",
        "Poland_Krakow_2020_Grzegorzki.pb",
        "Poland_Swiecie_2023.pb",
    ]


def test_assen_is_read_with_its_meta_projects_and_votes():
    election = read_pb(DATA / "Netherlands_Assen_2024.pb")
    assert election.meta["currency"] == "EUR"
    assert election.budget == 100_000
    assert election.vote_type == "approval"
    assert len(election.projects) == 14
    assert len(election.votes) == 84
    first = election.projects[0]
    assert (first.project_id, first.cost, first.name, first.selected) == (
        "3",
        7200,
        "PopUp Podium",
        True,
    )
    assert first.extra["votes"] == "43"
    assert election.votes[0].vote == ("1", "2", "6", "9", "13")
    assert election.votes[0].points is None


def test_quoted_fields_are_unquoted():
    election = read_pb(DATA / "Poland_Krakow_2020_Grzegorzki.pb")
    names = {p.project_id: p.name for p in election.projects}
    assert names["39"] == '800 darmowych biletów dla seniorów do Kina "Paradox"'
    assert names["44"] == '"Zielona szkoła" dla ekologicznych klas'
    assert election.votes[0].extra == {"voting_method": "internet"}


def test_cumulative_points_are_read_with_their_votes():
    election = read_pb(DATA / "Poland_Czestochowa_2020_Grabowka.pb")
    vote = election.votes[0]
    assert (vote.voter_id, vote.vote, vote.points) == ("35", ("196", "198"), (6, 4))
    assert ballot_points(election)[0] == {"196": 6, "198": 4}


def test_ordinal_ballots_score_max_length_minus_position():
    election = read_pb(DATA / "Poland_Krakow_2020_Grzegorzki.pb")
    assert election.max_length == 3
    assert election.votes[0].vote == ("45", "3", "29")
    assert ballot_points(election)[0] == {"45": 3, "3": 2, "29": 1}


def test_ordinal_max_length_defaults_to_the_longest_ballot():
    text = SMALL.replace("approval", "ordinal").replace("b;;41", "b;2;41")
    election = parse_pb(text)
    assert election.max_length == 2
    assert ballot_points(election) == [{"1": 2, "2": 1}, {"2": 2}]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_support_matches_the_files_own_vote_and_score_columns(path):
    election = read_pb(path)
    support = ballot_support(election.costs, ballot_points(election))
    column = "votes" if election.vote_type == "approval" else "score"
    assert support == {p.project_id: int(p.extra[column]) for p in election.projects}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_real_files_round_trip(path):
    election = read_pb(path)
    assert parse_pb(write_pb(election)) == election


def test_small_file_round_trips_with_categories_and_empty_ballots():
    election = parse_pb(SMALL)
    park = election.projects[0]
    assert park.name == 'Park; with a "bench"'
    assert park.categories == {"environment", "sport"}
    assert election.projects[1].selected is False
    assert election.votes[1].vote == ()
    assert ballot_points(election) == [{"1": 1, "2": 1}, {}]
    assert parse_pb(write_pb(election)) == election


def test_a_byte_order_mark_is_ignored(tmp_path):
    path = tmp_path / "bom.pb"
    path.write_text(SMALL, encoding="utf-8-sig")
    assert read_pb(path) == parse_pb(SMALL)


def test_a_file_without_selected_column_says_so():
    election = read_pb(DATA / "Poland_Czestochowa_2020_Grabowka.pb")
    assert {p.selected for p in election.projects} == {None}


# SMALL, line by line: 1 META, 2 key;value, 3 budget, 4 vote_type, 5 PROJECTS, 6 its header,
# 7 project 1, 8 project 2, 9 VOTES, 10 its header, 11 voter a, 12 voter b.
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            SMALL.replace("VOTES", "BALLOTS"),
            "missing section(s): VOTES (each section starts with a line holding just its name)",
        ),
        (
            SMALL.replace("a;1,2;30", "a;1,7;30"),
            "line 11: voter 'a' votes for project '7', which is not in PROJECTS",
        ),
        (
            SMALL.replace("approval", "quadratic"),
            "line 4: vote_type 'quadratic' is not one of approval, choose-1, cumulative, "
            "ordinal, scoring",
        ),
        (SMALL.replace("budget;100", "budget;lots"), "line 3: the budget 'lots' is not a number"),
        (
            SMALL.replace("2;50;Library", "2;fifty;Library"),
            "line 8: project '2': the cost 'fifty' is not a number",
        ),
        (SMALL.replace("2;50;Library", "2;-50;Library"), "line 8: project '2': the cost '-50' is "
         "negative"),
        (SMALL.replace("2;50;Library", "2; ;Library"), "line 8: project '2' has no cost"),
        (
            SMALL.replace("2;50;Library", " ;50;Library"),
            "line 8: a project with an empty project_id (ballots could not name it)",
        ),
        (
            SMALL.replace("b;;41", "b;;41;extra"),
            "line 12: this row has 4 fields, but the VOTES header has 3 (voter_id;vote;age)",
        ),
        (
            SMALL.replace("2;50;Library;education;0", "2;50;Library;education"),
            "line 8: this row has 4 fields, but the PROJECTS header has 5 "
            "(project_id;cost;name;category;selected)",
        ),
        (
            SMALL.replace("approval", "cumulative"),
            "line 10: cumulative votes need a points column, which this VOTES header lacks",
        ),
        ("hello\n" + SMALL, "line 1: text before the META section: 'hello'"),
        (
            SMALL.replace("2;50;Library", "1;50;Library"),
            "line 8: project_id '1' is used twice (first on line 7)",
        ),
        (
            SMALL.replace("voter_id;vote;age", "voter;vote;age"),
            "line 10: the VOTES header must start with voter_id, not 'voter'",
        ),
        (
            SMALL.replace("project_id;cost;", "project_id;price;"),
            "line 6: the PROJECTS header has no cost column",
        ),
        (
            SMALL.replace("vote_type;approval", "vote_type;ordinal\nmax_length;three"),
            "line 5: max_length 'three' is not a whole number",
        ),
        (
            # A key given twice: the later value is the one read, so the one named.
            SMALL.replace("budget;100", "budget;100\nbudget;1O0"),
            "line 4: the budget '1O0' is not a number",
        ),
        (SMALL.replace("budget;100\n", ""), "META gives no budget (a line such as budget;100000)"),
        (
            SMALL.replace("budget;100\nvote_type;approval\n", ""),
            "META gives no budget (a line such as budget;100000) and no vote_type (a line "
            "such as vote_type;approval)",
        ),
    ],
)
def test_malformed_files_are_rejected_with_the_line_at_fault(text, message):
    with pytest.raises(PabulibError) as caught:
        parse_pb(text)
    assert str(caught.value) == message


def test_a_long_value_is_cut_short_in_a_message():
    # A file that is not Pabulib at all (here a PDF's first line) must not fill the screen.
    with pytest.raises(PabulibError) as caught:
        parse_pb("%PDF-1.7 " + "x" * 500 + "\n" + SMALL)
    assert str(caught.value) == (
        "line 1: text before the META section: '%PDF-1.7 " + "x" * 51 + "'... (509 characters)"
    )


def votes_after(rows: int, last: str) -> str:
    """SMALL with `rows` good ballots after voter a, then `last`, then voter b (line 13 + rows
    is `last`): a file the column-by-column reader starts on and cannot finish."""
    good = "".join(f"v{i};{1 + i % 2};{i % 90}\n" for i in range(rows))
    return SMALL.replace("b;;41\n", f"{good}{last}\nb;;41\n")


@pytest.mark.parametrize(
    ("last", "message"),
    [
        ("z;1;2;extra", "this row has 4 fields, but the VOTES header has 3 (voter_id;vote;age)"),
        ("z;1", "this row has 2 fields, but the VOTES header has 3 (voter_id;vote;age)"),
        ("z;1,3;40", "voter 'z' votes for project '3', which is not in PROJECTS"),
        ("z;1,,2;40", "voter 'z' votes for project '', which is not in PROJECTS"),
    ],
)
def test_a_bad_row_deep_in_votes_is_named_by_its_line(last, message):
    with pytest.raises(PabulibError) as caught:
        parse_pb(votes_after(5000, last))
    assert str(caught.value) == f"line 5012: {message}"


@pytest.mark.parametrize(
    ("last", "message"),
    [
        ("z;1,2;3,x", "voter 'z': the points value 'x' is not a number"),
        ("z;1,2;3", "voter 'z': 2 project(s) in vote but 1 value(s) in points"),
        ("z;1,2;3,4,5", "voter 'z': 2 project(s) in vote but 3 value(s) in points"),
        ("z;1,2;3,-4", "voter 'z': the points value '-4' is negative"),
        ("z;1,2;-0.5,4", "voter 'z': the points value '-0.5' is negative"),
    ],
)
def test_a_bad_points_row_deep_in_votes_is_named_by_its_line(last, message):
    text = votes_after(5000, last).replace("approval", "cumulative")
    text = text.replace("voter_id;vote;age", "voter_id;vote;points")
    text = text.replace("a;1,2;30", "a;1,2;30,1").replace("b;;41", "b;;")
    with pytest.raises(PabulibError) as caught:
        parse_pb(text)
    assert str(caught.value) == f"line 5012: {message}"


def watch_the_fast_reader(monkeypatch) -> list[str]:
    """What the column-by-column VOTES reader does, call by call: "read", or its error."""
    fast = pabulib._votes_by_column
    outcomes: list[str] = []

    def watched(header, body):
        try:
            votes = fast(header, body)
        except PabulibError as error:
            outcomes.append(str(error))
            raise
        outcomes.append("read")
        return votes

    monkeypatch.setattr(pabulib, "_votes_by_column", watched)
    return outcomes


def test_a_bad_row_sends_votes_through_the_row_by_row_reader(monkeypatch):
    # The column-by-column reader only finds that some row is bad; the row-by-row one names it.
    outcomes = watch_the_fast_reader(monkeypatch)
    parse_pb(votes_after(50, "z;1;2"))
    with pytest.raises(PabulibError, match="^line 62: "):
        parse_pb(votes_after(50, "z;1;2;extra"))
    assert outcomes == ["read", "a row has too few or too many fields"]


def test_negative_points_go_row_by_row_and_minus_zero_reads(monkeypatch):
    # Only a cell with "-" is looked at again: "-0" is zero, so the fast reader keeps it.
    outcomes = watch_the_fast_reader(monkeypatch)
    text = SMALL.replace("approval", "cumulative")
    text = text.replace("voter_id;vote;age", "voter_id;vote;points")
    text = text.replace("a;1,2;30", "a;1,2;-0,1").replace("b;;41", "b;;")
    assert parse_pb(text).votes[0].points == (0, 1)
    with pytest.raises(PabulibError, match="^line 11: voter 'a': the points value '-1' is neg"):
        parse_pb(text.replace("-0,1", "0,-1"))
    assert outcomes == ["read", "negative points"]


def test_a_cost_of_zero_and_an_empty_ballot_are_read_as_written():
    # No published file has either, but both count sensibly (a free project; a voter who
    # chose nothing still counts as a voter), so they read as before.
    election = parse_pb(SMALL.replace("2;50;Library", "2;0;Library"))
    assert election.costs == {"1": 60, "2": 0}
    assert election.votes[1].vote == () and election.reused_ids == ()


def test_empty_or_reused_voter_ids_are_read_as_ballots_of_their_own_and_named():
    # As pabutools reads them: every row is a ballot, whatever its voter_id.
    election = parse_pb(SMALL.replace("b;;41", "a;2;41\n;1;50\n;;51\na;;52"))
    assert [v.voter_id for v in election.votes] == ["a", "a", "", "", "a"]
    assert election.reused_ids == ("a", "", "", "a")
    assert election == replace(election, reused_ids=())  # not part of the election's content
    deep = parse_pb(votes_after(5000, "v7;1;2"))
    assert len(deep.votes) == 5003 and deep.reused_ids == ("v7",)


def test_unknown_projects_are_named_in_order_a_few_at_most():
    text = SMALL.replace("a;1,2;30", 'a;"1,10,9,c2,8,c10,2,7,6";30')
    with pytest.raises(PabulibError) as caught:
        parse_pb(text)
    assert str(caught.value) == (
        "line 11: voter 'a' votes for projects '6', '7', '8', '9', '10' and 2 more, "
        "which are not in PROJECTS"
    )


TRICKY = (
    "\n"  # 1: blank lines do not shift the count
    "META\r\n"  # 2: CRLF is one line break
    "key;value\n"  # 3
    "budget;100\r"  # 4: so is a lone CR
    "vote_type;approval\n"  # 5
    " ; \n"  # 6: a row of blanks is left out, but still a line
    "projects\n"  # 7: section names in any case
    "project_id;cost;name\n"  # 8
    '1;60;"Park\nwith\r\nbenches"\n'  # 9-11: a name on three lines
    "2;fifty;Library\n"  # 12
    "VOTES\nvoter_id;vote\na;1\n"
)


def test_lines_are_counted_as_an_editor_counts_them():
    with pytest.raises(PabulibError, match="^line 12: project '2': the cost 'fifty'"):
        parse_pb(TRICKY)
    assert row_lines(TRICKY) == {"": [], "META": [3, 4, 5], "PROJECTS": [8, 9, 12],
                                 "VOTES": [14, 15]}


def test_a_row_the_line_count_cannot_find_is_still_reported():
    # Never expected (row_lines keeps the rows as the reader does), but no IndexError either.
    assert RowError("VOTES", 3, "bad").located({"VOTES": [10, 11]}) == "bad"
    assert RowError("VOTES", 1, "twice", earlier=0).located({"VOTES": [10, 11]}) == (
        "line 11: twice (first on line 10)"
    )


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("mark", ["", "\ufeff"])
def test_a_byte_order_mark_and_any_line_ending_give_the_same_line(tmp_path, ending, mark):
    text = mark + SMALL.replace("2;50;Library", "2;fifty;Library").replace("\n", ending)
    path = tmp_path / "bad.pb"
    path.write_bytes(text.encode("utf-8"))
    expected = "line 8: project '2': the cost 'fifty' is not a number"
    for read in (lambda: parse_pb(text), lambda: read_pb(path)):
        with pytest.raises(PabulibError) as caught:
            read()
        assert str(caught.value) == expected


def test_a_good_file_reads_the_same_with_a_mark_and_crlf(tmp_path):
    path = tmp_path / "crlf.pb"
    path.write_bytes(("\ufeff" + SMALL.replace("\n", "\r\n")).encode("utf-8"))
    assert read_pb(path) == parse_pb(SMALL) == parse_pb("\ufeff" + SMALL)


def test_a_file_that_is_not_utf8_is_named_by_its_line(tmp_path):
    path = tmp_path / "latin1.pb"
    path.write_bytes(SMALL.replace("Library", "Biblioth\xe8que").encode("latin-1"))
    with pytest.raises(PabulibError) as caught:
        read_pb(path)
    assert str(caught.value) == (
        "line 8: the file is not UTF-8 text (byte 0xe8 cannot be read there); save it again "
        "as UTF-8"
    )


def test_a_quote_left_open_is_named_where_it_opens():
    text = SMALL.replace("a;1,2;30", 'a;"1,2;30').replace("b;;41", "b;" + "1," * 70_000 + ";41")
    with pytest.raises(PabulibError) as caught:
        parse_pb(text)
    assert str(caught.value) == (
        "line 11: a field is longer than 131,072 characters; is a quote (\") left open on "
        "this line?"
    )


# --- Bounds (the limits patched small, rather than huge files written) -------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.pb"
    path.write_text(SMALL, encoding="utf-8")
    size = path.stat().st_size
    monkeypatch.setattr(pabulib, "MAX_BYTES", size - 1)
    with pytest.raises(PabulibError) as caught:
        read_pb(path)
    # Refused by the size the file system gives: this message is raised before any read.
    assert str(caught.value) == (
        f"the file is {size:,} bytes; pbchat reads files of at most {size - 1:,} bytes"
    )
    monkeypatch.setattr(pabulib, "MAX_BYTES", size)
    assert read_pb(path) == parse_pb(SMALL)


def test_a_pipe_over_the_size_limit_is_refused_once_it_is_over(tmp_path, monkeypatch):
    # A pipe has no size: it is read up to one byte over the limit, never more.
    pipe = tmp_path / "pipe.pb"
    os.mkfifo(pipe)
    monkeypatch.setattr(pabulib, "MAX_BYTES", 100)

    def write() -> None:
        with open(pipe, "wb") as end:
            try:
                end.write(SMALL.encode("utf-8"))
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(PabulibError) as caught:
            read_pb(pipe)
    finally:
        writer.join(timeout=10)
    assert str(caught.value) == (
        "the file is over 100 bytes; pbchat reads files of at most 100 bytes"
    )


def test_a_pipe_under_the_size_limit_is_read(tmp_path):
    pipe = tmp_path / "pipe.pb"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: pipe.write_text(SMALL, encoding="utf-8"))
    writer.start()
    try:
        assert read_pb(pipe) == parse_pb(SMALL)
    finally:
        writer.join(timeout=10)


def test_text_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(pabulib, "MAX_BYTES", len(SMALL) - 1)
    with pytest.raises(PabulibError) as caught:
        parse_pb(SMALL)
    assert str(caught.value) == (
        f"the text is {len(SMALL)} characters; pbchat reads at most {len(SMALL) - 1}"
    )


def test_more_votes_or_projects_than_the_limits_are_refused(monkeypatch):
    monkeypatch.setattr(pabulib, "MAX_VOTES", 2)
    assert len(parse_pb(SMALL).votes) == 2
    with pytest.raises(PabulibError) as caught:
        parse_pb(SMALL.replace("b;;41", "b;;41\nc;2;52"))
    assert str(caught.value) == "VOTES has more than 2 rows, the most pbchat reads"
    monkeypatch.setattr(pabulib, "MAX_PROJECTS", 1)
    with pytest.raises(PabulibError) as caught:
        parse_pb(SMALL)
    assert str(caught.value) == "PROJECTS has more than 1 rows, the most pbchat reads"


def test_rows_past_the_limit_are_never_read(monkeypatch):
    # Millions of tiny rows would fill memory before the sections could be counted, so the
    # csv reader is asked for at most MAX_RECORDS rows (blank ones included).
    rows = SMALL.count("\n") + 1
    monkeypatch.setattr(pabulib, "MAX_RECORDS", rows)
    assert parse_pb(SMALL) == parse_pb(SMALL + "\n")
    with pytest.raises(PabulibError) as caught:
        parse_pb(SMALL + "\n\n")
    assert str(caught.value) == (
        f"the file has more than {rows} rows (blank lines included); pbchat reads at most "
        f"{pabulib.MAX_PROJECTS:,} projects and {pabulib.MAX_VOTES:,} votes"
    )
    # A section over its own limit is named, even when the reading stopped inside it.
    monkeypatch.setattr(pabulib, "MAX_VOTES", 1)
    with pytest.raises(PabulibError, match="^VOTES has more than 1 rows"):
        parse_pb(SMALL + "c;1;2\n" * 5)


def test_a_project_named_twice_on_a_ballot_counts_once_as_pabutools_reads_it():
    # A hostile or sloppy export: voter a names project 1 twice. pabutools keeps an approval
    # ballot as a set, so 1 counts once; the voter is named so that a recount can say so.
    election = parse_pb(SMALL.replace("a;1,2;30", "a;1,2,1;30"))
    assert election.votes[0].vote == ("1", "2")
    assert election.repeated == ("a",)
    assert ballot_support(election.costs, ballot_points(election)) == {"1": 1, "2": 1}
    assert parse_pb(SMALL).repeated == ()


def test_a_repeated_project_keeps_its_first_place_and_its_last_points():
    # pabutools: an ordinal ballot keeps a project where it was first ranked; a points ballot
    # is a dict, so the points written last overwrite the earlier ones.
    ranked = parse_pb(SMALL.replace("approval", "ordinal").replace("a;1,2;30", "a;2,1,2;30"))
    assert ranked.votes[0].vote == ("2", "1")
    assert ballot_points(ranked)[0] == {"2": 2, "1": 1}
    points = SMALL.replace("approval", "cumulative").replace(
        "voter_id;vote;age", "voter_id;vote;points"
    )
    points = points.replace("a;1,2;30", "a;1,2,1;5,3,7").replace("b;;41", "b;;")
    election = parse_pb(points)
    assert (election.votes[0].vote, election.votes[0].points) == (("1", "2"), (7, 3))
    assert election.repeated == ("a",)
    assert parse_pb(write_pb(election)) == election


def test_points_must_match_votes():
    text = SMALL.replace("approval", "cumulative").replace(
        "voter_id;vote;age", "voter_id;vote;points"
    )
    text = text.replace("a;1,2;30", "a;1,2;5").replace("b;;41", "b;;")
    with pytest.raises(PabulibError) as caught:
        parse_pb(text)
    assert str(caught.value) == "line 11: voter 'a': 2 project(s) in vote but 1 value(s) in points"


def test_amounts_are_exact():
    assert parse_amount("1070000") == 1_070_000
    assert parse_amount("12.5") == parse_amount("12,5") == Fraction(25, 2)
    assert format_amount(Fraction(25, 2)) == "12.5"
    assert format_amount(7200) == "7200"
    with pytest.raises(ValueError, match="no exact decimal"):
        format_amount(Fraction(1, 3))


# --- Round trip of made-up elections -------------------------------------------------------

_ids = st.text("abcxyz0123456789_-", min_size=1, max_size=4)
# The parser strips fields, as pabutools does, so generated text comes stripped too.
_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12
).map(str.strip)
_amounts = st.one_of(
    st.integers(0, 10**9), st.decimals(0, 10**6, places=2).map(lambda d: parse_amount(str(d)))
)


@st.composite
def elections(draw) -> Election:
    ids = draw(st.lists(_ids, min_size=1, max_size=5, unique=True))
    vote_type = draw(st.sampled_from(["approval", "cumulative", "ordinal"]))
    projects = tuple(
        Project(pid, draw(_amounts), draw(_text), {"selected": draw(st.sampled_from("01"))})
        for pid in ids
    )
    votes = []
    for number in range(draw(st.integers(0, 6))):
        vote = tuple(draw(st.lists(st.sampled_from(ids), unique=True)))
        points = tuple(draw(st.integers(1, 10)) for _ in vote)
        extra = {"voting_method": draw(_text)}
        votes.append(Vote(str(number), vote, points if vote_type == "cumulative" else None, extra))
    meta = {"budget": format_amount(draw(_amounts)), "vote_type": vote_type, "note": draw(_text)}
    return Election(meta, projects, tuple(votes))


@settings(max_examples=60, deadline=None)
@given(elections())
def test_any_election_round_trips(election):
    assert parse_pb(write_pb(election)) == election
