"""World Café in the chat, in English and Welsh: an organiser adds and opens questions (a message
to everyone checked in, or the QR code on a table), people answer by text or voice note, with
or without a first name, list and delete their answers until the café closes; forged and old
buttons change nothing; residents can't use the organiser's side."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest
from aiogram.methods import SendDocument, SendMessage, SendVoice
from sqlalchemy import func, select

from bot.ui.callbacks.worldcafe import CafeAction, CafeAdminAction, CafeCb
from models import event as events
from models import worldcafe as cafe
from models.base import utcnow
from models.worldcafe import Question
from tests.conftest import ORGANISER_ID
from tests.support.event_fixtures import CY, EN, check_in, join, make_event, outbox
from tests.support.flow import alerts, buttons, texts
from tests.support.uploads import document, serve
from tests.support.worldcafe import (
    QUESTION_CY,
    QUESTION_EN,
    add_question,
    adm,
    answers_of,
    questions,
)

ANN, BEN, CAT = 7101, 7102, 7103
_ids = itertools.count(7_000_000)
SIGNPOST = "0800 555 111"
NOT_FOR_CRIME = {EN: "not for reporting a crime", CY: "nid ar gyfer rhoi gwybod am drosedd"}
ORGANISERS_ONLY = {EN: "Sorry, this is for organisers.",
                   CY: "Mae'n ddrwg gennym, mae hyn ar gyfer trefnwyr."}


def wc(action: CafeAction, token: str = "", item: int = 0) -> str:
    return CafeCb(action=action, token=token, item=item).pack()


def voice_update(user_id: int, file_id: str) -> dict[str, Any]:
    return {"update_id": next(_ids), "message": {
        "message_id": next(_ids), "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Test"},
        "voice": {"file_id": file_id, "file_unique_id": f"u{file_id}", "duration": 4}}}


def screens(sent) -> list[str]:
    """Messages a resident was sent (alerts aside)."""
    return [r.text for r in sent if isinstance(r, SendMessage)]


async def checked_in(session_maker, event_id: int, *people: int) -> None:
    for telegram_id in people:
        await check_in(session_maker, event_id, telegram_id)


@pytest.mark.parametrize("locale", [EN, CY])
async def test_organiser_adds_and_opens_a_question_for_everyone_checked_in(harness,
                                                                          session_maker,
                                                                          locale):
    event_id = await make_event(session_maker)
    other = CY if locale is EN else EN
    await join(harness, ORGANISER_ID, locale)
    await join(harness, ANN, locale)
    await join(harness, BEN, other)
    await join(harness, CAT, locale)  # registered, never checked in
    await checked_in(session_maker, event_id, ANN, BEN)
    async with session_maker.begin() as session:
        await events.register(session, await events.get_event(session, event_id), CAT,
                              now=utcnow())

    sent = await harness.send(ORGANISER_ID, "/worldcafe")
    assert (adm(CafeAdminAction.PANEL, event_id)) in [d for _, d in buttons(sent[-1])]
    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.PANEL, event_id))
    assert ("Wedi cyrraedd: 2" if locale is CY else "Checked in: 2") in texts(sent)[0]
    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.ADD, event_id))
    assert ("pa fwrdd neu rownd" if locale is CY else "Which table or round") in texts(sent)[0]
    sent = await harness.send(ORGANISER_ID, "Table 2")
    # The label in Welsh too, or one tap for the same in both.
    assert ("A'r label yn Gymraeg?" if locale is CY else "And the label in Welsh?") in \
        texts(sent)[0]
    assert buttons(sent[0]) == [("Yr un fath yn y ddwy iaith" if locale is CY else "Same in both",
                                 adm(CafeAdminAction.SAME_LABEL, event_id))]
    await harness.send(ORGANISER_ID, "Bwrdd 2")
    sent = await harness.send(ORGANISER_ID, QUESTION_EN)
    assert ("Gymraeg" if locale is CY else "in Welsh") in texts(sent)[0]
    sent = await harness.send(ORGANISER_ID, QUESTION_CY)
    [question] = await questions(session_maker)
    assert (question.event_id, question.group_label, question.group_label_cy, question.text_en,
            question.text_cy) == (event_id, "Table 2", "Bwrdd 2", QUESTION_EN, QUESTION_CY)
    assert question.opened_at is None
    shown = QUESTION_CY if locale is CY else QUESTION_EN
    assert "Table 2" in texts(sent)[-1] and shown in texts(sent)[-1]

    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.QUESTION, event_id, question.id))
    assert f"start=wc_{question.token}" in texts(sent)[0]
    tell = adm(CafeAdminAction.OPEN, event_id, question.id, page=1)
    assert tell in [d for _, d in buttons(sent[-1])]
    sent = await harness.tap(ORGANISER_ID, tell)
    assert "2" in texts(sent)[0]
    rows = await outbox(session_maker, "wcq:")
    assert sorted(r.chat_id for r in rows) == [ANN, BEN]
    by_person = {r.chat_id: r.payload["text"] for r in rows}
    for person, language in ((ANN, locale), (BEN, other)):
        text = by_person[person]
        wording = QUESTION_CY if language is CY else QUESTION_EN
        assert wording in text and SIGNPOST in text
        assert ("· Bwrdd 2" if language is CY else "· Table 2") in text
        # The plain words come before the question.
        assert text.index(NOT_FOR_CRIME[language]) < text.index(wording)
    # Opening again sends nothing twice.
    assert alerts(await harness.tap(ORGANISER_ID, tell))
    assert len(await outbox(session_maker, "wcq:")) == 2

    # Ann answers from her message's button: text, then a voice note, then adds her name.
    answer_data = next(row["callback_data"] for r in rows if r.chat_id == ANN
                       for row in r.payload["reply_markup"]["inline_keyboard"][0])
    sent = await harness.tap(ANN, answer_data)
    assert all(SIGNPOST in t for t in screens(sent))
    sent = await harness.send(ANN, "More lights by the <gate> & a warden")
    [first] = await answers_of(session_maker, ANN)
    assert (first.text, first.first_name, first.locale) == (
        "More lights by the <gate> & a warden", None, locale.value)
    assert ("ddienw" if locale is CY else "anonymous") in texts(sent)[0]
    assert SIGNPOST in texts(sent)[0]
    await harness.feed(voice_update(ANN, "voice-123"))
    await harness.send(ANN, "A youth club on Fridays")
    given = await answers_of(session_maker, ANN)
    assert [(a.text, a.voice_file_id) for a in given] == [
        ("More lights by the <gate> & a warden", None), (None, "voice-123"),
        ("A youth club on Fridays", None)]
    assert all(a.first_name is None for a in given)

    sent = await harness.tap(ANN, wc(CafeAction.NAME, item=given[2].id))
    assert SIGNPOST in texts(sent)[0]
    sent = await harness.send(ANN, "Ann")
    assert [a.first_name for a in await answers_of(session_maker, ANN)] == [None, None, "Ann"]
    assert all(SIGNPOST in t for t in screens(sent))

    # Ann lists her answers and deletes the voice note.
    sent = await harness.tap(ANN, wc(CafeAction.MINE, item=event_id))
    listing = texts(sent)[-1]
    assert "&lt;gate&gt; &amp; a warden" in listing and SIGNPOST in listing
    assert ("gyda'ch enw, Ann" if locale is CY else "with your name, Ann") in listing
    delete = wc(CafeAction.DELETE, item=given[1].id)
    assert delete in [d for _, d in buttons(sent[-1])]
    sent = await harness.tap(ANN, delete)
    assert [a.id for a in await answers_of(session_maker, ANN)] == [given[0].id, given[2].id]
    assert all(SIGNPOST in t for t in screens(sent))


@pytest.mark.parametrize("locale", [EN, CY])
async def test_qr_table_card_then_answers_until_the_cafe_closes(harness, session_maker, locale):
    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id)
    await join(harness, ORGANISER_ID, locale)
    await join(harness, ANN, locale)
    await checked_in(session_maker, event_id, BEN)

    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.QR, event_id, question.id))
    [card] = [r for r in sent if isinstance(r, SendDocument)]
    assert card.document.data.startswith(b"\x89PNG")

    # Scanned before the room gets there: not open yet, and nothing is saved.
    sent = await harness.send(ANN, f"/start wc_{question.token}")
    assert ("ddim ar agor eto" if locale is CY else "isn't open yet") in texts(sent)[0]
    assert SIGNPOST in texts(sent)[0]
    await harness.send(ANN, "Too early")
    assert await answers_of(session_maker) == []

    # Opened for the QR cards only: nobody is messaged.
    await harness.tap(ORGANISER_ID, adm(CafeAdminAction.OPEN, event_id, question.id))
    assert await outbox(session_maker, "wcq:") == []
    sent = await harness.send(ANN, f"/start wc_{question.token}")
    wording = QUESTION_CY if locale is CY else QUESTION_EN
    assert wording in texts(sent)[0] and SIGNPOST in texts(sent)[0]
    assert texts(sent)[0].index(NOT_FOR_CRIME[locale]) < texts(sent)[0].index(wording)
    await harness.send(ANN, "Cameras at the entrance")
    [answer] = await answers_of(session_maker, ANN)

    # The organiser closes the café: no more answers, no deleting.
    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.CLOSE, event_id))
    await harness.tap(ORGANISER_ID, adm(CafeAdminAction.CLOSE_YES, event_id))
    assert (await questions(session_maker))[0].closed_at is not None
    sent = await harness.tap(ANN, wc(CafeAction.DELETE, item=answer.id))
    assert ("wedi cau" if locale is CY else "has closed") in alerts(sent)[0]
    sent = await harness.send(ANN, "One more thing")
    assert ("wedi cau" if locale is CY else "has closed") in texts(sent)[0]
    assert SIGNPOST in texts(sent)[0]
    sent = await harness.tap(ANN, wc(CafeAction.MINE, item=event_id))
    assert [d for _, d in buttons(sent[-1])] == []  # no delete buttons any more
    sent = await harness.tap(ANN, wc(CafeAction.NAME, item=answer.id))
    assert alerts(sent)
    assert [(a.id, a.first_name) for a in await answers_of(session_maker)] == [(answer.id, None)]


async def test_a_newcomer_from_a_table_qr_chooses_a_language_then_answers(harness,
                                                                         session_maker):
    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id, opened=True)
    await harness.send(ANN, f"/start wc_{question.token}", language_code="cy")
    sent = await harness.tap(ANN, "l:cy")
    assert QUESTION_CY in texts(sent)[-1]
    answer = wc(CafeAction.ANSWER, token=question.token)
    assert answer in [d for _, d in buttons(sent[-1])]
    await harness.tap(ANN, answer)
    await harness.send(ANN, "Mwy o olau")
    [saved] = await answers_of(session_maker, ANN)
    assert (saved.text, saved.locale, saved.first_name) == ("Mwy o olau", "cy", None)


async def test_forged_and_stale_buttons_change_nothing(harness, session_maker):
    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id, opened=True)
    other_event = await make_event(session_maker, title_en="Alway café")
    await join(harness, ANN, EN)
    await join(harness, BEN, EN)
    await join(harness, ORGANISER_ID, EN)
    await harness.send(ANN, f"/start wc_{question.token}")
    await harness.send(ANN, "Ann's idea")
    [answer] = await answers_of(session_maker, ANN)

    # Someone else's answer: Ben can neither delete nor name it.
    assert alerts(await harness.tap(BEN, wc(CafeAction.DELETE, item=answer.id)))
    assert alerts(await harness.tap(BEN, wc(CafeAction.NAME, item=answer.id)))
    await harness.send(BEN, "Bob")
    # A made-up token or answer.
    assert alerts(await harness.tap(BEN, wc(CafeAction.ANSWER, token="zzzzzzzzzz")))
    assert alerts(await harness.tap(ANN, wc(CafeAction.DELETE, item=answer.id + 99)))
    sent = await harness.send(BEN, "/start wc_zzzzzzzzzz")
    assert texts(sent)[0].startswith("That link didn't match anything")
    # Organiser buttons naming the wrong café or answer.
    hide_elsewhere = adm(CafeAdminAction.HIDE, other_event, question.id, answer.id)
    assert alerts(await harness.tap(ORGANISER_ID, hide_elsewhere))
    assert alerts(await harness.tap(ORGANISER_ID, adm(CafeAdminAction.HIDE, event_id,
                                                      question.id + 5, answer.id)))
    assert alerts(await harness.tap(ORGANISER_ID, adm(CafeAdminAction.OPEN, event_id,
                                                      question.id)))  # already open
    [after] = await answers_of(session_maker)
    assert (after.id, after.first_name, after.hidden) == (answer.id, None, False)


@pytest.mark.parametrize("locale", [EN, CY])
async def test_a_resident_cannot_use_the_organiser_side(harness, session_maker, locale):
    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id, opened=True)
    await join(harness, ANN, locale)
    await harness.send(ANN, f"/start wc_{question.token}")
    await harness.send(ANN, "My answer")
    [answer] = await answers_of(session_maker)
    sent = await harness.send(BEN, "/worldcafe")  # Ben hasn't even chosen a language
    await join(harness, BEN, locale)
    sent = await harness.send(BEN, "/worldcafe")
    assert texts(sent) == [ORGANISERS_ONLY[locale]]
    for data in (adm(CafeAdminAction.HIDE, event_id, question.id, answer.id),
                 adm(CafeAdminAction.EXPORT, event_id),
                 adm(CafeAdminAction.CLOSE_YES, event_id),
                 adm(CafeAdminAction.ANSWERS, event_id, question.id)):
        sent = await harness.tap(BEN, data)
        assert alerts(sent) == [ORGANISERS_ONLY[locale]]
        assert not [r for r in sent if isinstance(r, SendDocument | SendMessage)]
    [after] = await answers_of(session_maker)
    assert after.hidden is False
    assert (await questions(session_maker))[0].closed_at is None


async def test_organiser_sees_answers_paged_listens_and_hides(harness, session_maker):
    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id, opened=True)
    async with session_maker.begin() as session:
        q = await cafe.get_question(session, question.id)
        for n in range(6):
            await cafe.add_answer(session, q, ANN, "en", text=f"idea {n}")
        voice = await cafe.add_answer(session, q, BEN, "cy", voice_file_id="voice-9")
    await join(harness, ORGANISER_ID, EN)
    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.ANSWERS, event_id, question.id))
    page = texts(sent)[0]
    assert "Answers: 7" in page and "page 1 of 2" in page
    assert "voice note" in page and "idea 5" in page and "idea 0" not in page
    assert str(ANN) not in page and str(BEN) not in page
    listen = adm(CafeAdminAction.LISTEN, event_id, question.id, voice.id)
    assert listen in [d for _, d in buttons(sent[-1])]
    sent = await harness.tap(ORGANISER_ID, listen)
    assert [r.voice for r in sent if isinstance(r, SendVoice)] == ["voice-9"]
    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.ANSWERS, event_id, question.id,
                                               page=1))
    assert "idea 0" in texts(sent)[0]
    first = (await answers_of(session_maker, ANN))[0]
    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.HIDE, event_id, question.id,
                                               first.id, page=1))
    assert "hidden" in texts(sent)[-1]
    assert (await answers_of(session_maker, ANN))[0].hidden is True
    await harness.tap(ORGANISER_ID, adm(CafeAdminAction.UNHIDE, event_id, question.id,
                                        first.id, page=1))
    assert (await answers_of(session_maker, ANN))[0].hidden is False


async def test_export_leaves_out_ids_unchosen_names_and_hidden_answers(harness, session_maker):
    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id)
    await join(harness, ORGANISER_ID, EN)
    await join(harness, ANN, EN)
    await join(harness, BEN, CY)
    await harness.tap(ORGANISER_ID, adm(CafeAdminAction.OPEN, event_id, question.id))
    # Ann answers twice and names only the second; Ben answers in Welsh, anonymously.
    await harness.send(ANN, f"/start wc_{question.token}")
    await harness.send(ANN, "Quiet answer")
    await harness.send(ANN, "=HYPERLINK(\"http://evil\")")
    named = (await answers_of(session_maker, ANN))[-1]
    await harness.tap(ANN, wc(CafeAction.NAME, item=named.id))
    await harness.send(ANN, "Annie")
    await harness.send(BEN, f"/start wc_{question.token}")
    await harness.send(BEN, "Rhywle i fynd")
    await harness.send(BEN, "Something to hide")
    hidden = (await answers_of(session_maker, BEN))[-1]
    await harness.tap(ORGANISER_ID, adm(CafeAdminAction.HIDE, event_id, question.id, hidden.id))

    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.EXPORT, event_id))
    files = {r.document.filename: r.document.data.decode("utf-8-sig")
             for r in sent if isinstance(r, SendDocument)}
    assert set(files) == {f"worldcafe-{event_id}.md", f"worldcafe-{event_id}.csv"}
    markdown, table = files[f"worldcafe-{event_id}.md"], files[f"worldcafe-{event_id}.csv"]
    for body in (markdown, table):
        assert str(ANN) not in body and str(BEN) not in body and str(ORGANISER_ID) not in body
        assert "Test" not in body  # the Telegram first name is never used
        assert "Something to hide" not in body
        assert "Quiet answer" in body and "Rhywle i fynd" in body and "Annie" in body
        assert body.count("Annie") == 1
    lines = table.splitlines()
    assert lines[0] == ("table or round,question,question (Welsh),answer,language,time,"
                        "first name")
    quiet = next(line for line in lines if "Quiet answer" in line)
    assert quiet.endswith(",")  # no name where none was given
    assert "Cymraeg" in next(line for line in lines if "Rhywle i fynd" in line)
    assert "'=HYPERLINK" in table  # a formula is kept as text
    assert "- =HYPERLINK\\(\"http://evil\"\\) — Annie (English," in markdown


async def test_questions_from_a_file(harness, session_maker, monkeypatch):

    event_id = await make_event(session_maker)
    await join(harness, ORGANISER_ID, EN)
    content = {
        "good": (b"questions:\n"
                 b"  - group: Table 1\n    en: What helps?\n    cy: Beth sy'n helpu?\n"
                 b"  - group: Round 2\n    en: Who is missing?\n    cy: Pwy sydd ar goll?\n"
                 ),
        "bad": b"group,en,cy\nTable 1,What now?,/start\n,Only English,Dim ond Cymraeg\n",
    }
    serve(harness, monkeypatch, content)

    await harness.tap(ORGANISER_ID, adm(CafeAdminAction.IMPORT, event_id))
    sent = await harness.feed(document("bad", "questions.csv", len(content["bad"])))
    assert texts(sent) == [
        "<b>Nothing was saved.</b> ⚠️ Please fix the file and send it again:\n"
        "Line 2: “cy” is missing or longer than 500 characters.\n"
        "Line 3: “group” is missing or longer than 40 characters.\n"
        "Expected columns or keys: <code>group, group_cy, en, cy</code>\n"
        "For an example file, send /template questions"]
    assert await questions(session_maker) == []
    sent = await harness.feed(document("good", "questions.yaml", len(content["good"])))
    assert "Questions added: 2. Already there: 0" in texts(sent)[0]
    assert [(q.group_label, q.text_en, q.text_cy) for q in await questions(session_maker)] == [
        ("Table 1", "What helps?", "Beth sy'n helpu?"),
        ("Round 2", "Who is missing?", "Pwy sydd ar goll?")]
    sent = await harness.feed(document("good", "questions.yaml", len(content["good"])))
    assert "Questions added: 0. Already there: 2" in texts(sent)[0]
    async with session_maker() as session:
        assert await session.scalar(select(func.count()).select_from(Question)) == 2


async def test_forget_deletes_every_answer_anonymous_ones_too(harness, session_maker):
    from bot.ui.callbacks import ForgetCb
    from tests.support.factories import rows_mentioning

    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id, opened=True)
    await join(harness, ANN, EN)
    await harness.send(ANN, f"/start wc_{question.token}")
    await harness.send(ANN, "Anonymous idea")
    await harness.feed(voice_update(ANN, "voice-ann"))
    await harness.send(ANN, "Named idea")
    named = (await answers_of(session_maker, ANN))[-1]
    await harness.tap(ANN, wc(CafeAction.NAME, item=named.id))
    await harness.send(ANN, "Ann")

    sent = await harness.send(ANN, "/mydata")
    import json
    data = json.loads(next(r for r in sent if isinstance(r, SendDocument)).document.data)
    assert [(a["answer"], a["voice_note"], a["first_name"])
            for a in data["world_cafe_answers"]] == [
        ("Anonymous idea", False, None), (None, True, None), ("Named idea", False, "Ann")]

    await harness.send(ANN, "/forget")
    await harness.tap(ANN, ForgetCb(confirm=True).pack())
    assert await answers_of(session_maker) == []
    assert await rows_mentioning(session_maker, ANN) == []


@pytest.mark.parametrize("locale", [EN, CY])
async def test_only_text_or_voice_is_an_answer_and_commands_still_work(harness, session_maker,
                                                                       locale):
    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id, opened=True)
    await join(harness, ANN, locale)
    await harness.send(ANN, f"/start wc_{question.token}")
    sticker = {"update_id": next(_ids), "message": {
        "message_id": next(_ids), "date": int(time.time()),
        "chat": {"id": ANN, "type": "private"},
        "from": {"id": ANN, "is_bot": False, "first_name": "Test"},
        "sticker": {"file_id": "s1", "file_unique_id": "us1", "type": "regular", "width": 512,
                    "height": 512, "is_animated": False, "is_video": False}}}
    sent = await harness.feed(sticker)
    assert ("neges llais" if locale is CY else "voice note") in texts(sent)[0]
    sent = await harness.send(ANN, "x" * 2001)
    assert "2,000" in texts(sent)[0] or "2000" in texts(sent)[0]
    sent = await harness.send(ANN, "/help")
    assert SIGNPOST in texts(sent)[0]
    assert await answers_of(session_maker) == []


async def test_changing_ones_mind_about_the_name_keeps_it_anonymous(harness, session_maker):
    event_id = await make_event(session_maker)
    question = await add_question(session_maker, event_id, opened=True)
    await join(harness, ANN, EN)
    await harness.send(ANN, f"/start wc_{question.token}")
    await harness.send(ANN, "First thought")
    [first] = await answers_of(session_maker, ANN)
    sent = await harness.tap(ANN, wc(CafeAction.NAME, item=first.id))
    assert buttons(sent[-1]) == [("Keep it anonymous", wc(CafeAction.ANONYMOUS, item=first.id))]
    await harness.feed(voice_update(ANN, "not-a-name"))  # asked for a name: not an answer
    sent = await harness.tap(ANN, wc(CafeAction.ANONYMOUS, item=first.id))
    assert "stays anonymous" in texts(sent)[-1] and SIGNPOST in texts(sent)[-1]
    await harness.send(ANN, "Second thought")  # an answer again, not a name
    assert [(a.text, a.first_name) for a in await answers_of(session_maker, ANN)] == [
        ("First thought", None), ("Second thought", None)]
