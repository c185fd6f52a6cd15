"""A voter's ballot in the chat, under the ballot secret: order, standing, the recorded
ballot, and Confirm.

`Ballots` is built once per process (bot/dispatcher.py) with the secret and handed to
handlers as `ballots`; handlers pass the person and their draft, never the secret. Every
handler question that needs the secret goes through it: has this person voted, may they
follow a round's projects, who is in an audience, who has not voted yet, fresh voting codes,
a broadcast's unreached people (by short reference), and /forget
(tests/unit/test_ballot_secret_stays_out.py keeps handlers/ free of the secret). It reads
the round and its bids from the process's round copy (models/round_cache.py), so Confirm does
not read the bids again, and it looks the person's ballot up once per Confirm: the roll entry
and the keyed ballot (`box.look_up`) serve the age band, "may this vote change" and the write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

# Modules, not names: models.eligibility and models.voting_code import models.ballot, so
# whichever is imported first, the other is read only when called.
from models import eligibility, voting_code
from models.ballot.box import ballot_choices, has_voted, look_up, record, voter_key
from models.ballot.rules import (
    Limits,
    Unfinished,
    for_recording,
    still_offered,
    unfinished,
    voter_order,
)

if TYPE_CHECKING:
    from datetime import datetime, timedelta

    from models.audience import Choice, Member
    from models.eligibility import Standing
    from models.round import Round
    from models.round_cache import VotingCopy
    from models.unreached import Unreached
    from models.user import User
    from models.voting_code import ClaimResult


@dataclass(frozen=True)
class Recorded:
    """A person's recorded ballot in an open round, while the link to it stands."""

    receipt: str
    age_band: str | None
    choices: dict[int, int]  # {bid id: value}, for the bids still offered to them


@dataclass(frozen=True)
class Confirmed:
    """What Confirm came to. At most one of: `ask_age` (the round asks for an age band and
    none is known), `unfinished` (the draft may not be confirmed yet), `problems` (refused
    when recording); else the ballot is in and `receipt` is set."""

    cards: list[Row]  # the bids this voter was asked about, in their own order
    receipt: str | None = None
    replaced: bool = False
    problems: list[str] = field(default_factory=list)
    unfinished: Unfinished | None = None
    ask_age: bool = False

    @property
    def ok(self) -> bool:
        return self.receipt is not None


class Ballots:
    """The ballot rules for people voting in the chat, holding the process's ballot secret."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def order(self, copy: VotingCopy, telegram_id: int) -> list[Row]:
        """The bids this voter is asked about (never their own), in their own order."""
        return voter_order(copy.offered_to(telegram_id), secret=self._secret,
                           round_id=copy.round.id, telegram_id=telegram_id)

    async def standing(self, session: AsyncSession, round_: Round,
                       telegram_id: int) -> Standing:
        """May this person vote in the round (models/eligibility.py)?"""
        return await eligibility.standing(session, round_, telegram_id, secret=self._secret)

    async def claim_code(self, session: AsyncSession, code: str,
                         telegram_id: int) -> ClaimResult:
        """A voting code from a card (models/voting_code.py)."""
        return await voting_code.claim_code(session, code, telegram_id,
                                            secret=self._secret)

    async def has_voted(self, session: AsyncSession, round_id: int, telegram_id: int) -> bool:
        return await has_voted(session, round_id, telegram_id, secret=self._secret)

    async def may_follow(self, session: AsyncSession, round_id: int, telegram_id: int) -> bool:
        """May this person follow the round's projects (models/project.py)?"""
        from models import project  # imports models.ballot: read when called

        return await project.may_follow(session, round_id, telegram_id, secret=self._secret)

    async def members(self, session: AsyncSession, choice: Choice) -> list[Member]:
        """Everyone in the audience now, once each (models/audience.py)."""
        from models import audience  # imports models.ballot: read when called

        return await audience.members(session, choice, secret=self._secret)

    async def claim_unfinished(self, session: AsyncSession, *, now: datetime,
                               after: timedelta) -> dict[Round, list[int]]:
        """Who gets the one reminder to confirm, by round (models/ballot/notices.py)."""
        from models.ballot.notices import claim_unfinished

        return await claim_unfinished(session, now=now, after=after, secret=self._secret)

    async def audience_size(self, session: AsyncSession, choice: Choice) -> tuple[int, int]:
        """(people who will get it, people skipped because they blocked the bot)."""
        from models import audience  # imports models.ballot: read when called

        return await audience.size(session, choice, secret=self._secret)

    async def non_voters(self, session: AsyncSession, round_: Round) -> list[int]:
        """Who may vote in the round, has not, and can be reached (models/eligibility.py)."""
        return await eligibility.eligible_non_voters(session, round_, secret=self._secret)

    async def make_codes(self, session: AsyncSession, round_id: int, count: int) -> list[str]:
        """`count` fresh voting codes for the round, returned once to print."""
        return await voting_code.generate_codes(session, round_id, count, secret=self._secret)

    async def unreached(self, session: AsyncSession, broadcast_id: int) -> list[Unreached]:
        """Who a broadcast did not reach, by short reference (models/unreached.py)."""
        from models import unreached  # imports models.audience, which imports models.ballot

        return await unreached.unreached(session, broadcast_id, self._secret)

    async def forget(self, session: AsyncSession, user: User) -> None:
        """/forget: every eraser (models/personal_data.py), the ballot cut loose with the
        secret while voting is open."""
        from models import personal_data  # imports models.ballot: read when called

        await personal_data.erase_personal_data(session, user, secret=self._secret)

    async def recorded(self, session: AsyncSession, copy: VotingCopy,
                       telegram_id: int) -> Recorded | None:
        """This person's recorded ballot in the round, if it can still be found."""
        place = await look_up(session, copy.round.id, voter_key(self._secret, telegram_id))
        if place.ballot is None:
            return None
        choices = await ballot_choices(session, place.ballot.id)
        return Recorded(place.entry.receipt, place.ballot.age_band,
                        still_offered(copy.offered_to(telegram_id), choices))

    async def confirm(self, session: AsyncSession, copy: VotingCopy, telegram_id: int,
                      draft: Mapping[int, int], *, age_band: str | None) -> Confirmed:
        """Record the draft {bid id: value} as this person's ballot, if it may be confirmed.

        `age_band` is the band given in this ballot (None: not asked yet, or given with an
        earlier ballot in the round, which keeps it). Checked in this order: the age band
        (rounds that ask), what may be confirmed (`rules.unfinished`), then everything again
        as it is recorded (`box.record`: voting open, the ballot's rules, own bids, a vote
        that may not change)."""
        round_ = copy.round
        cards = self.order(copy, telegram_id)
        place = await look_up(session, round_.id, voter_key(self._secret, telegram_id))
        if not round_.age_band_required:
            age_band = None
        elif age_band is None and (place.ballot is None or place.ballot.age_band is None):
            return Confirmed(cards, ask_age=True)
        missing = unfinished(Limits.of(round_), cards, draft)
        if missing is not None:
            return Confirmed(cards, unfinished=missing)
        choices = for_recording(round_.ballot_kind, still_offered(cards, draft))
        result = await record(session, round_, telegram_id, choices, place, cards=copy.cards,
                              age_band=age_band)
        return Confirmed(cards, result.receipt, result.replaced, result.problems)
