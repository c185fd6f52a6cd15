"""An event's part of /mydata and /forget: a person's registrations and offers to help, read
out in their language or erased (keeping that they came or helped as anonymous counts)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import tallies
from models.event import OUTBOX_PREFIXES, Event, Helper, HelperStatus, Registration, Role
from models.outbox import OutboxMessage


async def export_person(session: AsyncSession, telegram_id: int,
                        locale: str | None = None) -> dict[str, Any]:
    """Registrations and offers to help, with event titles and roles in the person's language."""
    registrations = await session.execute(
        select(Registration, Event).join(Event, Event.id == Registration.event_id)
        .where(Registration.telegram_id == telegram_id).order_by(Registration.id)
    )
    helpers = await session.execute(
        select(Helper, Role, Event).join(Role, Role.id == Helper.role_id)
        .join(Event, Event.id == Helper.event_id)
        .where(Helper.telegram_id == telegram_id).order_by(Helper.id)
    )
    return {
        "event_registrations": [
            {"event": event.title(locale), "status": r.status, "code": r.code,
             "first_name": r.first_name, "accessibility_needs": r.access_needs,
             "registered_at": r.created_at.isoformat(),
             "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None}
            for r, event in registrations
        ],
        "volunteering": [
            {"event": event.title(locale), "role": role.name(locale), "first_name": h.first_name,
             "status": h.status}
            for h, role, event in helpers
        ],
    }


async def erase_person(session: AsyncSession, telegram_id: int) -> None:
    """Delete the person's registrations, offers to help and this feature's messages to them
    (sent or not: nothing re-plans them once the registrations are gone). A place they held
    goes to the next person waiting at the next tick of bot/jobs/event_monitor.py. That they came
    or helped is kept first, as anonymous counts (models/tallies.py)."""
    await _keep_counts(session, telegram_id)
    await session.execute(delete(Registration).where(Registration.telegram_id == telegram_id))
    await session.execute(delete(Helper).where(Helper.telegram_id == telegram_id))
    await session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.chat_id == telegram_id,
            or_(*(OutboxMessage.dedupe_key.like(f"{prefix}%") for prefix in OUTBOX_PREFIXES)),
        ).execution_options(synchronize_session=False)
    )


async def _keep_counts(session: AsyncSession, telegram_id: int) -> None:
    came = list(await session.scalars(select(Registration.event_id).where(
        Registration.telegram_id == telegram_id, Registration.checked_in_at.is_not(None))))
    helped = list(await session.scalars(select(Helper.event_id).where(
        Helper.telegram_id == telegram_id, Helper.status == HelperStatus.CONFIRMED)))
    await tallies.add(session, tallies.CHECKED_IN, Counter(came))
    await tallies.add(session, tallies.VOLUNTEER, Counter(helped))
    await tallies.add(session, tallies.VOLUNTEER_PERSON, {None: 1 if helped else 0})
