## Paper ballots (organisers)
paper-button = Paper ballots 📝
paper-turnout = { $chat } in the chat · { $paper } on paper
paper-start-sheets =
    <b>Paper ballots: { $round }</b>
    On paper so far: { $paper }

    Send one sheet per message. First line: the number written on the sheet. Then a line per bid ({ $marks }), for example:
    <pre>{ $example }</pre>
    Or send a CSV file with a row per sheet and these headings: <code>sheet,{ $refs }</code>
paper-marks-score = its reference and the score, 1 to 5; leave out a bid with no score
paper-marks-tokens = its reference and the tokens it got; leave out a bid with none
paper-marks-ticks = the reference of each ticked bid
paper-start-totals =
    <b>Hand-count totals: { $round }</b>
    On paper so far: { $paper }

    First line: a name for this count and how many sheets it covers. Then a line per bid with its total, for example:
    <pre>{ $example }</pre>
    Or send a CSV file with a row per count and these headings: <code>count,sheets,{ $refs }</code>
paper-sheets-button = Sheets one by one 📝
paper-totals-button = Hand-count totals 🧮
paper-done-button = Done ✅
paper-remove-button = Remove { $label } ↩
paper-saved = Sheet <b>{ $label }</b> is in (marks: { $marks }). On paper so far: { $paper }.
paper-count-saved = Count <b>{ $label }</b> is in (sheets: { $sheets }). On paper so far: { $paper }.
paper-already = Sheet { $label } is already in with the same marks: it is not counted twice.
paper-already-different = Sheet { $label } is already in with different marks. Nothing saved. To replace it, remove the old one first.
paper-not-saved =
    <b>Nothing saved.</b> Please correct this and send it again:
    { $problems }
paper-line = Line { $line }: { $problem }
paper-row = Row { $line }: { $problem }
paper-more = …and { $n } more.
paper-file-saved = From the file: { $saved } new sheets saved; { $same } were already in and are not counted twice. On paper so far: { $paper }.
paper-file-different = Already in with different marks, so left as they were: { $labels }
paper-removed = { $label } has been taken out. On paper so far: { $paper }.
paper-gone = That sheet has already been taken out.
paper-done = Paper ballots for { $round }: { $paper } on paper. Send /voting to see the round.
paper-closed = Paper ballots can be added or taken out from when voting opens until the results are published; this round is not at that stage.
paper-not-csv = Please send the sheets as a CSV file (.csv), or type them in.
## What is wrong with a line or row ({ $text } is what was typed)
paper-problem-empty = there is nothing to read.
paper-problem-bad-label = “{ $text }” is not a sheet number (letters, digits and - only, up to 30).
paper-problem-label-is-a-bid = “{ $text }” is a bid: the first line must be the number written on the sheet.
paper-problem-bad-count-head = “{ $text }” should be a name for the count and the number of sheets, e.g. “table-3 120”.
paper-problem-unknown-bid = “{ $text }” is not a bid in this vote.
paper-problem-twice = “{ $text }”: that bid is already on this sheet.
paper-problem-not-a-tick = “{ $text }”: write just the reference for a ticked bid (or add 1 or x).
paper-problem-no-number = “{ $text }” has no number after the reference.
paper-problem-not-a-number = “{ $text }”: the mark must be a whole number.
paper-problem-blank = sheet { $text } has no marks on it.
paper-problem-totals-need-sheets = this round is counted by equal shares, which needs every sheet: please type in sheets, not totals.
paper-problem-no-sheets = count { $text } must cover at least 1 sheet.
paper-problem-total-too-big = “{ $text }” is more than that many sheets could give.
paper-problem-bad-header = the first heading should be “sheet” (or “count” for totals), not “{ $text }”.
paper-problem-label-twice = sheet { $text } appears twice in the file.
paper-problem-extra-cells = sheet { $text } has more cells than there are headings.
paper-problem-bad-sheets = “{ $text }”: the number of sheets must be a whole number.
paper-problem-no-rows = the file has headings but no sheets.

## The round's ballot rules (models.tally.validate_ballot codes)
paper-rule-unknown-bid = “{ $text }” is not a bid in this vote.
paper-rule-own-bid = “{ $text }”: a paper ballot can't have its own bid.
paper-rule-duplicate-bid = “{ $text }”: the same bid is there twice.
paper-rule-score-not-integer = “{ $text }”: a score must be a whole number.
paper-rule-score-out-of-range = “{ $text }”: scores go from 1 to 5.
paper-rule-missing-score = sheet { $text } must score every bid.
paper-rule-too-many = sheet { $text } has more bids ticked than this vote allows.
paper-rule-tokens-not-integer = “{ $text }”: tokens must be whole numbers.
paper-rule-tokens-out-of-range = “{ $text }”: that is more tokens than one bid can get.
paper-rule-tokens-total = { $text }: the tokens add up to more than a voter has.
paper-rule-over-pot = { $text }: the ticked bids cost more than the pot.
