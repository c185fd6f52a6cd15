## Submit a bid (groups)
bid-no-round = No round is taking bids at the moment. We'll let everyone know when the next one opens.
bid-pick-round = Which round is your bid for?
bid-intro =
    <b>{ $round }</b>
    Local groups can ask for a grant of up to { $max }. Bids close { $deadline }.

    You'll answer { $questions } short questions, one at a time. Each answer is saved as soon as you send it, so you can stop (/cancel) and carry on later from the menu.
    The organisers will read your answers, including how to contact your group.
    Please don't name people or report crimes in your answers: to report a crime call 101 (999 in an emergency), or Crimestoppers anonymously on 0800 555 111.
bid-intro-priorities = What the money is for (from the World Café):
bid-start = Start a new bid ▶
bid-continue = Carry on: { $title } ✏️
bid-untitled = (no title yet)
bid-progress = Question { $n } of { $total }

bid-q-group = What is your group called?
bid-hint-group = For example: Speke Youth Boxing Club. Up to { $limit } characters.
bid-q-title = What is your project called?
bid-hint-title = A short title that people will see when they vote. Up to { $limit } characters.
bid-q-description = What will your project do?
bid-hint-description = Type it (up to { $limit } characters), or send a voice note. Describe the project, not people: this is not the place to report a crime (see /help).
bid-q-benefits = Who will benefit, and about how many people?
bid-hint-benefits = For example: about 40 young people aged 11 to 16, twice a week. Up to { $limit } characters.
bid-q-amount = How much money are you asking for?
bid-hint-amount = Up to { $max }. Write it the way you normally would, for example £1,500 or 1.5k.
bid-q-area = Which area is your project in?
bid-hint-area = Tap one of the buttons.
bid-q-contact = How can the organisers get in touch with your group?
bid-hint-contact = A phone number or email address for the group or its leader. Only the organisers see it. Up to { $limit } characters.

bid-label-group = Group
bid-label-title = Project
bid-label-description = What it will do
bid-label-benefits = Who benefits
bid-label-amount = Amount
bid-label-area = Area
bid-label-contact = Contact
bid-edit-field = Edit: { $field } ✏️

bid-use-buttons = Please choose with one of the buttons.
bid-need-text = Please type your answer as a message.
bid-need-text-or-voice = Please type your answer, or send it as a voice note.
bid-not-amount = I couldn't read “{ $text }” as an amount of money. Please write it like £1,500 or 1500.
bid-amount-zero = The amount needs to be more than £0.
bid-over-cap = That's { $amount }, but a bid can ask for { $max } at most. Please give a smaller amount.
bid-too-long = That's { $length } characters, and the limit here is { $limit }. Please shorten it and send it again.

bid-voice-note = voice note 🎤
bid-photo-attached = A photo is attached. 📷
bid-summary-draft = <b>Check your bid</b> before you send it. Tap a button to change an answer.
bid-summary-sent = <b>Your bid { $reference }</b> · { $status }
bid-organisers-said = The organisers said: <i>{ $note }</i>
bid-deadline-line = Bids can be changed or withdrawn until { $deadline }.
bid-photo-add = Add a photo 📷
bid-photo-change = Change the photo 📷
bid-submit = Send my bid ✅
bid-delete = Delete this draft 🗑
bid-withdraw = Withdraw my bid ↩
bid-done = Done ✔
bid-keep = No, keep it

bid-ask-photo = Send one photo of your group or your project.
bid-photo-remove = Remove the photo ✖
bid-back = Back to my bid ◀
bid-need-photo = Please send a photo, or tap Back.

bid-submitted =
    <b>Sent!</b> Your reference is <b>{ $reference }</b>.
    You can change or withdraw your bid until { $deadline } from 📂 My things. We'll tell you as soon as the organisers have looked at it.
bid-already-sent = This bid has already been sent: { $reference }.
bid-withdraw-confirm = Withdraw { $reference }? It won't go to the vote, and this can't be undone.
bid-withdraw-yes = Yes, withdraw it
bid-withdrawn = Withdrawn. { $reference } won't go to the vote.
bid-delete-confirm = Delete this draft and all its answers? This can't be undone.
bid-delete-yes = Yes, delete it
bid-deleted = Draft deleted.
bid-saved-sent = Saved. The organisers will see the change and may look at your bid again.
bid-refused-deadline = The deadline for bids has passed, so bids can't be sent or changed any more.
bid-refused-locked = This bid can't be changed any more.

bid-status-draft = draft, not sent yet
bid-status-submitted = sent, waiting for the organisers
bid-status-needs_changes = needs changes
bid-status-eligible = eligible: it will go to the vote
bid-status-not_eligible = not eligible
bid-status-withdrawn = withdrawn
bid-status-funded = funded 🎉
bid-status-not_funded = not funded this time

## My things
bid-mine-title = <b>Your bids</b>
bid-mine-draft = Draft · { $title } — questions answered: { $answered } of { $total }

## Messages the bot sends by itself
bid-nudge = <b>A reminder:</b> your bid for { $round } hasn't been sent yet. Bids close { $deadline }, in two days. Your answers are saved: tap below to finish it.
bid-nudge-button = Carry on with my bid ✏️
bid-open-button = Open my bid 📝
bid-told-eligible = Good news: your bid <b>{ $reference }</b> “{ $title }” can go to the vote.
bid-told-needs_changes =
    Your bid <b>{ $reference }</b> “{ $title }” needs some changes before it can go to the vote. The organisers say:
    <i>{ $note }</i>
    Please change it by { $deadline }: tap below.
bid-told-not_eligible =
    Sorry, your bid <b>{ $reference }</b> “{ $title }” can't go to the vote. The organisers' reason:
    <i>{ $note }</i>

## Reviewing bids (organisers)
rv-digest = <b>{ $count ->
    [one] 1 bid has
   *[other] { $count } bids have
} come in or changed.</b> Review them with /bids.
rv-digest-new = new
rv-digest-changed = changed
rv-digest-withdrawn = withdrawn
rv-no-rounds = No round has been opened for bids yet. Create one with /newround and open it with /rounds.
rv-pick-round = Which round?
rv-overview =
    <b>{ $round }</b> · bids
    To review: { $review } · Needs changes: { $changes } · Eligible: { $eligible } · Not eligible: { $rejected } · Withdrawn: { $withdrawn }
    Drafts being written: { $drafts }
    Asked for: { $asked } of { $pot } (eligible bids: { $eligible_money })
rv-overview-area = { $code }: { $bids ->
    [one] 1 bid
   *[other] { $bids } bids
}, { $asked } asked of { $pot }
rv-review-next = Review the next one ({ $count } waiting) ▶
rv-all = All bids 📋
rv-csv = Download as CSV ⬇
rv-card-position = Bid { $n } of { $total }
rv-note = Organisers' note: <i>{ $note }</i>
rv-eligible = Eligible ✅
rv-changes = Needs changes ✏️
rv-not-eligible = Not eligible ⛔
rv-listen = Listen 🔊
rv-photo = Photo 📷
rv-prev = Previous ◀
rv-next = Next ▶
rv-ask-changes = What should { $reference } change? Type your message to the group (up to { $limit } characters). The bot sends it to them word for word.
rv-ask-reason = Why is { $reference } not eligible? Type the reason for the group (up to { $limit } characters).
rv-need-text = Please type the message as text.
rv-note-too-long = That's { $length } characters; please keep it to { $limit }.
rv-decided = { $reference } is now “{ $status }”. The group has been told.
rv-stale = This bid has changed since that card was shown. Here it is as it is now.
rv-voting-started = Voting has started in this round, so decisions on bids can't change now.
rv-nothing-to-review = Nothing is waiting for review.
rv-csv-caption = Bids for { $round }.

## Rounds (organisers)
rn-list-title = <b>Rounds</b>
rn-list-line = { $id }. { $name } — { $status } · bids close { $deadline } · { $bids ->
    [one] 1 bid
   *[other] { $bids } bids
}
rn-none = There are no rounds yet. Create one with /newround.
rn-status-draft = draft (not open yet)
rn-status-open = open for bids
rn-status-closed = closed for bids
rn-status-voting = voting
rn-status-counting = voting closed, counting
rn-status-results = results published
rn-move-open = Open round { $id } for bids ▶
rn-move-closed = Close bids for round { $id } ⏹
rn-moved = { $name } is now: { $status }.
rn-move-stale = That can't be done now: the round has moved on, or its deadline has passed.

rn-ask-name-en = Let's set up a PB round. What is it called in English? For example: Safer Speke 2026. (/cancel stops.)
rn-ask-name-cy = And what is it called in Welsh?
rn-bad-name = Please type a name of up to { $limit } characters.
rn-ask-areas =
    Which areas does it cover, and how much is each area's pot? One area per line: a short code (2 to 5 capital letters, used in bid references), the name, and the pot. If the Welsh name is different, add it after a slash.
    For example:
    SPK Speke £20,000
    GAR Garston / Garston £6,000
rn-bad-areas = I couldn't read line { $line }. Please send all the areas again, one per line, like this: SPK Speke £20,000
rn-bad-area-list = Each area needs its own code, and names of up to { $limit } characters. Please send the list again.
rn-ask-max = What is the most that one bid can ask for? For example: £2,000
rn-bad-amount = I couldn't read that as an amount of money. Please write it like £2,000.
rn-max-too-big = That's more than the largest pot ({ $pot }). Please give a smaller amount.
rn-ask-priorities =
    What priorities came out of the World Café? One per line, in English and then in Welsh after a slash, for example:
    Things for young people to do / Pethau i bobl ifanc eu gwneud
    Or tap Skip.
rn-skip = Skip
rn-bad-priority = Line { $line } needs the English and the Welsh, with a slash (/) between them. Please send the list again.
rn-ask-questions =
    Which questions should a bid answer, and in what order? The standard ones are:
    { $standard }
    Tap the button to use them, or send the ones you want in order, separated by commas.
rn-use-standard = Use the standard questions ✅
rn-bad-questions = I can't use that list. Use only these, each once, and keep title and amount (and area, if there is more than one area): { $standard }
rn-ask-deadline = When do bids close? Type the date and time in UK time, for example 12/12/2026 17:00.
rn-ask-voting-opens = When does voting open? Type the date and time (UK time): once bids are closed, voting then opens and closes on its own. Or tap Skip to open and close it yourself with /voting.
rn-voting-before-deadline = Voting can't open before bids close ({ $after }). Please give a later time.
rn-ask-voting-closes = And when does voting close?
rn-closes-before-opens = Voting has to close after it opens ({ $after }). Please give a later time.
rn-ask-ballot = How will people vote?
rn-ballot-score = Score every bid from 1 to 5
rn-ballot-approval = Tick any bids they like
rn-ballot-top_n = Tick up to a set number of bids
rn-ballot-tokens = Spread a number of tokens
rn-ballot-knapsack = Pick bids up to the pot
rn-ask-n = How many bids may each person tick, at most?
rn-ask-tokens = How many tokens does each person get to spread?
rn-bad-number = Please type a whole number from 1 to { $most }.
rn-ask-rule = How will the winners be chosen?
rn-rule-greedy = Fund down the ranking
rn-rule-mes = Method of Equal Shares
rn-rule-mes-add1 = Equal Shares, completed (add1)
rn-rule-mes-add1-greedy = Equal Shares, then down the ranking
rn-ask-policy = When a bid doesn't fit in the money that is left:
rn-policy-skip = Skip it and fund the next one that fits
rn-policy-stop = Stop there
rn-policy-partial = Offer it what is left
rn-preview =
    <b>{ $name }</b> / <b>{ $name_cy }</b>
    Areas: { $areas }
    Largest bid: { $max } · Total pot: { $pot }
    Priorities:
    { $priorities }
    Questions: { $questions }
    Bids close: { $deadline }
    Voting: { $voting }
    Ballot: { $ballot }
    Winners: { $rule }
rn-voting-later = opened and closed by hand with /voting
rn-none-given = none given
rn-create = Save as a draft 💾
rn-create-open = Save and open for bids ▶
rn-discard = Discard ✖
rn-created = Round { $id }, { $name }, is saved: { $status }. See every round with /rounds.
rn-discarded = Discarded. No round was created.
rn-invalid = This round can't be saved yet: { $problems }
