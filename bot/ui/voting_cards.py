"""Printable voting-code cards: A4 pages of eight cards, as one PDF.

Each card carries the round's name (English and Welsh), a QR code of the deep link
`https://t.me/<bot>?start=v_<code>`, the code written out (for anyone who can't scan: send
`/code <code>` to the bot), and one bilingual line of instructions. Cut along the grey lines.
The codes are not kept anywhere else: print the file, or make new cards.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw

from bot.ui.poster import POSTER_SIZE, font, qr_image, wrap
from models.voting_code import spaced

COLUMNS, ROWS = 2, 4
CARDS_PER_PAGE = COLUMNS * ROWS
PAGE_MARGIN = 40
PADDING = 24


def code_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start=v_{code}"


def cards_pdf(codes: Sequence[str], *, bot_username: str, titles: Sequence[str],
              instructions: Sequence[str]) -> bytes:
    """A PDF with one card per code, eight to an A4 page (150 dots per inch)."""
    pages = [_page(codes[start:start + CARDS_PER_PAGE], bot_username, titles, instructions)
             for start in range(0, len(codes), CARDS_PER_PAGE)]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=150.0, save_all=True, append_images=pages[1:])
    return out.getvalue()


def _page(codes: Sequence[str], bot_username: str, titles: Sequence[str],
          instructions: Sequence[str]) -> Image.Image:
    page = Image.new("RGB", POSTER_SIZE, "white")
    draw = ImageDraw.Draw(page)
    width = (POSTER_SIZE[0] - 2 * PAGE_MARGIN) // COLUMNS
    height = (POSTER_SIZE[1] - 2 * PAGE_MARGIN) // ROWS
    for number, code in enumerate(codes):
        left = PAGE_MARGIN + (number % COLUMNS) * width
        top = PAGE_MARGIN + (number // COLUMNS) * height
        draw.rectangle((left, top, left + width, top + height), outline="#999999", width=2)
        _card(page, draw, (left, top, width, height), code, bot_username, titles, instructions)
    return page


def _card(page: Image.Image, draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int],
          code: str, bot_username: str, titles: Sequence[str],
          instructions: Sequence[str]) -> None:
    left, top, width, height = box
    inner = width - 2 * PADDING
    y = top + PADDING
    for number, title in enumerate(titles):
        face = font(24, bold=number == 0)
        for line in wrap(title, face, inner, max_lines=1):
            draw.text((left + PADDING, y), line, font=face, fill="black")
            y += 30
    qr = qr_image(code_link(bot_username, code), box_size=1)
    side = qr.width * max(1, (height - (y - top) - PADDING - 10) // qr.width)
    side = min(side, qr.width * max(1, (inner // 2) // qr.width))
    page.paste(qr.resize((side, side), Image.Resampling.NEAREST), (left + PADDING, y + 6))
    text_left = left + PADDING + side + 18
    text_width = left + width - PADDING - text_left
    face = font(30, bold=True)
    draw.text((text_left, y + 10), spaced(code), font=face, fill="black")
    line_y = y + 60
    small = font(18)
    for instruction in instructions:
        for line in wrap(instruction, small, text_width, max_lines=4):
            draw.text((text_left, line_y), line, font=small, fill="#222222")
            line_y += 23
        line_y += 8
    draw.text((text_left, line_y), f"t.me/{bot_username}", font=small, fill="#444444")
