"""Import every model module so `Base.metadata` knows every table (Alembic, tests)."""

from models import (  # noqa: F401
    audit,
    ballot,
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
    project,
    project_team,
    retention,
    round,
    round_cache,
    tallies,
    user,
    voting_code,
    worldcafe,
)
from models.ballot import notices as ballot_notices  # noqa: F401
