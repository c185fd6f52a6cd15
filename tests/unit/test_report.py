"""The programme report: its figures against a seeded programme (rows made directly through
the models), and its formatting (pure functions) in both languages."""

from __future__ import annotations

import csv
import io

import pytest

from bot.i18n import create_i18n
from models.base import utcnow
from models.report import (
    CSV_COLUMNS,
    AreaReport,
    Figures,
    Report,
    programme_report,
    report_csv,
    report_markdown,
    report_message,
)
from tests.support.programme import EXPECTED, FACTS_CY, FACTS_EN, SUMMARY_CY, TOTAL, seed_programme


async def test_figures_of_a_seeded_programme(session_maker):
    await seed_programme(session_maker)
    async with session_maker() as session:
        report = await programme_report(session, utcnow())
    assert report.total == TOTAL
    assert {area.name_en: area.figures for area in report.areas} == EXPECTED
    assert [area.name("cy") for area in report.areas] == ["Alwe", "Litherland", "Ringland",
                                                          "Speke"]


async def test_an_empty_programme_is_all_zeros(session_maker):
    async with session_maker() as session:
        report = await programme_report(session, utcnow())
    assert report == Report(areas=(), total=Figures())


# --- formatting -----------------------------------------------------------------------------

SAMPLE = Report(
    areas=(AreaReport("Ringland", "Ringland", EXPECTED["Ringland"]),
           AreaReport("=Alway <north>", "Alwe", EXPECTED["Alway"])),
    total=TOTAL)


@pytest.fixture
async def translate():
    core = create_i18n("en").core
    await core.startup()

    def get(locale: str):
        return lambda key, **values: core.get(key, locale, **values)
    return get


async def test_message_gives_the_key_facts_line_by_line_total_first(translate):
    text = report_message(SAMPLE, translate("en"), "en")
    assert text.startswith("<b>Programme report</b> 📊\n\n" + FACTS_EN + "\n\n<b>Ringland</b>\n"
                           "World Cafés held: 1\nPeople at World Cafés: 60\nVolunteers: 15\n")
    assert "\n\n<b>=Alway &lt;north&gt;</b>\nWorld Cafés held: 1\nPeople at World Cafés: 55" \
        in text
    welsh = report_message(SAMPLE, translate("cy"), "cy")
    assert FACTS_CY in welsh
    assert "<b>Alwe</b>\nCaffis y Byd a gynhaliwyd: 1\nPobl yng Nghaffis y Byd: 55" in welsh


def test_csv_has_a_row_per_area_and_a_total():
    body = report_csv(SAMPLE, "en", "Total")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["area"] for row in rows] == ["Ringland", "'=Alway <north>", "Total"]
    total = rows[-1]
    assert (total["world_cafe_people"], total["world_cafes"], total["volunteers"],
            total["pb_event_people"], total["pb_events"], total["bids"], total["money_asked"],
            total["projects_funded"], total["money_awarded_pence"]) == (
        "115", "2", "40", "600", "3", "77", "£149,000", "35", "7000000")


async def test_markdown_is_a_table_in_the_readers_language(translate):
    text = report_markdown(SAMPLE, translate("cy"), "cy", "Sad 28 Tach 2026").decode()
    lines = text.splitlines()
    assert lines[0] == "# Adroddiad y rhaglen"
    assert SUMMARY_CY in text
    table = [line for line in lines if line.startswith("|")]
    assert table[0].startswith("| Ardal | Caffi'r Byd |")
    assert table[2].startswith("| Ringland | 1 | 60 | 15 |")
    assert table[3].startswith("| Alwe | 1 | 55 |")
    assert table[-1] == ("| **Cyfanswm** | 2 | 115 | 40 | 3 | 600 | 77 | £149,000 | 366 | 35 "
                         "| £70,000 |")
