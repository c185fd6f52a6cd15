"""Everything stored about one person, to show it (/mydata) or erase it (/forget).

One registry, `HOLDERS`, lists every table column that can hold a Telegram id, a name or
words a person typed, with the eraser that clears it. Columns that can never hold such a
thing are declared in `NOT_PERSONAL`, and columns kept on purpose once the link to the person
is gone in `KEPT_UNLINKED`, each with its reason. tests/unit/test_personal_data_registry.py reads
every table of `Base.metadata` and fails when a column that `may_hold_person` flags is in none
of the three: a new feature cannot store something about people without saying how it goes.

Erasure is complete by construction in three more places:
- the outbox: every message queued or sent to the person goes (pending rows are never sent;
  sent rows' dedupe keys named their Telegram id). Nothing re-plans them: every planner
  reads its recipients from rows /forget deletes (users, registrations, pledges...);
- logs name people only by `bot.log_ids.pseudonym` (a keyed hash, the key never stored);
- SQLite: `secure_delete` zeroes deleted content, and `checkpoint_after_erasure` empties the
  write-ahead log, so no copy stays in the file's free pages or the -wal file; PostgreSQL:
  `checkpoint_after_erasure` vacuums the tables erased from, so no old row version stays
  readable through the database (docs/privacy.md says what stays on its disk).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, String, Text, delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import ballot as ballots
from models import bid as bids
from models import eligibility, event_personal_data, project_owner_link, project_team, worldcafe
from models import pledge as pledges
from models import project as projects
from models import voting_code as voting_codes
from models.audit import AuditEntry, forget_actor
from models.ballot.notices import erase_person as erase_notices
from models.ballot.notices import export_person as export_notices
from models.broadcast import Broadcast
from models.conversation import forget_states
from models.db import clean_after_delete
from models.event import Event
from models.organiser import Organiser
from models.outbox import OutboxMessage
from models.pledge import Festival
from models.user import User

Eraser = Callable[[AsyncSession, int], Awaitable[None]]
# Column names that say "a person's Telegram id" whatever their type.
ID_NAMES = ("telegram_id", "chat_id", "user_id", "_by", "actor", "owner", "claimant", "voter")
# Someone who asked to be forgotten, where a column must keep a value (audit entries).
FORGOTTEN = 0


@dataclass(frozen=True)
class Holder:
    """Columns ("table.column") holding a person's id, name or words, and what clears them."""

    columns: tuple[str, ...]
    erase: Eraser
    how: str  # what /forget does to them, in one sentence (docs/privacy-erasure.md)
    shown_as: tuple[str, ...]  # where /mydata shows them (keys of export_personal_data)


def may_hold_person(column: Column) -> bool:
    """The rule the registry test applies: any text or JSON (a name or someone's words may be
    in it), any 64-bit integer (Telegram ids are), and any column named like an id of someone."""
    if isinstance(column.type, String | Text | JSON):  # Text is a String; said for the reader
        return True
    if isinstance(column.type, BigInteger):
        return True
    return any(part in column.name for part in ID_NAMES)


# --- erasers that live here (tables whose modules have no person-level eraser) --------------


async def _forget_account(session: AsyncSession, telegram_id: int) -> None:
    await session.execute(delete(User).where(User.telegram_id == telegram_id))


async def _forget_organiser(session: AsyncSession, telegram_id: int) -> None:
    """An organiser who asks to be forgotten stops being one (unless ORGANISER_IDS names them);
    what they made stays, without their id."""
    await session.execute(delete(Organiser).where(Organiser.telegram_id == telegram_id))
    await session.execute(update(Organiser).where(Organiser.added_by == telegram_id)
                          .values(added_by=FORGOTTEN))
    await session.execute(update(Event).where(Event.created_by == telegram_id)
                          .values(created_by=None))
    await session.execute(update(Festival).where(Festival.created_by == telegram_id)
                          .values(created_by=None))
    await session.execute(update(Broadcast).where(Broadcast.organiser_chat_id == telegram_id)
                          .values(organiser_chat_id=FORGOTTEN))


async def _forget_audit(session: AsyncSession, telegram_id: int) -> None:
    """Entries stay (what was done, when), but no longer say by whom (id and first name)."""
    await session.execute(forget_actor(telegram_id).execution_options(synchronize_session=False))


async def _forget_messages(session: AsyncSession, telegram_id: int) -> None:
    """Every message to the person, whatever its state: pending ones are never sent, and sent
    ones' rows (dedupe key, text) named them. Other people's rows are untouched, so their
    exactly-once delivery is too; a row being sent right now just records its outcome on
    nothing (bot/jobs/delivery.py updates by id)."""
    await session.execute(delete(OutboxMessage).where(OutboxMessage.chat_id == telegram_id)
                          .execution_options(synchronize_session=False))


async def _forget_events(session: AsyncSession, telegram_id: int) -> None:
    await event_personal_data.erase_person(session, telegram_id)


async def _forget_bids(session: AsyncSession, telegram_id: int) -> None:
    await bids.erase_bids(session, telegram_id)


# --- the registry ---------------------------------------------------------------------------

HOLDERS: tuple[Holder, ...] = (
    Holder(("conversation_states.key", "conversation_states.telegram_id",
            "conversation_states.state", "conversation_states.data"), forget_states,
           "The conversation in progress is deleted.",
           ("conversation_in_progress",)),
    Holder(("event_registrations.telegram_id", "event_registrations.first_name",
            "event_registrations.access_needs", "event_registrations.code",
            "event_volunteers.telegram_id", "event_volunteers.first_name"), _forget_events,
           "Registrations (door code, first name, access needs) and offers to help are "
           "deleted; a place held goes to the next person waiting.",
           ("event_registrations", "volunteering")),
    Holder(("voter_areas.telegram_id",), eligibility.erase_person,
           "The areas told for voting are deleted.",
           ("areas_told_for_voting",)),
    Holder(("bids.owner_telegram_id", "bids.contact", "bids.voice_file_id"), _forget_bids,
           "Draft bids are deleted; sent bids lose who sent them, the contact and voice note.",
           ("bids",)),
    Holder(("pledges.telegram_id", "pledges.learned", "pledges.pledge", "pledges.outcome_note",
            "pledges.locale"), pledges.erase_person,
           "Festival of learning answers and pledges are deleted.",
           ("festival_of_learning",)),
    Holder(("worldcafe_answers.telegram_id", "worldcafe_answers.text",
            "worldcafe_answers.voice_file_id", "worldcafe_answers.first_name",
            "worldcafe_answers.locale"), worldcafe.erase_person,
           "Every World Café answer is deleted, anonymous ones too.",
           ("world_cafe_answers",)),
    Holder(("organisers.telegram_id", "organisers.added_by", "events.created_by",
            "festivals.created_by", "broadcasts.organiser_chat_id"), _forget_organiser,
           "An organiser stops being one; events, festivals and broadcasts they made stay "
           "without their id.",
           ("organiser",)),
    Holder(("audit_log.actor_telegram_id", "audit_log.actor_name"), _forget_audit,
           "Audit entries stay, without saying who.",
           ("organiser",)),
    Holder(("vote_alerts.telegram_id", "ballot_starts.telegram_id"), erase_notices,
           "Asking to be told when voting opens, and ballots started but not confirmed, are "
           "deleted.",
           ("voting_notices",)),
    Holder(("projects.owner_telegram_id", "project_updates.author_telegram_id",
            "project_updates.voice_file_id", "project_follows.telegram_id",
            "project_payments.recorded_by"),
           projects.erase_person,
           "Project updates stay without saying who wrote them (a voice note goes); projects "
           "stay without their group's id; following projects stops; payments an organiser "
           "recorded stay without saying who.",
           ("projects",)),
    Holder(("project_members.telegram_id", "project_members.first_name"),
           project_team.erase_person,
           "Being a co-owner of a funded project's group (and the first name the group saw) "
           "is deleted.",
           ("project_groups",)),
    Holder(("project_invites.made_by", "project_invites.replaces_owner"),
           project_owner_link.erase_person,
           "Links an organiser made for a project's new owner stay good, without saying who "
           "made them or whose place they were made to take.",
           ("project_owner_links",)),
    Holder(("outbox.chat_id", "outbox.dedupe_key", "outbox.payload", "outbox.last_error",
            "outbox.telegram_message_id"), _forget_messages,
           "Every message queued or sent to the person is deleted.",
           ("messages_to_you",)),
    Holder(("users.telegram_id", "users.locale"), _forget_account,
           "The account (Telegram id, language) is deleted last.",
           ("account",)),
)

# Columns a person's id, name or words never reach, and why.
NOT_PERSONAL: dict[str, str] = {
    # Set by the bot from fixed lists: statuses, kinds, languages of organisers' texts.
    **{f"{table}.{column}": "one of a fixed set of values chosen by the bot"
       for table, columns in {
           "broadcasts": ("audience", "status"),
           "events": ("kind", "status", "reminder_offsets", "area"),
           "outbox": ("kind", "status", "claimed_by"),
           "rounds": ("status", "ballot_kind", "allocation_rule", "allocation_policy",
                      "eligibility"),
           "ballots": ("age_band",),
           "event_registrations": ("status",),
           "event_volunteers": ("status",),
           "festivals": ("audience",),
           "paper_ballots": ("source",),
           "pledges": ("stage", "outcome"),
           "bids": ("status", "reference"),
           "round_areas": ("code",),
           "worldcafe_questions": ("token",),
           "voting_codes": ("code_hash",),
           "projects": ("status", "ask_days"),
           "project_updates": ("status",),
           "project_payments": ("kind",),
       }.items() for column in columns},
    # Written by organisers for everyone to read.
    **{f"{table}.{column}": "written by organisers for everyone to read"
       for table, columns in {
           "broadcasts": ("audience_target_name", "text_en", "text_cy", "photo_file_id"),
           "events": ("title_en", "title_cy", "description_en", "description_cy", "venue",
                      "address"),
           "rounds": ("name_en", "name_cy", "priorities", "questions"),
           "round_areas": ("name_en", "name_cy"),
           "event_roles": ("name_en", "name_cy"),
           "worldcafe_questions": ("group_label", "group_label_cy", "text_en", "text_cy"),
           "paper_ballots": ("label",),
       }.items() for column in columns},
    "audit_log.action": "the command or button only, never free text (bot/middlewares.py)",
    "audit_log.event": "one of a fixed set of events (models/audit.py)",
    "audit_log.detail": "the bot's own codes and numbers, never anyone's words",
    "anonymous_counts.what": "one of a fixed set of things counted, never who",
    "bids.decision_note": "an organiser's note about the bid, not about the person",
    "rounds.max_bid_pence": "an amount of money",
    "round_areas.pot_pence": "an amount of money",
    "bids.amount_pence": "an amount of money",
    **{column: "an amount of money" for column in (
        "projects.award_pence", "projects.spent_pence", "project_updates.spent_pence",
        "project_payments.amount_pence")},
    "broadcasts.progress_message_id": "a message number in the organiser's chat",
    "processed_updates.update_id": "Telegram's number for an update, not for a person",
    "rounds_version.version": "a counter",
    "rounds.update_days": "numbers of days set by organisers (when groups are asked)",
    "project_invites.token_hash": "a hash of a random invitation link; it names nobody",
    "voting_roll.receipt": "a random code given to the voter; it names nobody",
    "ballot_boxes.salt": "a random value, thrown away when voting closes",
    "ballot_boxes.age_bands": "counts of age bands per round, never one person's",
}

# Kept on purpose, once nothing ties them to the person any more, and why.
KEPT_UNLINKED: dict[str, str] = {
    **{f"bids.{column}": "a sent bid was read and voted on by residents: its words stay in "
                         "its round without its owner (drafts are deleted)"
       for column in ("group_name", "title", "description", "beneficiaries", "photo_file_id")},
    "project_updates.text": "a funded group's update, written to be public (the group was "
                            "told so before sending): it stays without its author",
    "project_updates.photo_file_id": "a funded group's photo, sent public with the permission "
                                     "of the people in it: it stays without its author",
    "ballots.voter_key": "a keyed hash, not the id; ballot secrecy (models/ballot/box.py) breaks "
                         "the link on /forget and at close",
    "voting_roll.roll_key": "a keyed hash, not the id (who voted, never how); /forget "
                            "replaces it at random once voting has closed (models/ballot/box.py)",
    "voting_codes.claimant_key": "a keyed hash, not the id; /forget frees the card, or "
                                 "keeps it used under a random key if it was voted with "
                                 "(models/voting_code.py); retention drops the rest",
}


def registered_columns() -> dict[str, str]:
    """Every column the registry speaks for, with what happens to it."""
    found = {column: holder.how for holder in HOLDERS for column in holder.columns}
    found.update({column: f"not personal: {why}" for column, why in NOT_PERSONAL.items()})
    found.update({column: f"kept, unlinked: {why}" for column, why in KEPT_UNLINKED.items()})
    return found


# --- /mydata and /forget --------------------------------------------------------------------


async def export_personal_data(session: AsyncSession, user: User,
                               conversation: dict[str, Any]) -> dict[str, Any]:
    """`conversation`: the state and answers of the person's conversation in progress, read
    from wherever conversation state is kept (the database, or Redis with several processes).
    Titles and questions are in the person's language."""
    tid, locale = user.telegram_id, user.locale
    return {
        "account": {
            "telegram_id": tid,
            "language": locale,
            "first_seen": user.created_at.isoformat(),
            "privacy_notice_seen": (user.privacy_seen_at.isoformat()
                                    if user.privacy_seen_at else None),
        },
        "conversation_in_progress": conversation,
        **await event_personal_data.export_person(session, tid, locale),
        "areas_told_for_voting": await eligibility.export_person(session, tid),
        "bids": await bids.export_bids(session, tid),
        "festival_of_learning": await pledges.export_person(session, tid),
        "world_cafe_answers": await worldcafe.export_person(session, tid, locale),
        "messages_to_you": await _export_messages(session, tid),
        "voting_notices": await export_notices(session, tid),
        "projects": await projects.export_person(session, tid),
        "project_groups": await project_team.export_person(session, tid),
        "project_owner_links": await project_owner_link.export_person(session, tid),
        **await _export_organiser(session, tid),
    }


async def _export_messages(session: AsyncSession, telegram_id: int) -> list[dict[str, Any]]:
    rows = await session.scalars(select(OutboxMessage).where(OutboxMessage.chat_id == telegram_id)
                                 .order_by(OutboxMessage.id))
    return [{"status": row.status, "due_at": row.due_at.isoformat(),
             "sent_at": row.sent_at.isoformat() if row.sent_at else None,
             "text": row.payload.get("text") or row.payload.get("caption")} for row in rows]


async def _export_organiser(session: AsyncSession, telegram_id: int) -> dict[str, Any]:
    organiser = await session.get(Organiser, telegram_id)
    actions = list(await session.execute(
        select(AuditEntry.at, AuditEntry.action)
        .where(AuditEntry.actor_telegram_id == telegram_id).order_by(AuditEntry.id)))
    if organiser is None and not actions:
        return {"organiser": None}
    return {"organiser": {
        "added_at": organiser.added_at.isoformat() if organiser else None,
        "actions": [{"at": at.isoformat(), "action": action} for at, action in actions]}}


async def erase_personal_data(session: AsyncSession, user: User, *,
                              secret: bytes | None = None) -> None:
    """Every holder's eraser, in the registry's order (the account last). `secret`: the ballot
    secret, without which a ballot cast while voting is open cannot be found to cut it loose."""
    if secret is not None:
        # Cards first: whether a card was voted with is read from the roll, which
        # forget_voter may make unreadable.
        await voting_codes.forget_claims(session, user.telegram_id, secret=secret)
        await ballots.forget_voter(session, user.telegram_id, secret=secret)
    for holder in HOLDERS:
        await holder.erase(session, user.telegram_id)


async def checkpoint_after_erasure(engine: AsyncEngine) -> None:
    """Once the erasure is committed, no old copy of what it removed stays where the database
    can read it: the SQLite write-ahead log is emptied into the zeroed file, and on
    PostgreSQL every table /forget or retention touches is vacuumed
    (models/db.py clean_after_delete)."""
    await clean_after_delete(engine, erased_tables())


def erased_tables() -> set[str]:
    """Every table an erasure changes: the registry's, and the ballot tables and voting cards
    whose keyed hashes /forget and retention cut loose (models/ballot/box.py, voting_code.py)."""
    return ({column.split(".")[0] for holder in HOLDERS for column in holder.columns}
            | {column.split(".")[0] for column in KEPT_UNLINKED}
            | {"ballot_entries"})  # a ballot cut loose is written again, entries and all
