"""The plain-English check (bot/cli/readability_check.py): the real messages pass, the hardest
are reported first, and a message written like a contract fails `make test`."""

from __future__ import annotations

from bot.cli import locale_check
from bot.cli.readability_check import MAX_GRADE, report, scores

HARD = ("hard = Notwithstanding the aforementioned provisions, eligibility determinations "
        "regarding participatory budgeting allocations necessitate comprehensive "
        "consideration of organisational accountability, sustainability and demonstrable "
        "community benefit, irrespective of administrative circumstances.\n")
EASY = ("easy = Tap Vote to choose the bids you like. You can change your mind until the vote "
        "closes. Your vote is secret.\n")


def test_every_english_message_is_under_the_limit():
    graded = scores(locale_check.LOCALES / "en")
    assert len(graded) > 100
    assert graded[0].grade <= MAX_GRADE, graded[0]
    assert report(locale_check.LOCALES / "en")[1] == []
    residents = [s.grade for s in graded if not s.for_organisers]
    assert sum(residents) / len(residents) < 4  # GOV.UK's reading age of 9, on average


def test_a_hard_message_fails_and_is_reported_first(tmp_path):
    (tmp_path / "x.ftl").write_text(EASY + HARD + "button = 🗳 Vote\n", "utf-8")
    lines, problems = report(tmp_path)
    assert lines[0].startswith("reading grade, residents: 2 messages")  # the button is too short
    assert " hard: Notwithstanding" in lines[1]
    assert [p.split(" reads")[0] for p in problems] == ["locales/en: hard"]
    assert scores(tmp_path)[-1].key == "easy" and scores(tmp_path)[-1].grade < 4


def test_selectors_and_values_are_read_as_a_person_sees_them(tmp_path):
    (tmp_path / "x.ftl").write_text(
        "m = <b>{ $name }</b> has { $n ->\n    [one] one place left for you today and then\n"
        "   *[other] { $n } places left for you today and then\n} it closes. 📅 See you soon.\n",
        "utf-8")
    [graded] = scores(tmp_path)
    assert graded.text == ("Speke has Speke places left for you today and then it closes . "
                           "See you soon .")

