"""The ballot message as a voter's phone shows it, for flow tests of the voting screens.

A voter taps buttons on the newest version of their ballot message; `Screen` keeps that
version (the last message sent or edited in reply), counts new messages and edits, and finds
buttons by what they say, as a person would.
"""

from __future__ import annotations

from aiogram.methods import EditMessageText, SendMessage

from bot.ui.callbacks import MenuCb, MenuItem
from bot.ui.callbacks.vote import VoteAction, VoteCb
from tests.support.flow import alerts, buttons, callback_update


class Screen:
    def __init__(self, harness, user_id: int, wrap=None) -> None:
        """`wrap`, if given, dresses each button press (a dict update) before it is fed."""
        self.harness, self.user_id, self.wrap = harness, user_id, wrap
        self.text, self.buttons = "", []
        self.new_messages = self.edits = self.taps = 0
        self.alerts: list[str] = []

    async def tap(self, data: str) -> list:
        self.taps += 1
        if self.wrap is None:
            sent = await self.harness.tap(self.user_id, data)
        else:
            sent = await self.harness.feed(self.wrap(callback_update(self.user_id, data)))
        self.alerts = alerts(sent)
        for request in sent:
            if isinstance(request, (SendMessage, EditMessageText)):
                self.new_messages += isinstance(request, SendMessage)
                self.edits += isinstance(request, EditMessageText)
                self.text, self.buttons = request.text, buttons(request)
        return sent

    async def vote(self) -> list:
        return await self.tap(MenuCb(item=MenuItem.VOTE).pack())

    def data(self, label: str) -> str:
        found = [data for text, data in self.buttons if text == label or text.endswith(label)
                 or text.startswith(label)]
        assert found, f"no {label!r} button in {self.buttons}"
        return found[0]

    async def press(self, label: str) -> list:
        return await self.tap(self.data(label))

    def actions(self) -> list[VoteCb]:
        return [VoteCb.unpack(data) for _, data in self.buttons if data.startswith("vt:")]

    def card_bid(self) -> int:
        """The bid whose card is showing."""
        return next(cb.bid for cb in self.actions() if cb.action == VoteAction.SET)

    def listed_bids(self) -> list[int]:
        """The bids on the review or receipt, in the order shown."""
        return [cb.bid for cb in self.actions() if cb.action == VoteAction.OPEN]


def find(screen: Screen, action: VoteAction, **fields: int) -> str:
    """The data of the screen's button for `action` (and the given bid, value...)."""
    for cb in screen.actions():
        if cb.action == action and all(getattr(cb, name) == v for name, v in fields.items()):
            return cb.pack()
    raise AssertionError(f"no {action!r} {fields} button in {screen.buttons}")


async def answer_cards(screen: Screen, choices: dict[int, int], default: int = 0) -> None:
    """Answer each card the ballot message shows (`choices[bid]`, else `default`) until the
    review, in whatever order the voter is given."""
    while any(cb.action == VoteAction.SET for cb in screen.actions()):
        bid = screen.card_bid()
        await screen.tap(find(screen, VoteAction.SET, bid=bid, value=choices.get(bid, default)))


async def start(harness, user_id: int, round_id: int, wrap=None) -> Screen:
    screen = Screen(harness, user_id, wrap)
    await screen.tap(VoteCb(action=VoteAction.ROUND, round=round_id).pack())
    return screen


async def vote_in_chat(harness, user_id: int, round_id: int, choices: dict[int, int],
                       default: int = 0, *, confirm: bool = True, wrap=None) -> Screen:
    """Vote from the round's button: every card answered, then (unless told not to) Confirm;
    `screen.text` is then the receipt (or whatever the bot said instead)."""
    screen = await start(harness, user_id, round_id, wrap)
    await answer_cards(screen, choices, default)
    if confirm:
        await screen.tap(find(screen, VoteAction.CONFIRM))
    return screen
