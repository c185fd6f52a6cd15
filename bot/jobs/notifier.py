"""The one way the bot tells people things on its own: "tell these people this message key with
these values" becomes one outbox row per person, in that person's language.

Built once in `bot.dispatcher.create_dispatcher` (handlers get it as `notifier: Notifier`, the
background loops from `bot.app`). It knows the translations, DEFAULT_LOCALE, the time zone and
the reminder offsets, so nothing else looks up a language or builds an outbox payload:

- `tell` and `tell_each` plan one message per person: a key and values, or a render function;
- `message` is the one place a text row's payload is made (`models.outbox.html_payload`);
- `events`, `projects`, `votes`, `bids` hold the richer notices, each a small collaborator
  using the methods above (bot/jobs/event_notices.py, project_notices.py, vote_notices.py,
  bid_notices.py).

Models decide who is told and when (and claim what must happen once); the notifier renders.
Someone with no stored language (a row from before languages were stored on first contact,
or an organiser who never started the bot) is written to in DEFAULT_LOCALE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n.cores import BaseCore
from sqlalchemy.ext.asyncio import AsyncSession

from bot.jobs.bid_notices import BidNotices
from bot.jobs.event_notices import EventNotices
from bot.jobs.project_asks import ProjectAsks
from bot.jobs.project_notices import ProjectNotices
from bot.jobs.vote_notices import VoteNotices
from bot.settings import Settings
from bot.ui.event_texts import LocaleTexts
from models.base import utcnow
from models.outbox import Kind, NewMessage, enqueue, html_payload
from models.user import languages

Markup = InlineKeyboardMarkup | dict[str, Any] | None
# (translator in the person's language, their Telegram id) -> (text, keyboard or None)
Render = Callable[[LocaleTexts, int], tuple[str, Markup]]
# A dedupe key: a template with {person} in it, or a function of the person's id.
Dedupe = str | Callable[[int], str]


class Notifier:
    def __init__(self, core: BaseCore, *, default_locale: str, tz: ZoneInfo,
                 reminder_offsets: tuple[int, ...]) -> None:
        self.core = core
        self.default_locale = default_locale
        self.tz = tz
        self.reminder_offsets = reminder_offsets
        self.events = EventNotices(self)
        self.projects = ProjectNotices(self)
        # A project's asks kept in step with its group and its round's schedule.
        self.project_asks = ProjectAsks(self.projects)
        self.votes = VoteNotices(self)
        self.bids = BidNotices(self)

    @classmethod
    def of(cls, core: BaseCore, settings: Settings) -> Notifier:
        return cls(core, default_locale=settings.default_locale, tz=settings.tz,
                   reminder_offsets=settings.reminder_offset_seconds)

    def texts(self, locale: str | None) -> LocaleTexts:
        """A translator for one person's language, outside any update."""
        return LocaleTexts(self.core, locale or self.default_locale)

    async def languages(self, session: AsyncSession, people: Iterable[int], *,
                        reachable: bool = False) -> dict[int, str]:
        """Each person's language, DEFAULT_LOCALE where none is stored. With `reachable`, only
        people the bot knows and who have not blocked it; otherwise everyone asked for."""
        people = set(people)
        found = await languages(session, people, reachable=reachable)
        if reachable:
            return {tid: locale or self.default_locale for tid, locale in found.items()}
        return {tid: found.get(tid) or self.default_locale for tid in people}

    async def language(self, session: AsyncSession, telegram_id: int) -> str:
        return (await self.languages(session, [telegram_id]))[telegram_id]

    def payload(self, text: str, markup: Markup = None) -> dict[str, Any]:
        """A text message as the delivery worker sends it: Telegram's HTML mode, its keyboard
        (as JSON) only when there is one."""
        if isinstance(markup, InlineKeyboardMarkup):
            markup = markup.model_dump(mode="json", exclude_none=True)
        return html_payload(text, markup)

    def message(self, dedupe_key: str, chat_id: int, text: str, due_at: datetime,
                markup: Markup = None) -> NewMessage:
        """One text message for the outbox, to one person, due at `due_at`."""
        return NewMessage(dedupe_key=dedupe_key, chat_id=chat_id, kind=Kind.TEXT,
                          payload=self.payload(text, markup), due_at=due_at)

    async def tell(self, session: AsyncSession, people: Iterable[int], key: str, *,
                   dedupe: Dedupe, due_at: datetime | None = None,
                   markup: Callable[[LocaleTexts], Markup] | None = None,
                   reachable: bool = False, **values: Any) -> int:
        """Message `key` to each person in their language; how many rows were new.

        A value that is a function is called with the person's translator (a round's name in
        their language, a date in their words); `markup` likewise gives the keyboard."""
        def render(texts: LocaleTexts, _person: int) -> tuple[str, Markup]:
            shown = {name: value(texts) if callable(value) else value
                     for name, value in values.items()}
            return texts.get(key, **shown), markup(texts) if markup else None
        return await self.tell_each(session, people, render, dedupe=dedupe, due_at=due_at,
                                    reachable=reachable)

    async def tell_each(self, session: AsyncSession, people: Iterable[int], render: Render, *,
                        dedupe: Dedupe, due_at: datetime | None = None,
                        reachable: bool = False) -> int:
        """Like `tell`, with the text and keyboard made by `render` for each person."""
        return await enqueue(session, await self.messages(
            session, people, render, dedupe=dedupe, due_at=due_at, reachable=reachable))

    async def messages(self, session: AsyncSession, people: Iterable[int], render: Render, *,
                       dedupe: Dedupe, due_at: datetime | None = None,
                       reachable: bool = False) -> list[NewMessage]:
        """The rows `tell_each` would add, for a caller that adds others in the same go."""
        people = list(dict.fromkeys(people))
        locales = await self.languages(session, people, reachable=reachable)
        due_at = due_at or utcnow()
        rows = []
        for person in people:
            if person not in locales:
                continue
            text, markup = render(self.texts(locales[person]), person)
            key = dedupe(person) if callable(dedupe) else dedupe.format(person=person)
            rows.append(self.message(key, person, text, due_at, markup))
        return rows
