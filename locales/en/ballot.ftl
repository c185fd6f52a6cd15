## The ballot message: cards, review, receipt (bot/ballot_view.py)
menu-again = Menu ☰
vote-card-now = Your answer now: { $value }
vote-tokens-left = Tokens left: { $left } of { $tokens }
vote-picks-left = Picked: { $picked } of { $n }
vote-photo = See the photo 📷
vote-back-to-review = Back to your vote ◀
vote-tokens-unspent = { $left ->
    [one] Please give all your tokens before you confirm: one token is left.
   *[other] Please give all your tokens before you confirm: { $left } tokens are left.
}
vote-out-of-date = This message is out of date, so nothing has changed. Please use the newest ballot message, or tap Vote in the menu.
vote-confirm-out-of-date = This Confirm button is out of date: your vote has changed since. Nothing was recorded. Please check your vote in the newest message and confirm there.
vote-receipt-change = While voting is open you can change an answer: tap a bid below, then confirm again.
vote-refuse-over-pot = That would bring your picks to { $total }, more than the pot of { $pot }. You have { $left } left. Choose No here, or first change another pick to No.
vote-refuse-too-many = { $n ->
    [one] You can pick only one bid. To pick this one, first change your pick to No.
   *[other] You can pick up to { $n } bids. To pick this one, first change another pick to No.
}
vote-refuse-tokens-over = { $left ->
    [one] You have one token left, so you can't give that many here. Give fewer, or first take tokens from another bid.
   *[other] You have { $left } tokens left, so you can't give that many here. Give fewer, or first take tokens from another bid.
}
vote-skip = Skip ▶

## Told when it matters (bot/vote_notices.py)
vote-opened-note = Voting is open: <b>{ $round }</b>. You took part or asked to hear, so we're letting you know. Tap below to have your say. 🗳
vote-finish-note = You started voting in <b>{ $round }</b>, but your vote is not in yet: it only counts once you tap Confirm. Tap below to carry on where you stopped.
vote-finish-button = Finish my vote 🗳
vote-no-round-ask = No vote is open at the moment. Would you like us to tell you when voting opens?
vote-tell-me = Tell me when voting opens 🔔
vote-will-tell = Thank you. We'll send you a message when voting opens.
va-finish-rate = Ballots started in the chat: { $started } · confirmed: { $confirmed }
va-note-results-plain = The results of { $round } are out.
