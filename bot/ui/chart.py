"""The results chart: one horizontal bar per bid, its support, funded bars in green.

Horizontal bars, because a phone is narrow and tall: every bid gets a full-width row with its
reference and title above its bar, readable without zooming, and a long round just scrolls.
Funded bars are dark green, the others light grey (told apart by lightness too, so the chart
reads in greyscale and for colour-blind eyes), with a legend at the top. PNG bytes are returned.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from PIL import Image, ImageDraw

from bot.ui.poster import Font, font

WIDTH = 1080  # Telegram shows photos up to 1280 px wide; 1080 stays sharp on a phone
MARGIN = 40
TOP = 170  # title and legend
ROW = 112  # one bid: label line, then its bar
LABEL_HEIGHT = 48
BAR_HEIGHT = 46
BOTTOM = 40
VALUE_ROOM = 190  # right of the longest bar, for its number
MIN_BAR = 6  # a bid nobody supported still shows as a sliver
FUNDED = (0, 122, 61)
NOT_FUNDED = (178, 182, 188)
BACKGROUND = (255, 255, 255)
INK = (25, 25, 25)


@dataclass(frozen=True)
class Bar:
    label: str  # "SPK-014 Youth football on Friday nights"
    support: int | Fraction
    funded: bool


def chart_size(bars: int) -> tuple[int, int]:
    return WIDTH, TOP + max(bars, 1) * ROW + BOTTOM


def bar_box(index: int, width: int) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of bar `index` that is `width` pixels long."""
    top = TOP + index * ROW + LABEL_HEIGHT
    return MARGIN, top, MARGIN + width, top + BAR_HEIGHT


def bar_width(support: int | Fraction, most: int | Fraction) -> int:
    longest = WIDTH - 2 * MARGIN - VALUE_ROOM
    if not most or support <= 0:
        return MIN_BAR
    return max(MIN_BAR, int(longest * Fraction(support) / Fraction(most)))


def fit(text: str, face: Font, width: int) -> str:
    """`text` cut to `width` pixels, ending in an ellipsis when cut."""
    if face.getlength(text) <= width:
        return text
    while text and face.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _number(value: int | Fraction) -> str:
    return f"{int(value):,}" if Fraction(value).denominator == 1 else f"{float(value):,.1f}"


def support_chart(bars: Sequence[Bar], title: str, funded: str, not_funded: str) -> bytes:
    """The chart as PNG: `title` on top, a legend with the words `funded` / `not_funded`."""
    image = Image.new("RGB", chart_size(len(bars)), BACKGROUND)
    draw = ImageDraw.Draw(image)
    heading, label_face, value_face = font(44, bold=True), font(32), font(32, bold=True)
    draw.text((MARGIN, 28), fit(title, heading, WIDTH - 2 * MARGIN), font=heading, fill=INK)
    x = MARGIN
    for colour, word in ((FUNDED, funded), (NOT_FUNDED, not_funded)):
        draw.rectangle((x, 108, x + 36, 140), fill=colour)
        draw.text((x + 48, 106), word, font=label_face, fill=INK)
        x += 48 + int(label_face.getlength(word)) + 48
    most = max((bar.support for bar in bars), default=0)
    for index, bar in enumerate(bars):
        row_top = TOP + index * ROW
        draw.text((MARGIN, row_top + 4), fit(bar.label, label_face, WIDTH - 2 * MARGIN),
                  font=label_face, fill=INK)
        left, top, right, bottom = bar_box(index, bar_width(bar.support, most))
        draw.rectangle((left, top, right - 1, bottom - 1),
                       fill=FUNDED if bar.funded else NOT_FUNDED)
        draw.text((right + 14, top + 4), _number(bar.support), font=value_face, fill=INK)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
