## Language choice. The first message must make sense to both English and Welsh speakers.
choose-language = Choose your language · Dewiswch eich iaith
language-set = Language set to English. You can change it any time with /language.
language-name = English

## First visit
privacy-short =
    <b>Before we start</b>
    This bot keeps only what it needs: your Telegram number (so it can reply), your language, and what you choose to tell it (registrations, bids, votes).
    Votes are secret. Nothing is shared with anyone else without your say.
    Full details: /privacy · See your data: /mydata · Erase it: /forget

## Main menu
menu-title = What would you like to do?
menu-events = Events 📅
menu-bid = Submit a bid 📝
menu-vote = Vote 🗳
menu-mine = My things 📂
menu-language = Language · Iaith 🌐
menu-help = Help ❓
not-ready = Sorry, this part isn't ready yet. We'll let you know when it is.

## Deep links
link-unknown = That link didn't match anything I know — it may be old or mistyped. Here's the menu instead.

## Help and safety
help =
    <b>pbchat</b> helps your neighbourhood decide together how local money is spent.
    Tap the menu buttons — there's very little typing.

    /start — the main menu
    /language — English or Cymraeg
    /cancel — stop what you're doing (anything you started is kept)
    /privacy — what we keep and why
    /help — this message

    { safety-signposts }
safety-signposts =
    <b>This chat is not for reporting crime.</b>
    In an emergency call 999. To report something that isn't an emergency, call 101.
    To tell someone anonymously, call Crimestoppers on 0800 555 111. Young people can use Fearless: fearless.org
privacy-full =
    <b>Your privacy</b>

    <b>What we keep.</b> Your Telegram user number (so the bot can reply), the language you chose, and what you give the bot: event registrations, bids, votes, answers and offers to volunteer. We don't keep your name, phone number or username unless a form asks for a first name and you give one.

    <b>Why.</b> To run events and the vote, and to tell you what happens. Nothing else, and it is never sold or shared for marketing.

    <b>Who sees it.</b> The organisers of your area's programme see registrations and bids. Organisers never see how you voted. While the vote is open, the bot keeps a secret key so you can change your vote; whoever runs the server could use it to find your ballot. When voting closes, that link is destroyed. After that, nobody can tell how you voted, not even whoever runs the server.

    <b>How long.</b> Personal details are erased automatically { $days ->
        [one] 1 day
       *[other] { $days } days
    } after the round closes (registrations at events of no round: { $days ->
        [one] 1 day
       *[other] { $days } days
    } after the event). Ballots stay counted, anonymous.

    <b>Your rights.</b> /mydata sends you a file of everything stored about you. /forget erases it. You can also ask the organisers, or complain to the Information Commissioner's Office (ico.org.uk).

## Conversation control
cancelled = Stopped. Anything you had started is kept — you can pick it up from the menu.
nothing-to-cancel = There's nothing to stop. Here's the menu.
unknown-message = Sorry, I didn't understand that. Please use the buttons below.
button-stale = That button is out of date. Here's the current menu.
error-generic = Sorry, something went wrong on our side. Please try again in a moment.

## Command menu (shown by Telegram next to the message box)
cmd-start = Main menu
cmd-help = Help and contacts
cmd-language = Change language
cmd-cancel = Stop what I'm doing
cmd-privacy = What you keep about me

## Your data
mydata-caption = Everything pbchat stores about you. To erase it, send /forget.
forget-confirm = Erase everything pbchat holds about you? Your language choice and anything in progress will be removed. Votes already cast stay counted, without any link to you. This can't be undone.
forget-yes = Yes, erase it
forget-no = No, keep it
forget-kept = Nothing was erased.
forget-done = Done: your data has been erased. If you write to the bot again, it starts afresh.
cmd-mydata = See my data
cmd-forget = Erase my data
cmd-results = Results of a vote

# Organiser commands, shown only in organisers' own chats.
cmd-broadcast = Send a message to people
cmd-organisers = Who organises
cmd-audit = What organisers did
cmd-newevent = Add an event
cmd-manage = Manage events
cmd-poster = Poster for an event
cmd-checkin = Check people in at the door
cmd-bids = Review bids
cmd-newround = Start a funding round
cmd-rounds = Funding rounds
cmd-voting = Open, close and publish voting
cmd-votingcodes = Print voting cards
cmd-remindvoters = Remind people who have not voted
cmd-festival = Festival of learning
cmd-pledges = Pledges and follow-ups
cmd-report = Programme report for funders
cmd-worldcafe = World Café questions and answers

## First contact: the one-tap switch to the other language (written in that language)
language-switch-hint = Hoffech chi ddefnyddio'r bot yn Gymraeg? Tapiwch Cymraeg isod.
