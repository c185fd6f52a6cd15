## Who may vote: round settings, voting codes, reminders (organisers)
vx-yes = yes
vx-no = no
vx-who-anyone = anyone
vx-who-checked_in = people checked in at the vote event
vx-who-area = people living in the round's areas (online)
vx-who-both = people checked in at the vote event or living in the round's areas
vx-set-who = Who may vote: { $who } 👥
vx-set-score-all = Every bid must be scored: { $value }
vx-set-changes = Votes can be changed: { $value }
vx-set-age = Ask voters their age group: { $value }
vx-summary =
    Who may vote: { $who } (and anyone with a voting card)
    Votes can be changed: { $changes }
    Age group asked: { $age }
vx-summary-score-all = Every bid must be scored: { $value }
vx-codes-button = Voting cards 🎟
vx-remind-button = Remind people who haven't voted 🔔
vx-codes-no-round = There is no round to make voting cards for. Create one with /newround.
vx-codes-title = <b>Voting cards</b> (each card gives one vote, to whoever uses it first)
vx-codes-line = { $round }: { $made } made, { $used } used
vx-codes-for = Cards for { $round } 🎟
vx-codes-how-many = How many voting cards for { $round }? Type a number from 1 to { $most }.
vx-codes-bad-number = Please type a whole number from 1 to { $most }.
vx-codes-made = { $count } voting cards for { $round }. Print them and cut along the grey lines. The codes are only in this file: keep it safe, and make new cards if it is lost.
vx-card-how = Scan the QR code to vote, or send /code and the code to the bot. One vote per card.
vx-remind-no-round = No vote is open, so there is nobody to remind.
vx-remind-panel =
    <b>{ $round }</b>
    Who may vote: { $who }
    People who may vote and haven't yet: { $count }
    Reminders sent so far: { $sent }
vx-remind-send = Send reminder { $number } 🔔
vx-remind-already = Reminder { $number } has already been sent. Send /remindvoters to see the next one.
vx-remind-queued = { $count ->
    [one] Reminder { $number } is on its way to one person who may vote and hasn't yet.
   *[other] Reminder { $number } is on its way to { $count } people who may vote and haven't yet.
}
vx-reminder = There's still time to vote in { $round }! It only takes a few minutes.
