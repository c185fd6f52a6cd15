"""Welsh equal to English, through the real bot process and the Bot API stand-in.

Residents whose Telegram app is in Welsh, and others whose app is in English, come in by
/help, by /code, by a voting card's QR link and by an event poster's QR link. None of them
ever taps a language. Each is answered in their app's language at once, with the privacy
notice first; and everything sent to them later, by the organisers' actions, comes in that
language too: a broadcast, a vote reminder, the results, voting opening in the next round,
the festival of learning's question. On SQLite, and on PostgreSQL with Redis (the
several-process setup).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.ui.callbacks import Locale
from bot.ui.callbacks.organiser import ConfirmCb, Say
from bot.ui.callbacks.pledges import FestivalAction, FestivalCb
from bot.ui.callbacks.vote import VotingAccessAction, VotingAccessCb
from bot.ui.callbacks.vote import VotingAdminAction as Act
from models.ballot.notices import ask_to_be_told
from models.round import Eligibility
from tests.support.ballot_notices import OPENED
from tests.support.broadcast_scenario import ORGANISER, organiser_sends
from tests.support.e2e import backend_env, start_polling_bot, stub_token
from tests.support.event_fixtures import WELSH_TITLE, check_in, make_event
from tests.support.factories import CARD_ACCEPTED, closed_round, codes_for, voting_round
from tests.support.factories import voting_admin_cb as cb
from tests.support.festival import ASK
from tests.support.telegram_stub import SentMessage, TelegramStub

WAYS_IN = ("/help", "/code", "card QR", "poster QR")
NOTICE = {Locale.EN: "<b>Before we start</b>", Locale.CY: "<b>Cyn i ni ddechrau</b>"}
ANSWER = {"/help": {Locale.EN: "<b>pbchat</b> helps", Locale.CY: "Mae <b>pbchat</b> yn helpu"},
          "/code": CARD_ACCEPTED, "card QR": CARD_ACCEPTED,
          "poster QR": {Locale.EN: "<b>Ringland World Café</b>",
                        Locale.CY: f"<b>{WELSH_TITLE}</b>"}}
BROADCAST = {Locale.EN: "Tea and cake at the hall on Saturday",
             Locale.CY: "Te a chacen yn y neuadd ddydd Sadwrn"}
REMINDER = {Locale.EN: "There's still time to vote in Safer Speke 2026!",
            Locale.CY: "Mae amser o hyd i bleidleisio yn y rownd Speke Mwy Diogel 2026!"}
RESULTS = {Locale.EN: "The results of Safer Speke 2026 are out.",
           Locale.CY: "Mae canlyniadau Speke Mwy Diogel 2026 wedi'u cyhoeddi."}
async def confirmed(stub: TelegramStub, data: str) -> None:
    """The organiser's button that asks first, then its Yes, each once the bot has answered."""
    seen = len(stub.messages_to(ORGANISER))

    def yes_offered() -> list[str]:
        return [value for message in stub.messages_to(ORGANISER)[seen:]
                for _, value in stub.buttons(message)
                if value and value.startswith(f"{ConfirmCb.__prefix__}:")
                and ConfirmCb.unpack(value).say == Say.YES]

    stub.push_callback(ORGANISER, data, require_button=False)
    await stub.wait_for(yes_offered, timeout=30)
    answered = len(stub.callback_answers)
    stub.push_callback(ORGANISER, yes_offered()[-1])
    await stub.wait_for(lambda: len(stub.callback_answers) > answered, timeout=30)


PEOPLE = {(way, locale): 770_000 + 10 * n + (locale == Locale.CY)
          for n, way in enumerate(WAYS_IN) for locale in (Locale.EN, Locale.CY)}
BALLOT_SECRET = b"test-ballot-key-0123456789abcdef"
CODE_HOLDERS = {key: person for key, person in PEOPLE.items() if key[0] in ("/code", "card QR")}


async def seed(session_maker) -> tuple[int, list[str], int, int, int]:
    """A round in voting that only people with a voting card (or checked in) may vote in, a
    card for each person coming in with one, an event with a poster, an event that started
    two hours ago (a festival of learning's), and a second round whose bids are reviewed and
    whose voting has not opened yet."""
    round_id, _bids = await voting_round(session_maker, eligibility=Eligibility.CHECKED_IN)
    codes = await codes_for(session_maker, round_id, len(CODE_HOLDERS), BALLOT_SECRET)
    event_id = await make_event(session_maker)
    festival_event = await make_event(session_maker, starts_in=timedelta(hours=-2))
    next_round, _bids = await closed_round(session_maker)
    return round_id, codes, event_id, festival_event, next_round


async def everyone_asks_to_be_told(session_maker) -> None:
    """Each person asked to be told when voting opens (the "Tell me" button's record)."""
    async with session_maker.begin() as session:
        for person in PEOPLE.values():
            await ask_to_be_told(session, person)


async def everyone_attended(session_maker, event_id: int) -> None:
    """Everyone came to the festival's event and was checked in at the door."""
    for person in PEOPLE.values():
        await check_in(session_maker, event_id, person)


def arrived(stub: TelegramStub, person: int, start: str) -> Callable[[], bool]:
    return lambda: any((m.text or "").startswith(start) for m in stub.messages_to(person))


def texts_to(stub: TelegramStub, person: int) -> list[str]:
    return [m.text or "" for m in stub.messages_to(person)]


async def test_welsh_and_english_app_users_get_everything_in_their_language(database_url,
                                                                            session_maker):
    round_id, codes, event_id, festival_event, next_round = await seed(session_maker)
    card = dict(zip(CODE_HOLDERS, codes, strict=True))
    async with (TelegramStub(stub_token()) as stub,
                backend_env(stub, database_url, BALLOT_SECRET=BALLOT_SECRET.decode())
                as env):
        process = await start_polling_bot(stub, env)
        said = {"/help": lambda key: "/help", "/code": lambda key: f"/code {card[key]}",
                "card QR": lambda key: f"/start v_{card[key]}",
                "poster QR": lambda key: f"/start ev_{event_id}"}
        for (way, locale), person in PEOPLE.items():
            stub.push_message(person, said[way]((way, locale)), language_code=locale.value)
        for (way, locale), person in PEOPLE.items():
            first: list[SentMessage] = await stub.wait_for_messages(person, 2, timeout=30)
            assert first[0].text.startswith(NOTICE[locale]), (way, locale, first[0].text)
            assert first[1].text.startswith(ANSWER[way][locale]), (way, locale, first[1].text)

        # Later, the organisers act; what each resident gets is in their own language.
        await organiser_sends(stub, BROADCAST[Locale.EN], BROADCAST[Locale.CY])
        # The organiser's buttons, as /remindvoters and /voting offer them.
        stub.push_callback(ORGANISER, VotingAccessCb(action=VotingAccessAction.REMIND,
                                                     round=round_id, value=1).pack(),
                           require_button=False)
        for (_way, locale), person in PEOPLE.items():
            await stub.wait_for(arrived(stub, person, BROADCAST[locale]), timeout=60,
                                what=f"the broadcast in {locale} to {person}")
        for (_way, locale), person in CODE_HOLDERS.items():
            await stub.wait_for(arrived(stub, person, REMINDER[locale]), timeout=60,
                                what=f"the reminder in {locale} to {person}")
        await confirmed(stub, cb(Act.CLOSE, round_id))
        await confirmed(stub, cb(Act.PUBLISH, round_id))
        for (_way, locale), person in PEOPLE.items():
            await stub.wait_for(arrived(stub, person, RESULTS[locale]), timeout=60,
                                what=f"the results in {locale} to {person}")

        # Voting opens in the next round: everyone who asked to be told hears it, in their
        # language.
        await everyone_asks_to_be_told(session_maker)
        await confirmed(stub, cb(Act.OPEN, next_round))
        for (_way, locale), person in PEOPLE.items():
            await stub.wait_for(arrived(stub, person, OPENED[locale]), timeout=60,
                                what=f"voting open in {locale} to {person}")

        # The festival of learning asks everyone who came what they learned.
        await everyone_attended(session_maker, festival_event)
        # One step at a time, each after the bot's answer to the one before (updates
        # fetched together are handled side by side).
        steps = [lambda: stub.push_message(ORGANISER, "/festival"),
                 lambda: stub.push_callback(ORGANISER, FestivalCb(
                     action=FestivalAction.AUDIENCE, event=festival_event).pack(),
                     require_button=False),
                 lambda: stub.push_message(ORGANISER, "6 weeks")]
        for step in steps:
            count = len(stub.messages_to(ORGANISER))
            step()
            await stub.wait_for_messages(ORGANISER, count + 1, timeout=30)
        stub.push_callback(ORGANISER, FestivalCb(action=FestivalAction.SEND).pack(),
                           require_button=False)
        for (_way, locale), person in PEOPLE.items():
            await stub.wait_for(lambda p=person, loc=locale: any(
                ASK[loc] in (m.text or "") for m in stub.messages_to(p)), timeout=60,
                what=f"the festival question in {locale} to {person}")

        for (way, locale), person in PEOPLE.items():
            other = Locale.EN if locale == Locale.CY else Locale.CY
            got = texts_to(stub, person)
            wrong = [text for text in got
                     if text.startswith((NOTICE[other], BROADCAST[other], REMINDER[other],
                                         RESULTS[other], OPENED[other])) or ASK[other] in text]
            assert wrong == [], (way, locale, got)
            assert sum(text.startswith(NOTICE[locale]) for text in got) == 1
        assert await process.stop() == 0, process.log_tail()
        assert "Traceback" not in process.log_text()
