"""Bids as a CSV file for organisers: one row per bid sent to a round, every answer in full."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from models.amounts import format_pounds
from models.bid import Bid
from models.round import Round

COLUMNS = ("reference", "area", "status", "group", "title", "what it will do", "voice note",
           "photo", "who benefits", "amount", "amount_pence", "contact", "submitted",
           "organisers' note")
# Spreadsheets run cells starting with these as formulas; a bid is text, never a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def bids_csv(round_: Round, bids: list[Bid], tz: ZoneInfo) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Welsh letters (ŵ, ŷ) correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for bid in bids:
        area = round_.area(bid.area_id)
        writer.writerow([_cell(v) for v in (
            bid.reference or "", area.code if area else "", bid.status, bid.group_name or "",
            bid.title or "", bid.description or "", "yes" if bid.voice_file_id else "",
            "yes" if bid.photo_file_id else "", bid.beneficiaries or "",
            format_pounds(bid.amount_pence) if bid.amount_pence is not None else "",
            bid.amount_pence if bid.amount_pence is not None else "", bid.contact or "",
            bid.submitted_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if bid.submitted_at
            else "",
            bid.decision_note or "",
        )])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
