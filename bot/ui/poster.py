"""Printable images: an event poster with a big QR code, and a resident's door-code card.

The poster's QR is the event's deep link, so scanning it opens this bot (the real one, not a
look-alike) straight on the event. PNG bytes are returned; nothing touches the disk.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

# A4 at 150 dots per inch: prints sharp, stays small enough to send quickly.
POSTER_SIZE = (1240, 1754)
MARGIN = 90
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
             "/usr/share/fonts/TTF", "/Library/Fonts")
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def font(size: int, bold: bool = False) -> Font:
    for folder in FONT_DIRS:
        path = Path(folder) / FONT_FILES[bold]
        if path.exists():
            return ImageFont.truetype(str(path), size)
    # Pillow's own scalable font: plainer, but the poster still works without DejaVu.
    return ImageFont.load_default(size=size)


def qr_image(data: str, box_size: int = 10) -> Image.Image:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=2)
    code.add_data(data)
    code.make(fit=True)
    return code.make_image(fill_color="black", back_color="white").get_image().convert("RGB")


def wrap(text: str, face: Font, width: int, max_lines: int = 3) -> list[str]:
    """Greedy word wrap to `width` pixels; an over-long last line ends with an ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if face.getlength(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and face.getlength(lines[-1] + "…") > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


def _centred(draw: ImageDraw.ImageDraw, y: int, lines: Sequence[str], face: Font,
             fill: str = "black", spacing: int = 10) -> int:
    for line in lines:
        left, top, right, bottom = draw.textbbox((0, 0), line, font=face)
        draw.text(((POSTER_SIZE[0] - (right - left)) // 2, y - top), line, font=face, fill=fill)
        y += (bottom - top) + spacing
    return y


def poster(*, titles: Sequence[str], when: Sequence[str], place: str, link: str,
           call_to_action: str) -> bytes:
    """The printable poster: titles (English, then Welsh), dates, place, QR, the link."""
    image = Image.new("RGB", POSTER_SIZE, "white")
    draw = ImageDraw.Draw(image)
    width = POSTER_SIZE[0] - 2 * MARGIN
    y = MARGIN
    for number, title in enumerate(titles):
        face = font(68 if number == 0 else 52, bold=number == 0)
        y = _centred(draw, y, wrap(title, face, width, max_lines=2), face) + 14
    y += 10
    y = _centred(draw, y, [line for text in when for line in wrap(text, font(40), width, 1)],
                 font(40), fill="#222222") + 6
    y = _centred(draw, y, wrap(place, font(36), width, 2), font(36), fill="#222222")
    footer = 220
    room = min(width, POSTER_SIZE[1] - y - footer - 40)
    code = qr_image(link, box_size=1)
    # A whole number of pixels per module keeps every square the same size when printed.
    side = code.width * max(1, room // code.width)
    code = code.resize((side, side), Image.Resampling.NEAREST)
    image.paste(code, ((POSTER_SIZE[0] - side) // 2, y + 20))
    y += 20 + side + 30
    y = _centred(draw, y, wrap(call_to_action, font(44, bold=True), width, 2),
                 font(44, bold=True))
    _centred(draw, y + 6, [link], font(30), fill="#444444")
    return _png(image)


def code_card(code: str, caption: str) -> bytes:
    """The door code as a QR (for a scanner) with the code written under it (to read out)."""
    qr = qr_image(code, box_size=16)
    face, small = font(72, bold=True), font(28)
    height = qr.height + 170
    image = Image.new("RGB", (max(qr.width, 520), height), "white")
    image.paste(qr, ((image.width - qr.width) // 2, 0))
    draw = ImageDraw.Draw(image)
    for text, face_, y in ((code, face, qr.height + 10), (caption, small, qr.height + 110)):
        left, top, right, _ = draw.textbbox((0, 0), text, font=face_)
        draw.text(((image.width - (right - left)) // 2, y - top), text, font=face_, fill="black")
    return _png(image)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
