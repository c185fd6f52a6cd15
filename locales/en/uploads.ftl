## Files organisers send (models/uploads.py): one message naming what is wrong, nothing saved.
upload-failed =
    <b>Nothing was saved.</b> ⚠️ Please fix the file and send it again:
    { $problems }
    { $hint }
upload-hint =
    Expected columns or keys: <code>{ $expected }</code>
    For an example file, send /template { $kind }
upload-offer = An example file to fill in: /template { $kind } 📄
upload-line = Line { $line }: { $problem }
upload-more = …and { $count } more.

## What is wrong ({ $key } is a column or key name, { $limit } a number)
upload-too-big = the file is too big ({ $kb } KB at most).
upload-download-failed = the file could not be downloaded. Please send it again.
upload-not-utf8 = this line is not UTF-8 text. Save the file as “CSV UTF-8” or as UTF-8 text.
upload-yaml-alias = anchors and aliases (&amp; and *) are not accepted. Please write each value out in full.
upload-yaml-deep = lists or settings are nested more than { $limit } deep.
upload-yaml-too-many = the file has more than { $limit } values.
upload-yaml-syntax = this is not valid YAML. Check the spaces at the start of the line and the colons.
upload-csv-syntax = this row cannot be read as CSV. Check the quote marks.
upload-cell-too-long = a cell is longer than { $limit } characters.
upload-too-many-rows = the file has more than { $limit } rows.
upload-too-many-cells = the file has more than { $limit } cells. Please split it into two files.
upload-too-many-items = the file has more than { $limit } items.
upload-none-found = nothing to import was found.
upload-no-columns = the first line should name the columns, not “{ $found }”.
upload-not-a-mapping = each item should be a set of “key: value” lines.
upload-missing-or-long = “{ $key }” is missing or longer than { $limit } characters.

## /template: an example file for each import, with notes in the organiser's language
cmd-template = Example files for imports
template-which =
    Which example file would you like?
    • /template questions: World Café questions
    • /template ballots: paper ballot sheets
    • /template events: events (imported from the command line)
    • /template rounds: a PB round (imported from the command line)
template-questions = World Café questions. Fill it in and send it from the café's panel (/worldcafe). 📄
template-ballots = Paper ballot sheets for { $round }. Fill in one row per sheet and send it from the paper ballots screen (/voting). 📄
template-events = Events. Fill it in and give it to whoever runs the bot: <code>python -m bot events import events.yaml</code> 📄
template-rounds = A PB round. Fill it in and give it to whoever runs the bot: <code>python -m bot rounds import round.yaml</code> 📄
template-no-round = There is no vote open for paper ballots yet. Try again once voting has opened.

## Notes inside the files (after # in YAML and CSV; the keys themselves stay in English)
tpl-notes = Lines starting with # are notes: the bot does not read them.
tpl-keys = Keep the key names (before the colons) exactly as they are. Change the values after them.
tpl-questions-about = World Café questions: one block per question.
tpl-questions-group = group: the table or round, up to 40 characters.
tpl-questions-en = en: the question in English, up to 500 characters.
tpl-questions-cy = cy: the question in Welsh, up to 500 characters.
tpl-ballots-about = Paper ballot sheets: one row per sheet. Keep the line of headings as it is.
tpl-ballots-columns = First column: the number written on the sheet. Then one column for each bid (its reference).
tpl-ballots-marks = In each bid's column, write the mark on the sheet. Leave it empty if the bid was not marked.
tpl-ballots-example = An example row (take away the # to use it):
tpl-events-about = Events: one block per event.
tpl-events-kind = kind: World Café, PB vote, information session, training, festival of learning or other.
tpl-events-titles = title_en, title_cy: the name in English and in Welsh.
tpl-events-descriptions = description_en, description_cy: a few words on what happens (the Welsh one may be left out).
tpl-events-place = area, venue, address: where it is.
tpl-events-times = start: the date and time (UK time). end: a time, or a date and time.
tpl-events-optional = Optional: capacity (empty: no limit), round (the number of a PB round), reminders, volunteers_arrive.
tpl-events-asks = ask_first_name, ask_access: yes or no (ask people for a first name, and for access needs).
tpl-events-roles = roles: volunteer jobs, each with an English and a Welsh name.
tpl-rounds-about = A PB round.
tpl-rounds-name = name: in English (en) and in Welsh (cy).
tpl-rounds-status = status: draft (not open yet) or open (taking bids).
tpl-rounds-areas = areas: each with a short code, a name and its pot of money.
tpl-rounds-money = max_bid: the largest amount one bid may ask for.
tpl-rounds-priorities = priorities: what people said matters most (optional).
tpl-rounds-deadline = bid_deadline: the last date and time for bids (UK time).
tpl-rounds-voting = voting: when voting opens and closes (optional).
tpl-rounds-ballot = ballot kind: score, approval, top_n, tokens or knapsack. allocation rule: greedy (down the ranking) or mes (equal shares).
tpl-rounds-who = who_may_vote: anyone, checked_in (at the vote event), area (lives in an area) or both. age_band: yes to ask voters their age band.
tpl-rounds-update-days = update_days: the days after the results when each funded group is asked for an update, like 30, 90, 180. The last ask is: is it finished? Leave it out to use the usual days.
