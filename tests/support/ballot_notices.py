"""Who is told when voting opens, as the ballot-notice tests set it up, and what they are told."""

from __future__ import annotations

from bot.ui.callbacks import Locale
from models.ballot.notices import ask_to_be_told
from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import make_event, register_only
from tests.support.factories import GROUP_OWNER, join, outbox_rows

REGISTERED, ASKED, ASKED_ELSEWHERE, STRANGER = 750_001, 750_002, 750_003, 750_004
VOTER, STARTER = 750_005, 750_006
OPENED = {Locale.EN: "Voting is open: <b>Safer Speke 2026</b>.",
          Locale.CY: "Mae'r bleidlais ar agor: <b>Speke Mwy Diogel 2026</b>."}


async def notes(session_maker, prefix: str) -> dict[int, str]:
    """The text of each outbox row whose dedupe key starts with `prefix`, by chat."""
    return {row.chat_id: row.payload["text"] for row in await outbox_rows(session_maker, prefix)}


async def people_who_took_part(harness, session_maker, round_id: int) -> None:
    """GROUP_OWNER (a bid), REGISTERED (for the round's vote event) and ASKED ("tell me") are to
    be told; ASKED_ELSEWHERE lives in another area and STRANGER only said hello."""
    event_id = await make_event(session_maker, kind="vote", round_id=round_id, area="Speke")
    for person, locale in ((GROUP_OWNER, Locale.CY), (REGISTERED, Locale.CY),
                           (ASKED, Locale.EN), (ASKED_ELSEWHERE, Locale.EN),
                           (STRANGER, Locale.EN), (ORGANISER_ID, Locale.EN)):
        await join(harness, person, locale)
    await register_only(session_maker, event_id, REGISTERED)
    elsewhere = await make_event(session_maker, area="Ringland")
    await register_only(session_maker, elsewhere, ASKED_ELSEWHERE)  # lives in Ringland
    async with session_maker.begin() as session:
        for person in (ASKED, ASKED_ELSEWHERE):
            await ask_to_be_told(session, person)
