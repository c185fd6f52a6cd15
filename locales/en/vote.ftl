## Voting (residents)
vote-no-round = No vote is open at the moment. We'll let everyone know when voting starts.
vote-pick-round = Which vote would you like to take part in?
vote-closed = Voting has closed.
vote-stale = This button is out of date. Tap Vote in the menu to start again.
vote-tick-yes = ✓ Yes
vote-tick-no = No
vote-back = ◀ Back
vote-confirm = ✅ Confirm my vote
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
vote-how-tokens = How many of your { $tokens } tokens do you give this bid?
vote-how-knapsack = Would you like this bid to be funded? Your picks must fit in the pot.
vote-review =
    <b>Your vote</b>
    { $lines }

    Check it, then tap Confirm.
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
va-open = ▶ Open voting
va-turnout = 🔄 Turnout
va-publish = 📣 Close voting and publish results
va-opened = Voting is open.
va-moved-on = This round has moved on since; nothing changed. Send /voting again.
va-results-title = <b>Results: { $round }</b>
va-results-area =
    <b>{ $area }</b>
    { $funded }
    Money left: { $left }
va-results-rule = Rule: { $rule }.
va-tie-break = Bids with equal support are ranked cheaper first; bids that also cost the same are ranked by reference in natural order (9 before 10).
va-note-funded = Good news: your bid “{ $title }” in { $round } will be funded.
va-note-not-funded = Your bid “{ $title }” in { $round } was not funded this time. Thank you for taking part.
va-note-results = The results of { $round } are out. Thank you for voting.
