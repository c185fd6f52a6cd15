"""Reading and writing Pabulib `.pb` files, on the four real elections and on made-up ones."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_the_four_files_are_there():
    assert [f.name for f in FILES] == [
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SMALL.replace("VOTES", "BALLOTS"), "missing section"),
        (SMALL.replace("a;1,2;30", "a;1,7;30"), "unknown project"),
        (SMALL.replace("approval", "quadratic"), "unsupported vote_type"),
        (SMALL.replace("budget;100", "budget;lots"), "not a number"),
        (SMALL.replace("2;50;Library", "2;fifty;Library"), "not a number"),
        (SMALL.replace("b;;41", "b;;41;extra"), "fields where the header has"),
        (SMALL.replace("approval", "cumulative"), "need a points column"),
        ("hello\n" + SMALL, "before the META section"),
    ],
)
def test_malformed_files_are_rejected_with_a_reason(text, message):
    with pytest.raises(PabulibError, match=message):
        parse_pb(text)


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
    with pytest.raises(PabulibError, match="2 votes but 1 points"):
        parse_pb(text)


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
