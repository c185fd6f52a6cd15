"""Plain-English reasons, one line per bid, for the `tally` command line."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction

from models.pabulib import Amount
from models.tally.outcome import BidOutcome, Reason, Result


def explain(
    result: Result,
    *,
    currency: str = "",
    names: Mapping[str, str] | None = None,
    support_unit: str = "supporters",
) -> list[str]:
    """One plain-English line per bid (input order) saying why it was or was not funded.

    English only: this serves the command line; the bot words its own messages from the same
    BidOutcome fields.
    """
    money = _money_formatter(currency)
    lines = []
    for pid, bid in result.bids.items():
        label = f"{pid} {names[pid]}" if names and names.get(pid) else pid
        lines.append(f"{label}: {_why(bid, result, money, support_unit)}")
    return lines


def _why(bid: BidOutcome, result: Result, money: Callable[[Amount], str], unit: str) -> str:
    backing = f"{_number(bid.support)} {unit}, cost {money(bid.cost)}"
    if bid.reason == Reason.FUNDED:
        if bid.stage == "equal-shares":
            most = max(result.payments[bid.project_id], default=0)
            return (
                f"Funded {_ordinal(bid.position)} by equal shares: {backing}, "
                f"no supporter paid more than {money(most)}"
            )
        if bid.stage == "completion":
            return f"Funded {_ordinal(bid.position)} from the money equal shares left: {backing}"
        return f"Funded {_ordinal(bid.position)}: {backing}"
    if bid.reason == Reason.PARTLY_FUNDED:
        return (
            f"Partly funded {_ordinal(bid.position)}: offered the {money(bid.granted)} left "
            f"in the pot, it asked for {money(bid.cost)}"
        )
    if bid.reason == Reason.NO_SUPPORT:
        return "Not funded: nobody supported it"
    if bid.reason == Reason.COUNT_STOPPED:
        return "Not funded: the count stopped at a bid ranked above it that did not fit"
    short = ""
    if bid.supporters_left is not None:
        short = (
            f"its supporters had {money(bid.supporters_left)} left between them "
            f"(each voter started with {money(result.share)}), it costs {money(bid.cost)}"
        )
    if bid.reason == Reason.SUPPORTERS_SHORT:
        return f"Not funded: {short}"
    left = f"{money(bid.pot_left)} left in the pot after the bids ranked above it"
    if short:
        return f"Not funded: {short}; then only {left}"
    return f"Not funded: {left}, it costs {money(bid.cost)}"


def _money_formatter(currency: str) -> Callable[[Amount], str]:
    suffix = f" {currency}" if currency else ""
    return lambda amount: f"{_number(amount)}{suffix}"


def _number(amount: Amount) -> str:
    """12400 -> "12,400"; fractions to two decimals, rounded down so no one is flattered."""
    if Fraction(amount).denominator == 1:
        return f"{int(amount):,}"
    cents = math.floor(Fraction(amount) * 100)
    return f"{cents // 100:,}.{cents % 100:02d}"


def _ordinal(place: int | None) -> str:
    place = place or 0
    suffix = "th" if 10 <= place % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(place % 10, "th")
    return f"{place}{suffix}"
