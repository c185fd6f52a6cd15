"""Everything the bot sends on its own goes through the one notifier (bot/jobs/notifier.py), in
each person's language: Welsh to someone who chose Welsh, DEFAULT_LOCALE to someone with no
stored language, nothing to someone who blocked the bot when only reachable people are told.

The first test reads the source: a module that builds an outbox text payload or looks up
people's languages by hand (the way there were 13 and 9 of them) fails it, naming the place."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.jobs.notifier import Notifier
from bot.ui.callbacks import Locale
from models.base import utcnow
from models.user import User
from tests.support.factories import join, outbox_rows

ROOT = Path(__file__).resolve().parents[2]
# Where each thing may be done, and why.
ALLOWED = {
    # The text payload itself: defined in the outbox, used by the notifier, and by broadcasts,
    # whose rows (text, photo or document, one per recipient of a huge audience) are planned
    # by models/broadcast.py from the organiser's own message.
    "html_payload": {"models/outbox.py", "bot/jobs/notifier.py", "models/broadcast.py"},
    "parse_mode": {"models/outbox.py", "models/broadcast.py"},
    # A row for the outbox: the notifier's, a broadcast's, and the bid digest, whose payload
    # the notifier composes (models/bid_notify.py only decides what it lists and when).
    "NewMessage": {"bot/jobs/notifier.py", "models/broadcast.py", "models/bid_notify.py"},
    # The notifier's collaborators are built once, with it: nobody makes a second set.
    "notices": {"bot/jobs/notifier.py"},
    # People's languages: the one query (models.user.languages), and the broadcast audience,
    # streamed with its blocked flag in pages over the whole user table.
    "User.locale": {"models/user.py", "models/audience.py"},
}


NOTICES = {"EventNotices", "ProjectNotices", "VoteNotices", "BidNotices", "ProjectAsks"}


def uses(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "html_payload":
            found.add(node.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (
                node.func.id == "NewMessage"):
            found.add("NewMessage")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute) and (
                getattr(node.func, "id", None) in NOTICES
                or getattr(node.func, "attr", None) == "of" and getattr(
                    node.func.value, "id", None) == "Notices"):
            found.add("notices")
        elif isinstance(node, ast.Attribute) and node.attr == "locale" and isinstance(
                node.value, ast.Name) and node.value.id == "User":
            found.add("User.locale")
        elif isinstance(node, ast.Dict) and any(
                isinstance(key, ast.Constant) and key.value == "parse_mode" for key in node.keys):
            found.add("parse_mode")
        elif isinstance(node, ast.keyword) and node.arg == "parse_mode" and isinstance(
                node.value, ast.Constant):
            found.add("parse_mode")
    return found


def test_nobody_but_the_notifier_builds_a_message_or_looks_up_languages():
    wrong = []
    for folder in ("bot", "handlers", "models"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            for what in uses(ast.parse(path.read_text(), name)):
                if name not in ALLOWED[what]:
                    wrong.append(f"{name}: {what}")
    assert wrong == []


def test_the_scan_sees_what_it_looks_for():
    """The guard above would catch each way of doing it by hand."""
    assert uses(ast.parse('p = {"text": t, "parse_mode": "HTML"}')) == {"parse_mode"}
    assert uses(ast.parse("select(User.telegram_id, User.locale)")) == {"User.locale"}
    assert uses(ast.parse("enqueue(s, [NewMessage(payload=html_payload(t))])")) == {
        "NewMessage", "html_payload"}
    assert uses(ast.parse("notifier.tell(s, people, 'key', dedupe='k:{person}')")) == set()
    assert uses(ast.parse("def plan() -> NewMessage: ...")) == set()
    assert uses(ast.parse("ProjectNotices(i18n.core, 'en').sync_digests(s, 1, now)")) == {
        "notices"}
    assert uses(ast.parse("Notices.of(i18n.core, settings)")) == {"notices"}


WELSH, ENGLISH, NO_LANGUAGE, BLOCKED, NEVER_STARTED = 771_001, 771_002, 771_003, 771_004, 771_005


async def people(harness, session_maker) -> None:
    for person, locale in ((WELSH, Locale.CY), (ENGLISH, Locale.EN), (NO_LANGUAGE, Locale.CY),
                           (BLOCKED, Locale.CY)):
        await join(harness, person, locale)
    async with session_maker.begin() as session:
        # A row from before languages were stored on first contact; someone who blocked us.
        await session.execute(update(User).where(User.telegram_id == NO_LANGUAGE)
                              .values(locale=None))
        await session.execute(update(User).where(User.telegram_id == BLOCKED)
                              .values(blocked_at=utcnow()))


def notifier_for(harness, default: str) -> Notifier:
    return Notifier.of(harness.dp["notifier"].core,
                       harness.settings.model_copy(update={"default_locale": default}))


@pytest.mark.parametrize("default", ["en", "cy"])
async def test_each_person_is_told_in_their_own_language(harness, session_maker, default):
    await people(harness, session_maker)
    notifier = notifier_for(harness, default)
    core = notifier.core
    everyone = [WELSH, ENGLISH, NO_LANGUAGE, BLOCKED, NEVER_STARTED]
    async with session_maker.begin() as session:
        told = await notifier.tell(session, everyone, "org-welcome", dedupe="t:{person}",
                                   by="Ann")
        assert await notifier.tell(session, everyone, "org-welcome", dedupe="t:{person}",
                                   by="Ann") == 0  # the same keys again: nobody twice
    assert told == 5
    sent = {row.chat_id: row.payload for row in await outbox_rows(session_maker, "t:")}
    welcome = {locale: core.get("org-welcome", locale, by="Ann") for locale in ("en", "cy")}
    assert welcome["en"] != welcome["cy"]
    assert sent[WELSH] == {"text": welcome["cy"], "parse_mode": "HTML"}
    assert sent[ENGLISH]["text"] == welcome["en"]
    assert sent[NO_LANGUAGE]["text"] == welcome[default]
    # An organiser who never started the bot is written to all the same (Telegram refuses it,
    # and the outbox records that), in DEFAULT_LOCALE.
    assert sent[NEVER_STARTED]["text"] == welcome[default]


async def test_only_reachable_people_when_asked_and_keys_per_person(harness, session_maker):
    await people(harness, session_maker)
    notifier = harness.dp["notifier"]
    async with session_maker.begin() as session:
        told = await notifier.tell_each(
            session, [WELSH, BLOCKED, NEVER_STARTED, NO_LANGUAGE],
            lambda texts, person: (f"{texts.locale}:{person}", None),
            dedupe=lambda person: f"r:{person}", reachable=True)
    assert told == 2
    rows = await outbox_rows(session_maker, "r:")
    assert {row.dedupe_key: row.payload["text"] for row in rows} == {
        f"r:{WELSH}": f"cy:{WELSH}",
        f"r:{NO_LANGUAGE}": f"{harness.settings.default_locale}:{NO_LANGUAGE}"}
