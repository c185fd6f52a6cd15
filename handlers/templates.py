"""`/template <kind>`: an example file for each import, with notes in the organiser's language
(models/upload_templates.py). Organisers only (handlers/__init__.py). The kinds are named in
English or Welsh; the paper ballot sheet is for the round taking paper ballots now (or the one
named: `/template ballots 3`), with its bids as the columns."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from aiogram_i18n import I18nContext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from bot.ui.event_texts import escape
from models import upload_templates as templates
from models.ballot import votable_bids
from models.base import utcnow
from models.round import PAPER_OPEN, Round, all_rounds
from models.voting import project_id

router = Router(name=__name__)
KINDS = {"questions": "questions", "cwestiynau": "questions",
         "ballots": "ballots", "taflenni": "ballots", "pleidleisiau": "ballots",
         "events": "events", "digwyddiadau": "events",
         "rounds": "rounds", "round": "rounds", "rowndiau": "rounds", "rownd": "rounds"}


@router.message(Command("template"))
async def template_command(message: Message, command: CommandObject, session: AsyncSession,
                           settings: Settings, i18n: I18nContext) -> None:
    words = (command.args or "").lower().split()
    kind = KINDS.get(words[0]) if words else None
    if kind is None:
        await message.answer(i18n.get("template-which"))
        return
    caption = {}
    if kind == "ballots":
        round_ = await _paper_round(session, words[1] if len(words) > 1 else "")
        if round_ is None:
            await message.answer(i18n.get("template-no-round"))
            return
        references = [project_id(bid) for bid in await votable_bids(session, round_.id)]
        body = templates.ballots_csv(i18n.get, round_.ballot_kind, references,
                                     welsh=i18n.locale == "cy")
        name, caption = f"paper-ballots-round-{round_.id}.csv", {
            "round": escape(round_.name(i18n.locale))}
    elif kind == "questions":
        body, name = templates.questions_yaml(i18n.get), "worldcafe-questions.yaml"
    elif kind == "events":
        body, name = templates.events_yaml(i18n.get, utcnow(), settings.tz), "events.yaml"
    else:
        body, name = templates.rounds_yaml(i18n.get, utcnow(), settings.tz), "round.yaml"
    await message.answer_document(BufferedInputFile(body, filename=name),
                                  caption=i18n.get(f"template-{kind}", **caption))


async def _paper_round(session: AsyncSession, number: str) -> Round | None:
    """The round named, or the newest one taking paper ballots."""
    taking = [r for r in await all_rounds(session) if r.status in PAPER_OPEN]
    if number.isdigit():
        return next((r for r in taking if r.id == int(number)), None)
    return taking[0] if taking else None
