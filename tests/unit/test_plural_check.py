"""The counted-phrase check (bot/cli/plural_check.py) catches what a Welsh or English reader would
notice: "2 digwyddiad" (no mutation: the Welsh selector lacks [two]), "1 pledges" (an English
number before a plural noun, without a selector), and lets through what is right."""

from __future__ import annotations

from bot.cli import locale_check
from bot.cli.plural_check import plural_problems


def locales(tmp_path, en: str, cy: str):
    for lang, body in {"en": en, "cy": cy}.items():
        (tmp_path / lang).mkdir(exist_ok=True)
        (tmp_path / lang / "x.ftl").write_text(body, "utf-8")
    return plural_problems(tmp_path)


EN_OK = "ev = { $n ->\n    [one] 1 event\n   *[other] { $n } events\n}\n"
CY_OK = ("ev = { $n ->\n    [zero] dim digwyddiadau\n    [one] 1 digwyddiad\n"
         "    [two] { $n } ddigwyddiad\n    [few] { $n } digwyddiad\n"
         "    [many] { $n } digwyddiad\n   *[other] { $n } o ddigwyddiadau\n}\n")


def test_full_forms_pass(tmp_path):
    assert locales(tmp_path, EN_OK, CY_OK) == []


def test_welsh_with_only_one_and_other_fails(tmp_path):
    cy = "ev = { $n ->\n    [one] 1 digwyddiad\n   *[other] { $n } digwyddiad\n}\n"
    assert locales(tmp_path, EN_OK, cy) == [
        "locales/cy/x.ftl: ev counts $n without the forms ['zero', 'two', 'few', 'many']"]


def test_exact_numbers_stand_in_for_categories(tmp_path):
    cy = CY_OK.replace("[zero]", "[0]").replace("[two]", "[2]").replace("[many]", "[6]")
    assert locales(tmp_path, EN_OK, cy) == []


def test_english_without_one_fails(tmp_path):
    en = "ev = { $n ->\n    [0] no events\n   *[other] { $n } events\n}\n"
    assert locales(tmp_path, en, CY_OK) == [
        "locales/en/x.ftl: ev counts $n without the forms ['one']"]


def test_a_number_after_a_label_needs_no_forms(tmp_path):
    en = 'ev = Sent{ $n ->\n    [0] {""}\n   *[other] , not reached: { $n }\n}\n'
    cy = 'ev = Wedi anfon{ $n ->\n    [0] {""}\n   *[other] , heb eu cyrraedd: { $n }\n}\n'
    assert locales(tmp_path, en, cy) == []


def test_a_bare_english_plural_and_its_welsh_are_caught(tmp_path):
    found = locales(tmp_path, "p = { $pledged } pledges · { $name } is here\n",
                    "p = { $pledged } addewid · mae { $name } yma\n")
    assert found == ["locales/en/x.ftl: p counts ['pledged'] without a selector (\"1 ...s\")",
                     "locales/cy/x.ftl: p counts ['pledged'] without a selector"]
    assert locales(tmp_path, "p = pledges: { $pledged }\n", "p = addewidion: { $pledged }\n") == []


def test_make_test_runs_it_over_the_real_files(tmp_path, monkeypatch):
    for lang, body in {"en": EN_OK, "cy": EN_OK}.items():  # English forms in the Welsh file
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "x.ftl").write_text(body, "utf-8")
    monkeypatch.setattr(locale_check, "LOCALES", tmp_path)
    assert any("locales/cy/x.ftl: ev counts $n" in p for p in locale_check.problems())


def test_a_name_after_a_mutating_word_is_caught(tmp_path):
    from bot.cli.plural_check import mutation_problems
    locales(tmp_path, "a = x\n",
            "a = Pleidleisiwch yn { $round }! Mae'r bleidlais yn <b>{ $title }</b>\n")
    assert mutation_problems(tmp_path) == [
        "locales/cy/x.ftl: a puts a name after a word that changes it: "
        "['yn { $round }', 'yn { $title }']"]
    (tmp_path / "cy" / "x.ftl").write_text(
        "a = Pleidleisiwch yn y rownd { $round }! Dyddiad: ar { $when }\n", "utf-8")
    assert mutation_problems(tmp_path) == []
