"""Welsh is first-class: the same messages, with the same variables, as English."""

from __future__ import annotations

import re
from pathlib import Path

from bot.cli import locale_check


def test_every_locale_matches_english_and_the_code():
    assert locale_check.problems() == []


def test_the_check_catches_a_missing_key(tmp_path, monkeypatch):
    for lang, body in {"en": "a = A\nb = B { $n }\n", "cy": "a = A\nb = B\n"}.items():
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "x.ftl").write_text(body)
    monkeypatch.setattr(locale_check, "LOCALES", tmp_path)
    assert any("other variables" in p and "'b'" in p for p in locale_check.problems())
    (tmp_path / "cy" / "x.ftl").write_text("a = A\n")
    assert any("lacks ['b']" in p for p in locale_check.problems())


def test_no_english_left_in_welsh_files():
    english = locale_check.locale_keys(Path(locale_check.LOCALES, "en"))
    assert english, "no English messages found"
    from fluent.syntax import FluentParser, ast

    def values(lang):
        out = {}
        for path in Path(locale_check.LOCALES, lang).rglob("*.ftl"):
            for entry in FluentParser().parse(path.read_text("utf-8")).body:
                if isinstance(entry, ast.Message) and entry.value is not None:
                    out[entry.id.name] = path.read_text("utf-8")[entry.span.start:entry.span.end]
        return out

    def has_words(source: str) -> bool:
        """Letters outside `{ ... }`: `• { $name }` has none, so it is the same in both."""
        return re.search(r"[^\W\d_]", re.sub(r"\{[^{}]*\}", "", source.split("=", 1)[1]))

    en, cy = values("en"), values("cy")
    # Identical text is allowed only where the message is deliberately bilingual or a name.
    same = {key for key in en if en[key] == cy.get(key) and has_words(en[key])}
    assert same <= {"choose-language", "menu-help", "audit-line"}, same


def test_the_check_catches_a_message_defined_twice(tmp_path, monkeypatch):
    # Two edits of one message merged side by side: Fluent would quietly show only the last.
    for lang in ("en", "cy"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "x.ftl").write_text("a = A\n")
        (tmp_path / lang / "y.ftl").write_text("b = B\n")
    monkeypatch.setattr(locale_check, "LOCALES", tmp_path)
    assert not any("twice" in p for p in locale_check.problems())
    (tmp_path / "cy" / "y.ftl").write_text("b = B\na = A again\n")
    assert "locales/cy/y.ftl: a is defined twice" in locale_check.problems()
