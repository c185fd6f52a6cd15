"""The follow offer in a voter's receipt, through the real dispatcher, in English and Welsh:
Yes makes the voter a follower of the round's projects with nothing more to do (their weekly
news starts with the first update after results); No thanks leaves them out; stale or forged
taps change nothing; the follow holds nothing of the ballot; /projects can stop it, also
before the results are out."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, update

from bot.ui.callbacks import Locale
from bot.ui.callbacks.projects import FollowOfferCb, ProjectAction
from models.base import utcnow
from models.project import ProjectFollow
from models.round import Area
from tests.conftest import ORGANISER_ID
from tests.support.ballot_screen import vote_in_chat
from tests.support.factories import GROUP_OWNER, join, publish, voting_round
from tests.support.flow import alerts, buttons, tap_and_confirm, texts
from tests.support.project_scenario import (
    outbox_like,
    project_cb,
    projects_by_owner,
    send_words_update,
)

YES_VOTER, NO_VOTER, STRANGER = 761_001, 761_002, 761_003

SAID = {
    Locale.EN: {
        "receipt": "Your vote is in. Receipt: <b>",
        "offer": "Would you like me to tell you how the projects get on? 🔔",
        "yes": "Yes, tell me 🔔", "no": "No thanks",
        "done": "Done 🔔 Once the results are out, I will tell you how the projects get on, "
                "once a week at most. You can stop any time: send /projects.",
        "declined": "All right. I won't send you news of the projects. If you change your "
                    "mind, send /projects once the results are out.",
        "stale": "That button is out of date, so nothing has changed.",
        "waiting": "You asked me to tell you how the projects of <b>Safer Speke 2026</b> get "
                   "on. The results are not out yet",
        "stop": "Stop telling me about the projects 🔕",
        "stopped": "Done. I won't send you news of the projects any more.",
        "digest": "<b>How the projects are getting on</b> 🏗️",
    },
    Locale.CY: {
        "receipt": "Derbynneb: <b>",
        "offer": "Hoffech chi i mi ddweud wrthych chi sut mae'r prosiectau'n dod yn eu blaen? 🔔",
        "yes": "Hoffwn, dywedwch wrtha i 🔔", "no": "Dim diolch",
        "done": "Iawn 🔔 Pan fydd y canlyniadau allan, bydda i'n dweud wrthych chi sut mae'r "
                "prosiectau'n dod yn eu blaen, unwaith yr wythnos ar y mwyaf. Gallwch chi "
                "stopio unrhyw bryd: anfonwch /projects.",
        "declined": "Iawn. Fydda i ddim yn anfon newyddion am y prosiectau atoch chi. Os "
                    "byddwch chi'n newid eich meddwl, anfonwch /projects pan fydd y "
                    "canlyniadau allan.",
        "stale": "Mae'r botwm yna wedi dyddio, felly does dim byd wedi newid.",
        "waiting": "Gofynnoch chi i mi ddweud wrthych chi sut mae prosiectau'r rownd "
                   "<b>Speke Mwy Diogel 2026</b> yn dod yn eu blaen.",
        "stop": "Peidiwch â dweud wrtha i am y prosiectau 🔕",
        "stopped": "Iawn. Fydda i ddim yn anfon newyddion am y prosiectau atoch chi mwyach.",
        "digest": "<b>Sut mae'r prosiectau'n dod yn eu blaen</b> 🏗️",
    },
}


async def follows(session_maker) -> list[ProjectFollow]:
    async with session_maker() as session:
        return list(await session.scalars(select(ProjectFollow).order_by(ProjectFollow.id)))


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_yes_at_the_receipt_follows_with_nothing_more_to_do(harness, session_maker, lang):
    said = SAID[lang]
    code = lang.value
    round_id, _ = await voting_round(session_maker)
    for person in (YES_VOTER, NO_VOTER, STRANGER):
        await join(harness, person, lang)

    # The receipt is still one message: the offer is its last part, its row above Menu.
    screen = await vote_in_chat(harness, YES_VOTER, round_id, {}, default=4)
    assert said["receipt"] in screen.text
    assert screen.text.split("\n\n")[-1].startswith(said["offer"])
    labels = [label for label, _ in screen.buttons]
    assert labels[-3:-1] == [said["yes"], said["no"]]
    yes = screen.data(said["yes"])
    assert FollowOfferCb.unpack(yes) == FollowOfferCb(round=round_id, who=YES_VOTER, yes=True)

    # Someone else tapping it (a forwarded or forged button), or someone who did not vote
    # offering themselves, or a round that is not there: out of date, nothing recorded.
    for person, data in (
            (STRANGER, yes),
            (STRANGER, FollowOfferCb(round=round_id, who=STRANGER, yes=True).pack()),
            (YES_VOTER, FollowOfferCb(round=round_id + 999, who=YES_VOTER, yes=True).pack())):
        assert alerts(await harness.tap(person, data, language_code=code)) == [said["stale"]]
    assert await follows(session_maker) == []

    await harness.restart()  # the offer's button needs nothing kept in memory
    assert alerts(await harness.tap(YES_VOTER, yes, language_code=code)) == [said["done"]]
    (follow,) = await follows(session_maker)
    # Who and which round, and the day only: nothing of the ballot, not the time of voting.
    assert (follow.round_id, follow.telegram_id) == (round_id, YES_VOTER)
    assert {c.key for c in inspect(ProjectFollow).columns} == {
        "id", "round_id", "telegram_id", "created_at"}
    assert (follow.created_at.hour, follow.created_at.minute, follow.created_at.second) == (
        0, 0, 0) and follow.created_at.date() == utcnow().date()
    assert alerts(await harness.tap(YES_VOTER, yes, language_code=code)) == [said["done"]]
    assert len(await follows(session_maker)) == 1  # tapped twice: one follow

    # No thanks: not a follower.
    screen = await vote_in_chat(harness, NO_VOTER, round_id, {}, default=3)
    assert alerts(await screen.tap(screen.data(said["no"]))) == [said["declined"]]
    assert [f.telegram_id for f in await follows(session_maker)] == [YES_VOTER]

    # Before the results, /projects says the news is waiting, with a way to stop.
    sent = await harness.send(YES_VOTER, "/projects", language_code=code)
    assert said["waiting"] in texts(sent)[0]
    assert buttons(sent[0]) == [(said["stop"], project_cb(ProjectAction.UNFOLLOW,
                                                          round_id=round_id))]
    assert said["waiting"] not in str(texts(await harness.send(NO_VOTER, "/projects")))

    # Results: the voter who said yes gets this week's news once a group reports, nothing
    # more asked of them; the one who said no gets none.
    await join(harness, ORGANISER_ID, Locale.EN)
    await join(harness, GROUP_OWNER, Locale.EN)
    await tap_and_confirm(harness, ORGANISER_ID, publish(round_id))
    project = (await projects_by_owner(session_maker, round_id))[GROUP_OWNER]
    await send_words_update(harness, GROUP_OWNER, project, "Seeds are in.")
    (digest,) = await outbox_like(session_maker, "projd:")
    assert digest.chat_id == YES_VOTER
    assert digest.payload["text"].startswith(said["digest"])
    assert "“Seeds are in.”" in digest.payload["text"]

    # Stopping from /projects: gone, and this week's news with it.
    sent = await harness.send(YES_VOTER, "/projects", language_code=code)
    assert buttons(sent[-1])[-1] == (said["stop"], project_cb(ProjectAction.UNFOLLOW,
                                                              round_id=round_id))
    sent = await harness.tap(YES_VOTER, buttons(sent[-1])[-1][1], language_code=code)
    assert alerts(sent) == [said["stopped"]]
    assert await follows(session_maker) == []
    (digest,) = await outbox_like(session_maker, "projd:")
    assert digest.status == "cancelled"


async def test_stop_before_the_results_and_no_second_offer(harness, session_maker):
    round_id, _ = await voting_round(session_maker, changes_allowed=True)
    await join(harness, YES_VOTER, Locale.EN)
    screen = await vote_in_chat(harness, YES_VOTER, round_id, {}, default=4)
    await screen.press(SAID[Locale.EN]["yes"])
    # The waiting note's Stop works before any project exists.
    sent = await harness.send(YES_VOTER, "/projects")
    sent = await harness.tap(YES_VOTER, buttons(sent[0])[0][1])
    assert alerts(sent) == [SAID[Locale.EN]["stopped"]]
    assert await follows(session_maker) == []
    assert texts(await harness.send(YES_VOTER, "/projects")) == [
        "No projects yet. They appear here once a vote's results are out."]
    # A changed vote asks nothing again (the voter has answered once).
    bid = screen.listed_bids()[0]
    await screen.tap(screen.actions()[0].pack())
    assert screen.card_bid() == bid
    await screen.press("2")
    await screen.press("Confirm")
    assert screen.text.startswith("Your vote has been changed.")
    assert SAID[Locale.EN]["offer"] not in screen.text


RESULTS_OFFER = {
    Locale.EN: {"see": "See the results 📊", "follow": "Tell me how the projects get on 🔔",
                "following": "Done. Once a week at most, I will tell you what the groups say.",
                "stale": "That button is out of date. Send /projects to see the latest."},
    Locale.CY: {"see": "Gweld y canlyniadau 📊",
                "follow": "Dywedwch wrtha i sut mae'r prosiectau'n dod yn eu blaen 🔔",
                "following": "Iawn. Unwaith yr wythnos ar y mwyaf, bydda i'n dweud wrthych chi "
                             "beth mae'r grwpiau'n ei ddweud.",
                "stale": "Mae'r botwm yna wedi dyddio. Anfonwch /projects i weld y diweddaraf."},
}


def _labels(row) -> dict[str, str]:
    markup = row.payload.get("reply_markup") or {"inline_keyboard": []}
    return {button["text"]: button["callback_data"]
            for line in markup["inline_keyboard"] for button in line}


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_the_results_offer_following_to_voters_who_did_not_say_yes(harness, session_maker,
                                                                         lang):
    """The results notice is a second chance for a voter who said No thanks (or did not
    answer): one tap follows. Who already follows, or did not vote, is not offered it, and the
    button is checked again when tapped."""
    said, code = RESULTS_OFFER[lang], lang.value
    round_id, _ = await voting_round(session_maker)
    for person in (YES_VOTER, NO_VOTER, STRANGER):
        await join(harness, person, lang)
    screen = await vote_in_chat(harness, YES_VOTER, round_id, {}, default=4)
    await screen.tap(screen.data(SAID[lang]["yes"]))
    screen = await vote_in_chat(harness, NO_VOTER, round_id, {}, default=3)
    await screen.tap(screen.data(SAID[lang]["no"]))
    await join(harness, ORGANISER_ID, Locale.EN)
    await join(harness, GROUP_OWNER, Locale.EN)
    await tap_and_confirm(harness, ORGANISER_ID, publish(round_id))

    notes = {row.chat_id: _labels(row) for row in await outbox_like(session_maker, "result:")
             if row.chat_id in (YES_VOTER, NO_VOTER, STRANGER)}
    assert set(notes) == {YES_VOTER, NO_VOTER, STRANGER}
    assert list(notes[NO_VOTER]) == [said["see"], said["follow"]]
    assert list(notes[YES_VOTER]) == [said["see"]]  # follows already
    assert list(notes[STRANGER]) == [said["see"]]  # did not vote
    follow = notes[NO_VOTER][said["follow"]]

    # Forwarded to someone who did not vote: out of date, nothing recorded.
    assert alerts(await harness.tap(STRANGER, follow, language_code=code)) == [said["stale"]]
    assert [f.telegram_id for f in await follows(session_maker)] == [YES_VOTER]
    assert alerts(await harness.tap(NO_VOTER, follow, language_code=code)) == [said["following"]]
    assert sorted(f.telegram_id for f in await follows(session_maker)) == [YES_VOTER, NO_VOTER]


async def test_no_follow_offer_when_nothing_was_funded(harness, session_maker):
    round_id, bids = await voting_round(session_maker)
    await join(harness, NO_VOTER, Locale.EN)
    screen = await vote_in_chat(harness, NO_VOTER, round_id, {}, default=1)
    await screen.tap(screen.data(SAID[Locale.EN]["no"]))
    async with session_maker.begin() as session:  # a pot too small for any bid
        await session.execute(update(Area).where(Area.round_id == round_id).values(pot_pence=1))
    await join(harness, ORGANISER_ID, Locale.EN)
    await tap_and_confirm(harness, ORGANISER_ID, publish(round_id))
    (note,) = [row for row in await outbox_like(session_maker, "result:")
               if row.chat_id == NO_VOTER]
    assert list(_labels(note)) == [RESULTS_OFFER[Locale.EN]["see"]]
