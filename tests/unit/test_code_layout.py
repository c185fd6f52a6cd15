"""The layout stays readable: test files stand alone (what they share is in tests/support/, so
a test file is never imported for its helpers and run twice or half-run), and no module grows
past ~600 lines."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CODE = ("bot", "handlers", "models", "migrations", "tests", "bench")
MOST_LINES = 600
MOST_SHELL_MODULES = 15  # bot/'s own modules, besides __init__ and __main__ (docs/layout.md)


def is_test_module(name: str) -> bool:
    """A test file (tests/**/test_*.py) or a folder's conftest, by dotted module name."""
    parts = name.split(".")
    return parts[0] == "tests" and (parts[-1].startswith("test_")
                                    or (parts[-1] == "conftest" and len(parts) > 2))


def imports_of_test_files() -> list[str]:
    """`path:line: module` for every import of a test file (or a relative import, which can
    only reach a neighbour) in tests/ and bench/."""
    found = []
    for folder in ("tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    if node.level:
                        names = ["." * node.level + (node.module or "")]
                    else:
                        names = [node.module or ""]
                        # `from tests.flow import test_vote_flow` names the file in the alias.
                        names += [f"{node.module}.{alias.name}" for alias in node.names]
                else:
                    continue
                for name in names:
                    if name.startswith(".") or is_test_module(name):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
                        break
    return found


def test_no_test_file_imports_another_test_file():
    assert imports_of_test_files() == [], "move what they share into tests/support/"


def test_the_import_check_would_catch_each_way_of_importing_a_test_file(tmp_path, monkeypatch):
    (tmp_path / "tests" / "flow").mkdir(parents=True)
    (tmp_path / "bench").mkdir()
    (tmp_path / "tests" / "flow" / "test_a.py").write_text(
        "from tests.flow.test_b import helper\n"
        "import tests.unit.test_c\n"
        "from tests.e2e import test_d\n"
        "from .test_e import thing\n"
        "from tests.flow.conftest import fixture\n"
        "from tests.support.factories import join\n"  # allowed: shared support code
        "from tests.conftest import ORGANISER_ID\n")  # allowed: the shared fixtures' values
    (tmp_path / "bench" / "load.py").write_text("from tests.flow.test_b import helper\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert imports_of_test_files() == [
        "tests/flow/test_a.py:1: tests.flow.test_b",
        "tests/flow/test_a.py:2: tests.unit.test_c",
        "tests/flow/test_a.py:3: tests.e2e.test_d",
        "tests/flow/test_a.py:4: .test_e",
        "tests/flow/test_a.py:5: tests.flow.conftest",
        "bench/load.py:1: tests.flow.test_b",
    ]


def line_counts() -> dict[str, int]:
    return {str(path.relative_to(ROOT)): len(path.read_text().splitlines())
            for folder in CODE for path in sorted((ROOT / folder).rglob("*.py"))}


def test_no_module_is_over_600_lines():
    long = {path: lines for path, lines in line_counts().items() if lines > MOST_LINES}
    assert long == {}, "split these by what they hold"


def test_the_shell_stays_small():
    """bot/ holds the shell at its top; what belongs to screens, jobs, tools or shared
    conversation helpers goes in its sub-package (docs/layout.md)."""
    top = sorted(path.name for path in (ROOT / "bot").glob("*.py")
                 if path.name not in {"__init__.py", "__main__.py"})
    assert len(top) <= MOST_SHELL_MODULES, top
