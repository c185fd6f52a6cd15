## /receipt: was my vote counted? (handlers/receipt.py)
cmd-receipt = Check my vote's receipt
receipt-how = Send your receipt after the command, like this: /receipt 7KQ-29X
receipt-bad = That doesn't look like a receipt. A receipt has six letters or numbers, like 7KQ-29X.
receipt-unknown = There is no vote with receipt <b>{ $receipt }</b>. Please check the letters and numbers.
receipt-voting =
    A vote with receipt <b>{ $receipt }</b> is in the ballot box. It will be counted when voting closes. ✅
    Round: { $round }
receipt-counting =
    A vote with receipt <b>{ $receipt }</b> is being counted now. The results will be out soon. ✅
    Round: { $round }
receipt-results =
    A vote with receipt <b>{ $receipt }</b> was counted in the results. ✅
    Round: { $round }
receipt-secret = A receipt only shows that a vote is counted. Nobody can see what the vote said.

## A vote cast before /forget (models/ballot/box.py: cast_ballot's problem "forgotten-vote")
vote-problem-forgotten-vote = You voted in this round before you asked us to forget you. Your vote still counts, but nothing leads to it any more, so it can't be changed and you can't vote again.

## A vote cast before the box was sealed, voting then opened again (problem "sealed-vote")
vote-problem-sealed-vote = You voted in this round before voting closed. When it closed, your vote was sealed. It still counts, but nothing leads to it any more, so it can't be changed now.
