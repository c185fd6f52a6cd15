## Festival of learning: residents
fol-name-everyone = Festival of learning
fol-name-event = Festival of learning: { $title }
fol-ask-learned =
    <b>{ $festival }</b> 🌱
    Thank you for taking part. <b>What did you learn?</b>
    Write a few words here, or tap Skip. What you write is shared with the organisers without your name.
fol-ask-next =
    <b>What will you do next?</b> One thing is plenty.
    Write it here, or tap Skip. On { $date } I'll ask you how it went.
fol-skip = Skip
fol-thanks-pledge =
    Thank you! Your pledge: <i>{ $pledge }</i>
    On { $date } I'll ask you how it went.
fol-thanks = Thank you for taking part.
fol-follow-up =
    On { $date } you said you would: <i>{ $pledge }</i> 🌱
    How did it go?
fol-outcome-done = Done ✅
fol-outcome-partly = Partly 🌓
fol-outcome-notyet = Not yet ⏳
fol-note-ask = Thank you! Anything you'd like to add? Write a few words, or tap Skip.
fol-note-thanks = Thank you. That helps the organisers see what changed.
fol-gone = This question is closed now. Thank you all the same.

## Festival of learning: organisers
fol-admin-who =
    <b>Festival of learning</b> 🌱
    Who should I ask “What did you learn?” and “What will you do next?”
fol-admin-everyone = Everyone who took part ({ $count })
fol-admin-event = { $title } ({ $count } checked in)
fol-admin-nobody = There is nobody to ask yet: nobody has checked in at an event, volunteered or sent a bid.
fol-admin-period = After how long should I ask each person how their pledge went? For example: 6 weeks, 42 days.
fol-admin-bad-period = I couldn't read that as a length of time. Write a number and a unit, like 6 weeks, 10 days or 12h (at most a year).
fol-admin-preview =
    Ask { $count ->
        [one] one person
       *[other] { $count } people
    } ({ $audience }), each in their own language, and ask how each pledge went { $period } after it was made?
fol-admin-send = Send ✅
fol-admin-discard = Discard ✖
fol-admin-discarded = Discarded. Nothing was sent.
fol-admin-started = Queued: { $count ->
        [one] one person
       *[other] { $count } people
    } will be asked. See the answers and pledges with /pledges.
fol-admin-stale = That festival is no longer being set up. Send /festival to start again.
fol-admin-list-title = <b>Festivals of learning</b>
fol-admin-list-line = #{ $number } { $name } ({ $date }): { $asked } asked · { $learned } said what they learned · pledges: { $pledged } · how it went: { $done } done, { $partly } partly, { $notyet } not yet
fol-admin-none = No festival of learning yet. Start one with /festival.
fol-admin-csv = CSV #{ $number } ⬇
fol-admin-md = Markdown #{ $number } ⬇
fol-admin-export-caption = { $name }: answers from people: { $count } (no names, no Telegram ids).
fol-admin-gone = That festival is not there any more.
