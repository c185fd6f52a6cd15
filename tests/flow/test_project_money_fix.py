"""Correcting a recorded payment, through the real dispatcher, in English and Welsh: an
organiser lists a project's entries, changes one's amount or removes it after a Yes that says
what will change; a stale or repeated Yes changes nothing; returned never exceeds paid; each
correction is in /audit with who (an organiser) and when; residents cannot do any of it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.ui.callbacks import Locale
from bot.ui.callbacks.projects import MoneyAction, MoneyFixCb, ProjectAction
from models.audit import AuditEntry
from models.project import ProjectPayment
from tests.conftest import ORGANISER_ID
from tests.support.factories import GROUP_OWNER, RESULTS_RESIDENT, join, published_round
from tests.support.flow import alerts, buttons, texts
from tests.support.project_scenario import project_cb, projects_by_owner

SAID = {
    Locale.EN: {
        "fix": "Correct a payment ✏️",
        "choose": "Which entry for <b>SPK-001 Bid 1</b> is wrong? The newest are first.",
        "paid": "£1,000 paid to the group · ", "returned": "£100 given back · ",
        "change": "Change amount ✏️", "remove": "Remove 🗑️",
        "ask": "It says £1,000 now. What is the right amount? For example: £900",
        "over": "I can't make that change: the group would have given back £100 but been paid "
                "only £50. Money given back can't be more than money paid.",
        "over_remove": "the group would have given back £100 but been paid only £0.",
        "confirm": "Change this entry to £900?\nNow: £1,000 paid to the group · ",
        "after": "Paid to the group: £900 · returned: £100",
        "yes": "Yes, go ahead ✅",
        "changed": "Corrected ✅ The entry now says the new amount: £900.\n"
                   "Paid to the group: £900 · returned: £100",
        "removed": "Removed ✅\nPaid to the group: £900 · returned: £0",
        "stale": "That button is out of date. Send /projects to see the latest.",
        "nothing": "Nothing changed.",
        "audit_change": "Test corrected money paid to SPK-001: £1,000 → £900",
        "audit_remove": "Test removed an entry of money given back by SPK-001: £100",
    },
    Locale.CY: {
        "fix": "Cywiro taliad ✏️",
        "choose": "Pa gofnod ar gyfer <b>SPK-001 Bid 1</b> sy'n anghywir? Mae'r rhai mwyaf "
                  "newydd yn gyntaf.",
        "paid": "£1,000 wedi'i dalu i'r grŵp · ", "returned": "£100 wedi'i roi'n ôl · ",
        "change": "Newid y swm ✏️", "remove": "Dileu 🗑️",
        "ask": "Mae'n dweud £1,000 nawr. Beth yw'r swm cywir? Er enghraifft: £900",
        "over": "Alla i ddim gwneud y newid yna: byddai'r grŵp wedi rhoi £100 yn ôl ond dim ond "
                "£50 wedi'i dalu iddo.",
        "over_remove": "byddai'r grŵp wedi rhoi £100 yn ôl ond dim ond £0 wedi'i dalu iddo.",
        "confirm": "Newid y cofnod hwn i £900?\nNawr: £1,000 wedi'i dalu i'r grŵp · ",
        "after": "Wedi'i dalu i'r grŵp: £900 · wedi'i roi'n ôl: £100",
        "yes": "Ie, ewch ymlaen ✅",
        "changed": "Wedi'i gywiro ✅ Mae'r cofnod nawr yn dweud y swm newydd: £900.\n"
                   "Wedi'i dalu i'r grŵp: £900 · wedi'i roi'n ôl: £100",
        "removed": "Wedi'i ddileu ✅\nWedi'i dalu i'r grŵp: £900 · wedi'i roi'n ôl: £0",
        "stale": "Mae'r botwm yna wedi dyddio. Anfonwch /projects i weld y diweddaraf.",
        "nothing": "Dim wedi newid.",
        "audit_change": "Test — cywiro arian wedi'i dalu (prosiect SPK-001): £1,000 → £900",
        "audit_remove": "Test — dileu cofnod o arian wedi'i roi'n ôl (prosiect SPK-001): £100",
    },
}


def button(sent: list, label: str) -> str:
    found = [data for request in sent for text, data in buttons(request)
             if text == label or text.startswith(label)]
    assert found, f"no {label!r} in {[buttons(r) for r in sent]}"
    return found[0]


async def payments(session_maker) -> list[tuple[str, int]]:
    async with session_maker() as session:
        return [(p.kind, p.amount_pence) for p in await session.scalars(
            select(ProjectPayment).order_by(ProjectPayment.id))]


@pytest.mark.parametrize("lang", [Locale.EN, Locale.CY])
async def test_change_and_remove_an_entry_with_a_yes_kept_in_the_log(harness, session_maker,
                                                                    lang):
    said, code = SAID[lang], lang.value
    round_id, _, _ = await published_round(harness, session_maker)
    await join(harness, ORGANISER_ID, lang)
    project = (await projects_by_owner(session_maker, round_id))[GROUP_OWNER]
    await harness.tap(ORGANISER_ID, project_cb(ProjectAction.PAY, project))
    await harness.send(ORGANISER_ID, "£1,000")
    await harness.tap(ORGANISER_ID, project_cb(ProjectAction.RETURN, project))
    await harness.send(ORGANISER_ID, "£100")

    page = await harness.tap(ORGANISER_ID, project_cb(ProjectAction.SHOW, project))
    listed = await harness.tap(ORGANISER_ID, button(page, said["fix"]))
    assert texts(listed) == [said["choose"]]
    assert [label.split(" · ")[0] + " · " for label, _ in buttons(listed[-1])] == [
        said["returned"], said["paid"]]  # newest first

    # Change the £1,000: too little (less than was given back) is refused, kindly, by name.
    picked = await harness.tap(ORGANISER_ID, button(listed, said["paid"]))
    asked = await harness.tap(ORGANISER_ID, button(picked, said["change"]))
    assert texts(asked) == [said["ask"]]
    assert texts(await harness.send(ORGANISER_ID, "£50"))[0].startswith(said["over"])
    assert texts(await harness.send(ORGANISER_ID, "lots"))[0].startswith(
        "I could not read" if lang is Locale.EN else "Doeddwn i ddim")
    question = await harness.send(ORGANISER_ID, "£900")
    assert texts(question)[0].startswith(said["confirm"])
    assert texts(question)[0].endswith(said["after"])
    assert await payments(session_maker) == [("paid", 1_000_00), ("returned", 100_00)]
    yes = button(question, said["yes"])
    done = await harness.tap(ORGANISER_ID, yes)
    assert texts(done) == [said["changed"]]
    assert await payments(session_maker) == [("paid", 900_00), ("returned", 100_00)]
    # The same Yes again, or an old button for the entry as it was: out of date.
    assert alerts(await harness.tap(ORGANISER_ID, yes)) == [said["stale"]]
    assert alerts(await harness.tap(ORGANISER_ID, button(picked, said["remove"]))) == [
        said["stale"]]
    assert await payments(session_maker) == [("paid", 900_00), ("returned", 100_00)]

    # Removing the payment would leave £100 given back against £0 paid: refused.
    listed = await harness.tap(ORGANISER_ID, button(page, said["fix"]))
    picked = await harness.tap(ORGANISER_ID, button(listed, said["paid"].replace(
        "1,000", "900")))
    refused = await harness.tap(ORGANISER_ID, button(picked, said["remove"]))
    assert said["over_remove"] in texts(refused)[0]
    # No changes nothing.
    picked = await harness.tap(ORGANISER_ID, button(listed, said["returned"]))
    question = await harness.tap(ORGANISER_ID, button(picked, said["remove"]))
    no = [data for _, data in buttons(question[-1])][-1]
    assert alerts(await harness.tap(ORGANISER_ID, no)) == [said["nothing"]]
    assert await payments(session_maker) == [("paid", 900_00), ("returned", 100_00)]
    # Yes removes it.
    done = await harness.tap(ORGANISER_ID, button(question, said["yes"]))
    assert texts(done) == [said["removed"]]
    assert await payments(session_maker) == [("paid", 900_00)]

    # /audit: who and when, the project, before and after; no resident in it.
    async with session_maker() as session:
        entries = list(await session.scalars(select(AuditEntry).where(
            AuditEntry.event.like("payment-%")).order_by(AuditEntry.id)))
    assert [(e.event, e.actor_telegram_id, e.round_id, e.detail) for e in entries] == [
        ("payment-changed", ORGANISER_ID, round_id,
         {"kind": "paid", "project": "SPK-001", "was": 1_000_00, "to": 900_00}),
        ("payment-removed", ORGANISER_ID, round_id,
         {"kind": "returned", "project": "SPK-001", "was": 100_00})]
    assert all(e.at is not None for e in entries)
    log = texts(await harness.send(ORGANISER_ID, "/audit", language_code=code))[0]
    assert said["audit_change"] in log and said["audit_remove"] in log


async def test_residents_cannot_see_or_use_corrections(harness, session_maker):
    round_id, _, _ = await published_round(harness, session_maker)
    project = (await projects_by_owner(session_maker, round_id))[GROUP_OWNER]
    await harness.tap(ORGANISER_ID, project_cb(ProjectAction.PAY, project))
    await harness.send(ORGANISER_ID, "£1,000")
    async with session_maker() as session:
        (payment,) = list(await session.scalars(select(ProjectPayment)))
    page = await harness.tap(RESULTS_RESIDENT, project_cb(ProjectAction.SHOW, project))
    assert "pjm:" not in str([buttons(r) for r in page])
    for action in (MoneyAction.LIST, MoneyAction.REMOVE, MoneyAction.YES):
        await harness.tap(RESULTS_RESIDENT, MoneyFixCb(
            action=action, project=project.id, payment=payment.id, was=1_000_00).pack())
    assert await payments(session_maker) == [("paid", 1_000_00)]
    # A forged Yes from an organiser for an amount the entry does not hold: out of date.
    sent = await harness.tap(ORGANISER_ID, MoneyFixCb(
        action=MoneyAction.YES, project=project.id, payment=payment.id, was=5_00,
        to=1_00).pack())
    assert alerts(sent) == [SAID[Locale.EN]["stale"]]
    # ... or for another project's entry.
    other = (await projects_by_owner(session_maker, round_id))[800_002]
    sent = await harness.tap(ORGANISER_ID, MoneyFixCb(
        action=MoneyAction.YES, project=other.id, payment=payment.id, was=1_000_00).pack())
    assert alerts(sent) == [SAID[Locale.EN]["stale"]]
    assert await payments(session_maker) == [("paid", 1_000_00)]
