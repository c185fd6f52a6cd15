"""How close an unfunded bid came, in numbers, under the round's rule: the measures on
handmade elections (fund down the ranking, Equal Shares), and "Why not?" in English and
Welsh. A resident checks the numbers by counting again by hand."""

from __future__ import annotations

from models.pabulib import Election, Project, Vote
from models.round import AllocationRule
from models.tally import fund_down_ranking
from models.voting import count_election
from models.why_not import how_close
from tests.support.factories import GROUP_OWNER, OTHER_GROUP, published_round, why
from tests.support.flow import texts


def approval(costs: dict[str, int], budget: int, ballots: list[tuple[str, ...]]) -> Election:
    meta = {"budget": str(budget), "vote_type": "approval", "num_votes": str(len(ballots)),
            "num_projects": str(len(costs))}
    return Election(meta, tuple(Project(pid, cost) for pid, cost in costs.items()),
                    tuple(Vote(str(n), ballot) for n, ballot in enumerate(ballots, 1)))


def test_fund_down_the_ranking_more_votes_or_cheaper():
    # A (6) 3 votes, B (6) 2 votes, pot 10: A funded, B does not fit in the 4 left.
    election = approval({"A": 6, "B": 6}, 10, [("A",)] * 3 + [("B",)] * 2)
    rule = lambda e: count_election(e, AllocationRule.GREEDY, "skip")  # noqa: E731
    assert not rule(election).bids["B"].funded
    close = how_close(election, "B", rule, top=None)
    # Level with A (3 votes each, same cost) the reference puts A first; one more vote puts
    # B first. Counted again by hand for every smaller number of extra votes.
    assert close.voters == 2
    for extra in range(close.voters):
        votes = election.votes + tuple(Vote(f"x{n}", ("B",)) for n in range(extra))
        funded = fund_down_ranking(election.costs, _support(votes), 10, "skip")
        assert funded.bids["B"].funded is (extra == close.voters)
    assert close.most_cost == 4  # the 4 left after A


def _support(votes) -> dict[str, int]:
    support = {"A": 0, "B": 0}
    for vote in votes:
        for pid in vote.vote:
            support[pid] += 1
    return support


def test_equal_shares_more_voters_bring_their_share():
    # Pot 10, 5 voters with 2 each. A (6): 3 supporters pay 6. B (6): 2 supporters hold 4.
    election = approval({"A": 6, "B": 6}, 10, [("A",)] * 3 + [("B",)] * 2)
    rule = lambda e: count_election(e, AllocationRule.MES, "skip")  # noqa: E731
    assert [pid for pid in rule(election).selected] == ["A"]
    close = how_close(election, "B", rule, top=None)
    # With 2 more: 7 voters, 10/7 each; B's 4 hold 40/7 < 6. With 3 more: 8 voters, B's 5
    # hold 6.25 >= 6.
    assert close.voters == 3 and close.most_cost == 4


def test_a_bid_dearer_than_the_pot_can_never_be_funded():
    election = approval({"A": 6, "B": 12}, 10, [("B",)] * 5)
    rule = lambda e: count_election(e, AllocationRule.GREEDY, "skip")  # noqa: E731
    close = how_close(election, "B", rule, top=None)
    assert close.voters is None and close.most_cost == 10


async def test_why_not_gives_the_numbers_in_both_languages(harness, session_maker):
    # SPK-002 (£2,000) had 8 points against SPK-001's 15 (£1,500): two more voters giving it
    # 5 points take it to 18, first in the ranking; one more (13) is not enough. At most
    # £1,000 it would have fitted in what SPK-001 left.
    round_id, (a, b, c), _sent = await published_round(harness, session_maker)
    (english,) = texts(await harness.tap(OTHER_GROUP, why(round_id, b)))
    assert english.endswith("2 more voters giving it 5 points would have got it funded.\n"
                            "Or it would have been funded if it had cost at most £1,000 "
                            "(£1,000 below what it asked).")
    (welsh,) = texts(await harness.tap(GROUP_OWNER, why(round_id, b)))
    assert "Byddai wedi cael ei ariannu pe bai rhagor o bleidleiswyr wedi rhoi 5 pwynt iddo. " \
           "Faint yn rhagor: 2." in welsh
    assert ("pe bai wedi costio dim mwy na £1,000 (£1,000 yn llai na'r hyn y gofynnodd "
            "amdano)") in welsh
    (funded,) = texts(await harness.tap(OTHER_GROUP, why(round_id, a)))
    assert "would have" not in funded
