"""Correcting money the organisers recorded for a project (models/project.py ProjectPayment).

An organiser picks one of a project's recent entries and changes its amount or removes it,
after a Yes that names the change. The entry is changed in place (the project's money is what
the entries say now), and the change is kept in the audit log: who, when, which project, the
kind of entry, the amount before and after (models/audit.py; organisers only, never a
resident). A correction may not leave the group having given back more than it was paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import audit
from models.project import Money, PaymentKind, Project, ProjectPayment, money_of, reference_of

RECENT = 8  # entries offered for correcting, newest first


@dataclass(frozen=True)
class Problem:
    """Why a correction may not be made: a locale key and its figures (in pence)."""

    key: str
    paid_pence: int = 0
    returned_pence: int = 0


class Outcome(StrEnum):
    DONE = "done"
    STALE = "stale"  # the entry is gone, or no longer holds the amount the question showed


async def recent_payments(session: AsyncSession, project_id: int,
                          limit: int = RECENT) -> list[ProjectPayment]:
    return list(await session.scalars(
        select(ProjectPayment).where(ProjectPayment.project_id == project_id)
        .order_by(ProjectPayment.recorded_at.desc(), ProjectPayment.id.desc()).limit(limit)))


async def get_payment(session: AsyncSession, project_id: int,
                      payment_id: int) -> ProjectPayment | None:
    """The entry, if it is still there and belongs to that project."""
    payment = await session.get(ProjectPayment, payment_id, populate_existing=True)
    return payment if payment is not None and payment.project_id == project_id else None


def money_after(money: Money, payment: ProjectPayment, to_pence: int | None) -> Money:
    """The project's totals once `payment` holds `to_pence` (None: removed)."""
    change = (to_pence or 0) - payment.amount_pence
    if payment.kind == PaymentKind.PAID:
        return Money(money.paid_pence + change, money.returned_pence)
    return Money(money.paid_pence, money.returned_pence + change)


def correction_problem(money: Money, payment: ProjectPayment,
                       to_pence: int | None) -> Problem | None:
    """None if the correction may be made. A new amount is more than £0 (to record nothing,
    remove the entry); afterwards, no more returned than paid."""
    if to_pence is not None and to_pence <= 0:
        return Problem("pj-pay-bad-amount")
    after = money_after(money, payment, to_pence)
    if after.returned_pence > after.paid_pence:
        return Problem("pjm-returned-over-paid", after.paid_pence, after.returned_pence)
    return None


async def project_money(session: AsyncSession, project_id: int) -> Money:
    return (await money_of(session, [project_id])).get(project_id, Money())


async def correct_payment(session: AsyncSession, project: Project, payment_id: int,
                          was_pence: int, to_pence: int | None, *, by: int,
                          by_name: str | None, now: datetime) -> Outcome | Problem:
    """Change the entry to `to_pence` (None: remove it) if it still holds `was_pence`, and
    record who did it in the audit log; or say why not, changing nothing."""
    payment = await get_payment(session, project.id, payment_id)
    if payment is None or payment.amount_pence != was_pence:
        return Outcome.STALE
    problem = correction_problem(await project_money(session, project.id), payment, to_pence)
    if problem is not None:
        return problem
    reference = await reference_of(session, project)
    detail = {"kind": payment.kind, "project": reference, "was": was_pence}
    if to_pence is None:
        await session.execute(delete(ProjectPayment).where(ProjectPayment.id == payment.id))
        await audit.record(session, by, audit.Event.PAYMENT_REMOVED, actor_name=by_name,
                           round_id=project.round_id, **detail)
    else:
        payment.amount_pence = to_pence
        await audit.record(session, by, audit.Event.PAYMENT_CHANGED, actor_name=by_name,
                           round_id=project.round_id, to=to_pence, **detail)
    await session.flush()
    return Outcome.DONE
