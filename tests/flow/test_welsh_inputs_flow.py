"""What organisers type reaches Welsh readers honestly: an event with no Welsh description
says so in Welsh before the English (never a silent fallback), and the Welsh /newround names
a round's bid questions in Welsh and takes them typed in Welsh."""

from __future__ import annotations

from bot.ui.callbacks import EventAction, Locale
from bot.ui.callbacks.bids import RoundAction
from bot.ui.callbacks.worldcafe import CafeAdminAction
from models import worldcafe as cafe
from tests.conftest import ORGANISER_ID
from tests.support.bid_scenario import join
from tests.support.event_fixtures import ev, make_event
from tests.support.factories import only_round, say
from tests.support.factories import round_cb as cb
from tests.support.flow import texts
from tests.support.worldcafe import adm, questions

ONLY_ENGLISH = "<i>(Dim ond yn Saesneg mae hwn ar gael)</i>"


async def test_an_event_without_welsh_says_so_to_welsh_readers_only(harness, session_maker):
    bare = await make_event(session_maker, description_cy=None)
    both = await make_event(session_maker)
    await join(harness, 781_001, Locale.CY)
    await join(harness, 781_002, Locale.EN)
    card = texts(await harness.tap(781_001, ev(EventAction.SHOW, bare)))[-1]
    assert f"{ONLY_ENGLISH}\nTalk about &lt;safety&gt; &amp; youth" in card
    card = texts(await harness.tap(781_001, ev(EventAction.SHOW, both)))[-1]
    assert "Siarad am ddiogelwch" in card and ONLY_ENGLISH not in card
    card = texts(await harness.tap(781_002, ev(EventAction.SHOW, bare)))[-1]
    assert "Talk about &lt;safety&gt;" in card and "Saesneg" not in card


async def test_welsh_newround_names_the_questions_in_welsh_and_takes_them(harness,
                                                                          session_maker):
    await join(harness, ORGANISER_ID, Locale.CY)
    await say(harness, "/newround")
    await say(harness, "Safer Speke")
    await say(harness, "Speke Mwy Diogel")
    await say(harness, "SPK Speke £26k")
    await say(harness, "£2k")
    asked = texts(await harness.tap(ORGANISER_ID, cb(RoundAction.SKIP)))[0]
    assert ("group (grŵp), title (teitl), description (disgrifiad), benefits (buddion), "
            "amount (swm), area (ardal), contact (cyswllt)") in asked
    refused = await say(harness, "teitl, esgidiau")
    assert "Rhaid cadw'r teitl a'r swm" in refused[0] and "title" not in refused[0].split(":")[0]
    assert (await say(harness, "teitl, Swm, contact"))[0].startswith("Pryd mae ceisiadau'n cau?")
    await say(harness, "12/12/2099 17:00")
    await harness.tap(ORGANISER_ID, cb(RoundAction.SKIP))
    await harness.tap(ORGANISER_ID, cb(RoundAction.BALLOT, "approval"))
    preview = texts(await harness.tap(ORGANISER_ID, cb(RoundAction.RULE, "mes")))[0]
    assert "title (teitl), amount (swm), contact (cyswllt)" in preview
    await harness.tap(ORGANISER_ID, cb(RoundAction.CREATE, "draft"))
    assert (await only_round(session_maker)).questions == ["title", "amount", "contact"]


async def test_a_cafe_table_label_can_be_the_same_in_both_languages(harness, session_maker):
    event_id = await make_event(session_maker, kind="cafe")
    await join(harness, ORGANISER_ID, Locale.CY)
    await harness.tap(ORGANISER_ID, adm(CafeAdminAction.ADD, event_id))
    await say(harness, "Table 7")
    sent = await harness.tap(ORGANISER_ID, adm(CafeAdminAction.SAME_LABEL, event_id))
    assert texts(sent)[0].startswith("Teipiwch y cwestiwn yn Saesneg")
    await say(harness, "What would help young people here?")
    await say(harness, "Beth fyddai'n helpu pobl ifanc yma?")
    [question] = await questions(session_maker)
    assert (question.group_label, question.group_label_cy) == ("Table 7", None)
    assert question.group("cy") == "Table 7"
    async with session_maker() as session:
        assert [q.group("cy") for q in await cafe.questions_of(session, event_id)] == ["Table 7"]
