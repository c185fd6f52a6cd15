"""The report's "After the vote" figures per area against a known set of projects, payments and
updates (tests/support/delivery_seed.py), for all dates and for a date range, and their
message, Markdown and CSV in English and Welsh."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from bot.i18n import create_i18n
from models.base import utcnow
from models.report import Figures, Period, programme_report, report_csv, report_markdown
from models.report_delivery import delivery_message
from tests.support.delivery_seed import POUND, seed_delivery


def delivery(f: Figures) -> tuple:
    return (f.projects, f.projects_under_way, f.projects_done, f.projects_stopped,
            f.awarded_pence // POUND, f.paid_pence // POUND, f.spent_pence // POUND,
            f.returned_pence // POUND)


async def test_delivery_per_area_and_in_total(session_maker):
    await seed_delivery(session_maker)
    async with session_maker() as session:
        report = await programme_report(session, utcnow())
    assert {a.name_en: delivery(a.figures) for a in report.areas} == {
        "Garston": (1, 0, 0, 1, 2000, 1000, 300, 700),
        "Speke": (3, 2, 1, 0, 3000, 2500, 1750, 100)}
    assert delivery(report.total) == (4, 2, 1, 1, 5000, 3500, 2050, 800)


async def test_the_date_range_keeps_the_rounds_whose_deadline_is_in_it(session_maker):
    await seed_delivery(session_maker)
    async with session_maker() as session:
        recent = await programme_report(session, utcnow(), Period(
            start=utcnow() - timedelta(days=60), end=utcnow()))
        older = await programme_report(session, utcnow(), Period(
            end=utcnow() - timedelta(days=60)))
    assert {a.name_en: delivery(a.figures) for a in recent.areas} == {
        "Garston": (1, 0, 0, 1, 2000, 1000, 300, 700),
        "Speke": (2, 1, 1, 0, 2500, 2000, 1650, 100)}
    assert delivery(recent.total) == (3, 1, 1, 1, 4500, 3000, 1950, 800)
    assert delivery(older.total) == (1, 1, 0, 0, 500, 500, 100, 0)


async def test_no_projects_no_after_the_vote_part(session_maker):
    async with session_maker() as session:
        report = await programme_report(session, utcnow())
    core = create_i18n("en").core
    await core.startup()
    assert delivery_message(report, lambda key, **kw: core.get(key, "en", **kw), "en") == ""
    assert "After the vote" not in report_markdown(
        report, lambda key, **kw: core.get(key, "en", **kw), "en", "today").decode()


MESSAGE = {
    "en": ("<b>After the vote</b> 🏗️\n\nFunded projects: 4\nProjects under way: 2\n"
           "Projects done: 1\nProjects stopped: 1\nMoney awarded: £5,000\n"
           "Money paid out to groups: £3,500\nMoney spent, as groups report it: £2,050\n"
           "Money given back by groups: £800\n\n<b>Garston</b>\nFunded projects: 1\n"
           "Projects under way: 0\nProjects done: 0\nProjects stopped: 1\n"
           "Money awarded: £2,000\nMoney paid out to groups: £1,000\n"
           "Money spent, as groups report it: £300\nMoney given back by groups: £700\n\n"
           "<b>Speke</b>\nFunded projects: 3\n"),
    "cy": ("<b>Ar ôl y bleidlais</b> 🏗️\n\nProsiectau a ariannwyd: 4\n"
           "Prosiectau ar y gweill: 2\nProsiectau wedi gorffen: 1\nProsiectau wedi stopio: 1\n"
           "Arian a ddyfarnwyd: £5,000\nArian a dalwyd i'r grwpiau: £3,500\n"
           "Arian a wariwyd, yn ôl y grwpiau: £2,050\n"
           "Arian a ddychwelwyd gan y grwpiau: £800\n\n<b>Garstwn</b>\n"),
}
MARKDOWN = {
    "en": ("## After the vote",
           "| Area | Funded projects | Under way | Done | Stopped | Money awarded | Paid out | "
           "Spent | Given back |",
           "| Garston | 1 | 0 | 0 | 1 | £2,000 | £1,000 | £300 | £700 |",
           "| Speke | 3 | 2 | 1 | 0 | £3,000 | £2,500 | £1,750 | £100 |",
           "| **Total** | 4 | 2 | 1 | 1 | £5,000 | £3,500 | £2,050 | £800 |"),
    "cy": ("## Ar ôl y bleidlais",
           "| Ardal | Prosiectau a ariannwyd | Ar y gweill | Wedi gorffen | Wedi stopio | "
           "Arian a ddyfarnwyd | Wedi'i dalu | Wedi'i wario | Wedi'i roi'n ôl |",
           "| Garstwn | 1 | 0 | 0 | 1 | £2,000 | £1,000 | £300 | £700 |",
           "| **Cyfanswm** | 4 | 2 | 1 | 1 | £5,000 | £3,500 | £2,050 | £800 |"),
}


@pytest.mark.parametrize("locale", ["en", "cy"])
async def test_message_markdown_and_csv(session_maker, locale):
    await seed_delivery(session_maker)
    async with session_maker() as session:
        report = await programme_report(session, utcnow())
    core = create_i18n("en").core
    await core.startup()

    def t(key, **kw):
        return core.get(key, locale, **kw)

    assert delivery_message(report, t, locale).startswith(MESSAGE[locale])
    markdown = report_markdown(report, t, locale, "today").decode()
    for line in MARKDOWN[locale]:
        assert line in markdown.splitlines()
    rows = {row["area"]: row for row in csv.DictReader(io.StringIO(
        report_csv(report, locale, t("report-total")).decode("utf-8-sig")))}
    total = rows["Cyfanswm" if locale == "cy" else "Total"]
    assert [total[c] for c in ("projects", "projects_under_way", "projects_done",
                               "projects_stopped", "money_awarded", "money_paid",
                               "money_paid_pence", "money_spent", "money_spent_pence",
                               "money_returned", "money_returned_pence")] == [
        "4", "2", "1", "1", "£5,000", "£3,500", "350000", "£2,050", "205000", "£800", "80000"]
    garston = rows["Garstwn" if locale == "cy" else "Garston"]
    assert (garston["projects_stopped"], garston["money_returned"]) == ("1", "£700")
