"""PB rounds: the pot per area, the rules for bids, and the vote's settings.

A round is created by an organiser (`/newround`) or from a YAML file (`python -m bot rounds
import`); both go through `RoundSpec` and `spec_problems`, so the same rules apply. The ballot
and allocation settings are stored here for the voting feature (see docs/domain.md).

Status moves draft -> open (taking bids) -> closed (reviewing) -> voting -> counting (paper
sheets still welcome) -> results. Bids are taken only while the round is open *and* its
deadline has not passed: the deadline is enforced by the clock, not by someone remembering to
close the round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    String,
    UniqueConstraint,
    false,
    select,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship
from sqlalchemy.orm.attributes import set_committed_value

from models.amounts import parse_amount
from models.base import Base, UtcDateTime, utcnow
from models.bid_questions import DEFAULT_QUESTIONS, question_problems
from models.tally.ballots import BallotKind  # one spelling: the tally's, stored as it is
from models.update_schedule import schedule_problems, stored

NAME_LIMIT = 120
AREA_NAME_LIMIT = 80
PRIORITY_LIMIT = 300
MAX_PRIORITIES = 20
AREA_CODE = re.compile(r"^[A-Z0-9]{2,5}$")


class RoundStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    VOTING = "voting"
    # Voting has closed (by hand or at `voting_closes`); paper sheets may still be typed in
    # until the organisers publish.
    COUNTING = "counting"
    RESULTS = "results"


# Votes from the chat are taken only in VOTING; paper sheets until the results are out.
PAPER_OPEN = (RoundStatus.VOTING, RoundStatus.COUNTING)


class Eligibility(StrEnum):
    """Who may vote in a round (models/eligibility.py applies it)."""

    ANYONE = "anyone"  # anyone who starts the bot
    CHECKED_IN = "checked_in"  # checked in at the round's vote event
    AREA = "area"  # lives in one of the round's areas (online voting)
    BOTH = "both"  # either of the two


class AllocationRule(StrEnum):
    GREEDY = "greedy"
    MES = "mes"
    MES_ADD1 = "mes-add1"
    MES_ADD1_GREEDY = "mes-add1-greedy"


class Policy(StrEnum):
    SKIP = "skip"
    STOP = "stop"
    PARTIAL = "partial"


# Organisers move a round by hand only between these; voting and results belong to voting.
MANUAL_MOVES: dict[RoundStatus, tuple[RoundStatus, ...]] = {
    RoundStatus.DRAFT: (RoundStatus.OPEN,),
    RoundStatus.OPEN: (RoundStatus.CLOSED,),
    RoundStatus.CLOSED: (RoundStatus.OPEN,),
}


class Round(Base):
    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_en: Mapped[str] = mapped_column(String(NAME_LIMIT))
    # None: the organiser gave no Welsh; Welsh readers see the English, and are told so.
    name_cy: Mapped[str | None] = mapped_column(String(NAME_LIMIT))
    status: Mapped[str] = mapped_column(String(16), index=True)
    max_bid_pence: Mapped[int] = mapped_column(BigInteger)
    # [{"en": ..., "cy": ...}, ...] from the World Café, in the order organisers gave them.
    priorities: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # Keys of models.bid_questions.QUESTIONS, in the order they are asked.
    questions: Mapped[list[str]] = mapped_column(JSON)
    bid_deadline: Mapped[datetime] = mapped_column(UtcDateTime())
    voting_opens: Mapped[datetime | None] = mapped_column(UtcDateTime())
    voting_closes: Mapped[datetime | None] = mapped_column(UtcDateTime())
    ballot_kind: Mapped[str] = mapped_column(String(16))
    ballot_n: Mapped[int | None] = mapped_column()  # top_n: at most N ticks
    ballot_tokens: Mapped[int | None] = mapped_column()  # tokens: T to spread
    allocation_rule: Mapped[str] = mapped_column(String(24))
    allocation_policy: Mapped[str] = mapped_column(String(8))
    # Counter behind bid references (SPK-014): bumped in one UPDATE, so two groups submitting
    # at the same moment can never get the same number.
    last_bid_number: Mapped[int] = mapped_column(default=0)
    # Who may vote, and the ballot's own rules (issue #6). Holders of a voting code may vote
    # whatever `eligibility` says.
    eligibility: Mapped[str] = mapped_column(String(12), default=Eligibility.ANYONE.value,
                                             server_default=Eligibility.ANYONE.value)
    score_all: Mapped[bool] = mapped_column(default=True, server_default=true())
    changes_allowed: Mapped[bool] = mapped_column(default=True, server_default=true())
    age_band_required: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Reminders to eligible non-voters sent so far (the next one is number reminders_sent + 1).
    reminders_sent: Mapped[int] = mapped_column(default=0, server_default="0")
    # Days after the results when each funded group is asked for an update ("30,90,180",
    # models/update_schedule.py); None: the setting PROJECT_UPDATE_DAYS.
    update_days: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    areas: Mapped[list[Area]] = relationship(
        back_populates="round", lazy="selectin", order_by="Area.id",
        cascade="all, delete-orphan",
    )

    def name(self, locale: str | None) -> str:
        return (self.name_cy or self.name_en) if locale == "cy" else self.name_en

    def english_only(self, locale: str | None) -> bool:
        """A Welsh reader gets the English name: it must say so (bot/ui/names.py)."""
        return locale == "cy" and not self.name_cy

    def area(self, area_id: int | None) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    @property
    def pot_pence(self) -> int:
        return sum(area.pot_pence for area in self.areas)


class Area(Base):
    __tablename__ = "round_areas"
    __table_args__ = (UniqueConstraint("round_id", "code", name="uq_round_areas_round_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(5))
    name_en: Mapped[str] = mapped_column(String(AREA_NAME_LIMIT))
    name_cy: Mapped[str | None] = mapped_column(String(AREA_NAME_LIMIT))  # None: no Welsh
    pot_pence: Mapped[int] = mapped_column(BigInteger)

    round: Mapped[Round] = relationship(back_populates="areas")

    def name(self, locale: str | None) -> str:
        return (self.name_cy or self.name_en) if locale == "cy" else self.name_en

    def english_only(self, locale: str | None) -> bool:
        return locale == "cy" and not self.name_cy


# ---------------------------------------------------------------------------------------------
# Pure rules


def accepting_bids(round_: Round, now: datetime) -> bool:
    return round_.status == RoundStatus.OPEN and now < round_.bid_deadline


def can_move(current: str, target: RoundStatus) -> bool:
    return target in MANUAL_MOVES.get(RoundStatus(current), ())


@dataclass(frozen=True)
class AreaSpec:
    code: str
    name_en: str
    name_cy: str | None  # None: no Welsh given (an import's {en: ...} alone)
    pot_pence: int


@dataclass(frozen=True)
class RoundSpec:
    name_en: str
    name_cy: str | None  # None: no Welsh given
    areas: tuple[AreaSpec, ...]
    max_bid_pence: int
    bid_deadline: datetime
    priorities: tuple[tuple[str, str], ...] = ()
    questions: tuple[str, ...] = DEFAULT_QUESTIONS
    voting_opens: datetime | None = None
    voting_closes: datetime | None = None
    ballot_kind: BallotKind = BallotKind.SCORE
    ballot_n: int | None = None
    ballot_tokens: int | None = None
    allocation_rule: AllocationRule = AllocationRule.GREEDY
    allocation_policy: Policy = Policy.SKIP
    status: RoundStatus = RoundStatus.DRAFT
    eligibility: Eligibility = Eligibility.ANYONE
    score_all: bool = True
    changes_allowed: bool = True
    age_band_required: bool = False
    update_days: tuple[int, ...] | None = None  # None: the setting PROJECT_UPDATE_DAYS


def spec_problems(spec: RoundSpec, now: datetime) -> list[str]:
    """Everything wrong with a round before it is created, in plain words (empty: fine)."""
    problems: list[str] = []
    for label, text, limit in (("English name", spec.name_en, NAME_LIMIT),
                               ("Welsh name", spec.name_cy, NAME_LIMIT)):
        if text is None:  # no Welsh given: residents are told the name is only in English
            continue
        if not text.strip():
            problems.append(f"the {label} is empty")
        elif len(text) > limit:
            problems.append(f"the {label} is longer than {limit} characters")
    problems += area_problems(spec.areas)
    if spec.max_bid_pence <= 0:
        problems.append("the maximum bid must be more than £0")
    elif spec.areas and spec.max_bid_pence > max(a.pot_pence for a in spec.areas):
        problems.append("the maximum bid is more than the largest pot")
    if len(spec.priorities) > MAX_PRIORITIES:
        problems.append(f"more than {MAX_PRIORITIES} priorities")
    for number, (english, welsh) in enumerate(spec.priorities, start=1):
        if not english.strip() or not welsh.strip():
            problems.append(f"priority {number} needs both English and Welsh")
        elif max(len(english), len(welsh)) > PRIORITY_LIMIT:
            problems.append(f"priority {number} is longer than {PRIORITY_LIMIT} characters")
    problems += question_problems(list(spec.questions), len(spec.areas))
    if spec.status in (RoundStatus.DRAFT, RoundStatus.OPEN) and spec.bid_deadline <= now:
        problems.append("the bid deadline has already passed")
    problems += voting_window_problems(spec.bid_deadline, spec.voting_opens, spec.voting_closes)
    if spec.ballot_kind == BallotKind.TOP_N and not (spec.ballot_n or 0) >= 1:
        problems.append("a top_n ballot needs n (how many bids each voter may tick), at least 1")
    if spec.ballot_kind == BallotKind.TOKENS and not (spec.ballot_tokens or 0) >= 1:
        problems.append("a tokens ballot needs tokens (how many each voter spreads), at least 1")
    if spec.status not in (RoundStatus.DRAFT, RoundStatus.OPEN):
        problems.append("a new round starts as draft or open")
    if spec.update_days is not None:
        problems += schedule_problems(spec.update_days)
    return problems


def area_problems(areas: tuple[AreaSpec, ...]) -> list[str]:
    problems = [] if areas else ["a round needs at least one area"]
    codes = [area.code for area in areas]
    problems += [f"area code {code} is used twice" for code in sorted(set(codes))
                 if codes.count(code) > 1]
    for area in areas:
        if not AREA_CODE.match(area.code):
            problems.append(f"area code {area.code!r} must be 2 to 5 capital letters or digits")
        if not area.name_en.strip() or (area.name_cy is not None and not area.name_cy.strip()):
            problems.append(f"area {area.code} needs a name in English and Welsh")
        elif max(len(area.name_en), len(area.name_cy or "")) > AREA_NAME_LIMIT:
            problems.append(f"area {area.code}'s name is longer than {AREA_NAME_LIMIT} characters")
        if area.pot_pence <= 0:
            problems.append(f"area {area.code} needs a pot of more than £0")
    return problems


def voting_window_problems(deadline: datetime, opens: datetime | None,
                           closes: datetime | None) -> list[str]:
    problems = []
    if opens is not None and opens < deadline:
        problems.append("voting opens before the bid deadline")
    if opens is not None and closes is not None and closes <= opens:
        problems.append("voting closes before it opens")
    if (opens is None) != (closes is None):
        problems.append("give both when voting opens and when it closes, or neither")
    return problems


# ---------------------------------------------------------------------------------------------
# Queries


async def create_round(session: AsyncSession, spec: RoundSpec) -> Round:
    round_ = Round(
        name_en=spec.name_en.strip(), name_cy=_welsh(spec.name_cy), status=spec.status.value,
        max_bid_pence=spec.max_bid_pence,
        priorities=[{"en": en.strip(), "cy": cy.strip()} for en, cy in spec.priorities],
        questions=list(spec.questions), bid_deadline=spec.bid_deadline,
        voting_opens=spec.voting_opens, voting_closes=spec.voting_closes,
        ballot_kind=spec.ballot_kind.value, ballot_n=spec.ballot_n,
        ballot_tokens=spec.ballot_tokens, allocation_rule=spec.allocation_rule.value,
        allocation_policy=spec.allocation_policy.value,
        eligibility=spec.eligibility.value, score_all=spec.score_all,
        changes_allowed=spec.changes_allowed, age_band_required=spec.age_band_required,
        update_days=stored(spec.update_days) if spec.update_days else None,
        areas=[Area(code=a.code, name_en=a.name_en.strip(), name_cy=_welsh(a.name_cy),
                    pot_pence=a.pot_pence) for a in spec.areas],
    )
    session.add(round_)
    await session.flush()
    return round_


def _welsh(text: str | None) -> str | None:
    return (text or "").strip() or None


async def get_round(session: AsyncSession, round_id: int) -> Round | None:
    # Areas joined, not the relationship's second SELECT: every vote tap reads a round.
    return await session.get(Round, round_id, options=[joinedload(Round.areas)])


async def rounds_taking_bids(session: AsyncSession, now: datetime) -> list[Round]:
    return list(await session.scalars(
        select(Round).where(Round.status == RoundStatus.OPEN, Round.bid_deadline > now)
        .order_by(Round.bid_deadline, Round.id)
    ))


async def all_rounds(session: AsyncSession) -> list[Round]:
    return list(await session.scalars(select(Round).order_by(Round.id.desc())))


async def move_round(session: AsyncSession, round_: Round, target: RoundStatus) -> bool:
    """Move a round on from the status it has now; false (nothing changes) if it has moved."""
    if not can_move(round_.status, target):
        return False
    return await shift_status(session, round_, target, source=(RoundStatus(round_.status),))


async def shift_status(session: AsyncSession, round_: Round, target: RoundStatus, *,
                       source: tuple[RoundStatus, ...]) -> bool:
    """Move the round to `target` if it is in one of `source` in the database, in one UPDATE,
    so two organisers (or processes) tapping at once cannot both move it; false otherwise."""
    result = await session.execute(
        update(Round).where(Round.id == round_.id, Round.status.in_(source))
        .values(status=target.value).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    set_committed_value(round_, "status", target.value)
    return True


async def next_bid_number(session: AsyncSession, round_id: int) -> int:
    return await session.scalar(
        update(Round).where(Round.id == round_id)
        .values(last_bid_number=Round.last_bid_number + 1)
        .returning(Round.last_bid_number)
    )


# ---------------------------------------------------------------------------------------------
# Reading what organisers type in /newround


_AREA_LINE = re.compile(r"^\s*(?P<code>[A-Za-z0-9]{2,5})\s+(?P<names>.+?)\s+"
                        r"(?P<pot>£?\s*[\d][\d,. ]*\s*[kKmM]?)\s*$")


def parse_areas(text: str) -> tuple[list[AreaSpec], int | None]:
    """'SPK Speke £20,000' or 'GAR Garston / Garston £6k', one area per line.

    Returns the areas, or the number of the first line that can't be read.
    """
    areas = []
    lines = [line for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        match = _AREA_LINE.match(line)
        pot = parse_amount(match["pot"]) if match else None
        if match is None or not pot:
            return [], number
        english, _, welsh = (part.strip() for part in match["names"].partition("/"))
        if not english:
            return [], number
        areas.append(AreaSpec(code=match["code"].upper(), name_en=english,
                              name_cy=welsh or english, pot_pence=pot))
    return areas, (1 if not areas else None)


def parse_priorities(text: str) -> tuple[list[tuple[str, str]], int | None]:
    """'English / Cymraeg', one priority per line; bullets people paste in are dropped."""
    priorities = []
    lines = [line for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        english, slash, welsh = (part.strip() for part in line.strip(" -•*\t").partition("/"))
        if not slash or not english or not welsh:
            return [], number
        priorities.append((english, welsh))
    return priorities, (1 if not priorities else None)


def parse_question_keys(text: str) -> list[str]:
    return [key.strip().lower() for key in re.split(r"[,\s]+", text) if key.strip()]
