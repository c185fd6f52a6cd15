## A funded project's group (handlers/project_team.py) and a round's update schedule (handlers/project_schedule.py)
pg-stale = That button is out of date. Open My things to see your projects.
pg-link-stale = This link is out of date: it has been used already, or it is more than a week old. Please ask the person who sent it for a new one.
pg-already = You are in the group for <b>{ $name }</b> already. You can find it under My things.
pg-ask-join =
    Join the group for <b>{ $name }</b>?
    You will be able to send updates on the project, and I will ask you for them from time to time. Updates are public to people who follow the projects.
pg-join-button = Yes, join the group ✅
pg-no-button = No, not now
pg-joined = You are in the group for <b>{ $name }</b> now ✅ I will ask you for updates. You can find the project under My things.
pg-not-now = All right. Nothing has changed.
pg-full = The group for <b>{ $name }</b> is full. Please ask the person who sent the link.
pg-title = <b>The group for { $name }</b> 👥
pg-owner = • The person who sent the bid
pg-owner-you = • You (you sent the bid)
pg-owner-handed = • The person who looks after the project
pg-owner-handed-you = • You (you look after the project)
pg-member = • { $name }
pg-member-you = • { $name } (you)
pg-no-members = No one else yet.
pg-no-name = (no name)
pg-explain-owner = Everyone in the group can send updates, and gets the asks for them. To add someone, make a link and send it to them: it works once, for a week.
pg-explain-member = Everyone in the group can send updates, and gets the asks for them.
pg-invite-button = Make a link to invite someone 🔗
pg-remove-button = Take out of the group: { $name } ❌
pg-leave-button = Leave the group 🚪
pg-too-many-links = You have made several links that nobody has used yet. Each one works for a week. Please wait until one is used, then make another.
pg-link =
    Send this link to the person you want in the group for <b>{ $name }</b>. It works once, for a week:
    { $link }
    Anyone who opens it can join, so send it only to them.
pg-ask-remove = Take { $person } out of the group for <b>{ $name }</b>? I will stop asking them for updates.
pg-remove-yes = Yes, take them out
pg-removed = Done. { $person } is not in the group any more.
pg-ask-leave = Leave the group for <b>{ $name }</b>? I will stop asking you for updates on it.
pg-leave-yes = Yes, leave the group
pg-left = Done. You have left the group for <b>{ $name }</b>.
pg-mine-title = <b>Your projects</b> 🏗️
pg-mine-update = Send an update: { $name } ✏️
pg-mine-group = The group: { $name } 👥

pj-schedule = Asks for updates (days after the results): { $days }
sc-line = Asks for updates (days after the results): { $days }
sc-button = Change when groups are asked: round { $id } 🗓️
sc-stale = That button is out of date. Send /rounds to see the latest.
sc-ask =
    <b>{ $round }</b>
    Each funded group is asked for an update on these days after the results: { $days }. The last ask is "is your project finished?".
    Send the days you want, like 30, 90, 365: no more than { $most } of them, each bigger than the one before. 30 days is about a month. Asks already sent stay as they were.
sc-standard-button = Use the usual days ({ $days })
sc-bad = I could not use that. Please send days like 30, 90, 180: no more than { $most } of them, each bigger than the one before, each from 1 to { $longest }.
sc-gone = That can't be saved: the round is gone. Send /rounds to see the rounds.
sc-saved = Saved ✅ <b>{ $round }</b>: groups are asked for updates on these days after the results: { $days }.
sc-saved-projects = Asks not sent yet move to the new days. Asks already sent stay as they were.
pg-told-joined = Someone has joined the group for <b>{ $name }</b> with your link 👥 You can see who under My things.
pg-told-removed = You are not in the group for <b>{ $name }</b> any more, so I will stop asking you for its updates.
pg-told-left = Someone has left the group for <b>{ $name }</b> 👥 You can see who is in it now under My things.
## Handing a project on (handlers/project_handover.py, organisers)
pgh-no-owner = This group has no owner now: the person who sent the bid asked me to forget them, so nobody can invite new people. You can hand the project to someone in its group.
pgh-button = Hand this project to: { $person } 🤝
pgh-ask = Hand the project <b>{ $name }</b> to this person: { $person }? They will look after its group, and I will tell them.
pgh-yes = Yes, hand it on ✅
pgh-done = Done. This person looks after the project <b>{ $name }</b> now: { $person }.
pgh-told-owner = Hello! An organiser has asked you to look after the project <b>{ $name }</b> now, as the person who sent the bid has gone 👥 You can invite people to its group, or take people out, under My things.
pgh-ask-taken = Hand the project <b>{ $name }</b> to this person: { $person }? Its owner is still in the group: do this only if they no longer answer. This person will look after the group. The owner stays in it and can still send updates. I will tell them both.
pgh-done-taken = Done. This person looks after the project <b>{ $name }</b> now: { $person }. The owner before them is still in the group. I have told them both.
pgh-told-owner-taken = Hello! An organiser has asked you to look after the project <b>{ $name }</b> now 👥 The person who looked after it is still in its group. You can invite people to the group, or take people out, under My things.
pgh-told-old-owner = Hello! An organiser has asked someone else in the group to look after the project <b>{ $name }</b> from now on 👥 You are still in its group and can send updates. If you would rather leave the group, you can do that under My things.
pgh-stale = That question is out of date: the project or its group has changed since. Nothing has been changed. Send /projects to see it as it is now.
## The owner hands their project on (handlers/project_pass.py)
pg-owner-button = Make this person the owner: { $name } 👑
pg-ask-owner = Hand the project <b>{ $name }</b> to this person: { $person }? They will look after its group: invite people, or take people out. You stay in the group and can still send updates. I will tell them.
pg-owner-done = Done. This person looks after the project <b>{ $name }</b> now: { $person }. You are still in its group, and I have told them.
pg-told-owner-passed = Hello! The person who looked after the project <b>{ $name }</b> has asked you to look after it now 👥 You can invite people to its group, or take people out, under My things.
pg-bidder-name = The person who sent the bid
## A link for a project's empty owner's place (organisers: handlers/project_handover.py; whoever opens it: handlers/project_claim.py)
pgo-no-owner = Nobody looks after this project now. There is nobody else in its group, so nobody can send updates. You can make a link for someone new to look after it.
pgo-button = Make a link for a new owner 🔗
pgo-link =
    Send this link to the person who will look after <b>{ $name }</b>. It works once, for a week:
    { $link }
    The first person who opens it and says yes will look after the project, so send it only to them. I will tell you when they do.
pgo-too-many-links = There are several links for this project that nobody has used yet. Each one works for a week. Please send one of those, or wait until they run out.
pgo-ask =
    Look after <b>{ $name }</b> for its group?
    You will be able to send updates on the project and invite people to its group. I will ask you for updates from time to time. Updates are public to people who follow the projects.
pgo-ask-owner-stays =
    Look after <b>{ $name }</b> for its group?
    You will be able to send updates on the project and invite people to its group. I will ask you for updates from time to time. Updates are public to people who follow the projects.
    The person who looks after it now will stay in its group and can still send updates. I will tell them.
pgo-ask-member =
    You are in the group for <b>{ $name }</b> already. Would you like to look after the project too?
    Then you can invite people to its group, as well as send updates.
pgo-yes = Yes, I will look after it ✅
pgo-done = Thank you! You look after the project <b>{ $name }</b> now ✅ You can send updates, and invite people to its group with a link. I will ask you for updates from time to time. You can find it under My things.
pgo-stale = This link is out of date: someone looks after the project already, or the link has been used, or it is more than a week old. Nothing has been changed. Please ask an organiser for a new link if you need one.
pgo-told-maker = Someone has used your link and looks after the project <b>{ $name }</b> now 👥
pgo-ask-held = Make a link for a new owner of the project <b>{ $name }</b>? Its owner is still in the group: do this only if they no longer answer. The person who opens the link and says yes will look after the group. The owner stays in it and can still send updates. If the owner sends an update first, the link stops working. I will tell the owner now, and again if someone takes the place.
pgo-yes-make = Yes, make a link ✅
pgo-told-owner = Hello! An organiser thinks you may not be looking after the project <b>{ $name }</b> now. So they have made a link for someone new to look after it. If you still look after it, please send an update: then you keep your place, and the link stops working ✏️ You stay in the project's group either way.
pgo-told-old-owner = Hello! An organiser has given the project <b>{ $name }</b> a new owner 👥 You are still in its group and can still send updates. If you would rather leave the group, you can do that under My things.
