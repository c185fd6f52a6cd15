"""Ballots: what may be on one, how it is recorded and kept secret, and who is told.

- `rules`: the ballot's rules as pure functions: each voter's order, limits at the tap, what
  may be confirmed (required scores, every token spent), what may be recorded (own bids
  refused), through models.tally's `validate_ballot` and its one spelling of the kinds.
- `box`: the tables (the ballot box and, apart from it, the electoral roll), the keys, the
  receipts, and recording a ballot.
- `seal`: sealing the box when voting closes, and /forget.
- `voter`: `Ballots`, a voter's side of it in the chat under the ballot secret (handlers get
  it as `ballots` and never hold the secret); Confirm goes through `Ballots.confirm`.
- `notices`: telling people that voting opened, and once about a ballot left unconfirmed.

The package re-exports what the rest of pbchat uses; `notices` is imported as its own module.
"""

from models.ballot.box import (
    RECEIPT_ALPHABET,
    VOTABLE,
    Ballot,
    BallotBox,
    BallotEntry,
    CastResult,
    FoundBallot,
    Place,
    RollEntry,
    ballot_choices,
    ballot_key,
    cards_offered,
    cast_ballot,
    check_receipt,
    export_voter,
    find_ballot,
    has_voted,
    look_up,
    new_receipt,
    normal_receipt,
    random_key,
    record,
    roll_key,
    round_ballots,
    rounds_in_voting,
    turnout,
    votable_bids,
    votable_cards,
    voter_key,
)
from models.ballot.rules import (
    TICK,
    TICK_KINDS,
    Limits,
    Refusal,
    Unfinished,
    all_required,
    ballot_problems,
    for_recording,
    is_tick_kind,
    next_position,
    still_offered,
    tap,
    tap_refusal,
    unfinished,
    value_allowed,
    voter_order,
)
from models.ballot.seal import forget_roll, forget_voter, seal_closed_rounds, seal_round
from models.ballot.voter import Ballots, Confirmed, Recorded

__all__ = [
    "RECEIPT_ALPHABET", "TICK", "TICK_KINDS", "VOTABLE", "Ballot", "BallotBox", "BallotEntry",
    "Ballots", "CastResult", "Confirmed", "FoundBallot", "Limits", "Place", "Recorded",
    "Refusal", "RollEntry", "Unfinished", "all_required", "ballot_choices", "ballot_key",
    "ballot_problems", "cards_offered", "cast_ballot", "check_receipt", "export_voter",
    "find_ballot", "for_recording", "forget_roll", "forget_voter", "has_voted", "is_tick_kind",
    "look_up", "new_receipt", "next_position", "normal_receipt", "random_key", "record",
    "roll_key", "round_ballots", "rounds_in_voting", "seal_closed_rounds", "seal_round",
    "still_offered", "tap", "tap_refusal", "turnout", "unfinished", "value_allowed",
    "votable_bids", "votable_cards", "voter_key", "voter_order",
]
