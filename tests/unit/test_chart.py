"""The results chart: a PNG of the right size, one bar per bid, funded bars in their own colour."""

from __future__ import annotations

import io
from fractions import Fraction

from PIL import Image

from bot.ui.chart import (
    FUNDED,
    MARGIN,
    MIN_BAR,
    NOT_FUNDED,
    ROW,
    TOP,
    WIDTH,
    Bar,
    bar_box,
    chart_size,
    support_chart,
)
from tests.support.factories import bar_runs

BARS = [Bar("SPK-002 Boxing club kit and coaching for girls " * 3, 37, True),
        Bar("SPK-001 Youth café", 27, False),
        Bar("SPK-003 Allotment", 27, True),
        Bar("SPK-004 Nobody liked it", 0, False)]


def decode(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("RGB")


def test_the_chart_is_a_png_sized_for_a_phone_with_one_bar_per_bid():
    png = support_chart(BARS, "Support per bid: Speke", "funded", "not funded")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = decode(png)
    assert image.size == chart_size(4) == (WIDTH, TOP + 4 * ROW + 40)
    runs = bar_runs(image, MARGIN + 2)
    assert runs == [(bar_box(i, 0)[1], FUNDED if bar.funded else NOT_FUNDED)
                    for i, bar in enumerate(BARS)]


def test_bar_lengths_follow_support_and_an_unsupported_bid_is_still_a_sliver():
    image = decode(support_chart(BARS, "Support", "funded", "not funded"))

    def length(index: int) -> int:
        y = (bar_box(index, 0)[1] + bar_box(index, 0)[3]) // 2
        x = MARGIN
        colour = image.getpixel((x, y))
        while image.getpixel((x, y)) == colour:
            x += 1
        return x - MARGIN

    longest, second, third, none = (length(i) for i in range(4))
    assert second == third  # equal support, equal bars, funded or not
    assert abs(second / longest - 27 / 37) < 0.01
    assert none == MIN_BAR


def test_long_titles_are_cut_and_fractions_and_empty_rounds_still_draw():
    png = support_chart([Bar("x" * 500, Fraction(7, 2), False)], "T" * 300, "a", "b")
    assert decode(png).size == chart_size(1)
    assert decode(support_chart([], "Nothing", "a", "b")).size == chart_size(0)
