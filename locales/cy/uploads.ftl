## Ffeiliau mae trefnwyr yn eu hanfon (models/uploads.py): un neges yn enwi beth sy'n bod, dim byd wedi'i gadw.
upload-failed =
    <b>Does dim byd wedi'i gadw.</b> ⚠️ Cywirwch y ffeil a'i hanfon eto, os gwelwch yn dda:
    { $problems }
    { $hint }
upload-hint =
    Colofnau neu allweddi disgwyliedig: <code>{ $expected }</code>
    Am ffeil enghreifftiol, anfonwch /template { $kind }
upload-offer = Ffeil enghreifftiol i'w llenwi: /template { $kind } 📄
upload-line = Llinell { $line }: { $problem }
upload-more = …a { $count } arall.

## Beth sy'n bod ({ $key } yw enw colofn neu allwedd, { $limit } yw rhif)
upload-too-big = mae'r ffeil yn rhy fawr ({ $kb } KB ar y mwyaf).
upload-download-failed = doedd dim modd llwytho'r ffeil i lawr. Anfonwch hi eto, os gwelwch yn dda.
upload-not-utf8 = dydy'r llinell hon ddim yn destun UTF-8. Cadwch y ffeil fel “CSV UTF-8” neu fel testun UTF-8.
upload-yaml-alias = dydyn ni ddim yn derbyn angorau ac enwau arall (&amp; a *). Ysgrifennwch bob gwerth yn llawn, os gwelwch yn dda.
upload-yaml-deep = mae rhestrau neu osodiadau wedi'u nythu yn ddyfnach na { $limit } lefel.
upload-yaml-too-many = mae mwy na { $limit } o werthoedd yn y ffeil.
upload-yaml-syntax = dydy hyn ddim yn YAML dilys. Gwiriwch y bylchau ar ddechrau'r llinell a'r colonau.
upload-csv-syntax = does dim modd darllen y rhes hon fel CSV. Gwiriwch y dyfynodau.
upload-cell-too-long = mae cell yn hirach na { $limit } nod.
upload-too-many-rows = mae mwy na { $limit } o resi yn y ffeil.
upload-too-many-cells = mae mwy na { $limit } o gelloedd yn y ffeil. Rhannwch hi yn ddwy ffeil, os gwelwch yn dda.
upload-too-many-items = mae mwy na { $limit } o eitemau yn y ffeil.
upload-none-found = does dim byd i'w fewnforio yn y ffeil.
upload-no-columns = dylai'r llinell gyntaf enwi'r colofnau, nid “{ $found }”.
upload-not-a-mapping = dylai pob eitem fod yn set o linellau “allwedd: gwerth”.
upload-missing-or-long = mae “{ $key }” ar goll neu'n hirach na { $limit } nod.

## /template: ffeil enghreifftiol ar gyfer pob mewnforio, gyda nodiadau yn iaith y trefnydd
cmd-template = Ffeiliau enghreifftiol ar gyfer mewnforio
template-which =
    Pa ffeil enghreifftiol hoffech chi?
    • /template questions: cwestiynau Caffi'r Byd
    • /template ballots: taflenni pleidleisio papur
    • /template events: digwyddiadau (wedi'u mewnforio o'r llinell orchymyn)
    • /template rounds: rownd cyllidebu cyfranogol (wedi'i mewnforio o'r llinell orchymyn)
template-questions = Cwestiynau Caffi'r Byd. Llenwch y ffeil a'i hanfon o banel y caffi (/worldcafe). 📄
template-ballots = Taflenni pleidleisio papur ar gyfer y rownd hon: { $round }. Llenwch un rhes ar gyfer pob taflen a'i hanfon o'r sgrin pleidleisiau papur (/voting). 📄
template-events = Digwyddiadau. Llenwch y ffeil a'i rhoi i bwy bynnag sy'n rhedeg y bot: <code>python -m bot events import events.yaml</code> 📄
template-rounds = Rownd cyllidebu cyfranogol. Llenwch y ffeil a'i rhoi i bwy bynnag sy'n rhedeg y bot: <code>python -m bot rounds import round.yaml</code> 📄
template-no-round = Does dim pleidlais ar agor ar gyfer pleidleisiau papur eto. Rhowch gynnig arall arni pan fydd y pleidleisio wedi agor.

## Nodiadau yn y ffeiliau (ar ôl # mewn YAML a CSV; mae'r allweddi eu hunain yn aros yn Saesneg)
tpl-notes = Nodiadau yw llinellau sy'n dechrau gyda #: dydy'r bot ddim yn eu darllen.
tpl-keys = Cadwch enwau'r allweddi (cyn y colonau) yn union fel maen nhw. Newidiwch y gwerthoedd ar eu hôl.
tpl-questions-about = Cwestiynau Caffi'r Byd: un bloc ar gyfer pob cwestiwn.
tpl-questions-group = group: y bwrdd neu'r rownd, hyd at 40 nod.
tpl-questions-en = en: y cwestiwn yn Saesneg, hyd at 500 nod.
tpl-questions-cy = cy: y cwestiwn yn Gymraeg, hyd at 500 nod.
tpl-ballots-about = Taflenni pleidleisio papur: un rhes ar gyfer pob taflen. Cadwch linell y penawdau fel y mae.
tpl-ballots-columns = Colofn gyntaf: y rhif sydd wedi'i ysgrifennu ar y daflen. Yna un golofn ar gyfer pob cais (ei gyfeirnod).
tpl-ballots-marks = Yng ngholofn pob cais, ysgrifennwch y marc sydd ar y daflen. Gadewch hi'n wag os nad oes marc i'r cais.
tpl-ballots-example = Rhes enghreifftiol (tynnwch y # i'w defnyddio):
tpl-events-about = Digwyddiadau: un bloc ar gyfer pob digwyddiad.
tpl-events-kind = kind: World Café, PB vote, information session, training, festival of learning neu other.
tpl-events-titles = title_en, title_cy: yr enw yn Saesneg ac yn Gymraeg.
tpl-events-descriptions = description_en, description_cy: ychydig eiriau am beth sy'n digwydd (does dim rhaid rhoi'r un Cymraeg).
tpl-events-place = area, venue, address: ble mae e.
tpl-events-times = start: y dyddiad a'r amser (amser y DU). end: amser, neu ddyddiad ac amser.
tpl-events-optional = Dewisol: capacity (gwag: dim terfyn), round (rhif rownd cyllidebu cyfranogol), reminders, volunteers_arrive.
tpl-events-asks = ask_first_name, ask_access: yes neu no (gofyn i bobl am enw cyntaf, ac am anghenion mynediad).
tpl-events-roles = roles: swyddi gwirfoddol, pob un ag enw Saesneg ac enw Cymraeg.
tpl-rounds-about = Rownd cyllidebu cyfranogol.
tpl-rounds-name = name: yn Saesneg (en) ac yn Gymraeg (cy).
tpl-rounds-status = status: draft (heb agor eto) neu open (yn derbyn ceisiadau).
tpl-rounds-areas = areas: pob un â chod byr, enw a'i gronfa o arian.
tpl-rounds-money = max_bid: y swm mwyaf y caiff un cais ofyn amdano.
tpl-rounds-priorities = priorities: beth ddywedodd pobl sydd bwysicaf (dewisol).
tpl-rounds-deadline = bid_deadline: y dyddiad a'r amser olaf ar gyfer ceisiadau (amser y DU).
tpl-rounds-voting = voting: pryd mae'r pleidleisio'n agor ac yn cau (dewisol).
tpl-rounds-ballot = ballot kind: score, approval, top_n, tokens neu knapsack. allocation rule: greedy (i lawr y rhestr) neu mes (cyfrannau cyfartal).
tpl-rounds-who = who_may_vote: anyone, checked_in (yn y digwyddiad pleidleisio), area (yn byw mewn ardal) neu both. age_band: yes i ofyn i bleidleiswyr am eu band oedran.
tpl-rounds-update-days = update_days: y dyddiau ar ôl y canlyniadau pan fydd pob grŵp sydd wedi cael arian yn cael cais am ddiweddariad, fel 30, 90, 180. Y cais olaf yw: ydy e wedi gorffen? Gadewch e allan i ddefnyddio'r dyddiau arferol.
