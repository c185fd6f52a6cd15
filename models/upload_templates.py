"""Example files for every import (/template): World Café questions, paper ballot sheets,
events and a PB round, each with notes in the organiser's language.

The keys and column names stay the machine names the importers read (group, en, cy; sheet;
title_en…), and the notes say what each means. `say(key)` gives a note's words in the
organiser's language (locales/*/uploads.ftl, `tpl-*`). Dates are a month or so ahead of `now`,
so a template sent back unchanged is accepted; the ballot sheet's example row is a note, so a
blank sheet file never counts a made-up vote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from itertools import cycle
from zoneinfo import ZoneInfo

from models.round import BallotKind

Say = Callable[[str], str]
SCORE_EXAMPLE = (4, 5, 2, 3, 1)


def _notes(say: Say, *keys: str) -> list[str]:
    # A straight double quote could open a quoted CSV cell across lines; notes never need one.
    return [f"# {say(key)}".replace('"', "”") for key in keys]


def _day(now: datetime, tz: ZoneInfo, days: int, time: str) -> str:
    return f"{(now.astimezone(tz) + timedelta(days=days)).date().isoformat()} {time}"


def questions_yaml(say: Say) -> bytes:
    lines = [*_notes(say, "tpl-questions-about", "tpl-questions-group",
                     "tpl-questions-group-cy", "tpl-questions-en", "tpl-questions-cy",
                     "tpl-questions-welsh-optional", "tpl-keys", "tpl-notes"),
             "questions:",
             "  - group: Table 1",
             "    group_cy: Bwrdd 1",
             "    en: What would make your area a better place to live?",
             "    cy: Beth fyddai'n gwneud eich ardal yn lle gwell i fyw?",
             "  - group: Table 2",
             "    group_cy: Bwrdd 2",
             "    en: Who is missing from this conversation?",
             "    cy: Pwy sydd ar goll o'r sgwrs hon?"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def ballots_csv(say: Say, kind: str, references: Sequence[str], welsh: bool) -> bytes:
    """Headings for the round's bids, and an example row (as a note) its ballot allows."""
    if kind == BallotKind.SCORE:
        marks = [str(mark) for mark, _ in zip(cycle(SCORE_EXAMPLE), references, strict=False)]
    else:  # ticks (approval, top-n, knapsack) or tokens: one mark on the first bid fits all
        marks = ["x" if kind != BallotKind.TOKENS else "1"] + [""] * (len(references) - 1)
    lines = [*_notes(say, "tpl-ballots-about", "tpl-ballots-columns", "tpl-ballots-marks",
                     "tpl-notes"),
             ",".join(["taflen" if welsh else "sheet", *references]),
             *_notes(say, "tpl-ballots-example"),
             "# " + ",".join(["1", *marks])]
    # UTF-8 with a byte-order mark, so Excel shows Welsh letters (ŵ, ŷ) correctly.
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def events_yaml(say: Say, now: datetime, tz: ZoneInfo) -> bytes:
    lines = [*_notes(say, "tpl-events-about", "tpl-events-kind", "tpl-events-titles",
                     "tpl-events-descriptions", "tpl-events-place", "tpl-events-times",
                     "tpl-events-asks", "tpl-events-optional", "tpl-events-roles", "tpl-keys",
                     "tpl-notes"),
             "events:",
             "  - kind: World Café",
             "    title_en: Riverside World Café",
             "    title_cy: Caffi'r Byd Glan yr Afon",
             "    description_en: An evening at small tables on what our area needs.",
             "    description_cy: Noson wrth fyrddau bach am beth sydd ei angen ar ein hardal.",
             "    area: Riverside",
             "    venue: Riverside Community Centre",
             "    address: 1 River Street",
             f"    start: {_day(now, tz, 30, '18:30')}",
             '    end: "20:30"',
             "    capacity: 60",
             "    ask_first_name: yes",
             "    ask_access: yes",
             "    reminders: 24h, 2h",
             "    roles: [{en: Welcome desk, cy: Desg groeso}]"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def rounds_yaml(say: Say, now: datetime, tz: ZoneInfo) -> bytes:
    lines = [*_notes(say, "tpl-rounds-about", "tpl-keys", "tpl-notes"),
             *_notes(say, "tpl-rounds-name"),
             "name:",
             "  en: Riverside decides",
             "  cy: Glan yr Afon yn penderfynu",
             *_notes(say, "tpl-rounds-status"),
             "status: draft",
             *_notes(say, "tpl-rounds-areas"),
             "areas:",
             "  - code: RIV",
             "    name: {en: Riverside, cy: Glan yr Afon}",
             "    pot: £10,000",
             *_notes(say, "tpl-rounds-money"),
             "max_bid: £2,000",
             *_notes(say, "tpl-rounds-priorities"),
             "priorities:",
             "  - en: Things for young people to do",
             "    cy: Pethau i bobl ifanc eu gwneud",
             *_notes(say, "tpl-rounds-deadline"),
             f"bid_deadline: {_day(now, tz, 30, '17:00')}",
             *_notes(say, "tpl-rounds-voting"),
             "voting:",
             f"  opens: {_day(now, tz, 45, '10:00')}",
             f"  closes: {_day(now, tz, 45, '16:00')}",
             *_notes(say, "tpl-rounds-ballot"),
             "ballot: {kind: score}",
             "allocation: {rule: greedy}",
             *_notes(say, "tpl-rounds-who"),
             "who_may_vote: anyone",
             "age_band: no",
             *_notes(say, "tpl-rounds-update-days"),
             "update_days: 30, 90, 180"]
    return ("\n".join(lines) + "\n").encode("utf-8")
