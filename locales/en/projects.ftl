## After the vote: funded projects, their groups' updates, and followers (handlers/projects.py)
cmd-projects = What the vote funded
pj-none = No projects yet. They appear here once a vote's results are out.
pj-choose-round = Which round's projects?
pj-round-title = <b>Projects funded: { $round }</b> 🏗️
pj-late = late for an update ⏰
pj-money = Spent { $spent } of { $award }
pj-latest = Latest: { $words }
pj-no-update = No update yet.
pj-has-photo = (with a photo 📷)
pj-has-voice = (with a voice note 🎤)
pj-no-words = (no words)
pj-follow-button = Tell me how the projects get on 🔔
pj-unfollow-button = Stop telling me about the projects 🔕
pj-following = Done. Once a week at most, I will tell you what the groups say.
pj-not-following = Done. I won't send you news of the projects any more.
pj-stale = That button is out of date. Send /projects to see the latest.
pj-status-started = Started
pj-status-on-track = On track
pj-status-delayed = Delayed
pj-status-done = Done
pj-status-stopped = Stopped
pj-spent = spent { $spent }
pj-organiser-note = note from the organisers
pj-update-button = Send an update ✏️
pj-hide-button = Hide update number { $number } 🙈
pj-note-button = Add an organisers' note 📝
pj-back-button = All the projects ⬅️
pj-group-button = Your group 👥
pj-media-caption = Update number { $number }
pj-ask-words =
    Update: <b>{ $name }</b>
    People who follow the projects will read it, so it is public. Please don't write anyone's name unless they agree.
    Send a few words, a photo or a voice note.
pj-ask-permission = People may be in this photo. Do you have permission from everyone in it to share it?
pj-permission-yes = Yes, I have permission from people in the photo ✅
pj-permission-no = No, leave the photo out
pj-photo-dropped = I have left the photo out. Send a few words, another photo or a voice note.
pj-need-words = Please send a few words, a photo or a voice note.
pj-too-long = That is too long. Please make it shorter and send it again.
pj-ask-spent = How much have you spent so far? The grant is { $award }. For example: £250
pj-skip-button = Skip this ⏭️
pj-bad-amount = I could not read that as an amount of money. Please send it like £250 or 1,200.
pj-ask-status = How is the project going? Tap one to send your update.
pj-saved = Thank you! Your update is saved ✅ People who follow the projects will see it in their weekly news.
pj-gone = This update can't go on: the project has finished or changed. Send /projects to see it.
pj-hidden = Hidden. The update is kept, but left out of the page and the news.
pj-ask-note = Type your note. Everyone who looks at this project will see it.
pj-note-saved = Your note is added ✅
pj-digest-title = <b>How the projects are getting on</b> 🏗️
pj-digest-item = <b>{ $name }</b> (round: { $round }) — { $status }
pj-digest-more = { $count ->
    [one] And 1 more update.
   *[other] And { $count } more updates.
}
pj-digest-end = Send /projects to see them all. You can stop this news there too.
pj-ask =
    Hello! Your project got a grant from the vote.
    <b>{ $name }</b> · { $award } · { $round }
    The people who voted would like to know how it is going. Please send a short update: a few words, a photo or a voice note.
pj-ask-final =
    Hello again! Is your project finished?
    <b>{ $name }</b> · { $round }
    Please send a last update: what you did, and how much you spent.
pj-nudge =
    A gentle reminder: residents would love to hear how your project is going.
    <b>{ $name }</b>
    A few words are enough.
pj-payments = Paid to the group: { $paid } · returned: { $returned }
pj-pay-button = Record money paid 💷
pj-return-button = Record money returned ↩️
pj-ask-paid = How much was paid to the group? Project: <b>{ $name }</b>. For example: £500
pj-ask-returned = How much did the group give back? Project: <b>{ $name }</b>. For example: £50
pj-paid-saved = Recorded: { $amount } paid to the group ✅
pj-returned-saved = Recorded: { $amount } given back by the group ✅
pj-pay-bad-amount = The amount must be more than £0. Please send it again.
pj-pay-more-than-paid = That is more than the group was paid. Please check the amount and send it again.
pj-newest = { $count ->
    [one] The newest update.
   *[other] The newest { $shown } of { $count } updates.
}
## The follow offer under a voter's receipt (handlers/project_follow.py)
pjf-offer = Would you like me to tell you how the projects get on? 🔔 Once the results are out, I will send you news from the groups that got money, once a week at most.
pjf-yes-button = Yes, tell me 🔔
pjf-no-button = No thanks
pjf-yes = Done 🔔 Once the results are out, I will tell you how the projects get on, once a week at most. You can stop any time: send /projects.
pjf-no = All right. I won't send you news of the projects. If you change your mind, send /projects once the results are out.
pjf-stale = That button is out of date, so nothing has changed.
pjf-waiting = You asked me to tell you how the projects of <b>{ $round }</b> get on. The results are not out yet: your news starts when they are.
## Correcting a recorded payment (handlers/project_money.py, organisers)
pjm-fix-button = Correct a payment ✏️
pjm-none = No money is recorded for <b>{ $name }</b> yet, so there is nothing to correct.
pjm-choose = Which entry for <b>{ $name }</b> is wrong? The newest are first.
pjm-entry-paid = { $amount } paid to the group · { $when }
pjm-entry-returned = { $amount } given back · { $when }
pjm-picked = { $entry }
    What would you like to do with this entry?
pjm-change-button = Change amount ✏️
pjm-remove-button = Remove 🗑️
pjm-ask-amount = It says { $amount } now. What is the right amount? For example: £900
pjm-gone = This entry has changed or gone since you chose it, so nothing has changed. Send /projects to see it now.
pjm-confirm-change = Change this entry to { $amount }?
    Now: { $entry }
    After the change:
pjm-confirm-remove = Remove this entry?
    { $entry }
    After removing it:
pjm-changed = Corrected ✅ The entry now says the new amount: { $amount }.
pjm-removed = Removed ✅
pjm-returned-over-paid = I can't make that change: the group would have given back { $returned } but been paid only { $paid }. Money given back can't be more than money paid. Please check the amounts.
