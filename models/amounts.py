"""Money as people type it ("£1,500", "1.5k", "2,000.00") and as the bot shows it, in pence.

Amounts are whole pence in `int` everywhere (no floats: a rounding slip can change who is
funded). `parse_amount` is deliberately strict about anything ambiguous: "1,50" or "1.500" could
be a typo for £150 or £1,500 (or a European £1.500), so they get a question, not a guess.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Thousands grouped by commas or single spaces ("1,500", "1 500"), or plain digits ("1500").
_WHOLE = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ ]\d{3})+|\d+"  # [ ]: the pattern is VERBOSE
_AMOUNT = re.compile(
    rf"""^£?\s*
    (?P<whole>{_WHOLE})(?:\.(?P<fraction>\d+))?
    \s*(?P<scale>k|m)?
    \s*(?:gbp|pounds?|quid|punt|punnoedd)?$""",
    re.VERBOSE,
)
_SCALES = {None: 1, "k": 1_000, "m": 1_000_000}
# More than any pot or bid pbchat will see (£10 million); keeps stored values far inside BIGINT.
MAX_PENCE = 10_000_000_00


def parse_amount(text: str) -> int | None:
    """Pence from an amount in pounds as people write it, or None if it isn't one.

    Understood: "£1,500", "1500", "1.5k", "£2k", "2,000.00", "£1,500.50", "1 500", "300 pounds".
    Plain amounts take at most two decimals; with k or m any decimals that still come to whole
    pence ("1.2345k" is £1,234.50). Negative, empty and absurdly large amounts are None.
    """
    match = _AMOUNT.match(text.strip().lower())
    if match is None:
        return None
    fraction, scale = match["fraction"], match["scale"]
    if fraction is not None and scale is None and len(fraction) > 2:
        return None
    digits = match["whole"].replace(",", "").replace(" ", "")
    try:
        pounds = Decimal(f"{digits}.{fraction or 0}") * _SCALES[scale]
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        return None
    pence = pounds * 100
    if pence != pence.to_integral_value() or pence > MAX_PENCE:
        return None
    return int(pence)


def format_pounds(pence: int) -> str:
    """'£1,500' for whole pounds, '£1,500.50' otherwise: what a UK reader expects."""
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}" if rest == 0 else f"£{pounds:,}.{rest:02d}"
