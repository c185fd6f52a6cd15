## /broadcast (organisers)
organisers-only = Sorry, this is for organisers.
bc-audience = Who should get this message?
bc-audience-all = Everyone
bc-audience-reg = People registered for an event (or waiting)
bc-audience-vol = Volunteers at an event
bc-audience-bid = Groups who sent a bid in a round
bc-audience-vote = People who voted in a round
bc-audience-area = People in an area
bc-which-event = Which event?
bc-which-round = Which round?
bc-which-area = Which area?
bc-no-event = There are no upcoming or recent events to choose from.
bc-no-round = There is no round to choose from yet.
bc-no-area = No areas are known yet: they come from events and rounds.
bc-back = ‹ Back
bc-to-reg = People registered or waiting for { $name }
bc-to-vol = Volunteers at { $name }
bc-to-bid = Groups who bid in { $name }
bc-to-vote = People who voted in { $name }
bc-to-area = People in { $name }
bc-gone = That event or round no longer exists, so nothing was sent.
bc-audience-choice = { $audience } · { $people ->
    [one] 1 person
   *[other] { $people } people
}
bc-ask-english = Send the message in English. You can attach one photo with a caption.
bc-ask-welsh = Now send the Welsh version, or tap Skip: Welsh speakers will then get the English.
bc-skip-welsh = Skip
bc-need-text = Please send some text (or a photo with a caption).
bc-too-long = That's { $length } characters; Telegram allows { $limit }. Please shorten it and send it again.
bc-ask-when = When should it go?
bc-now = Send now
bc-later = Schedule for later
bc-when-now = now
bc-ask-time = Type the date and time in UK time, for example 28/11 18:30.
bc-bad-time = I couldn't read that as a date and time. Please type it like 28/11 18:30.
bc-past-time = That time has already passed. Please give a time in the future.
bc-preview = Above is what people will see.
    To: { $audience } — { $recipients ->
        [one] 1 person
       *[other] { $recipients } people
    }{ $blocked ->
        [0] {""}
       *[other] {" "}({ $blocked } blocked the bot and will be skipped)
    }
    When: { $when }
bc-send = Send ✅
bc-discard = Discard ✖
bc-discarded = Discarded. Nothing was sent.
bc-starting = Starting to send to { $recipients ->
    [one] 1 person
   *[other] { $recipients } people
}…
bc-scheduled = Scheduled for { $when }. Today that is { $recipients ->
    [one] 1 person
   *[other] { $recipients } people
}; the list is made again when it starts.
bc-stop = Stop sending ⏹
bc-stopped = Stopped. { $withdrawn ->
    [one] 1 message
   *[other] { $withdrawn } messages
} will not be sent.
bc-stop-too-late = This broadcast has already finished or been stopped.
bc-progress = Sending… { $done } / { $total }{ $unreachable ->
    [0] {""}
   *[other] {" "}· { $unreachable } could not be reached
}{ $eta ->
    [0] {""}
    [one] {" "}· about 1 second left
   *[other] {" "}· about { $eta } seconds left
}
bc-report = <b>Broadcast finished.</b>
    To: { $audience } — { $recipients ->
        [one] 1 person
       *[other] { $recipients } people
    }
    Delivered: { $delivered }
    Blocked the bot: { $unreachable }
    Failed: { $failed }

## /organisers and /audit
org-list = <b>Organisers</b>
    Set in the configuration: { $configured }
    Added here: { $added }
org-add = Add an organiser ➕
org-remove = Remove { $id } ✖
org-ask = Who should become an organiser? Tap the button to pick them from your contacts, or type their Telegram user number.
org-pick = Pick a person 👤
org-not-a-person = Please pick a person with the button, or type their Telegram user number (digits only).
org-added = { $id } is now an organiser.
org-already = { $id } was already an organiser.
org-removed = Removed. They are no longer an organiser.
audit-title = <b>Latest organiser actions</b>
audit-line = { $at } · { $who } · { $action }
audit-empty = No organiser actions recorded yet.
