"""Import every model module so `Base.metadata` knows every table (Alembic, tests)."""

from models import (  # noqa: F401
    audit,
    ballot,
    ballot_notices,
    bid,
    broadcast,
    conversation,
    eligibility,
    event,
    organiser,
    outbox,
    paper_ballot,
    pledge,
    processed_update,
    retention,
    round,
    round_cache,
    tallies,
    user,
    voting_code,
    worldcafe,
)
