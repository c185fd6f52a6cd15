"""Amounts as people type them: examples, then properties over many generated inputs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.amounts import MAX_PENCE, format_pounds, parse_amount

POUNDS = st.integers(min_value=0, max_value=MAX_PENCE // 100)
PENCE = st.integers(min_value=0, max_value=MAX_PENCE)


@pytest.mark.parametrize(("text", "pence"), [
    ("£1,500", 150_000),
    ("1500", 150_000),
    ("1.5k", 150_000),
    ("£2k", 200_000),
    ("2,000.00", 200_000),
    ("£1,500.50", 150_050),
    ("  £ 1 500 ", 150_000),
    ("1.5K", 150_000),
    ("£2,000 pounds", 200_000),
    ("300 quid", 30_000),
    ("500 punt", 50_000),
    ("£0.5", 50),
    ("1.2345k", 123_450),
    ("£1m", 100_000_000),
])
def test_amounts_as_people_write_them(text, pence):
    assert parse_amount(text) == pence


@pytest.mark.parametrize("text", [
    "", "£", "abc", "-500", "£-5", "1,50", "1.500", "1.555", "1,5000", "12,34,567",
    "1.23456789k", "one thousand", "£1,500 and change", "1500 euros", "2k2", "1e3", "0x10",
    "£1.5.0", "99999999999",
])
def test_ambiguous_or_not_an_amount(text):
    assert parse_amount(text) is None


@given(PENCE)
def test_what_the_bot_shows_reads_back_the_same(pence):
    assert parse_amount(format_pounds(pence)) == pence


@given(POUNDS)
def test_whole_pounds_in_every_usual_spelling(pounds):
    pence = pounds * 100
    assert parse_amount(str(pounds)) == pence
    assert parse_amount(f"£{pounds}") == pence
    assert parse_amount(f"£{pounds:,}") == pence
    assert parse_amount(f"{pounds:,}.00") == pence
    assert parse_amount(f"{pounds:,}".replace(",", " ")) == pence
    assert parse_amount(f" £{pounds:,} pounds ".upper()) == pence


@given(st.integers(min_value=0, max_value=9_999), st.integers(min_value=0, max_value=9))
def test_thousands_with_k(whole, tenth):
    assert parse_amount(f"{whole}k") == whole * 100_000
    assert parse_amount(f"£{whole}.{tenth}K") == whole * 100_000 + tenth * 10_000


@given(st.text(max_size=40))
def test_any_text_gives_none_or_whole_pence(text):
    result = parse_amount(text)
    assert result is None or (isinstance(result, int) and 0 <= result <= MAX_PENCE)


@given(st.text(alphabet="£0123456789,. kmKM", max_size=20))
def test_case_and_surrounding_space_never_matter(text):
    assert parse_amount(f"  {text.upper()}\t") == parse_amount(text.lower())


@given(PENCE)
def test_shown_amounts_look_british(pence):
    shown = format_pounds(pence)
    assert shown.startswith("£")
    assert shown.endswith(".00") is False
    assert ("." in shown) == (pence % 100 != 0)
