"""How the World Café reads in a chat, the notices that open a question for everyone checked
in, and the printable QR card for a table.

Every screen a resident sees ends with the safety signposts (`safety-signposts` in main.ftl):
the bot is not a crime-reporting channel, and a World Café question about young people and
crime is where someone might think it is.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from bot.ui.event_texts import Texts, deep_link, escape, only_in_english
from bot.ui.poster import font, qr_image, wrap
from models import worldcafe as cafe
from models.event import Event
from models.worldcafe import Question

CARD_SIZE = (1240, 1754)  # A4 at 150 dpi, like the event poster
CARD_MARGIN = 90


def cafe_link(bot_username: str, question: Question) -> str:
    return deep_link(bot_username, f"wc_{question.token}")


def screen(i18n: Texts, body: str) -> str:
    """A resident's World Café message: what it says, then the signposts."""
    return f"{body}\n\n{i18n.get('safety-signposts')}"


def question_screen(i18n: Texts, event: Event, question: Question, tap_first: bool) -> str:
    """The question, after the plain words that this is not the place to report a crime.
    `tap_first`: the message comes with an Answer button to tap before typing."""
    return screen(i18n, i18n.get(
        "wc-question", title=escape(event.title(i18n.locale)),
        group=escape(question.group(i18n.locale)),
        question=only_in_english(i18n, question.text_cy, question.text_en)
        + escape(question.text(i18n.locale)),
        how=i18n.get("wc-how-tap" if tap_first else "wc-how")))


def answer_line(i18n: Texts, number: int, answer: cafe.Answer, question: Question) -> str:
    said = (escape(cafe_short(answer.text)) if answer.text is not None
            else i18n.get("wc-voice-note"))
    who = (i18n.get("wc-with-name", name=escape(answer.first_name)) if answer.first_name
           else i18n.get("wc-anonymous"))
    # Only a number, a label and the person's own words: nothing to translate, so no key.
    return f"{number}. <i>{escape(question.group_label)}</i> · {who}\n{said}"


def cafe_short(text: str, length: int = 300) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def table_card(question: Question, link: str, call_to_action: str) -> bytes:
    """A page for the table: its label, the question in English and Welsh, a big QR code."""
    image = Image.new("RGB", CARD_SIZE, "white")
    draw = ImageDraw.Draw(image)
    width = CARD_SIZE[0] - 2 * CARD_MARGIN
    y = CARD_MARGIN
    label = question.group_label + (f" / {question.group_label_cy}"
                                     if question.group_label_cy else "")
    blocks = ((label, font(64, bold=True), 1, "black"),
              (question.text_en, font(44, bold=True), 5, "black"),
              (question.text_cy, font(40), 5, "#333333"))
    for text, face, lines, fill in blocks:
        for line in wrap(text, face, width, max_lines=lines):
            left, top, right, bottom = draw.textbbox((0, 0), line, font=face)
            draw.text(((CARD_SIZE[0] - (right - left)) // 2, y - top), line, font=face, fill=fill)
            y += bottom - top + 12
        y += 28
    code = qr_image(link, box_size=1)
    room = min(width, CARD_SIZE[1] - y - 200)
    side = code.width * max(1, room // code.width)
    image.paste(code.resize((side, side), Image.Resampling.NEAREST),
                ((CARD_SIZE[0] - side) // 2, y))
    y += side + 30
    for line, face in ((call_to_action, font(44, bold=True)),
                       (link, font(28))):
        left, top, right, bottom = draw.textbbox((0, 0), line, font=face)
        draw.text(((CARD_SIZE[0] - (right - left)) // 2, y - top), line, font=face, fill="black")
        y += bottom - top + 14
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
