"""All routers in the order they get a chance at an update; the catch-all comes last."""

from __future__ import annotations

from aiogram import Router

from bot.aiogram_patches import detach_router
from bot.filters import IsOrganiser
from bot.middlewares import AuditMiddleware
from handlers import (
    audit,
    bids,
    bids_review,
    broadcast,
    cancel,
    checkin,
    confirm,
    errors,
    events,
    events_admin,
    fallback,
    help,
    language,
    menu,
    mine,
    organiser_team,
    paper_ballots,
    pledges,
    pledges_admin,
    privacy,
    project_claim,
    project_follow,
    project_handover,
    project_money,
    project_pass,
    project_schedule,
    project_team,
    projects,
    receipt,
    refusals,
    report,
    results,
    rounds_admin,
    start,
    templates,
    volunteers_admin,
    vote,
    voting_access,
    voting_admin,
    worldcafe,
    worldcafe_admin,
)


def organiser_router() -> Router:
    """Every organiser conversation, behind the one check that its sender is an organiser."""
    organisers = Router(name="organisers")
    organisers.message.filter(IsOrganiser())
    organisers.callback_query.filter(IsOrganiser())
    organisers.message.middleware(AuditMiddleware())
    organisers.callback_query.middleware(AuditMiddleware())
    organiser_routers = [broadcast.router, organiser_team.router, audit.router,
                         volunteers_admin.router,
                         events_admin.router, checkin.router, bids_review.router,
                         rounds_admin.router, project_schedule.router, voting_admin.router,
                         voting_access.router, paper_ballots.router,
                         pledges_admin.router, report.router, worldcafe_admin.router,
                         templates.router, confirm.router, projects.admin_router,
                         project_money.router, project_handover.router]
    organisers.include_routers(*(_detached(r) for r in organiser_routers))
    return organisers


def get_routers() -> list[Router]:
    resident_routers = [
        errors.router,
        cancel.router,
        start.router,
        language.router,
        help.router,
        privacy.router,
        receipt.router,
        menu.router,
        events.router,
        mine.router,
        bids.router,
        vote.router,
        results.router,
        project_follow.router,
        projects.router,
        project_team.router,
        project_claim.router,
        project_pass.router,
        worldcafe.router,
    ]
    return [
        *(_detached(r) for r in resident_routers),
        organiser_router(),
        # After the organisers' conversations: a text nothing else wanted may answer a
        # festival-of-learning question (handlers/pledges.py).
        _detached(pledges.router),
        _detached(refusals.router),
        _detached(fallback.router),
    ]


def _detached(router: Router) -> Router:
    # A restart in-process (tests, benchmarks) builds a new Dispatcher on these module-level
    # routers; aiogram would refuse them a second parent.
    return detach_router(router)
