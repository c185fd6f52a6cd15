"""Every locale has exactly the keys English has, with the same variables; every key the code
uses exists; counted phrases have every plural form their language needs, and no name
follows a Welsh word that would change it (bot/cli/plural_check.py); no English message reads
above a school-leaver's grade, and the hardest are listed (bot/cli/readability_check.py); no
message in any language starts a line with an emoji or is emoji alone (bot/cli/emoji_check.py).

Run by `make test` before the tests, so a missing Welsh string fails the build.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.cli import emoji_check
from bot.cli import readability_check as readability
from bot.cli.plural_check import mutation_problems, plural_problems

ROOT = Path(__file__).resolve().parent.parent.parent
LOCALES = ROOT / "locales"
CODE_DIRS = ("bot", "handlers", "models")
# Literal keys passed to the translator (`i18n.get` or `core.get` with a quoted key).
USED_KEY = re.compile(r"""(?:i18n|core)\.get\(\s*f?["']([a-z][a-z0-9-]*)["']""")
# Keys built at run time from a prefix, e.g. f"cmd-{name}"; checked by their own tests.
DYNAMIC_PREFIXES = ("cmd-", "bc-audience-", "rn-field-")


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


def locale_keys(locale_dir: Path) -> dict[str, frozenset[str]]:
    """message id -> the variables it uses, across every .ftl file of one locale."""
    keys: dict[str, frozenset[str]] = {}
    for path in sorted(locale_dir.rglob("*.ftl")):
        for entry in FluentParser().parse(path.read_text("utf-8")).body:
            if isinstance(entry, ast.Junk):
                raise ValueError(f"{path}: cannot parse: {entry.content[:60]!r}")
            if isinstance(entry, ast.Message):
                variables = _Variables()
                variables.visit(entry)
                keys[entry.id.name] = frozenset(variables.names)
    return keys


def duplicate_keys(locale_dir: Path) -> list[str]:
    """Message ids defined twice in one locale: Fluent keeps the last one silently, so two
    people's edits of one message (merged side by side) would show only one, unreviewed."""
    seen: dict[str, Path] = {}
    found = []
    for path in sorted(locale_dir.rglob("*.ftl")):
        for entry in FluentParser().parse(path.read_text("utf-8")).body:
            if isinstance(entry, ast.Message):
                if entry.id.name in seen:
                    found.append(f"locales/{locale_dir.name}/{path.name}: {entry.id.name} is "
                                 "defined twice")
                seen[entry.id.name] = path
    return found


def used_keys() -> set[str]:
    found: set[str] = set()
    for folder in CODE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            found.update(USED_KEY.findall(path.read_text("utf-8")))
    return found


def problems() -> list[str]:
    locales = {d.name: locale_keys(d) for d in sorted(LOCALES.iterdir()) if d.is_dir()}
    english = locales["en"]
    found = []
    for name, keys in locales.items():
        found += duplicate_keys(LOCALES / name)
        if missing := sorted(english.keys() - keys.keys()):
            found.append(f"locales/{name} lacks {missing}")
        if extra := sorted(keys.keys() - english.keys()):
            found.append(f"locales/{name} has keys English lacks: {extra}")
        if mismatched := sorted(k for k in english.keys() & keys.keys() if english[k] != keys[k]):
            found.append(f"locales/{name} uses other variables than English in {mismatched}")
    found += plural_problems(LOCALES) + mutation_problems(LOCALES)
    found += readability.report(LOCALES / "en")[1]
    found += emoji_check.problems(LOCALES)
    if undefined := sorted(k for k in used_keys() - english.keys()
                           if not k.startswith(DYNAMIC_PREFIXES)):
        found.append(f"code uses keys no locale defines: {undefined}")
    return found


def main() -> int:
    # The hardest English messages, to fix first (bot/cli/readability_check.py).
    print("\n".join(readability.report(LOCALES / "en")[0]))
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        print(f"locales ok: {', '.join(sorted(d.name for d in LOCALES.iterdir() if d.is_dir()))}")
    return 1 if found else 0
