"""The emoji check (bot/cli/emoji_check.py): a label a screen reader would start with an
emoji's name, or that is only a picture, fails `make test` in any language; the real messages
pass."""

from __future__ import annotations

import shutil

from bot.cli import emoji_check, locale_check


def write(tmp_path, language: str, text: str):
    folder = tmp_path / "locales" / language
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "x.ftl").write_text(text, "utf-8")
    return tmp_path / "locales"


def test_every_real_message_puts_words_first_in_english_and_welsh():
    assert emoji_check.problems(locale_check.LOCALES) == []
    assert "emoji" not in " ".join(locale_check.problems())


def test_a_button_that_starts_with_an_emoji_fails_in_welsh_too(tmp_path):
    locales = write(tmp_path, "cy", "after = Pleidleisio 🗳\nfirst = 🗳 Pleidleisio\n")
    [problem] = emoji_check.problems(locales)
    assert problem.startswith("locales/cy/x.ftl: first begins with an emoji ('🗳 Pleidleisio')")


def test_a_label_of_emoji_alone_fails(tmp_path):
    locales = write(tmp_path, "en", "ok = Yes 👍\nthumb = 👍\nplay = <b>▶️</b>\n")
    assert emoji_check.problems(locales) == [
        "locales/en/x.ftl: thumb is only emoji: say it in words too (the emoji can follow them)",
        "locales/en/x.ftl: play is only emoji: say it in words too (the emoji can follow them)"]


def test_tags_lines_branches_and_attributes_are_each_checked(tmp_path):
    locales = write(tmp_path, "en", (
        "ok = <b>Reminder</b> ⏰\n    { $when } 🗓\n"
        "tagged = <b>⏰ Reminder</b>\n"
        "second-line = <b>Reminder</b>\n    📍 { $place }\n"
        "branch = { $n ->\n    [one] One place left.\n   *[other] ✅ { $n } places left.\n}\n"
        "attribute = Vote\n    .label = 🗳 Vote\n"))
    assert [p.split(" ")[1] for p in emoji_check.problems(locales)] == [
        "tagged", "second-line", "branch", "attribute.label"]


def test_words_then_emoji_and_emoji_mid_sentence_pass():
    assert emoji_check.message_problem("Done ✅") is None
    assert emoji_check.message_problem("SPK-001 · Bid 1 — funded 🎉\nNext ▶") is None
    assert emoji_check.message_problem("  ✖ Cancel") is not None


def test_check_locales_fails_when_a_real_button_puts_its_emoji_first(tmp_path, monkeypatch,
                                                                     capsys):
    """The command `make test` runs: the real messages, with one Welsh button turned back to
    its old emoji-first form."""
    copy = tmp_path / "locales"
    shutil.copytree(locale_check.LOCALES, copy)
    ballot = copy / "cy" / "ballot.ftl"
    text = ballot.read_text("utf-8")
    assert "menu-again = Dewislen ☰\n" in text
    ballot.write_text(text.replace("menu-again = Dewislen ☰\n", "menu-again = ☰ Dewislen\n"),
                      "utf-8")
    monkeypatch.setattr(locale_check, "LOCALES", copy)
    assert locale_check.main() == 1
    assert capsys.readouterr().err == (
        "locales/cy/ballot.ftl: menu-again begins with an emoji ('☰ Dewislen'): put the emoji "
        "after the words, as a screen reader reads its name first\n")
