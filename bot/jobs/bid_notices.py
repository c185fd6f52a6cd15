"""What groups and organisers are told about bids, through the one Notifier (`notifier.bids`):
an organiser's decision, to the group; the nudge 48 hours before the deadline, to a group with
a draft; the digest of new and changed bids, to each organiser (models/bid_notify.py decides
what it lists and when it is due; this renders it in the organiser's language)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.ui import bid_keyboards as kb
from bot.ui.bid_texts import decision_text, digest_text, nudge_text
from models import bid_notify
from models.bid import Bid, decision_key, nudge_due, nudge_key
from models.round import Round

if TYPE_CHECKING:
    from bot.jobs.notifier import Notifier


class BidNotices:
    def __init__(self, notifier: Notifier) -> None:
        self._notifier = notifier

    async def decided(self, session: AsyncSession, round_: Round, bid: Bid) -> bool:
        """The organiser's decision, to the group in its own language (once per version)."""
        if bid.owner_telegram_id is None:
            return False
        tz = self._notifier.tz
        return await self._notifier.tell_each(
            session, [bid.owner_telegram_id],
            lambda texts, _person: (decision_text(texts, round_, bid, tz),
                                    kb.open_bid(texts, bid, "bid-open-button")),
            dedupe=decision_key(bid)) == 1

    async def nudge(self, session: AsyncSession, round_: Round, bid: Bid) -> bool:
        """A reminder to finish the draft, 48 hours before the deadline (none once that has
        passed); cancelled when the bid is sent or withdrawn (models.bid.cancel_nudge)."""
        due = nudge_due(round_)
        if due is None or bid.owner_telegram_id is None:
            return False
        tz = self._notifier.tz
        return await self._notifier.tell_each(
            session, [bid.owner_telegram_id],
            lambda texts, _person: (nudge_text(texts, round_, bid, tz),
                                    kb.open_bid(texts, bid, "bid-nudge-button")),
            dedupe=nudge_key(bid.id), due_at=due) == 1

    async def to_organisers(self, session: AsyncSession, organiser_ids: Iterable[int]) -> None:
        """Add the latest bid changes to each organiser's pending digest, or start one."""
        await bid_notify.notify_organisers(session, organiser_ids, self._digest)

    async def refresh_digests(self, session: AsyncSession) -> None:
        """Every digest not yet sent lists what still waits (after a decision, a round closed)."""
        await bid_notify.refresh_digests(session, self._digest)

    async def _digest(self, session: AsyncSession, organiser_id: int, bids: list[Bid],
                      since: datetime) -> dict[str, Any]:
        texts = self._notifier.texts(await self._notifier.language(session, organiser_id))
        return self._notifier.payload(digest_text(texts, bids, since))
