## Events: kinds
ev-kind-cafe = World Café
ev-kind-vote = Vote on local projects
ev-kind-info = Information session
ev-kind-training = Training or coaching session
ev-kind-festival = Festival of learning
ev-kind-other = Other event

## Events: what residents see
ev-list-title = { $count ->
    [one] One event is coming up. Tap it to see the details and register.
   *[other] { $count } events are coming up. Tap one to see the details and register.
}
ev-list-empty = There are no events planned at the moment. We'll let you know when there are.
ev-places-open = Everyone is welcome: register so the organisers know you're coming.
ev-places-left = { $left ->
    [one] Only 1 place left.
   *[other] { $left } places left.
}
ev-places-full = This event is full. { $waiting ->
    [0] You can join the waiting list: if a place comes up, you'll be asked first.
    [one] 1 person is on the waiting list; you can join it too.
   *[other] { $waiting } people are on the waiting list; you can join it too.
}
ev-you-are-registered = You're registered. Your code for the door: <code>{ $code }</code> ✅
ev-you-are-waiting = You're number { $position } on the waiting list. ⏳
ev-you-are-offered = A place has come up for you. Please take it or let it go. 🎉
ev-is-cancelled = This event has been cancelled. ✖
ev-gone = Sorry, that event has been cancelled or is over.
ev-register = Register ✅
ev-join-waiting = Join the waiting list ⏳
ev-ticket = My code and calendar file 🎟
ev-cancel-place = Cancel my place ✖
ev-leave-waiting = Leave the waiting list ✖
ev-all-events = All events 📅
ev-back = « Back
ev-help = Volunteer at this event 🙋
ev-unhelp = Stop volunteering ✖

## Registering
ev-ask-first-name = What's your first name? The organisers use it at the door and delete it after the event. (/cancel to stop)
ev-bad-first-name = Please type just your first name (up to { $limit } letters).
ev-ask-access = Do you have any access needs the organisers should know about (for example step-free access, a hearing loop, a quiet space)? Type them, or tap the button.
ev-no-access-needs = No, thanks
ev-bad-access = Please describe them in a few words (up to { $limit } characters).
ev-registered =
    <b>You're registered.</b> ✅
    { $summary }

    Your code for the door: <code>{ $code }</code>
    Show this picture or say the code when you arrive.
ev-code-caption = Show this at the door
ev-ics-caption = Add the event to your phone's calendar: open this file.
ev-waiting = <b>{ $title }</b> is full, so you're on the waiting list (number { $position }). If a place comes up, we'll message you straight away. ⏳
ev-not-registered = You're not registered for that event any more.
ev-cancel-ask =
    Cancel your place?
    { $summary }
ev-cancel-yes = Yes, cancel it
ev-cancel-keep = No, keep it
ev-cancelled-place = Done: you're no longer down for <b>{ $title }</b>. Thanks for letting us know — someone else can have the place.
ev-kept-place = Good: your place is kept.
ev-accept = Take the place ✅
ev-decline = I can't make it ✖
ev-offer-gone = Sorry, that offer has run out or has already been answered.
ev-declined = Thanks for telling us. The place for <b>{ $title }</b> goes to the next person waiting.

## Volunteering
ev-help-ask = Thank you! How would you like to help at <b>{ $title }</b>?
ev-help-name = { $role }: lovely. What's your first name? The organisers need it to know who's helping.
ev-help-thanks = Thank you! You've offered to help at <b>{ $title }</b> as { $role }. An organiser will confirm with you.
ev-not-helping = You're not down as a volunteer for that event.
ev-unhelped = Done: you're no longer down to help at <b>{ $title }</b>.

## Messages sent later (reminders, waiting list, changes)
ev-reminder =
    <b>Reminder</b> ⏰
    { $summary }

    Your code for the door: <code>{ $code }</code>
ev-cant-come = Can't come? Cancel
ev-briefing =
    <b>Volunteer briefing</b>: thank you for helping as { $role }. 🙋
    { $summary }

    Please arrive by { $arrive }. Ask for the organisers at the door.
ev-cant-help = Can't make it? Let us know
ev-cancelled-notice =
    <b>Cancelled</b> ✖
    Sorry: this event will not take place.
    { $summary }
ev-changed-notice =
    <b>The event has changed.</b> ✏️ Here are the new details:
    { $summary }
ev-offer =
    <b>A place has come up for you!</b> 🎉
    { $summary }

    Please take it by { $until }, or it goes to the next person waiting.
ev-offer-lapsed = The place we offered you at this event went to the next person, as we didn't hear back in time. You can register again if you'd still like to come.
    { $summary }
ev-helper-confirmed =
    <b>You're confirmed as a volunteer</b>: { $role }. 🙋
    { $summary }

    Please arrive by { $arrive }. Thank you!
ev-helpers-message =
    <b>From the organisers, to the volunteers</b> 📣
    { $summary }

    { $body }

## My things
mine-title = <b>My things</b> 📂
mine-empty = You have nothing booked yet. Tap Events in the menu to find something.
mine-events = <b>Events</b>
mine-registered = registered (code <code>{ $code }</code>)
mine-waiting = number { $position } on the waiting list
mine-offered = a place is waiting for you to take it
mine-helping = volunteering as { $role }{ $confirmed ->
    [yes] {" "}(confirmed)
   *[other] {""}
}
ev-mine-cancel = Cancel ✖
ev-mine-leave = Leave list ✖
ev-mine-unhelp = Stop helping ✖

## Organisers: /newevent
ev-ask-kind = What kind of event is it?
ev-kind-chosen = Kind: { $kind }
ev-ask-title-en = The title in English? (Short: it goes on buttons and the poster.)
ev-ask-title-cy = And the title in Welsh?
ev-ask-description-en = A description in English: what happens, who it's for.
ev-ask-description-cy = The description in Welsh, or tap the button (Welsh speakers will then see the English).
ev-skip-welsh-description = Use the English
ev-ask-area = Which area is it for (for example Ringland)?
ev-ask-venue = The venue's name?
ev-ask-address = The venue's address?
ev-ask-starts = When does it start? UK time, for example 28/11 18:30.
ev-ask-ends = When does it end? A time such as 20:30, or a date and time.
ev-ask-capacity = How many places are there? Type a number, or tap the button.
ev-no-limit = No limit
ev-ask-questions = What should people be asked when they register? Tap to switch on or off, then Done. Ask only what you need.
ev-q-first-name = First name
ev-q-access = Access needs
ev-q-none = nothing
ev-q-on = { $question }: ask ☑
ev-q-off = { $question }: don't ask ☐
ev-done = Done ✅
ev-ask-round = Which PB round is this vote for? Type its number, or tap Skip.
ev-skip = Skip
ev-ask-reminders = When should the reminders go? For example: 48h, 3h. Or tap the button for the usual ones.
ev-default-reminders = The usual reminders
ev-ask-arrive = When should volunteers arrive? A time such as 17:45, or tap the button.
ev-default-arrive = An hour before the start
ev-bad-text = Please type a short answer (no more than a few lines).
ev-bad-starts = I couldn't read that as a date and time in the future. Please type it like 28/11 18:30.
ev-bad-ends = Please type a time after the start, like 20:30, or a date and time.
ev-bad-capacity = Please type a whole number of places, like 60.
ev-bad-round = Please type the round's number, like 3.
ev-bad-reminders = Please type times before the start like 24h, 2h or 30m (at most 5, up to 30 days).
ev-bad-arrive = Please type a time on the day that is no later than the start, like 17:45.
ev-same-as-english = (the English is shown)
ev-preview =
    <b>Please check the event.</b>
    { $kind } · { $area }
    English: <b>{ $title_en }</b>
    { $description_en }
    Welsh: <b>{ $title_cy }</b>
    { $description_cy }
    { $when } 🗓
    { $place } 📍
    Places: { $capacity } · Questions: { $questions } · Round: { $round }
    Reminders before the start: { $reminders }
ev-create = Create the event ✅
ev-discard = Discard ✖
ev-discarded = Discarded. Nothing was saved.
ev-created = Event created. Share its link or print the poster. ✅

## Organisers: /manage
ev-admin-none = There are no upcoming events. Create one with /newevent.
ev-admin-list = Which event?
ev-admin-list-cancelled = { $event } · cancelled ✖
ev-admin-facts =
    Event no. { $id } · { $kind } · { $area }
    Places: { $capacity } · Questions: { $questions } · Round: { $round }
    Reminders: { $reminders }
ev-admin-counts = Registered: { $confirmed } · Offered a place: { $offered } · Waiting: { $waiting } · Checked in: { $checked } · Volunteers: { $helpers }
ev-admin-link = Link: { $link }
ev-admin-edit = Edit ✏️
ev-admin-regs = Registrations 👥
ev-admin-export = Export CSV 📄
ev-admin-poster = Poster 🖨
ev-admin-checkin = Check-in 🚪
ev-admin-roles = Volunteer roles 🙋
ev-admin-helpers = Volunteers 🙋
ev-admin-message = Message volunteers 📣
ev-admin-cancel = Cancel the event ✖
ev-edit-which = What would you like to change?
ev-field-title-en = Title (English)
ev-field-title-cy = Title (Welsh)
ev-field-description-en = Description (English)
ev-field-description-cy = Description (Welsh)
ev-field-area = Area
ev-field-venue = Venue
ev-field-address = Address
ev-field-starts = Start (moves the event)
ev-field-ends = End
ev-field-capacity = Places
ev-field-reminders = Reminders
ev-field-arrive = Volunteers' arrival
ev-field-questions = Questions
ev-edited = { $told ->
    [0] Saved.
    [one] Saved. 1 person will be told about the change.
   *[other] Saved. { $told } people will be told about the change.
}
ev-admin-cancel-ask =
    Cancel this event? { $people ->
        [0] Nobody has registered yet.
        [one] 1 person is registered or waiting and will be told.
       *[other] { $people } people are registered or waiting and will be told.
    }
    { $summary }
ev-admin-cancel-yes = Yes, cancel the event
ev-admin-cancelled = <b>{ $title }</b> is cancelled. { $told ->
    [0] There was nobody to tell.
    [one] 1 person is being told.
   *[other] { $told } people are being told, each in their own language.
}
ev-admin-no-regs = Nobody has registered yet.
ev-admin-more = …and { $count } more: export the CSV to see everyone.
ev-status-confirmed = registered
ev-status-waiting = waiting
ev-status-offered = offered a place
ev-status-cancelled = cancelled
ev-status-checked = came ✅
ev-status-walk-in = walk-in
ev-needs = needs: { $needs }
ev-admin-export-caption = Registrations for { $title }.
ev-csv-columns = code,status,first_name,access_needs,walk_in,registered,checked_in
ev-poster-scan = Scan to register
ev-poster-caption = Ready to print (A4). The QR code opens the bot on this event: { $link }
ev-admin-roles-title = Volunteer roles for <b>{ $title }</b> (English / Welsh):
ev-admin-no-roles = None yet. Add roles such as welcome desk, table host or vote counter.
ev-admin-add-role = Add a role ➕
ev-ask-role-en = The role's name in English (for example Welcome desk)?
ev-ask-role-cy = And in Welsh (for example Desg groeso)?
ev-admin-helpers-title = Volunteers for <b>{ $title }</b>:
ev-admin-no-helpers = Nobody has offered yet.
ev-admin-helper-line = • { $name }, { $role }{ $confirmed ->
    [yes] {" "}✅ confirmed
   *[other] {" "}(waiting for you to confirm)
}
ev-admin-confirm-helper = Confirm { $name } ({ $role }) ✅
ev-admin-no-confirmed-helpers = There are no confirmed volunteers to message yet.
ev-ask-helper-message = Type the message for the { $people ->
    [one] confirmed volunteer
   *[other] { $people } confirmed volunteers
}. It is sent as you write it, under a line saying which event it is about.
ev-admin-helpers-messaged = { $people ->
    [one] Sending to 1 volunteer.
   *[other] Sending to { $people } volunteers.
}
ev-too-long = That's { $length } characters; please keep it under { $limit }.

## Organisers: check-in at the door
ev-checkin-which = Check-in for which event?
ev-checkin-start =
    <b>Check-in: { $title }</b> 🚪
    Type or scan each person's code. { $checked } of { $expected } checked in so far.
ev-checkin-walkin = Walk-in ➕
ev-checkin-finish = Finish ⏹
ev-checkin-bad-code = That doesn't look like a code (6 letters and numbers). Please try again.
ev-checked-in = { $code } checked in. { $checked } here so far. ✅
ev-checkin-already = { $code } was already checked in at { $at }.
ev-checkin-cancelled = { $code } cancelled their place. Register them as a walk-in if there's room.
ev-checkin-unknown = No registration for this event has the code { $code }.
ev-walkin-name = The walk-in's first name? (Or Skip.)
ev-walkin-done = Walk-in registered and checked in: code { $code }. { $checked } here so far. ✅
ev-checkin-finished = Check-in for <b>{ $title }</b> finished: { $checked } came.
