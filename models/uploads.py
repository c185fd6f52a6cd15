"""Reading uploaded files within bounds: every file an organiser sends (World Café questions,
paper ballots) and every file the command line imports (events, rounds) is read here.

A hostile or careless file must never stall the bot for everyone else: the bot answers all
residents from one event loop, so a parser that runs for seconds freezes every chat. So every
read is bounded before any work is done on it:

- size: checked against what Telegram says before downloading, and again after (a size can lie);
- YAML: anchors and aliases are refused outright (the "billion laughs" file is a few hundred
  bytes of nested aliases that expand to billions of items), and so is nesting deeper than any
  real import needs and more values than one could hold; the C parser does the reading;
- CSV: a cap on rows, on cells and on the length of a cell, and the first line that is not
  UTF-8 named.

A problem is an `UploadError` carrying a `Problem`: a line number (0 = the whole file) and a
code, shown as `upload-<code>` from locales/*/uploads.ftl in the organiser's language.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import yaml

# Sizes. A real World Café file is 60 questions in two languages (~70 KB at most); a round is
# a page; an events file for a year of events is well under 200 KB. 256 KB leaves room and
# takes PyYAML's C reader a few tens of milliseconds.
MAX_YAML_BYTES = 256_000
# Paper ballot sheets: the cell cap below is ~100 KB of marks; 1 MB leaves room for what
# spreadsheets add (quotes, spaces, empty columns), and the csv module reads it in ~0.1 s.
MAX_CSV_BYTES = 1_000_000
MAX_CSV_ROWS = 5_000
# Cells: checking one paper ballot mark costs ~10-15 µs of Python, so 40,000 cells (1,000
# sheets of 40 bids, or 2,000 of 20) are checked in about half a second; more is two files.
MAX_CSV_CELLS = 40_000
# No cell in any import is longer than a question in two languages.
MAX_CELL_CHARS = 2_000
# Nesting: a round file goes root > areas > area > name (4 deep); 8 is twice what is needed.
MAX_YAML_DEPTH = 8
# Values (scalars, lists and mappings) in one YAML file: a year of events is ~5,000.
MAX_YAML_NODES = 20_000
# How many problems one message lists before "and N more": enough to fix a file in one go,
# few enough to read on a phone.
SHOWN_PROBLEMS = 5


@dataclass(frozen=True)
class Problem:
    """`line` 1-based (0: the whole file); `code` names `upload-<code>` in uploads.ftl;
    `args` fill it in (what was found, what was expected)."""

    line: int
    code: str
    args: dict[str, Any] = field(default_factory=dict)


def welsh_missing(line: int, field: str) -> Problem:
    """Not a problem that stops an import: a text residents will read has English and no
    Welsh (`upload-welsh-missing` in locales/*/imports_welsh.ftl), named so it can be added."""
    return Problem(line, "welsh-missing", {"field": field})


def has_text(value: Any) -> bool:
    return value is not None and not isinstance(value, bool) and str(value).strip() != ""


class UploadError(Exception):
    def __init__(self, line: int, code: str, **args: Any) -> None:
        super().__init__(f"line {line}: {code} {args}" if line else f"{code} {args}")
        self.problem = Problem(line, code, args)


# --- size -----------------------------------------------------------------------------------

def check_size(size: int | None, limit: int) -> None:
    """Before download with the size Telegram reports, and after with the bytes received."""
    if (size or 0) > limit:
        raise UploadError(0, "too-big", kb=limit // 1000)


# --- text -----------------------------------------------------------------------------------

def decode(data: bytes) -> str:
    """UTF-8 (with or without the byte-order mark Excel adds), or the first bad line named."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadError(data.count(b"\n", 0, error.start) + 1, "not-utf8") from None


# --- YAML -----------------------------------------------------------------------------------

class LineDict(dict):
    """A YAML mapping that remembers the line it starts on, and each key's line, for
    "line 12: …" messages."""

    line: int = 0
    key_lines: dict[str, int] = {}  # noqa: RUF012 (replaced per mapping, never changed)


# PyYAML's wheels include libyaml; without it the pure-Python reader is ~10x slower, still
# bounded by the limits above.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_LOADER):  # type: ignore[misc, valid-type]
    """Safe types only (no Python objects), and mappings as LineDicts."""


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    result = LineDict(loader.construct_mapping(node, deep=True))
    result.line = node.start_mark.line + 1
    result.key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)

_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _line(error: yaml.YAMLError) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else 0


def _check_events(text: str) -> None:
    """One pass over the parser's events, before anything is built: no anchor or alias, not
    too deep, not too many values. Cheap (the C parser) and stops at the first problem."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise UploadError(line, "yaml-alias")
        if isinstance(event, _OPENS):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise UploadError(line, "yaml-deep", limit=MAX_YAML_DEPTH)
        elif isinstance(event, _CLOSES):
            depth -= 1
        if isinstance(event, (*_OPENS, yaml.ScalarEvent)):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                raise UploadError(line, "yaml-too-many", limit=MAX_YAML_NODES)


def load_yaml(data: bytes) -> Any:
    """A YAML document within the bounds above; its mappings are LineDicts."""
    check_size(len(data), MAX_YAML_BYTES)
    text = decode(data)
    try:
        _check_events(text)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader: see _Loader)
    except yaml.YAMLError as error:
        # At the end of a file the parser points one line past the last; name the last.
        last = text.rstrip("\n").count("\n") + 1
        raise UploadError(min(_line(error), last), "yaml-syntax") from None


def line_of(value: Any, default: int = 0) -> int:
    return getattr(value, "line", 0) or default


def path_line(data: Any, path: str) -> int:
    """The line of a setting named like "areas[2].pot" or "voting.opens" (0 if not found):
    the deepest part of the path the file has."""
    line = 0
    for part in path.replace("[", ".[").split("."):
        if part.startswith("[") and part.endswith("]") and part[1:-1].isdigit():
            index = int(part[1:-1]) - 1  # the problems count items from 1
            if not isinstance(data, list) or not 0 <= index < len(data):
                break
            data = data[index]
            line = line_of(data, line)
        elif isinstance(data, LineDict) and part in data:
            line = data.key_lines.get(part, line)
            data = data[part]
        else:
            break
    return line


# --- CSV ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    line: int  # where the row starts in the file (a quoted cell may run over several lines)
    cells: list[str]


def _dialect(first_line: str) -> Any:
    """Comma, semicolon (Excel in Welsh/European settings) or tab, from the first line only,
    cut short so guessing stays quick."""
    try:
        return csv.Sniffer().sniff(first_line[:MAX_CELL_CHARS], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_csv(data: bytes, *, max_rows: int = MAX_CSV_ROWS, text: str | None = None,
             sniff: bool = False) -> list[Row]:
    """Rows with their line numbers; blank rows and notes (lines starting with #) left out.
    Raises UploadError at the first row past `max_rows` or MAX_CSV_CELLS, the first cell
    longer than MAX_CELL_CHARS, or the first non-UTF-8 line (pass `text` to decode
    differently).
    `sniff`: guess the separator from the first line that is not a note."""
    check_size(len(data), MAX_CSV_BYTES)
    if text is None:
        text = decode(data)
    dialect: Any = csv.excel
    if sniff:
        first = next((line for line in text.split("\n", 50)[:50]
                      if line.strip() and not line.startswith("#")), "")
        dialect = _dialect(first)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[Row] = []
    line, cells_read = 1, 0
    # The csv module itself refuses a cell over 128 KB (csv.Error); ours is lower and checked
    # per row, so one over-long cell costs at most 128 KB of work.
    try:
        for cells in reader:
            if any(len(cell) > MAX_CELL_CHARS for cell in cells):
                raise UploadError(line, "cell-too-long", limit=MAX_CELL_CHARS)
            if any(cell.strip() for cell in cells) and not cells[0].startswith("#"):
                if len(rows) >= max_rows:
                    raise UploadError(line, "too-many-rows", limit=max_rows)
                cells_read += len(cells)
                if cells_read > MAX_CSV_CELLS:
                    raise UploadError(line, "too-many-cells", limit=MAX_CSV_CELLS)
                rows.append(Row(line, [cell.strip() for cell in cells]))
            line = reader.line_num + 1
    except csv.Error:
        raise UploadError(reader.line_num or line, "csv-syntax") from None
    return rows


def dict_rows(rows: list[Row]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (lower case) and each later row as {column: cell}, with its line."""
    if not rows:
        return [], []
    header = [name.strip().lower() for name in rows[0].cells]
    return header, [(row.line, dict(zip(header, row.cells, strict=False))) for row in rows[1:]]
