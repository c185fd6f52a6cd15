## Published results
results-title = <b>Results: { $round }</b>
results-area =
    <b>{ $area }</b>
    { $funded }
    Money left: { $left }
results-turnout = Ballots: { $total } ({ $chat } in the chat · { $paper } on paper)
results-rule-greedy-skip = Bids were funded from the most supported down, while the money lasted. A bid too big for what was left was passed over. Bids with equal support were ranked cheaper first, then by reference (9 before 10).
results-rule-greedy-stop = Bids were funded from the most supported down. Funding stopped at the first bid too big for the money left. Bids with equal support were ranked cheaper first, then by reference (9 before 10).
results-rule-greedy-partial = Bids were funded from the most supported down. The first bid too big for the money left was offered what remained. Bids with equal support were ranked cheaper first, then by reference (9 before 10).
results-rule-mes = The pot was shared out equally among the voters. Each bid was funded once its supporters could pay for it from their shares. This is the Method of Equal Shares. Bids with equal support were ranked cheaper first, then by reference (9 before 10).
results-rule-mes-add1 = The pot was shared out equally among the voters. Then the shares were raised step by step, as long as the result still fitted the pot. Each bid was funded once its supporters could pay for it from their shares. This is the Method of Equal Shares. Bids with equal support were ranked cheaper first, then by reference (9 before 10).
results-rule-mes-add1-greedy = The pot was shared out equally among the voters. Each bid was funded once its supporters could pay for it from their shares. This is the Method of Equal Shares. Then the money left went down the list, most supported first. Bids with equal support were ranked cheaper first, then by reference (9 before 10).
results-why-hint = Tap a bid to see why it was or was not funded.
results-chart-title = Support per bid: { $area }
results-chart-funded = funded
results-chart-not-funded = not funded
results-chart-caption = Support per bid in { $area }. Green bars: funded.
results-pb-button = Pabulib file (.pb) ⬇
results-pb-caption = { $area }: every ballot, anonymous, to recount with any Pabulib tool.
results-none = No results have been published yet.
results-see = See the results 📊
results-why-button = Why? { $reference } ❓
results-gone = These results are not available. Send /results to see the latest.
results-mine-title = <b>Results</b>
results-mine-hint = Results are out for { $round }. Tap your bid to see why it was or was not funded.

## Why was this bid (not) funded? (from models.tally's reasons)
why-support-score = { $count ->
    [one] { $n } point
   *[other] { $n } points
}
why-support-tokens = { $count ->
    [one] { $n } token
   *[other] { $n } tokens
}
why-support-votes = { $count ->
    [one] { $n } vote
   *[other] { $n } votes
}
why-funded = Funded: it was number { $position } in the order of funding, with { $support } for a cost of { $cost }.
why-funded-equal-shares = Funded by equal shares (number { $position }): { $support } for a cost of { $cost }, and no supporter paid more than { $most }.
why-funded-completion = Funded (number { $position }) from the money equal shares left: { $support } for a cost of { $cost }.
why-partly-funded = Partly funded (number { $position }): it was offered the { $granted } left in the pot, and it asked for { $cost }.
why-no-support = Not funded: nobody supported it.
why-count-stopped = Not funded: the count stopped at a bid ranked above it that did not fit in the money left.
why-supporters-short = Not funded: its supporters had { $left } left between them (each voter started with { $share }). It costs { $cost }.
why-did-not-fit = Not funded: only { $pot } was left in the pot after the bids ranked above it, and it costs { $cost }.
why-did-not-fit-after-shares = Not funded: its supporters had { $left } left between them (each voter started with { $share }). It costs { $cost }. After that, only { $pot } was left in the pot.

## How close an unfunded bid came (bot/why_not_text.py)
why-needed-voters = { $kind ->
    [score] { $voters ->
        [one] One more voter giving it { $top } points would have got it funded.
       *[other] { $voters } more voters giving it { $top } points would have got it funded.
    }
    [tokens] { $voters ->
        [one] One more voter giving it all { $top } tokens would have got it funded.
       *[other] { $voters } more voters giving it all { $top } tokens would have got it funded.
    }
   *[tick] { $voters ->
        [one] One more vote for it would have got it funded.
       *[other] { $voters } more votes for it would have got it funded.
    }
}
why-needed-cheaper = Or it would have been funded if it had cost at most { $most } ({ $less } below what it asked).
why-never-fits = It costs more than the whole pot ({ $pot }), so no amount of support could fund it.
