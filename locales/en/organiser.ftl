## Confirmations before irreversible steps (organisers)
cf-yes = Yes, go ahead ✅
cf-no = No ✖
cf-stale = This is out of date: something changed since you saw it. Nothing was done. Send the command again to see where things are now.
cf-nothing-changed = Nothing changed.
cf-ask-cb = <b>Close bids: { $round }</b>
    Bids sent: { $sent }
    Still waiting for review: { $waiting }
    Drafts that will not be sent: { $drafts }
    Groups will no longer be able to send or change bids. Go ahead?
cf-ask-ov = <b>Open voting: { $round }</b>
    Bids on the ballot: { $bids }
    Everyone who may vote can start voting, and they can be told. Go ahead?
cf-ask-cv = <b>Close voting: { $round }</b>
    Ballots so far: { $ballots }
    The chat stops taking votes. Paper sheets can still be typed in. You can open voting again until the results are published. Go ahead?
cf-ask-rv = <b>Open voting again: { $round }</b>
    Ballots so far: { $ballots }
    The chat takes votes again until you close voting. Go ahead?
cf-ask-pb = <b>Publish the results: { $round }</b>
    Bids funded: { $funded }
    Money given: { $granted } of { $pot }
    Ballots counted: { $ballots }
    People who will be told: { $told }
    Voting closes, and this cannot be undone. Go ahead?
cf-reopened = Voting is open again.
cf-reopen-button = Open voting again ↩
cf-ask-ao = <b>Make { $id } an organiser?</b>
    They will be able to use every organiser command: send messages to everyone, close voting, publish results and read the organiser log. They will be told.
cf-ask-ro = <b>Remove this organiser: { $id }?</b>
    They will no longer be able to use organiser commands.
org-picked = Got it.
org-list-after = The organisers added here now:
org-welcome = { $by } has made you an organiser. Your menu now has the organiser commands; send /help to see them. 👋

## /audit: the organiser log
audit-page-title = <b>Organiser log</b> · page { $page } of { $pages }
audit-for-round = Round: { $round }
audit-for-person = Person: { $who }
audit-newer = Newer ◀
audit-older = Older ▶
audit-by-round = By round
audit-by-person = By person
audit-everything = Everything
audit-csv = CSV file 📄
audit-csv-caption = The organiser log as a spreadsheet file ({ $n ->
    [one] 1 entry
   *[other] { $n } entries
}).
audit-pick-round = Which round?
audit-pick-person = Whose actions?
audit-organiser-number = Organiser { $n }
audit-someone = An organiser
audit-resident = A resident
audit-round-gone = round { $id } (deleted)
audit-a-command = a command
audit-col-when = When
audit-col-who = Who
audit-col-what = What happened
audit-col-round = Round
audit-ev-legacy = { $who } did something (an older entry, from before the log was in words)
audit-ev-command = { $who } used /{ $command }
audit-ev-button = { $who } used a button: { $area }
audit-ev-answer = { $who } answered a question: { $step }
audit-ev-refused-command = A resident tried /{ $command }: refused
audit-ev-refused-button = A resident tried an organiser button ({ $area }): refused
audit-ev-bids-closed = { $who } closed bids in { $round } ({ $bids ->
    [one] 1 bid
   *[other] { $bids } bids
} sent)
audit-ev-voting-opened = { $who } opened voting in { $round }
audit-ev-voting-closed = { $who } closed voting in { $round }
audit-ev-voting-reopened = { $who } opened voting again in { $round }
audit-ev-results-published = { $who } published the results of { $round } ({ $funded ->
    [one] 1 bid
   *[other] { $funded } bids
} funded, { $ballots ->
    [one] 1 ballot
   *[other] { $ballots } ballots
})
audit-ev-organiser-added = { $who } added an organiser
audit-ev-organiser-removed = { $who } removed an organiser
audit-ev-broadcast-retried = { $who } tried a broadcast again for { $people ->
    [one] 1 person
   *[other] { $people } people
}
audit-ev-payment-changed = { $who } corrected money { $kind ->
        [returned] given back by
       *[paid] paid to
    } { $project }: { $was } → { $to }
audit-ev-payment-removed = { $who } removed an entry of money { $kind ->
        [returned] given back by
       *[paid] paid to
    } { $project }: { $was }
audit-ev-project-handed = { $who } handed { $project } to someone in its group
audit-ev-project-taken = { $who } handed { $project } from its owner to someone else in its group
audit-ev-project-passed = The owner of { $project } handed it to someone in its group
audit-ev-project-owner-link = { $who } made a link for a new owner of { $project }
audit-ev-project-claimed = Someone took on { $project } with an organiser's link
audit-ev-project-replaced = Someone took on { $project } from its owner with an organiser's link
audit-area-bc = broadcasts
audit-area-org = organisers
audit-area-rv = reviewing bids
audit-area-rn = rounds
audit-area-rst = a new round's settings
audit-area-eva = events
audit-area-va = voting
audit-area-pp = paper ballots
audit-area-rsa = results
audit-area-vac = voting codes and reminders
audit-area-fl = the festival of learning
audit-area-wca = the World Café
audit-area-cf = a confirmation
audit-area-au = the organiser log
audit-area-pjm = correcting a payment
audit-area-pgh = handing a project on
audit-area-other = another button
audit-step-addorganiser = adding an organiser
audit-step-festivalsetup = setting up the festival
audit-step-makecodes = making voting codes
audit-step-reviewflow = reviewing a bid
audit-step-paperentry = typing in paper ballots
audit-step-cafeadmin = running the World Café
audit-step-draft = writing a broadcast
audit-step-newevent = a new event
audit-step-editevent = changing an event
audit-step-roledraft = a volunteer role
audit-step-helpermessage = a message to volunteers
audit-step-newround = a new round
audit-step-checkingin = checking people in
audit-step-other = a conversation
audit-step-fixflow = correcting a payment

## Broadcast reports: who could not be reached, and trying again
bc-unreached-title = <b>Could not be reached:</b>
bc-unreached-more = …and { $more } more.
bc-why-blocked = blocked the bot
bc-why-failed = Telegram would not take the message
bc-why-uncertain = not sure it arrived (the bot stopped while sending)
bc-unreached-retry-hint = For the ones marked “not sure”, you can try again: a few people may then get the message twice.
bc-retry = Try again for these ({ $people }) 🔁
bc-retry-stale = This has been tried again already, or there is nothing left to try. Nothing was sent.
bc-retrying = Trying again for { $people ->
    [one] 1 person
   *[other] { $people } people
}. You will get a new report when it is done.
