"""The ballot in one message that edits itself, in English and Welsh, against a resident who
taps old buttons or forges them: fair order, changes in a few taps, limits refused at the
tap, a restart mid-ballot, and a Confirm that records exactly what its message showed."""

from __future__ import annotations

from sqlalchemy import update

from bot.ui.callbacks import Locale
from bot.ui.callbacks.vote import VoteAction, VoteCb
from models.ballot import round_ballots
from models.bid import Bid, BidStatus
from models.round import AreaSpec, BallotKind, Round, RoundStatus
from tests.support.ballot_screen import Screen, answer_cards
from tests.support.factories import join, make_round

VOTER, SECOND = 730_001, 730_002
OUT_OF_DATE_EN = ("This message is out of date, so nothing has changed. Please use the newest "
                  "ballot message, or tap Vote in the menu.")


async def many_bids(session_maker, n=12, kind=BallotKind.SCORE, amount=1_000_00,
                    pot=20_000_00, **fields) -> tuple[int, list[int]]:
    """A round in voting with `n` eligible bids, numbered 1..n, none the voters'."""
    round_id = await make_round(session_maker, areas=(AreaSpec("SPK", "Speke", "Speke", pot),),
                                ballot_kind=kind, **fields)
    async with session_maker.begin() as session:
        area_id = (await session.get(Round, round_id)).areas[0].id
        bids = [Bid(round_id=round_id, owner_telegram_id=800_000 + k, status=BidStatus.ELIGIBLE,
                    number=k, reference=f"SPK-{k:03d}", title=f"Bid {k}", group_name=f"Group {k}",
                    amount_pence=amount, area_id=area_id) for k in range(1, n + 1)]
        session.add_all(bids)
        await session.flush()
        await session.execute(update(Round).where(Round.id == round_id)
                              .values(status=RoundStatus.VOTING.value))
        return round_id, [bid.id for bid in bids]


async def recorded(session_maker, round_id):
    async with session_maker() as session:
        return await round_ballots(session, round_id)


async def test_twelve_bids_in_fourteen_taps_and_one_message(harness, session_maker):
    round_id, ids = await many_bids(session_maker)
    await join(harness, VOTER, Locale.EN)
    screen = Screen(harness, VOTER)
    await screen.vote()  # one round open: straight to the first card
    seen = []
    for k in range(1, 13):
        assert screen.text.startswith(f"Bid {k} of 12\n<b>Bid ")
        seen.append(screen.card_bid())
        await screen.press(str(k % 5 + 1))
    assert screen.text.startswith("<b>Your vote</b>")
    assert screen.listed_bids() == seen  # the review lists them in the same order
    await screen.press("Confirm my vote")
    assert screen.text.startswith("Your vote is in. Receipt: <b>")
    assert (screen.taps, screen.new_messages, screen.edits) == (14, 1, 13)
    assert await recorded(session_maker, round_id) == [
        {bid: k % 5 + 1 for k, bid in enumerate(seen, start=1)}]
    assert screen.buttons[-1][0] == "Menu ☰"
    # Another voter meets the bids in another order; neither follows the bid numbers.
    await join(harness, SECOND, Locale.EN)
    other = Screen(harness, SECOND)
    await other.vote()
    order = []
    for _ in range(12):
        order.append(other.card_bid())
        await other.press("3")
    assert sorted(order) == sorted(seen) == ids
    assert order != seen and ids not in (order, seen)


async def test_a_restart_mid_ballot_keeps_the_order_and_the_card_in_welsh(harness, session_maker):
    round_id, ids = await many_bids(session_maker)
    await join(harness, VOTER, Locale.CY)
    screen = Screen(harness, VOTER)
    await screen.vote()
    seen = []
    for _ in range(5):
        seen.append(screen.card_bid())
        await screen.press("4")
    sixth, buttons = screen.card_bid(), screen.buttons
    await harness.restart()
    await screen.vote()  # Vote again after the restart: the same card, in a new message
    assert screen.text.startswith("Cais 6 o 12") and screen.card_bid() == sixth
    screen.buttons = buttons  # and the buttons of the message before still work
    await screen.press("Yn ôl ◀")
    assert screen.alerts and screen.alerts[0].startswith("Mae'r neges hon wedi dyddio")
    await harness.restart()
    await screen.vote()
    await screen.press("Yn ôl ◀")
    assert screen.text.startswith("Cais 5 o 12") and screen.card_bid() == seen[4]
    assert "Eich ateb nawr: 4" in screen.text
    await screen.press("2")  # changes bid 5, then on to the first card not yet answered
    assert screen.text.startswith("Cais 6 o 12") and screen.card_bid() == sixth
    for _ in range(7):
        seen.append(screen.card_bid())
        await screen.press("1")
    assert screen.listed_bids() == seen
    await screen.press("Cadarnhau fy mhleidlais")
    assert screen.text.startswith("Mae eich pleidlais i mewn. Derbynneb:")
    assert (await recorded(session_maker, round_id))[0][seen[4]] == 2


async def test_forged_and_old_taps_on_an_edited_card_change_nothing(harness, session_maker):
    round_id, ids = await many_bids(session_maker, n=3)
    await join(harness, VOTER, Locale.EN)
    screen = Screen(harness, VOTER)
    await screen.vote()
    first, old = screen.card_bid(), screen.data("5")
    await screen.press("2")
    second = screen.card_bid()
    current = screen.actions()[0]
    # The first card's button, tapped again after the message moved on.
    await screen.tap(old)
    assert screen.alerts == [OUT_OF_DATE_EN]
    # A forged button with the current revision but another bid, or a score the card lacks.
    for forged in (VoteCb(action=VoteAction.SET, round=round_id, bid=first, value=5,
                          rev=current.rev),
                   VoteCb(action=VoteAction.SET, round=round_id, bid=second, value=9,
                          rev=current.rev),
                   VoteCb(action=VoteAction.CONFIRM, round=round_id, rev=current.rev)):
        sent = await harness.tap(VOTER, forged.pack())
        assert [r.text for r in sent if getattr(r, "show_alert", False)] != []
    assert screen.text.startswith("Bid 2 of 3") and screen.card_bid() == second
    await screen.press("4")
    await screen.press("4")
    await screen.press("Confirm my vote")
    assert await recorded(session_maker, round_id) == [
        {first: 2, second: 4, (set(ids) - {first, second}).pop(): 4}]


async def test_an_old_confirm_records_nothing_and_one_answer_changes_in_three_taps(
        harness, session_maker):
    round_id, ids = await many_bids(session_maker, n=4)
    await join(harness, VOTER, Locale.EN)
    screen = Screen(harness, VOTER)
    await screen.vote()
    for _ in range(4):
        await screen.press("1")
    old_confirm, target = screen.data("Confirm my vote"), screen.listed_bids()[0]
    # From the review: the bid (1), a new score (2), and back on the review.
    await screen.tap(screen.buttons[0][1])
    assert screen.card_bid() == target and "Your answer now: 1" in screen.text
    await screen.press("2")
    assert screen.text.startswith("<b>Your vote</b>") and "2 · Bid" in screen.text
    await screen.tap(old_confirm)  # the review that showed 1
    assert screen.alerts[0].startswith("This Confirm button is out of date")
    assert await recorded(session_maker, round_id) == []
    await screen.press("Confirm my vote")  # (3)
    receipt = screen.text.split("<b>")[1].split("</b>")[0] + "</b>"
    assert await recorded(session_maker, round_id) == [{**dict.fromkeys(ids, 1), target: 2}]
    # From the receipt: the bid, a score, Confirm again; the receipt stays the same.
    await screen.tap(screen.buttons[1][1])
    await screen.press("5")
    await screen.press("Confirm my vote")
    assert screen.text.startswith("Your vote has been changed. Receipt: <b>" + receipt)
    second = screen.listed_bids()[1]
    assert (await recorded(session_maker, round_id))[0][second] == 5


async def test_a_knapsack_pick_over_the_pot_is_refused_at_the_tap(harness, session_maker):
    round_id, ids = await many_bids(session_maker, n=4, kind=BallotKind.KNAPSACK,
                                    pot=2_500_00)
    for user, locale, yes, no in ((VOTER, Locale.EN, "Yes ✓", "No"),
                                  (SECOND, Locale.CY, "Ie ✓", "Na")):
        await join(harness, user, locale)
        screen = Screen(harness, user)
        await screen.vote()
        assert ("Your picks: £0 of £2,500" if locale == Locale.EN else
                "Eich dewisiadau: £0 o £2,500") in screen.text
        await screen.press(yes)
        await screen.press(yes)
        assert "£2,000" in screen.text
        third = screen.card_bid()
        await screen.press(yes)  # £3,000: over the pot
        assert screen.card_bid() == third
        if locale == Locale.EN:
            assert screen.alerts == [
                "That would bring your picks to £3,000, more than the pot of £2,500. You have "
                "£500 left. Choose No here, or first change another pick to No."]
        else:
            assert screen.alerts[0].startswith("Byddai eich dewisiadau wedyn yn costio £3,000")
        await screen.press(no)
        await screen.press(no)
        await screen.press("✅")
    ballots = await recorded(session_maker, round_id)
    assert len(ballots) == 2 and all(len(ballot) == 2 for ballot in ballots)


async def test_tokens_left_on_every_card_and_too_many_refused(harness, session_maker):
    round_id, ids = await many_bids(session_maker, n=3, kind=BallotKind.TOKENS, ballot_tokens=5)
    await join(harness, VOTER, Locale.EN)
    screen = Screen(harness, VOTER)
    await screen.vote()
    assert "Tokens left: 5 of 5" in screen.text
    await screen.press("4")
    assert "Tokens left: 1 of 5" in screen.text
    await screen.press("3")
    assert screen.alerts[0].startswith("You have one token left")
    await screen.press("1")
    await screen.press("0")
    await screen.press("✅")
    assert screen.text.startswith("Your vote is in.")


async def test_two_rounds_open_ask_which_and_a_photo_is_one_tap_away(harness, session_maker):
    first, ids = await many_bids(session_maker, n=2)
    second, _ = await many_bids(session_maker, n=2)
    async with session_maker.begin() as session:
        await session.execute(update(Bid).where(Bid.id == ids[0])
                              .values(photo_file_id="photo-of-the-bench"))
    await join(harness, VOTER, Locale.CY)
    screen = Screen(harness, VOTER)
    await screen.vote()
    assert screen.text == "Ym mha bleidlais hoffech chi gymryd rhan?"
    await screen.tap(screen.buttons[0][1])
    assert screen.text.startswith("Cais 1 o 2") and screen.new_messages == 2
    if screen.card_bid() != ids[0]:
        await screen.press("3")
    sent = await screen.press("Gweld y llun 📷")
    assert [getattr(r, "photo", None) for r in sent if hasattr(r, "photo")] == [
        "photo-of-the-bench"]
    assert screen.card_bid() == ids[0]  # the ballot message is still where it was
    await answer_cards(screen, {}, default=3)
    await screen.press("Cadarnhau fy mhleidlais")
    assert screen.text.startswith("Mae eich pleidlais i mewn.")
    assert await recorded(session_maker, first) == [dict.fromkeys(ids, 3)]
    assert await recorded(session_maker, second) == []


async def test_an_old_confirm_in_welsh_says_so_and_records_nothing(harness, session_maker):
    round_id, ids = await many_bids(session_maker, n=2)
    await join(harness, VOTER, Locale.CY)
    screen = Screen(harness, VOTER)
    await screen.vote()
    await answer_cards(screen, {}, default=1)
    old_confirm = screen.data("Cadarnhau fy mhleidlais")
    await screen.tap(screen.buttons[1][1])  # the second bid's card, from the review
    await screen.press("4")
    await screen.tap(old_confirm)
    assert screen.alerts == ["Mae'r botwm Cadarnhau hwn wedi dyddio: mae eich pleidlais wedi "
                             "newid ers hynny. Does dim wedi'i gofnodi. Gwiriwch eich pleidlais "
                             "yn y neges fwyaf newydd."]
    assert await recorded(session_maker, round_id) == []
    await screen.press("Cadarnhau fy mhleidlais")
    assert sorted((await recorded(session_maker, round_id))[0].values()) == [1, 4]
