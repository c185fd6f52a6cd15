"""Telegram's HTML parse mode: the text a person sees and the message entities, or the
error Telegram gives for markup it cannot parse."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tests.support.stub.api import Json

# --- Telegram's HTML parse mode -------------------------------------------------------

_TAG_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
}
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_CHAR_REFERENCE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_PLAIN_RUN = re.compile(r"[^<&]+")
_ATTRIBUTE = re.compile(r"""([^\s=>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9.-]+)))?""")


class HtmlParseError(ValueError):
    """Carries the text Telegram puts after "Bad Request: can't parse entities: "."""


def parse_html(source: str) -> tuple[str, list[Json]]:
    """Parse text in Telegram's HTML mode into plain text and message entities."""
    return _HtmlParser(source).parse()


def utf16_len(text: str) -> int:
    # Entity offsets and lengths are counted in UTF-16 code units.
    return len(text.encode("utf-16-le")) // 2


def _reference_value(match: re.Match[str]) -> str | None:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return _NAMED_REFERENCES.get(name)
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if 0 < code <= 0x10FFFF and not 0xD800 <= code < 0xE000:
        return chr(code)
    return None


def _decode_references(text: str) -> str:
    return _CHAR_REFERENCE.sub(lambda match: _reference_value(match) or match.group(), text)


def _tag_argument(tag: str, attribute: str, value: str, current: str) -> str:
    """The one attribute each tag cares about; Telegram ignores all others."""
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attribute == "class":
        return value
    if tag == "blockquote" and attribute == "expandable":
        return "expandable"
    return current


@dataclass
class _OpenTag:
    name: str
    offset: int  # UTF-16 offset in the plain text where the tag's content starts
    argument: str  # href of <a>, language of <code>/<pre>, class of <span>, <blockquote> flag


class _HtmlParser:
    """Follows the rules (and error wording) of tdlib's parse_html, which the Bot API uses."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._pos = 0
        self._plain: list[str] = []
        self._offset = 0
        self._open: list[_OpenTag] = []
        self._entities: list[Json] = []

    def parse(self) -> tuple[str, list[Json]]:
        source = self._source
        while self._pos < len(source):
            if source.startswith("</", self._pos):
                self._end_tag()
            elif source[self._pos] == "<":
                self._start_tag()
            elif source[self._pos] == "&":
                self._reference()
            else:
                run = _PLAIN_RUN.match(source, self._pos)
                assert run is not None  # the character here is neither "<" nor "&"
                self._emit(run.group())
                self._pos = run.end()
        if self._open:
            name = self._open[-1].name
            raise HtmlParseError(f"Can't find end tag corresponding to start tag {name}")
        # Entities are appended as tags close, so inner before outer; Telegram lists them by
        # offset, longer (outer) first.
        entities = sorted(
            reversed(self._entities), key=lambda entity: (entity["offset"], -entity["length"])
        )
        return "".join(self._plain), entities

    def _emit(self, text: str) -> None:
        self._plain.append(text)
        self._offset += utf16_len(text)

    def _byte_offset(self, pos: int) -> int:
        # Telegram reports positions in UTF-8 bytes.
        return len(self._source[:pos].encode())

    def _skip(self, keep: Callable[[str], bool], pos: int) -> int:
        while pos < len(self._source) and keep(self._source[pos]):
            pos += 1
        return pos

    def _reference(self) -> None:
        # An "&" that starts no known reference is kept as a literal character.
        match = _CHAR_REFERENCE.match(self._source, self._pos)
        value = _reference_value(match) if match else None
        if match is None or value is None:
            self._emit("&")
            self._pos += 1
        else:
            self._emit(value)
            self._pos = match.end()

    def _start_tag(self) -> None:
        begin = self._pos
        name_end = self._skip(lambda char: not char.isspace() and char != ">", begin + 1)
        if name_end == len(self._source):
            raise HtmlParseError(f"Unclosed start tag at byte offset {self._byte_offset(begin)}")
        name = self._source[begin + 1 : name_end].lower()
        if name not in _TAG_ENTITY_TYPES:
            raise HtmlParseError(
                f'Unsupported start tag "{name}" at byte offset {self._byte_offset(begin)}'
            )
        argument = self._attributes(name, name_end, begin)
        if name == "span" and argument != "tg-spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte_offset(begin)}'
            )
        self._open.append(_OpenTag(name, self._offset, argument))

    def _attributes(self, tag: str, pos: int, begin: int) -> str:
        """Read attributes up to the closing ">" and return the tag's argument."""
        argument = ""
        while True:
            pos = self._skip(str.isspace, pos)
            if pos == len(self._source):
                raise HtmlParseError(
                    f"Unclosed start tag at byte offset {self._byte_offset(begin)}"
                )
            if self._source[pos] == ">":
                self._pos = pos + 1
                return argument
            match = _ATTRIBUTE.match(self._source, pos)
            if match is None:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset '
                    f"{self._byte_offset(begin)}"
                )
            name, double_quoted, single_quoted, bare = match.groups()
            quoted = double_quoted if double_quoted is not None else single_quoted
            pos = match.end()
            if bare is not None and pos < len(self._source) and self._source[pos] not in " \t\n>":
                raise HtmlParseError(
                    "Unexpected end of name token at byte offset "
                    f"{self._byte_offset(match.start(4))}"
                )
            value = _decode_references(quoted) if quoted is not None else (bare or "").lower()
            argument = _tag_argument(tag, name.lower(), value, argument)

    def _end_tag(self) -> None:
        begin = self._pos
        if not self._open:
            raise HtmlParseError(f"Unexpected end tag at byte offset {self._byte_offset(begin)}")
        name_end = self._skip(lambda char: not char.isspace() and char != ">", begin + 2)
        name = self._source[begin + 2 : name_end].lower()
        close = self._skip(str.isspace, name_end)
        if close == len(self._source) or self._source[close] != ">":
            raise HtmlParseError(f"Unclosed end tag at byte offset {self._byte_offset(begin)}")
        tag = self._open.pop()
        if name and name != tag.name:
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {self._byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        self._pos = close + 1
        self._close(tag)

    def _close(self, tag: _OpenTag) -> None:
        if tag.name == "code" and self._open and self._open[-1].name == "pre":
            # <pre><code class="language-x"> is a single pre entity carrying the language.
            self._open[-1].argument = tag.argument or self._open[-1].argument
            return
        length = self._offset - tag.offset
        if length == 0 or (tag.name == "a" and not tag.argument):
            return  # Telegram drops empty entities, and an <a> without href links nowhere
        entity: Json = {"type": _TAG_ENTITY_TYPES[tag.name], "offset": tag.offset, "length": length}
        if tag.name == "a":
            entity["url"] = tag.argument
        elif tag.name == "pre" and tag.argument:
            entity["language"] = tag.argument
        elif tag.name == "blockquote" and tag.argument:
            entity["type"] = "expandable_blockquote"
        self._entities.append(entity)

