"""The Bot API stand-in reads HTML parse mode as Telegram does: entities, offsets and error
wording."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from tests.support.api_client import USER
from tests.support.telegram_stub import HtmlParseError, TelegramStub, parse_html

# --- HTML parse mode ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "plain", "entities"),
    [
        (
            "<b>bold</b> and <em>it</em>",
            "bold and it",
            [("bold", 0, 4), ("italic", 9, 2)],
        ),
        ("a &lt;b&gt; &amp; &quot;c&quot; &#65;", 'a <b> & "c" A', []),
        ("5 & 6 &nbsp;", "5 & 6 &nbsp;", []),  # unknown references stay literal
        ("<b>😀</b>!", "😀!", [("bold", 0, 2)]),  # lengths in UTF-16 code units
        (
            '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
            "st",
            [("spoiler", 0, 1), ("spoiler", 1, 1)],
        ),
        ("<blockquote expandable>q</blockquote>", "q", [("expandable_blockquote", 0, 1)]),
        ("<b><i>both</i></b><u></u>", "both", [("bold", 0, 4), ("italic", 0, 4)]),
    ],
)
def test_html_parses_like_telegram(
    html: str, plain: str, entities: list[tuple[str, int, int]]
) -> None:
    text, parsed = parse_html(html)
    assert text == plain
    assert [(e["type"], e["offset"], e["length"]) for e in parsed] == entities


def test_html_links_and_code_languages() -> None:
    _, [link] = parse_html('<a href="https://example.org/?a=1&amp;b=2">here</a>')
    assert link["url"] == "https://example.org/?a=1&b=2"
    _, [pre] = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert (pre["type"], pre["language"]) == ("pre", "python")


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>unclosed", "Can't find end tag corresponding to start tag b"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("é<foo>", 'Unsupported start tag "foo" at byte offset 2'),  # offsets are in bytes
        ("I <3 you", 'Unsupported start tag "3" at byte offset 2'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_html_errors_use_telegrams_wording(html: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as raised:
        parse_html(html)
    assert str(raised.value) == error


async def test_bad_html_is_rejected_through_the_api(stub: TelegramStub, api: Bot) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await api.send_message(USER, "<b>oops", parse_mode="HTML")
    assert error.value.message == (
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag b"
    )
    sent = await api.send_message(USER, "<b>fine</b> &amp; well", parse_mode="HTML")
    assert sent.text == "fine & well"
    assert stub.last_message(USER).text == "<b>fine</b> &amp; well"  # as the bot wrote it
