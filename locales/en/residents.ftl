## Residents: every screen has a way on

# One line of the event list: where each event is, as well as when.
res-list-event =
    • <b>{ $title }</b>, { $when }
    Where: { $venue }, { $area }

# A bid's area typed instead of tapped, when it is not one of the round's areas.
res-bid-area-unknown = Sorry, I don't know the area "{ $typed }". Please tap a button, or type one of these: { $choices }.

# A group's own voice note and photo, from the bid summary.
res-bid-play-voice = Play my voice note 🎤
res-bid-see-photo = See the photo 📷

# /broadcast: skipping the Welsh when the English is too long to carry the "only in English" line.
res-bc-no-room-for-note = Welsh speakers would get a short line saying this is only in English. With it, the message is { $length } characters, and Telegram allows { $limit }. Please send the Welsh version, or /cancel and start again with a shorter message.
