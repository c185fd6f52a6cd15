"""Everything stored about one person, to show it (/mydata) or erase it (/forget).

Each feature that stores personal data adds an exporter and an eraser here, next to its tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from models import bid as bids
from models import eligibility, worldcafe
from models import event as events
from models import pledge as pledges
from models.ballot_notices import erase_person as erase_notices
from models.ballot_notices import export_person as export_notices
from models.conversation import forget_states
from models.user import User


async def export_personal_data(session: AsyncSession, user: User,
                               conversation: dict[str, Any]) -> dict[str, Any]:
    """`conversation`: the state and answers of the person's conversation in progress, read
    from wherever conversation state is kept (the database, or Redis with several processes)."""
    return {
        "account": {
            "telegram_id": user.telegram_id,
            "language": user.locale,
            "first_seen": user.created_at.isoformat(),
            "privacy_notice_seen": (user.privacy_seen_at.isoformat()
                                    if user.privacy_seen_at else None),
        },
        "conversation_in_progress": conversation,
        **await events.export_person(session, user.telegram_id),
        "areas_told_for_voting": await eligibility.export_person(session, user.telegram_id),
        "bids": await bids.export_bids(session, user.telegram_id),
        "festival_of_learning": await pledges.export_person(session, user.telegram_id),
        "world_cafe_answers": await worldcafe.export_person(session, user.telegram_id),
        "voting_notices": await export_notices(session, user.telegram_id),
    }


async def erase_personal_data(session: AsyncSession, user: User) -> None:
    await forget_states(session, user.telegram_id)
    await events.erase_person(session, user.telegram_id)
    await eligibility.erase_person(session, user.telegram_id)
    await bids.erase_bids(session, user.telegram_id)
    await pledges.erase_person(session, user.telegram_id)
    await worldcafe.erase_person(session, user.telegram_id)
    await erase_notices(session, user.telegram_id)
    await session.execute(delete(User).where(User.id == user.id))
