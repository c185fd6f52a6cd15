## Voting (residents)
vote-no-round = No vote is open at the moment. We'll let everyone know when voting starts.
vote-pick-round = Which vote would you like to take part in?
vote-closed = Voting has closed.
vote-stale = This button is out of date. Tap Vote in the menu to start again.
vote-tick-yes = Yes ✓
vote-tick-no = No
vote-back = Back ◀
vote-confirm = Confirm my vote ✅
vote-start-again = Start again
vote-card =
    Bid { $n } of { $total }
    <b>{ $title }</b>
    { $group } · { $amount }

    { $summary }

    { $how }
vote-how-score = Give this bid a score from 1 (low) to 5 (high).
vote-how-approval = Would you like this bid to be funded?
vote-how-top_n = Would you like this bid to be funded? You can pick up to { $n }.
vote-how-tokens = How many tokens do you give this bid? You have { $tokens } in all.
vote-how-knapsack = Would you like this bid to be funded? Your picks must fit in the pot.
vote-review =
    <b>Your vote</b>
    { $lines }

    To change an answer, tap its bid below. When it is right, tap Confirm.
vote-running-total = Your picks: { $total } of { $pot }
vote-nothing-to-vote-on = There are no bids you can vote on in this round.
vote-refused =
    Your vote has not been recorded:
    { $problems }
vote-receipt = Your vote is in. Receipt: <b>{ $receipt }</b>
vote-changed = Your vote has been changed. Receipt: <b>{ $receipt }</b>
vote-problem-voting-closed = Voting has closed.
vote-problem-already-voted = You have already voted in this round, and votes can't be changed.
vote-problem-unknown-bid = One of the bids is no longer in this vote.
vote-problem-own-bid = You can't vote for your own group's bid.
vote-problem-duplicate-bid = The same bid was chosen twice.
vote-problem-score-not-integer = A score must be a whole number.
vote-problem-score-out-of-range = Scores go from 1 to 5.
vote-problem-missing-score = Please score every bid.
vote-problem-too-many = You picked more bids than allowed.
vote-problem-tokens-not-integer = Tokens must be whole numbers.
vote-problem-tokens-out-of-range = That is too many tokens on one bid.
vote-problem-tokens-total = Your tokens don't add up to the number you have.
vote-problem-over-pot = Your picks cost more than the pot.

## Voting (organisers)
va-no-round = No round is ready for voting. Close a round for bids first (/rounds).
va-round =
    <b>{ $round }</b>
    Status: { $status }
    Ballots so far: { $ballots }
va-status-closed = bids closed, voting not open yet
va-status-voting = voting is open
va-status-counting = voting has closed, results not published yet
va-open = Open voting ▶
va-turnout = Turnout 🔄
va-publish = Close voting and publish results 📣
va-close = Close voting (paper sheets can still be typed in) ⏹
va-closed = Voting has closed. Type in any paper sheets, then publish.
va-publish-counted = Publish results 📣
va-auto-opened = Voting in <b>{ $round }</b> has opened, as planned. Watch turnout with /voting. 🗳
va-auto-closed = Voting in <b>{ $round }</b> has closed, as planned. Type in any paper sheets, then publish the results with /voting. 🗳
va-opened = Voting is open.
va-moved-on = This round has moved on since; nothing changed. Send /voting again.
va-note-funded = Good news: your bid “{ $title }” in { $round } will be funded.
va-note-not-funded = Your bid “{ $title }” in { $round } was not funded this time. Thank you for taking part.
va-note-results = The results of { $round } are out. Thank you for voting.

## Who may vote, voting codes, age band (residents)
vote-ask-area = { $round } is for people who live in its areas. Which area do you live in?
vote-area-none = I don't live in any of these
vote-not-eligible-checked_in = This vote is for people at the vote event for { $round }. When you arrive, show your door code at the welcome desk to check in, then tap Vote again. If you can't be there, an organiser may be able to give you a voting card.
vote-not-eligible-area = This vote is for people who live in { $areas }. If you live somewhere else, thank you for your interest! If you can't vote online, an organiser may be able to give you a voting card.
vote-not-eligible-both = This vote is for people who live in { $areas }, or who check in at the vote event for { $round }. At the event, show your door code at the welcome desk, then tap Vote again. An organiser may also be able to give you a voting card.
vote-ask-age = Before you vote: which age group are you in? We keep this only as an anonymous number with your vote, to see who took part.
vote-age-under-13 = Under 13
vote-age-from-13 = 13–15
vote-age-from-16 = 16–17
vote-age-from-18 = 18–24
vote-age-from-25 = 25–64
vote-age-from-65 = 65 or over
vote-age-too-young = Thank you for wanting to have your say! People under 13 can't vote here themselves. A parent or carer can take part for you: please ask one of them to help.
vote-already-final = You have already voted in this round. Thank you! In this round a confirmed vote can't be changed. Your receipt: <b>{ $receipt }</b>
vote-score-all-left = { $left ->
    [one] Please score every bid before you confirm: one bid still needs a score.
   *[other] Please score every bid before you confirm: { $left } bids still need a score.
}
vote-score-the-rest = Score the bids left ✏️
vote-now = Vote now 🗳
vote-code-how = Send the code from your voting card like this: /code 7KQ9X-4MRTA (or scan the QR code on the card).
vote-code-accepted = Your voting card is accepted: you can vote in { $round }. Tap below to start.
vote-code-kept = Your voting card is saved for { $round }. Voting hasn't started yet: tap Vote in the menu when it opens.
vote-code-used = This voting card has already been used. Each card gives one vote, to the first person who uses it. If this card was given to you, please speak to an organiser.
vote-code-has_one = You already have a voting card for this round, so you don't need another. Please give this one back to an organiser so someone else can use it.
vote-code-voted = You have already voted in this round, so you don't need a voting card. Please give this one back to an organiser so someone else can use it.
vote-code-unknown = We don't recognise this voting code. Please check it against your card, or ask an organiser for help.
