"""Why and where a Pabulib file is refused: `PabulibError`, and the line numbers it names.

The readers in models/pabulib.py never count lines, so that a good file reads as fast as it
did before messages named them: they raise `RowError`, naming a row by its place in its
section, and only then is the text read again, by `row_lines`, to turn that place into the line
a text editor shows (from 1, section names, headers and blank lines included, CRLF one line
break).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Final

SECTIONS: Final = ("META", "PROJECTS", "VOTES")
SHOWN_IDS: Final = 5
"""How many unknown project ids a message names before it says only how many more."""
SHOWN_CHARS: Final = 60
"""A value quoted in a message is cut after this many characters: a mangled or binary file
would otherwise print a page on one line."""


class PabulibError(ValueError):
    """The text is not a well-formed Pabulib file (the message says what and where)."""


class RowError(PabulibError):
    """A problem with one row, raised before its line number is known.

    `index` is the row's place in its section as `models.pabulib._split_sections` keeps it
    (0: the header; section "": the text before META); `earlier`, if given, another row of the
    same section that the message refers to. `parse_pb` turns both into line numbers.
    """

    def __init__(self, section: str, index: int, message: str, earlier: int | None = None):
        super().__init__(message)
        self.section, self.index, self.earlier = section, index, earlier

    def located(self, lines: Mapping[str, list[int]]) -> str:
        """The message, starting with the row's line (and naming the earlier row's).

        `lines` comes from `row_lines`, which keeps the rows as `_split_sections` does; were
        the two ever to disagree, the message is still given, without a line.
        """
        rows = lines.get(self.section, [])
        if self.index >= len(rows) or (self.earlier or 0) >= len(rows):
            return str(self)
        message = f"line {rows[self.index]}: {self}"
        if self.earlier is not None:
            message += f" (first on line {rows[self.earlier]})"
        return message


def not_utf8(data: bytes, start: int) -> str:
    """Where the first byte that is not UTF-8 is (line breaks are all "\\n" by now)."""
    line = data.count(b"\n", 0, start) + 1
    return (f"line {line}: the file is not UTF-8 text (byte 0x{data[start]:02x} cannot be read "
            f"there); save it again as UTF-8")


def csv_problem(text: str, error: csv.Error) -> str:
    """Where the row the csv module could not split starts, and why (with the default
    dialect, not strict, the only such error is a field over the csv module's limit)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error:
        pass
    if "field limit" in str(error):
        return (f"line {start}: a field is longer than {csv.field_size_limit():,} characters; "
                f'is a quote (") left open on this line?')
    return f"line {start}: {error}"


def row_lines(text: str) -> dict[str, list[int]]:
    """The line each row starts on, for the rows `models.pabulib._split_sections` keeps,
    counted the same way, so that ``row_lines(text)[name][i]`` is where ``sections[name][i]``
    was written ("" holds the rows before META). Worked out only once an error is known."""
    lines: dict[str, list[int]] = {"": []}
    current = lines[""]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    start = 1
    try:
        for row in reader:
            row = [cell.strip() for cell in row]
            if any(row):
                if len(row) == 1 and row[0].upper() in SECTIONS:
                    current = lines.setdefault(row[0].upper(), [])
                else:
                    current.append(start)
            start = reader.line_num + 1
    except csv.Error:  # after the row at fault: text before META, read before the error
        pass
    return lines


def some_ids(ids: set[str]) -> str:
    """A few project ids in natural order ("9" before "10"), then how many more: the same
    words on every run (a set's order changes with PYTHONHASHSEED)."""
    from models.tally.outcome import natural_key  # not above: models.tally imports models.pabulib

    ordered = sorted(ids, key=natural_key)
    named = ", ".join(map(quoted, ordered[:SHOWN_IDS]))
    if len(ordered) > SHOWN_IDS:
        named += f" and {len(ordered) - SHOWN_IDS} more"
    return f"project {named}, which is" if len(ordered) == 1 else f"projects {named}, which are"


def quoted(value: str) -> str:
    """`value` in quotes as `repr` writes it, cut after `SHOWN_CHARS` characters."""
    if len(value) <= SHOWN_CHARS:
        return repr(value)
    return f"{value[:SHOWN_CHARS]!r}... ({len(value):,} characters)"
