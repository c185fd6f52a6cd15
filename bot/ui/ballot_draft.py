"""The ballot in progress, as kept in the conversation's data (the database or Redis).

`rev` counts every change to the ballot message; each button carries the `rev` it was drawn
with, and a tap counts only when the two agree (bot/ui/ballot_view.py). It only ever grows, also
across ballots and rounds, so a button from an earlier ballot can never match again.
`at` is the bid whose card the message shows (0: the review, the receipt or a question).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Draft:
    round_id: int | None = None
    choices: dict[int, int] = field(default_factory=dict)
    rev: int = 0
    at: int = 0
    from_review: bool = False  # a card opened from the review goes back to it
    confirmed: bool = False  # the message shows the receipt; choices are in the ballot only

    @classmethod
    def of(cls, data: dict[str, Any]) -> Draft:
        return cls(
            round_id=data.get("vote_round"),
            choices={int(bid): value for bid, value in (data.get("vote_choices") or {}).items()},
            rev=int(data.get("vote_rev") or 0), at=int(data.get("vote_at") or 0),
            from_review=bool(data.get("vote_from_review")),
            confirmed=bool(data.get("vote_confirmed")))

    def dump(self) -> dict[str, Any]:
        return {"vote_round": self.round_id,
                "vote_choices": {str(bid): value for bid, value in self.choices.items()},
                "vote_rev": self.rev, "vote_at": self.at,
                "vote_from_review": self.from_review, "vote_confirmed": self.confirmed}

    def current(self, round_id: int, rev: int) -> bool:
        """Was the tapped button drawn on the ballot message as it is now?"""
        return self.round_id == round_id and self.rev == rev
