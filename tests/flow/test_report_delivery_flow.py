"""/report's "After the vote" through the real dispatcher, in English and Welsh: delivery per
area in the chat message, the Markdown file and the CSV file, for all dates and for a range,
from a known set of projects, payments and updates (tests/support/delivery_seed.py)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from aiogram.methods import SendDocument, SendMessage

from bot.ui.callbacks import Locale
from models.base import utcnow
from tests.conftest import ORGANISER_ID
from tests.support.delivery_seed import seed_delivery
from tests.support.factories import join

SAID = {
    Locale.EN: {"title": "<b>After the vote</b> 🏗️", "total": "Total", "garston": "Garston",
                "all": "Funded projects: 4\nProjects under way: 2\nProjects done: 1\n"
                       "Projects stopped: 1\nMoney awarded: £5,000\n"
                       "Money paid out to groups: £3,500\n"
                       "Money spent, as groups report it: £2,050\n"
                       "Money given back by groups: £800",
                "speke": "<b>Speke</b>\nFunded projects: 3\nProjects under way: 2\n"
                         "Projects done: 1\nProjects stopped: 0\nMoney awarded: £3,000\n"
                         "Money paid out to groups: £2,500\n"
                         "Money spent, as groups report it: £1,750\n"
                         "Money given back by groups: £100",
                "recent": "Funded projects: 3\nProjects under way: 1\n",
                "md": "| Speke | 3 | 2 | 1 | 0 | £3,000 | £2,500 | £1,750 | £100 |"},
    Locale.CY: {"title": "<b>Ar ôl y bleidlais</b> 🏗️", "total": "Cyfanswm", "garston": "Garstwn",
                "all": "Prosiectau a ariannwyd: 4\nProsiectau ar y gweill: 2\n"
                       "Prosiectau wedi gorffen: 1\nProsiectau wedi stopio: 1\n"
                       "Arian a ddyfarnwyd: £5,000\nArian a dalwyd i'r grwpiau: £3,500\n"
                       "Arian a wariwyd, yn ôl y grwpiau: £2,050\n"
                       "Arian a ddychwelwyd gan y grwpiau: £800",
                "speke": "<b>Speke</b>\nProsiectau a ariannwyd: 3\nProsiectau ar y gweill: 2\n"
                         "Prosiectau wedi gorffen: 1\nProsiectau wedi stopio: 0\n"
                         "Arian a ddyfarnwyd: £3,000\nArian a dalwyd i'r grwpiau: £2,500\n"
                         "Arian a wariwyd, yn ôl y grwpiau: £1,750\n"
                         "Arian a ddychwelwyd gan y grwpiau: £100",
                "recent": "Prosiectau a ariannwyd: 3\nProsiectau ar y gweill: 1\n",
                "md": "| Speke | 3 | 2 | 1 | 0 | £3,000 | £2,500 | £1,750 | £100 |"},
}


def split(sent: list) -> tuple[list[str], str, list[dict[str, str]]]:
    messages = [r.text for r in sent if isinstance(r, SendMessage)]
    markdown, table = [r.document.data for r in sent if isinstance(r, SendDocument)]
    return messages, markdown.decode(), list(csv.DictReader(io.StringIO(
        table.decode("utf-8-sig"))))


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_delivery_per_area_in_the_message_and_both_files(harness, session_maker, lang):
    said = SAID[lang]
    await seed_delivery(session_maker)
    await join(harness, ORGANISER_ID, lang)
    messages, markdown, rows = split(await harness.send(ORGANISER_ID, "/report"))
    after = messages[-1]
    assert after.startswith(said["title"] + "\n\n" + said["all"])
    assert said["speke"] in after and f"<b>{said['garston']}</b>" in after
    assert said["md"] in markdown.splitlines()
    by_area = {row["area"]: row for row in rows}
    assert [by_area[said["total"]][c] for c in ("projects", "projects_done", "money_paid",
                                                "money_spent", "money_returned")] == [
        "4", "1", "£3,500", "£2,050", "£800"]
    assert by_area["Speke"]["money_spent_pence"] == "175000"

    # A range of dates keeps the projects of rounds whose bid deadline is in it.
    start, end = utcnow() - timedelta(days=60), utcnow()
    messages, markdown, rows = split(await harness.send(
        ORGANISER_ID, f"/report {start:%d/%m/%Y} {end:%d/%m/%Y}"))
    assert said["recent"] in messages[-1]
    assert {row["area"]: row["projects"] for row in rows}["Speke"] == "2"
