## World Café: what residents see (every screen ends with the safety signposts)
wc-question =
    <b>{ $title }</b> · { $group } ☕

    Before you answer: this is for sharing ideas with the organisers, not for reporting a crime or naming anyone.

    <b>{ $question }</b> ❓

    { $how }
wc-how = Type your answer or send a voice note. You can send as many answers as you like. They are anonymous unless you choose to add your first name.
wc-how-tap = Tap “Answer this question”, then type your answer or send a voice note. You can send as many answers as you like. They are anonymous unless you choose to add your first name.
wc-answer-button = Answer this question ✍️
wc-mine-button = My answers 📋
wc-name-button = Add my first name 🙋
wc-delete-button = Delete this answer 🗑
wc-keep-anonymous = Keep it anonymous
wc-delete-number = Delete { $number } 🗑
wc-not-open-yet = This question isn't open yet. The organisers will open it when your table gets to it.
wc-closed = This World Café has closed, so answers can't be added or changed any more. Thank you for taking part.
wc-gone = Sorry, that question isn't there any more.
wc-answer-gone = That answer isn't there any more.
wc-too-long = That's a long answer: please keep it under { $limit } characters, or split it into two.
wc-text-or-voice = Please type your answer or send a voice note.
wc-saved = Thank you, your answer is saved. It is anonymous. Send another answer any time. ✅
wc-ask-name = What first name should go with this answer? It will appear next to it in the organisers' report. Just your first name, please.
wc-bad-name = Please type just a first name (up to { $limit } letters).
wc-named = Your answer now shows the first name { $name }. Your other answers stay anonymous. ✅
wc-stays-anonymous = Your answer stays anonymous.
wc-voice-note = voice note 🎤
wc-anonymous = anonymous
wc-with-name = with your name, { $name }
wc-mine-title = { $count ->
    [one] <b>Your answer</b>
   *[other] <b>Your { $count } answers</b>
}
wc-mine-empty = You haven't given any answers at this World Café yet.
wc-mine-final = The World Café has closed: these answers can no longer be changed.
wc-deleted = Deleted.
wc-card-scan = Scan to answer

## World Café: organisers
wc-admin-none = There are no World Café events yet. Make one with /newevent (kind: World Café).
wc-admin-which = Which World Café?
wc-admin-panel =
    <b>{ $title }</b> ☕
    { $when } 🗓
    Checked in: { $people } · Questions: { $questions } · Answers: { $answers }
wc-admin-no-questions = No questions yet: add one, or send a YAML or CSV file of them.
wc-admin-tally = { $shown ->
    [one] 1 answer
   *[other] { $shown } answers
}{ $hidden ->
    [0] {""}
   *[other] , hidden: { $hidden }
}
wc-admin-add = Add a question ➕
wc-admin-import = Questions from a file 📄
wc-admin-export = Export the report 📤
wc-admin-close = Close the café ⏹
wc-admin-ask-group = Which table or round is this question for? Type a short label, for example "Table 3" or "Round 1". (Labels so far: { $known }) /cancel to stop.
wc-admin-bad-group = Please type a short label on one line (up to { $limit } characters).
wc-admin-ask-en = Type the question in English (up to { $limit } characters).
wc-admin-ask-cy = Now type the question in Welsh (up to { $limit } characters).
wc-admin-bad-question = Please type the question as text (up to { $limit } characters).
wc-admin-added = Question added. Open it when the room gets to it. ✅
wc-admin-import-help =
    Send a YAML or CSV file of questions now. YAML:
    <pre>questions:
      - group: Table 1
        en: What makes young people here feel safe?
        cy: Beth sy'n gwneud i bobl ifanc yma deimlo'n ddiogel?</pre>
    CSV: the columns <code>group,en,cy</code>. Every row is checked; nothing is saved unless the whole file is right, and a question already there is skipped.
wc-admin-not-a-file = Please send a .yaml, .yml or .csv file.
wc-admin-imported = Questions added: { $added }. Already there: { $skipped }. ✅
wc-status-draft = not open yet
wc-status-open = open since { $since } 🟢
wc-status-closed = closed ⏹
wc-mark-draft = not open ⏸
wc-mark-open = open 🟢
wc-mark-closed = closed ⏹
wc-admin-question =
    <b>{ $group }</b> · { $status }
    English 🇬🇧: { $en }
    Welsh 🏴󠁧󠁢󠁷󠁬󠁳󠁿: { $cy }
    { $tally }
    QR link: { $link }
wc-admin-open = Open it (QR cards on the tables) ▶️
wc-admin-open-tell = Open it and message everyone checked in ({ $people }) 📣
wc-admin-qr = QR card for the table 🖨
wc-admin-answers = Answers 💬
wc-admin-back = « The café
wc-admin-back-question = « The question
wc-admin-refresh = Newest 🔄
wc-admin-already-open = That question is open already.
wc-admin-opened = { $people ->
    [0] The question is open. ✅
    [one] The question is open; 1 person checked in will get it. ✅
   *[other] The question is open; { $people } people checked in will get it. ✅
}
wc-admin-qr-caption = { $group }: print this and put it on the table. Scanning it opens the question in the bot.
wc-admin-answers-title = <b>{ $group }</b> · { $question } 💬
    Answers: { $total }, newest first · page { $page } of { $pages }
wc-admin-no-answers = No answers yet.
wc-admin-answer-head = <b>#{ $number }</b> · { $at } · { $language } · name: { $name }
wc-admin-is-hidden = hidden: kept, but left out of the report 🙈
wc-language-en = English
wc-language-cy = Welsh
wc-admin-hide = Hide #{ $number } 🙈
wc-admin-unhide = Show #{ $number } 👁
wc-admin-listen = Listen to #{ $number } ▶️
wc-admin-hidden = Hidden from the report.
wc-admin-unhidden = Back in the report.
wc-admin-voice-caption = Answer #{ $number }
wc-admin-close-ask = Close every question of { $title }? People can then no longer answer, or change or delete their answers.
wc-admin-close-yes = Yes, close the café ⏹
wc-admin-closed = The café is closed (questions closed: { $closed }). ⏹
wc-admin-export-caption = The report. Answers: { $answers } (hidden ones left out; names only where people gave them).
