"""After the vote, through the real dispatcher: publishing makes a project per funded bid and
plans its group's asks (exactly once, across restarts); the group sends an update with a photo
(with permission) and money spent; followers get one round-up a week in their language; an
organiser hides an update; /projects shows it all. English and Welsh.

Time is moved with the bot's clock (the `clock` fixture), never waited for.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select

from bot.ui.callbacks import ForgetCb, Locale
from bot.ui.callbacks.projects import ProjectAction, ProjectCb
from bot.ui.callbacks.vote import VotingAdminAction, VotingAdminCb
from models.ballot import cast_ballot
from models.base import utcnow
from models.event import Event, EventKind, Registration, RegStatus
from models.outbox import OutboxMessage, Status, claim_next
from models.paper_ballot import PaperRecord, save_paper
from models.project import Project, ProjectFollow, ProjectPayment, ProjectUpdate
from models.round import Round
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import media_update
from tests.support.factories import GROUP_OWNER, join, voting_round
from tests.support.flow import alerts, buttons, tap_and_confirm, texts

OTHER_GROUP = 800_002  # owns SPK-003, funded; GROUP_OWNER owns SPK-001, funded
VOTER_EN, VOTER_CY = 760_101, 760_102
NOT_A_VOTER = 760_500


async def published(harness, session_maker, group_locale: Locale):
    round_id, (a, b, c, _draft) = await voting_round(session_maker)
    key = harness.settings.ballot_key
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        round_.areas[0].pot_pence = 2_500_00
        await save_paper(session, round_, [PaperRecord("P1", {a: 5, b: 3, c: 1}, 1)], "chat")
        for voter, ballot in ((VOTER_EN, {a: 5, b: 4, c: 1}), (VOTER_CY, {a: 5, b: 1, c: 1})):
            await cast_ballot(session, round_, voter, ballot, secret=key)
    await join(harness, ORGANISER_ID, group_locale)
    other = Locale.EN if group_locale is Locale.CY else Locale.CY
    for user, locale in ((GROUP_OWNER, group_locale), (OTHER_GROUP, other),
                         (VOTER_EN, Locale.EN), (VOTER_CY, Locale.CY),
                         (NOT_A_VOTER, Locale.EN)):
        await join(harness, user, locale)
    await tap_and_confirm(harness, ORGANISER_ID, VotingAdminCb(
        action=VotingAdminAction.PUBLISH, round=round_id).pack())
    return round_id


async def rows(session_maker, prefix: str) -> list[OutboxMessage]:
    async with session_maker() as session:
        return list(await session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like(f"{prefix}%")).order_by(OutboxMessage.dedupe_key)))


async def projects_of(session_maker, round_id) -> dict[int | None, Project]:
    async with session_maker() as session:
        found = await session.scalars(select(Project).where(Project.round_id == round_id))
        return {p.owner_telegram_id: p for p in found}


def cb(action: ProjectAction, project: Project | None = None, round_id: int = 0,
       value: int = 0) -> str:
    return ProjectCb(action=action, round=project.round_id if project else round_id,
                     project=project.id if project else 0, value=value).pack()


SAID = {
    Locale.EN: {"ask": "Hello! Your project got a grant from the vote.",
                "public": "so it is public. Please don't write anyone's name",
                "permission": "Do you have permission from everyone in it",
                "bad": "I could not read that as an amount of money.",
                "saved": "Thank you! Your update is saved ✅",
                "stale": "That button is out of date. Send /projects to see the latest.",
                "spent": "Spent £250.50 of £1,500", "on_track": "On track",
                "hidden": "Hidden. The update is kept, but left out of the page and the news.",
                "report": "Funded projects: 2\nProjects under way: 2\nProjects done: 0\n"
                          "Projects stopped: 0\nMoney awarded: £2,500\n"
                          "Money paid out to groups: £0\n"
                          "Money spent, as groups report it: £250.50"},
    Locale.CY: {"ask": "Helo! Cafodd eich prosiect grant o'r bleidlais.",
                "public": "felly mae'n gyhoeddus. Peidiwch ag ysgrifennu enw neb",
                "permission": "Oes gennych chi ganiatâd pawb sydd ynddo",
                "bad": "Doeddwn i ddim yn gallu darllen hynny fel swm o arian.",
                "saved": "Diolch! Mae'ch diweddariad wedi'i gadw ✅",
                "stale": "Mae'r botwm yna wedi dyddio. Anfonwch /projects i weld y diweddaraf.",
                "spent": "Wedi gwario: £250.50 (cyfanswm y grant: £1,500)",
                "on_track": "Ar y trywydd iawn",
                "hidden": "Wedi'i guddio. Mae'r diweddariad yn cael ei gadw, ond mae allan o'r "
                          "dudalen a'r newyddion.",
                "report": "Prosiectau a ariannwyd: 2\nProsiectau ar y gweill: 2\n"
                          "Prosiectau wedi gorffen: 0\nProsiectau wedi stopio: 0\n"
                          "Arian a ddyfarnwyd: £2,500\nArian a dalwyd i'r grwpiau: £0\n"
                          "Arian a wariwyd, yn ôl y grwpiau: £250.50"},
}


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_publish_ask_update_follow_hide_and_see(harness, session_maker, clock, lang):
    round_id = await published(harness, session_maker, lang)
    said = SAID[lang]

    # Publishing made one project per funded bid, with its award and the group.
    made = await projects_of(session_maker, round_id)
    assert {tid: (p.award_pence, p.status) for tid, p in made.items()} == {
        GROUP_OWNER: (1_500_00, "started"), OTHER_GROUP: (1_000_00, "started")}
    project = made[GROUP_OWNER]

    # Three asks (30, 90, 180 days) and a nudge two weeks after each, in the group's language.
    asks = await rows(session_maker, f"proj:{project.id}:")
    due = {row.dedupe_key: row.due_at - project.created_at for row in asks}
    assert due == {f"proj:{project.id}:ask:1": timedelta(days=30),
                   f"proj:{project.id}:ask:2": timedelta(days=90),
                   f"proj:{project.id}:ask:3": timedelta(days=180),
                   f"proj:{project.id}:nudge:1": timedelta(days=44),
                   f"proj:{project.id}:nudge:2": timedelta(days=104),
                   f"proj:{project.id}:nudge:3": timedelta(days=194)}
    first = next(r for r in asks if r.dedupe_key.endswith("ask:1"))
    assert first.chat_id == GROUP_OWNER and said["ask"] in first.payload["text"]
    assert "SPK-001 Bid 1" in first.payload["text"] and "£1,500" in first.payload["text"]

    # Planning again, after a restart, adds nothing.
    await harness.restart()
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        again = await harness.dp["notifier"].projects.start_projects(
            session, round_, (30, 90, 180), utcnow())
    assert len(again) == 2
    assert len(await rows(session_maker, "proj:")) == 12

    # Nothing of the projects' is due today; 31 days on, the first asks are, and only they.
    async with session_maker() as session:
        assert not list(await session.scalars(select(OutboxMessage.dedupe_key).where(
            OutboxMessage.dedupe_key.like("proj:%"), OutboxMessage.due_at <= utcnow())))
    ask_data = first.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    clock(31)
    async with session_maker() as session:
        due_now = list(await session.scalars(select(OutboxMessage.dedupe_key).where(
            OutboxMessage.dedupe_key.like("proj:%"), OutboxMessage.due_at <= utcnow())))
    assert sorted(due_now) == sorted([f"proj:{p.id}:ask:1" for p in made.values()])

    # A voter follows; someone who did not vote is not offered it, and a forged button fails.
    sent = await harness.send(VOTER_EN, "/projects")
    assert [label for label, _ in buttons(sent[-1])][-1] == "Tell me how the projects get on 🔔"
    sent = await harness.tap(VOTER_EN, cb(ProjectAction.FOLLOW, round_id=round_id))
    assert alerts(sent) == ["Done. Once a week at most, I will tell you what the groups say."]
    await harness.tap(VOTER_CY, cb(ProjectAction.FOLLOW, round_id=round_id), language_code="cy")
    sent = await harness.send(NOT_A_VOTER, "/projects")
    assert "Tell me how" not in str(buttons(sent[-1]))
    sent = await harness.tap(NOT_A_VOTER, cb(ProjectAction.FOLLOW, round_id=round_id))
    assert alerts(sent) == [SAID[Locale.EN]["stale"]]
    assert not await rows(session_maker, "projd:")  # nothing to tell yet

    # Someone else cannot start the group's update.
    sent = await harness.tap(OTHER_GROUP, ask_data)
    assert alerts(sent) == [SAID[Locale.CY if lang is Locale.EN else Locale.EN]["stale"]]

    # The group: told it is public, sends a photo, confirms permission, a bad then a good
    # amount (a restart in between loses nothing), and a status.
    sent = await harness.tap(GROUP_OWNER, ask_data)
    assert said["public"] in texts(sent)[-1]
    sent = await harness.feed(media_update(GROUP_OWNER, "photo", "garden-photo"))
    assert said["permission"] in texts(sent)[-1]
    permission = buttons(sent[-1])[0][1]
    await harness.restart()
    await harness.tap(GROUP_OWNER, permission)
    sent = await harness.send(GROUP_OWNER, "lots")
    assert texts(sent)[0].startswith(said["bad"]) and "£250" in texts(sent)[0]
    sent = await harness.send(GROUP_OWNER, "£250.50")
    statuses = buttons(sent[-1])
    assert [label for label, _ in statuses][:2] == (
        ["Started", "On track"] if lang is Locale.EN else ["Wedi dechrau", "Ar y trywydd iawn"])
    sent = await harness.tap(GROUP_OWNER, statuses[1][1])
    assert texts(sent)[-1].startswith(said["saved"])
    sent = await harness.tap(GROUP_OWNER, statuses[1][1])  # tapped twice: saved once
    assert alerts(sent) == [said["stale"]]

    async with session_maker() as session:
        (update,) = list(await session.scalars(select(ProjectUpdate)))
        stored = await session.get(Project, project.id)
    assert (update.photo_file_id, update.spent_pence, update.status, update.author_telegram_id
            ) == ("garden-photo", 250_50, "on_track", GROUP_OWNER)
    assert (stored.status, stored.spent_pence) == ("on_track", 250_50)

    # The nudge after the first ask is off; the later asks and nudges stay.
    states = {r.dedupe_key.split(":", 2)[2]: r.status
              for r in await rows(session_maker, f"proj:{project.id}:")}
    assert states["nudge:1"] == Status.CANCELLED and states["nudge:2"] == Status.PENDING
    assert states["ask:2"] == Status.PENDING

    # The other group reports too, in words: still one round-up per follower this week.
    other = made[OTHER_GROUP]
    await harness.tap(OTHER_GROUP, cb(ProjectAction.UPDATE, other))
    await harness.send(OTHER_GROUP, "Benches are in. Diolch!")
    sent = await harness.tap(OTHER_GROUP, cb(ProjectAction.SKIP_SPENT, other))
    await harness.tap(OTHER_GROUP, buttons(sent[-1])[0][1])
    digests = await rows(session_maker, "projd:")
    assert sorted(r.chat_id for r in digests) == [VOTER_EN, VOTER_CY]
    english = next(r for r in digests if r.chat_id == VOTER_EN).payload["text"]
    welsh = next(r for r in digests if r.chat_id == VOTER_CY).payload["text"]
    assert english.startswith("<b>How the projects are getting on</b> 🏗️")
    assert welsh.startswith("<b>Sut mae'r prosiectau'n dod yn eu blaen</b> 🏗️")
    for text in (english, welsh):
        assert "“Benches are in. Diolch!”" in text  # the group's words as written
        assert "SPK-001 Bid 1" in text and "SPK-003 Bid 3" in text
    assert "(with a photo 📷)" in english and "(gyda llun 📷)" in welsh
    assert all(r.due_at > utcnow() and r.due_at - utcnow() <= timedelta(days=7)
               for r in digests)

    # An organiser hides the first group's update: kept, left out of the page and round-up.
    sent = await harness.tap(ORGANISER_ID, cb(ProjectAction.SHOW, project))
    hide = buttons(next(r for r in sent if getattr(r, "reply_markup", None)))[0]
    assert hide[0] == ("Hide update number 1 🙈" if lang is Locale.EN
                       else "Cuddio diweddariad rhif 1 🙈")
    sent = await harness.tap(ORGANISER_ID, hide[1])
    assert alerts(sent) == [said["hidden"]]
    async with session_maker() as session:
        kept = await session.get(ProjectUpdate, update.id)
    assert kept.hidden and kept.photo_file_id == "garden-photo"
    digests = await rows(session_maker, "projd:")
    assert len(digests) == 2
    assert all("SPK-001" not in r.payload["text"] for r in digests)
    sent = await harness.tap(VOTER_EN, ProjectCb(action=ProjectAction.HIDE, round=round_id,
                                                 project=other.id, value=update.id + 1).pack())
    async with session_maker() as session:
        assert not (await session.get(ProjectUpdate, update.id + 1)).hidden

    # /projects: status, money spent against awarded, and the latest shown update.
    sent = await harness.send(GROUP_OWNER, "/projects")
    page = texts(sent)[-1]
    assert said["on_track"] in page and said["spent"] in page
    sent = await harness.send(VOTER_EN, "/projects")
    page = texts(sent)[-1]
    assert "Latest: “Benches are in. Diolch!”" in page
    assert page.count("No update yet.") == 1  # SPK-001's only update is hidden

    # /report adds delivery: projects by status, money awarded and spent.
    sent = await harness.send(ORGANISER_ID, "/report")
    assert said["report"] in texts(sent)[-1]

    # The delivery worker takes no round-up before the week is over, then each one once.
    week_end = digests[0].due_at
    taken = []
    async with session_maker.begin() as session:
        while (row := await claim_next(session, "worker", week_end - timedelta(seconds=1))):
            taken.append(row.dedupe_key)
    assert taken and not [key for key in taken if key.startswith("projd:")]
    async with session_maker.begin() as session:
        while (row := await claim_next(session, "worker", week_end)):
            taken.append(row.dedupe_key)
    assert sorted(key.split(":")[1] for key in taken if key.startswith("projd:")) == sorted(
        [str(VOTER_EN), str(VOTER_CY)])


async def test_forget_unlinks_updates_and_drops_follows(harness, session_maker, clock):
    round_id = await published(harness, session_maker, Locale.EN)
    project = (await projects_of(session_maker, round_id))[GROUP_OWNER]
    await harness.tap(VOTER_EN, cb(ProjectAction.FOLLOW, round_id=round_id))
    await harness.tap(GROUP_OWNER, cb(ProjectAction.UPDATE, project))
    await harness.feed(media_update(GROUP_OWNER, "voice", "voice-1"))
    sent = await harness.tap(GROUP_OWNER, cb(ProjectAction.SKIP_SPENT, project))
    await harness.tap(GROUP_OWNER, buttons(sent[-1])[3][1])  # done
    (document,) = [r for r in await harness.send(GROUP_OWNER, "/mydata")
                   if isinstance(r, SendDocument)]
    mine = json.loads(document.document.data)["projects"]
    assert mine["projects_you_report_on"] == [project.id]
    assert [(u["voice_note"], u["status"]) for u in mine["project_updates"]] == [(True, "done")]
    (document,) = [r for r in await harness.send(VOTER_EN, "/mydata")
                   if isinstance(r, SendDocument)]
    assert json.loads(document.document.data)["projects"]["projects_you_follow"] == [round_id]
    for person in (GROUP_OWNER, VOTER_EN):
        await harness.send(person, "/forget")
        await harness.tap(person, ForgetCb(confirm=True).pack())
    async with session_maker() as session:
        (update,) = list(await session.scalars(select(ProjectUpdate)))
        follows = list(await session.scalars(select(ProjectFollow)))
        stored = await session.get(Project, project.id)
    assert (update.author_telegram_id, update.voice_file_id, update.status) == (
        None, None, "done")
    assert follows == [] and stored.owner_telegram_id is None and stored.status == "done"


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_a_late_group_is_nudged_once_and_organisers_see_it(harness, session_maker, clock,
                                                                 lang):
    round_id = await published(harness, session_maker, lang)
    project = (await projects_of(session_maker, round_id))[GROUP_OWNER]
    clock(45)  # the first ask was 15 days ago, and no word since
    async with session_maker() as session:
        due_now = sorted(await session.scalars(select(OutboxMessage.dedupe_key).where(
            OutboxMessage.dedupe_key.like(f"proj:{project.id}:%"),
            OutboxMessage.due_at <= utcnow())))
        nudge = await session.scalar(select(OutboxMessage).where(
            OutboxMessage.dedupe_key == f"proj:{project.id}:nudge:1"))
    assert due_now == [f"proj:{project.id}:ask:1", f"proj:{project.id}:nudge:1"]
    assert nudge.payload["text"].startswith(
        "A gentle reminder" if lang is Locale.EN else "Nodyn bach i'ch atgoffa")
    late = "late for an update ⏰" if lang is Locale.EN else "yn hwyr gyda diweddariad ⏰"
    page = texts(await harness.send(ORGANISER_ID, "/projects"))[-1]
    assert page.count(late) == 2  # both groups are late
    assert "late for an update" not in texts(await harness.send(VOTER_EN, "/projects"))[-1]

    # Planning again (a second publish, another process) sends no second nudge.
    async with session_maker.begin() as session:
        round_ = await session.get(Round, round_id)
        await harness.dp["notifier"].projects.start_projects(
            session, round_, (30, 90, 180), utcnow())
    assert len(await rows(session_maker, f"proj:{project.id}:nudge:1")) == 1

    # The group reports "done": nothing more is asked, and it is no longer late.
    await harness.tap(GROUP_OWNER, cb(ProjectAction.UPDATE, project))
    await harness.send(GROUP_OWNER, "All planted.")
    sent = await harness.tap(GROUP_OWNER, cb(ProjectAction.SKIP_SPENT, project))
    await harness.tap(GROUP_OWNER, buttons(sent[-1])[3][1])
    states = {r.dedupe_key: r.status for r in await rows(session_maker, f"proj:{project.id}:")}
    assert set(states.values()) == {Status.CANCELLED}
    page = texts(await harness.send(ORGANISER_ID, "/projects"))[-1]
    assert page.count(late) == 1


def document_update(user_id: int) -> dict:
    update = media_update(user_id, "photo", "x")
    message = update["message"]
    del message["photo"]
    message["document"] = {"file_id": "doc-1", "file_unique_id": "doc-1",
                           "file_name": "plan.pdf"}
    return update


async def test_hostile_or_wrong_input_saves_nothing(harness, session_maker, clock):
    round_id = await published(harness, session_maker, Locale.EN)
    project = (await projects_of(session_maker, round_id))[GROUP_OWNER]
    await harness.tap(GROUP_OWNER, cb(ProjectAction.UPDATE, project))
    sent = await harness.send(GROUP_OWNER, "x" * 1001)
    assert texts(sent) == ["That is too long. Please make it shorter and send it again."]
    sent = await harness.feed(document_update(GROUP_OWNER))
    assert texts(sent) == ["Please send a few words, a photo or a voice note."]
    # A photo without permission is left out, not kept.
    sent = await harness.feed(media_update(GROUP_OWNER, "photo", "crowd-photo"))
    sent = await harness.tap(GROUP_OWNER, buttons(sent[-1])[1][1])
    assert texts(sent)[-1].startswith("I have left the photo out.")
    await harness.send(GROUP_OWNER, "<b>Big</b> & <a href='x'>news</a>")
    sent = await harness.send(GROUP_OWNER, "-5")
    assert texts(sent)[0].startswith("I could not read that as an amount of money.")
    await harness.send(GROUP_OWNER, "1.5k")
    # A forged status beyond the list changes nothing.
    sent = await harness.tap(GROUP_OWNER, cb(ProjectAction.STATUS, project, value=99))
    assert alerts(sent) == [SAID[Locale.EN]["stale"]]
    async with session_maker() as session:
        assert list(await session.scalars(select(ProjectUpdate))) == []
    await harness.tap(GROUP_OWNER, cb(ProjectAction.STATUS, project, value=2))
    async with session_maker() as session:
        (update,) = list(await session.scalars(select(ProjectUpdate)))
    assert (update.photo_file_id, update.spent_pence, update.status) == (None, 1_500_00,
                                                                         "delayed")
    sent = await harness.tap(VOTER_EN, cb(ProjectAction.SHOW, project))
    page = texts(sent)[-1]
    assert "“&lt;b&gt;Big&lt;/b&gt; &amp; &lt;a href=&#x27;x&#x27;&gt;news&lt;/a&gt;”" in page
    assert "Delayed" in page and "spent £1,500" in page


async def test_people_from_the_rounds_events_may_follow(harness, session_maker):
    round_id = await published(harness, session_maker, Locale.EN)
    sent = await harness.send(NOT_A_VOTER, "/projects")
    assert "Tell me how" not in str(buttons(sent[-1]))
    async with session_maker.begin() as session:
        event = Event(kind=EventKind.PB_VOTE.value, title_en="Vote", title_cy="Pleidlais",
                      description_en="", area="Speke", venue="Hall", address="1 Road",
                      starts_at=utcnow(), ends_at=utcnow() + timedelta(hours=2),
                      round_id=round_id)
        session.add(event)
        await session.flush()
        waiting = Registration(event_id=event.id, telegram_id=NOT_A_VOTER,
                               status=RegStatus.WAITING.value, code="ABC-123")
        session.add(waiting)
    sent = await harness.send(NOT_A_VOTER, "/projects")  # only on the waiting list: not yet
    assert "Tell me how" not in str(buttons(sent[-1]))
    async with session_maker.begin() as session:
        (await session.get(Registration, waiting.id)).status = RegStatus.CONFIRMED.value
    sent = await harness.send(NOT_A_VOTER, "/projects")
    assert buttons(sent[-1])[-1][0] == "Tell me how the projects get on 🔔"
    sent = await harness.tap(NOT_A_VOTER, cb(ProjectAction.FOLLOW, round_id=round_id))
    assert alerts(sent) == ["Done. Once a week at most, I will tell you what the groups say."]
    sent = await harness.send(NOT_A_VOTER, "/projects")
    assert buttons(sent[-1])[-1][0] == "Stop telling me about the projects 🔕"


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_organisers_record_money_paid_and_returned(harness, session_maker, lang):
    round_id = await published(harness, session_maker, lang)  # the organiser speaks `lang`
    project = (await projects_of(session_maker, round_id))[GROUP_OWNER]
    words = {Locale.EN: ("Recorded: £1,000 paid to the group ✅",
                         "That is more than the group was paid.",
                         "Recorded: £100 given back by the group ✅",
                         "Paid to the group: £1,000 · returned: £100",
                         "Money paid out to groups: £1,000\nMoney spent, as groups report it: "
                         "£0\nMoney given back by groups: £100"),
             Locale.CY: ("Wedi'i gofnodi: £1,000 wedi'i dalu i'r grŵp ✅",
                         "Mae hynny'n fwy na'r hyn gafodd y grŵp ei dalu.",
                         "Wedi'i gofnodi: £100 wedi'i roi'n ôl gan y grŵp ✅",
                         "Wedi'i dalu i'r grŵp: £1,000 · wedi'i roi'n ôl: £100",
                         "Arian a dalwyd i'r grwpiau: £1,000\nArian a wariwyd, yn ôl y grwpiau: "
                         "£0\nArian a ddychwelwyd gan y grwpiau: £100")}[lang]
    await harness.tap(ORGANISER_ID, cb(ProjectAction.PAY, project))
    assert texts(await harness.send(ORGANISER_ID, "0"))[0].startswith(
        "The amount must be more than £0" if lang is Locale.EN else "Rhaid i'r swm")
    assert texts(await harness.send(ORGANISER_ID, "£1,000")) == [words[0]]
    await harness.tap(ORGANISER_ID, cb(ProjectAction.RETURN, project))
    assert texts(await harness.send(ORGANISER_ID, "£2,000"))[0].startswith(words[1])
    assert texts(await harness.send(ORGANISER_ID, "£100")) == [words[2]]
    page = texts(await harness.tap(ORGANISER_ID, cb(ProjectAction.SHOW, project)))
    assert words[3] in page[-1]
    # Residents see no payments, and cannot record one with a forged button.
    assert "Paid to the group" not in texts(await harness.tap(
        VOTER_EN, cb(ProjectAction.SHOW, project)))[-1]
    await harness.tap(VOTER_EN, cb(ProjectAction.PAY, project))
    await harness.send(VOTER_EN, "£5,000")
    assert words[4] in texts(await harness.send(ORGANISER_ID, "/report"))[-1]
    async with session_maker() as session:
        recorded = list(await session.scalars(select(ProjectPayment).order_by(ProjectPayment.id)))
    assert [(p.kind, p.amount_pence, p.recorded_by) for p in recorded] == [
        ("paid", 1_000_00, ORGANISER_ID), ("returned", 100_00, ORGANISER_ID)]
    # /forget of the organiser keeps the payments, without who recorded them.
    await harness.send(ORGANISER_ID, "/forget")
    await harness.tap(ORGANISER_ID, ForgetCb(confirm=True).pack())
    async with session_maker() as session:
        recorded = list(await session.scalars(select(ProjectPayment).order_by(ProjectPayment.id)))
    assert [(p.kind, p.amount_pence, p.recorded_by) for p in recorded] == [
        ("paid", 1_000_00, None), ("returned", 100_00, None)]
