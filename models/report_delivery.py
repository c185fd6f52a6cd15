"""The programme report's "After the vote" part: delivery of the funded projects per area.

Counted into the report's own figures (models/report.py `Figures`), so each area's row in the
message, the Markdown and the CSV carries them:
- projects: funded projects (models/project.py), by status: under way (started, on track or
  delayed), done, stopped;
- money paid to the groups and given back by them, as organisers recorded it;
- money spent, as the groups last reported it (hidden updates too: hiding is about what is
  shown, not about the accounts).
A project's area is its bid's area; a project whose bid has no area counts in the total only.
The report's dates keep the projects of rounds whose bid deadline is in them (as "funded").

The formatting after the counting is pure, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.amounts import format_pounds
from models.bid import Bid
from models.project import PaymentKind, Project, ProjectPayment, ProjectStatus
from models.round import Round

# Figures' fields this module fills (models/report.py).
FIELDS = ("projects", "projects_under_way", "projects_done", "projects_stopped", "paid_pence",
          "spent_pence", "returned_pence")
_BY_STATUS = {ProjectStatus.DONE.value: "projects_done",
              ProjectStatus.STOPPED.value: "projects_stopped"}
_BY_KIND = {PaymentKind.PAID.value: "paid_pence", PaymentKind.RETURNED.value: "returned_pence"}


async def add_delivery(session: AsyncSession, area_of: Mapping[int, str],
                       per: MutableMapping[str, MutableMapping[str, int]],
                       total: MutableMapping[str, int], period_of: Callable[[Any], list]) -> None:
    """Add each area's (and the total's) delivery figures. `area_of`: round area id -> the
    report's area key; `period_of`: the report's Period.of."""
    conditions = period_of(Round.bid_deadline)
    in_period = ([Project.round_id.in_(select(Round.id).where(*conditions))]
                 if conditions else [])

    def buckets(area_id: int | None) -> list[MutableMapping[str, int]]:
        key = area_of.get(area_id) if area_id is not None else None
        return [per[key], total] if key is not None else [total]

    rows = await session.execute(
        select(Bid.area_id, Project.status, func.count(),
               func.coalesce(func.sum(Project.spent_pence), 0))
        .join(Bid, Bid.id == Project.bid_id).where(*in_period)
        .group_by(Bid.area_id, Project.status))
    for area_id, status, count, spent in rows:
        for bucket in buckets(area_id):
            bucket["projects"] += count
            bucket[_BY_STATUS.get(status, "projects_under_way")] += count
            bucket["spent_pence"] += int(spent)
    rows = await session.execute(
        select(Bid.area_id, ProjectPayment.kind,
               func.coalesce(func.sum(ProjectPayment.amount_pence), 0))
        .join(Project, Project.id == ProjectPayment.project_id)
        .join(Bid, Bid.id == Project.bid_id).where(*in_period)
        .group_by(Bid.area_id, ProjectPayment.kind))
    for area_id, kind, pence in rows:
        if kind in _BY_KIND:
            for bucket in buckets(area_id):
                bucket[_BY_KIND[kind]] += int(pence)


# --- formatting (pure) ----------------------------------------------------------------------


def delivery_variables(figures: Any) -> dict[str, object]:
    return {"projects": figures.projects, "under_way": figures.projects_under_way,
            "done": figures.projects_done, "stopped": figures.projects_stopped,
            "awarded": format_pounds(figures.awarded_pence),
            "paid": format_pounds(figures.paid_pence),
            "spent": format_pounds(figures.spent_pence),
            "returned": format_pounds(figures.returned_pence)}


def delivery_message(report: Any, t: Callable[..., str], locale: str, period: str = "") -> str:
    """"After the vote": the total's delivery facts, one a line, then each area's that has
    projects. HTML. Empty if no project is in the report."""
    if not report.total.projects:
        return ""
    lines = [t("report-delivery-title")] + ([period] if period else [])
    lines += ["", t("report-delivery-facts", **delivery_variables(report.total))]
    for area in report.areas:
        if area.figures.projects:
            lines += ["", f"<b>{_html(area.name(locale))}</b>",
                      t("report-delivery-facts", **delivery_variables(area.figures))]
    return "\n".join(lines)


MARKDOWN_HEADINGS = ("report-col-area", "report-col-projects", "report-col-under-way",
                     "report-col-done", "report-col-stopped", "report-col-awarded",
                     "report-col-paid", "report-col-spent", "report-col-returned")


def delivery_markdown(report: Any, t: Callable[..., str], locale: str,
                      md: Callable[[str], str]) -> list[str]:
    """The Markdown file's "After the vote" section (no lines if no project is in it)."""
    if not report.total.projects:
        return []

    def row(name: str, f: Any) -> str:
        cells = [name, f.projects, f.projects_under_way, f.projects_done, f.projects_stopped,
                 format_pounds(f.awarded_pence), format_pounds(f.paid_pence),
                 format_pounds(f.spent_pence), format_pounds(f.returned_pence)]
        return "| " + " | ".join(md(str(cell)) for cell in cells) + " |"

    lines = ["", f"## {t('report-delivery-md-title')}", "", t("report-delivery-md-note"), "",
             "| " + " | ".join(t(key) for key in MARKDOWN_HEADINGS) + " |",
             "|" + "---|" * len(MARKDOWN_HEADINGS)]
    lines += [row(area.name(locale), area.figures) for area in report.areas
              if area.figures.projects]
    lines.append(row(f"**{t('report-total')}**", report.total))
    return lines


CSV_COLUMNS = ("projects", "projects_under_way", "projects_done", "projects_stopped",
               "money_paid", "money_paid_pence", "money_spent", "money_spent_pence",
               "money_returned", "money_returned_pence")


def delivery_csv_cells(f: Any) -> list[object]:
    return [f.projects, f.projects_under_way, f.projects_done, f.projects_stopped,
            format_pounds(f.paid_pence), f.paid_pence, format_pounds(f.spent_pence),
            f.spent_pence, format_pounds(f.returned_pence), f.returned_pence]


def _html(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
