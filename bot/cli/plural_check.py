"""Counted phrases: every selector on a number has the plural forms its language needs.

Welsh has six CLDR plural categories (zero 0, one 1, two 2, few 3, many 6, other) and the
noun after a number changes with them: "1 digwyddiad", "2 ddigwyddiad", "3 digwyddiad",
"6 digwyddiad", "20 o ddigwyddiadau". English has two (one, other): "1 pledge", "2 pledges".
A selector on a number (one with a plural category or an exact number among its keys) whose
variants count something with it ("{ $n } people") must cover every category of its
language. Where that is impractical, a label before the number counts nothing and needs no
forms: "Digwyddiadau: 3".

Welsh also changes the first letter of a word after some words ("yn", "i", "o", "at"...):
"ym Mhrawf Cyfrannau Cyfartal", not "yn Prawf". A name put in at run time cannot change, so
it must never follow one of those words: "yn y rownd { $round }" (after "rownd" a name keeps
its form). `mutation_problems` finds a name variable straight after a mutating word.

Used by bot/cli/locale_check.py, so `make test` (`python -m bot check-locales`) fails on it.
"""

from __future__ import annotations

from pathlib import Path

from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

# CLDR plural categories per language, and the one number that stands for each where a
# category holds a single number (so an exact key like [2] can stand in for [two]).
CATEGORIES = {
    "cy": {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 6, "other": None},
    "en": {"one": 1, "other": None},
}
PLURAL_NAMES = {"zero", "one", "two", "few", "many"}

# Numbers that are never 1 where they are shown (a limit of characters, and a length over it).
NEVER_ONE = {"limit", "length"}
# Words ending in "s" after a name, not a number: "{ $name } is now ...".
VERBS = {"is", "was", "has", "does", "needs", "appears", "goes", "gets", "says"}
IRREGULAR = {"people", "children"}  # plurals without an "s"
# Welsh words after a number that do not change with it: "{ $n } wedi rhwystro'r bot".
WELSH_NOT_COUNTED = {"wedi", "yn", "heb", "ddim", "i", "ar", "mewn"}


def _plural_noun(word: str) -> bool:
    return word in IRREGULAR or (word.endswith("s") and word not in VERBS)


class _Selectors(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[ast.SelectExpression] = []

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        self.found.append(node)
        self.generic_visit(node)


def _counted(pattern: ast.Pattern) -> dict[str, str]:
    """Variables `pattern` shows followed by a word ("{ $n } people": n -> "people"), outside
    any selector. A number after a label or before punctuation ("People: { $n }",
    "{ $n } / { $total }") counts nothing, so no word changes form with it."""
    found: dict[str, str] = {}
    elements = pattern.elements
    for index, element in enumerate(elements):
        expression = element.expression if isinstance(element, ast.Placeable) else None
        if isinstance(expression, ast.FunctionReference) and expression.arguments.positional:
            expression = expression.arguments.positional[0]
        following = elements[index + 1] if index + 1 < len(elements) else None
        if isinstance(expression, ast.VariableReference) and isinstance(
                following, ast.TextElement):
            word = following.value.lstrip(" ").split(" ")[0].strip(".,;:!?)")
            if word[:1].isalpha():
                found[expression.id.name] = word
    return found


def _counts_in(pattern: ast.Pattern, name: str, language: str) -> bool:
    """Does `pattern` count a noun with $name: in English a plural ("{ $n } people"; "1
    blocked the bot" is right for any number), in Welsh any word but a particle or verb
    ("{ $n } wedi rhwystro'r bot" changes nothing)."""
    word = _counted(pattern).get(name)
    if word is None:
        return False
    if language == "en":
        return _plural_noun(word)
    return word.lower() not in WELSH_NOT_COUNTED


def _selector_name(select: ast.SelectExpression) -> str | None:
    selector = select.selector
    if isinstance(selector, ast.FunctionReference) and selector.arguments.positional:
        selector = selector.arguments.positional[0]
    return selector.id.name if isinstance(selector, ast.VariableReference) else None


def _key(variant: ast.Variant) -> str | int:
    key = variant.key
    return int(key.value) if isinstance(key, ast.NumberLiteral) else key.name


def missing_forms(select: ast.SelectExpression, language: str) -> list[str]:
    """The plural categories `select` lacks in `language`: [] unless it is on a number and
    one of its variants counts something with it."""
    name = _selector_name(select)
    keys = [_key(v) for v in select.variants]
    on_number = any(k in PLURAL_NAMES or isinstance(k, int) for k in keys)
    if name is None or not on_number or language not in CATEGORIES:
        return []
    if not any(_counts_in(v.value, name, language) for v in select.variants):
        return []  # "[one] your answer *[other] your answers", "[0] {""} *[other] (left: { $n })"
    return [category for category, number in CATEGORIES[language].items()
            if category not in keys and (number is None or number not in keys)
            and not (category == "other" and any(v.default for v in select.variants))]


def _entries(language_dir: Path):
    for path in sorted(language_dir.rglob("*.ftl")):
        for entry in FluentParser().parse(path.read_text("utf-8")).body:
            if isinstance(entry, ast.Message | ast.Term):
                yield path, entry


def _patterns(entry: ast.Message | ast.Term) -> list[ast.Pattern]:
    patterns = [entry.value] if entry.value is not None else []
    return patterns + [attribute.value for attribute in entry.attributes]


def plural_problems(locales_dir: Path) -> list[str]:
    found = []
    # Outside a selector, an English number before a plural noun ("{ $n } pledges") says
    # "1 pledges"; the Welsh of that message must not count that number with a word either.
    english_counts: dict[str, set[str]] = {}
    for path, entry in _entries(locales_dir / "en"):
        plural = {name for pattern in _patterns(entry)
                  for name, word in _counted(pattern).items()
                  if _plural_noun(word) and name not in NEVER_ONE}
        english_counts[entry.id.name] = plural
        if plural:
            found.append(f"locales/en/{path.name}: {entry.id.name} counts "
                         f"{sorted(plural)} without a selector (\"1 ...s\")")
    for language_dir in sorted(d for d in locales_dir.iterdir() if d.is_dir()):
        for path, entry in _entries(language_dir):
            where = f"locales/{language_dir.name}/{path.name}: {entry.id.name}"
            selectors = _Selectors()
            selectors.visit(entry)
            for select in selectors.found:
                if lacking := missing_forms(select, language_dir.name):
                    found.append(f"{where} counts ${_selector_name(select)} without the "
                                 f"forms {lacking}")
            if language_dir.name == "en":
                continue
            shown = {name for pattern in _patterns(entry) for name in _counted(pattern)}
            if bare := sorted(shown & english_counts.get(entry.id.name, set())):
                found.append(f"{where} counts {bare} without a selector")
    return found


# Welsh words after which the next word mutates (soft, nasal or aspirate), and the variables
# that carry names typed by people (rounds, events, areas, groups...). Numbers and dates are
# left out: digits do not mutate.
MUTATING = {"yn", "i", "o", "am", "ar", "at", "gan", "heb", "dros", "drwy", "trwy", "wrth",
            "dan", "â", "gyda", "a", "tua", "na", "ei", "dy", "fy", "mor", "pa", "dau", "dwy"}
NAME_VARIABLES = {"round", "title", "name", "area", "areas", "group", "question", "role",
                  "status", "audience", "reference", "festival", "event", "venue", "label"}
_OPENERS = ("<b>", "<i>", "“", "‘", '"')


def _names_after_mutating_words(pattern: ast.Pattern) -> list[str]:
    found = []
    elements = pattern.elements
    for index, element in enumerate(elements):
        expression = element.expression if isinstance(element, ast.Placeable) else None
        if isinstance(expression, ast.SelectExpression):
            for variant in expression.variants:
                found += _names_after_mutating_words(variant.value)
            continue
        if not (isinstance(expression, ast.VariableReference)
                and expression.id.name in NAME_VARIABLES and index > 0
                and isinstance(elements[index - 1], ast.TextElement)):
            continue
        before = elements[index - 1].value
        while before.endswith(_OPENERS):
            before = before[:-len(next(o for o in _OPENERS if before.endswith(o)))]
        words = before.rstrip(" ").split()
        if before.endswith(" ") and words and words[-1].lower() in MUTATING:
            found.append(f"{words[-1]} {{ ${expression.id.name} }}")
    return found


def mutation_problems(locales_dir: Path) -> list[str]:
    found = []
    for path, entry in _entries(locales_dir / "cy"):
        for pattern in _patterns(entry):
            if slips := _names_after_mutating_words(pattern):
                found.append(f"locales/cy/{path.name}: {entry.id.name} puts a name after a "
                             f"word that changes it: {slips}")
    return found
