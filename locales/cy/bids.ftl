## Gwneud cais (grwpiau)
bid-no-round = Does dim rownd yn derbyn ceisiadau ar hyn o bryd. Byddwn ni'n rhoi gwybod i bawb pan fydd yr un nesaf yn agor.
bid-pick-round = Ar gyfer pa rownd mae eich cais?
bid-intro =
    <b>{ $round }</b>
    Gall grwpiau lleol ofyn am grant o hyd at { $max }. Mae ceisiadau'n cau { $deadline }.

    Byddwch chi'n ateb { $questions } cwestiwn byr, un ar y tro. Mae pob ateb yn cael ei gadw cyn gynted ag y byddwch chi'n ei anfon, felly gallwch chi stopio (/cancel) a pharhau nes ymlaen o'r ddewislen.
    Bydd y trefnwyr yn darllen eich atebion, gan gynnwys sut i gysylltu â'ch grŵp.
    Peidiwch ag enwi pobl na rhoi gwybod am droseddau yn eich atebion: i roi gwybod am drosedd ffoniwch 101 (999 mewn argyfwng), neu Taclo'r Taclau (Crimestoppers) yn ddienw ar 0800 555 111.
bid-intro-priorities = Beth mae'r arian ar ei gyfer (o'r Caffi Byd):
bid-start = Dechrau cais newydd ▶
bid-continue = Parhau: { $title } ✏️
bid-untitled = (dim teitl eto)
bid-progress = Cwestiwn { $n } o { $total }

bid-q-group = Beth yw enw eich grŵp?
bid-hint-group = Er enghraifft: Clwb Bocsio Ieuenctid Speke. Hyd at { $limit } nod.
bid-q-title = Beth yw enw eich prosiect?
bid-hint-title = Teitl byr y bydd pobl yn ei weld pan fyddan nhw'n pleidleisio. Hyd at { $limit } nod.
bid-q-description = Beth fydd eich prosiect yn ei wneud?
bid-hint-description = Teipiwch e (hyd at { $limit } nod), neu anfonwch neges llais. Disgrifiwch y prosiect, nid pobl: nid dyma'r lle i roi gwybod am drosedd (gweler /help).
bid-q-benefits = Pwy fydd yn elwa, a thua faint o bobl?
bid-hint-benefits = Er enghraifft: tua 40 o bobl ifanc rhwng 11 ac 16 oed, ddwywaith yr wythnos. Hyd at { $limit } nod.
bid-q-amount = Faint o arian rydych chi'n gofyn amdano?
bid-hint-amount = Hyd at { $max }. Ysgrifennwch e fel y byddech chi fel arfer, er enghraifft £1,500 neu 1.5k.
bid-q-area = Ym mha ardal mae eich prosiect?
bid-hint-area = Tapiwch un o'r botymau.
bid-q-contact = Sut gall y trefnwyr gysylltu â'ch grŵp?
bid-hint-contact = Rhif ffôn neu gyfeiriad e-bost y grŵp neu ei arweinydd. Dim ond y trefnwyr sy'n ei weld. Hyd at { $limit } nod.

bid-label-group = Grŵp
bid-label-title = Prosiect
bid-label-description = Beth fydd yn ei wneud
bid-label-benefits = Pwy sy'n elwa
bid-label-amount = Swm
bid-label-area = Ardal
bid-label-contact = Cyswllt
bid-edit-field = Golygu: { $field } ✏️

bid-use-buttons = Dewiswch gydag un o'r botymau, os gwelwch yn dda.
bid-need-text = Teipiwch eich ateb fel neges, os gwelwch yn dda.
bid-need-text-or-voice = Teipiwch eich ateb, neu anfonwch e fel neges llais, os gwelwch yn dda.
bid-not-amount = Doeddwn i ddim yn gallu darllen “{ $text }” fel swm o arian. Ysgrifennwch e fel £1,500 neu 1500, os gwelwch yn dda.
bid-amount-zero = Mae angen i'r swm fod yn fwy na £0.
bid-over-cap = Mae hynny'n { $amount }, ond gall cais ofyn am { $max } ar y mwyaf. Rhowch swm llai, os gwelwch yn dda.
bid-too-long = Mae hynny'n { $length } o nodau, a'r terfyn yma yw { $limit }. Byrhewch e ac anfonwch e eto, os gwelwch yn dda.

bid-voice-note = neges llais 🎤
bid-photo-attached = Mae llun wedi'i atodi. 📷
bid-summary-draft = <b>Gwiriwch eich cais</b> cyn ei anfon. Tapiwch fotwm i newid ateb.
bid-summary-sent = <b>Eich cais { $reference }</b> · { $status }
bid-organisers-said = Dywedodd y trefnwyr: <i>{ $note }</i>
bid-deadline-line = Gallwch chi newid neu dynnu ceisiadau'n ôl tan { $deadline }.
bid-photo-add = Ychwanegu llun 📷
bid-photo-change = Newid y llun 📷
bid-submit = Anfon fy nghais ✅
bid-delete = Dileu'r drafft hwn 🗑
bid-withdraw = Tynnu fy nghais yn ôl ↩
bid-done = Wedi gorffen ✔
bid-keep = Na, cadwch e

bid-ask-photo = Anfonwch un llun o'ch grŵp neu o'ch prosiect.
bid-photo-remove = Tynnu'r llun ✖
bid-back = Yn ôl i fy nghais ◀
bid-need-photo = Anfonwch lun, neu tapiwch Yn ôl, os gwelwch yn dda.

bid-submitted =
    <b>Wedi'i anfon!</b> Eich cyfeirnod yw <b>{ $reference }</b>.
    Gallwch chi newid eich cais neu ei dynnu'n ôl tan { $deadline } o 📂 Fy mhethau. Byddwn ni'n dweud wrthoch chi cyn gynted ag y bydd y trefnwyr wedi edrych arno.
bid-already-sent = Mae'r cais hwn wedi'i anfon yn barod: { $reference }.
bid-withdraw-confirm = Tynnu { $reference } yn ôl? Fydd e ddim yn mynd i'r bleidlais, a does dim modd dadwneud hyn.
bid-withdraw-yes = Ie, tynnwch e'n ôl
bid-withdrawn = Wedi'i dynnu'n ôl. Fydd { $reference } ddim yn mynd i'r bleidlais.
bid-delete-confirm = Dileu'r drafft hwn a'i holl atebion? Does dim modd dadwneud hyn.
bid-delete-yes = Ie, dilëwch e
bid-deleted = Mae'r drafft wedi'i ddileu.
bid-saved-sent = Wedi'i gadw. Bydd y trefnwyr yn gweld y newid, ac efallai y byddan nhw'n edrych ar eich cais eto.
bid-refused-deadline = Mae'r dyddiad cau ar gyfer ceisiadau wedi mynd heibio, felly does dim modd anfon na newid ceisiadau mwyach.
bid-refused-locked = Does dim modd newid y cais hwn mwyach.

bid-status-draft = drafft, heb ei anfon eto
bid-status-submitted = wedi'i anfon, yn aros am y trefnwyr
bid-status-needs_changes = angen newidiadau
bid-status-eligible = cymwys: bydd yn mynd i'r bleidlais
bid-status-not_eligible = ddim yn gymwys
bid-status-withdrawn = wedi'i dynnu'n ôl
bid-status-funded = wedi'i ariannu 🎉
bid-status-not_funded = heb ei ariannu y tro hwn

## Fy mhethau
bid-mine-title = <b>Eich ceisiadau</b>
bid-mine-draft = Drafft · { $title } — cwestiynau wedi'u hateb: { $answered } o { $total }

## Negeseuon mae'r bot yn eu hanfon ei hun
bid-nudge = <b>Nodyn atgoffa:</b> dydy eich cais ar gyfer { $round } ddim wedi'i anfon eto. Mae ceisiadau'n cau { $deadline }, ymhen deuddydd. Mae eich atebion wedi'u cadw: tapiwch isod i'w orffen.
bid-nudge-button = Parhau â fy nghais ✏️
bid-open-button = Agor fy nghais 📝
bid-told-eligible = Newyddion da: gall eich cais <b>{ $reference }</b> “{ $title }” fynd i'r bleidlais.
bid-told-needs_changes =
    Mae angen gwneud rhai newidiadau i'ch cais <b>{ $reference }</b> “{ $title }” cyn iddo allu mynd i'r bleidlais. Mae'r trefnwyr yn dweud:
    <i>{ $note }</i>
    Newidiwch e erbyn { $deadline }, os gwelwch yn dda: tapiwch isod.
bid-told-not_eligible =
    Mae'n ddrwg gennym, all eich cais <b>{ $reference }</b> “{ $title }” ddim mynd i'r bleidlais. Rheswm y trefnwyr:
    <i>{ $note }</i>

## Adolygu ceisiadau (trefnwyr)
rv-digest = <b>{ $count ->
    [zero] Does dim ceisiadau newydd.
    [one] Mae 1 cais wedi dod i mewn neu wedi newid.
    [two] Mae 2 gais wedi dod i mewn neu wedi newid.
    [few] Mae 3 chais wedi dod i mewn neu wedi newid.
    [many] Mae 6 chais wedi dod i mewn neu wedi newid.
   *[other] Mae { $count } o geisiadau wedi dod i mewn neu wedi newid.
}</b> Adolygwch nhw gyda /bids.
rv-digest-new = newydd
rv-digest-changed = wedi newid
rv-digest-withdrawn = wedi'i dynnu'n ôl
rv-no-rounds = Does dim rownd wedi agor ar gyfer ceisiadau eto. Crëwch un gyda /newround a'i hagor gyda /rounds.
rv-pick-round = Pa rownd?
rv-overview =
    <b>{ $round }</b> · ceisiadau
    I'w hadolygu: { $review } · Angen newidiadau: { $changes } · Cymwys: { $eligible } · Ddim yn gymwys: { $rejected } · Wedi'u tynnu'n ôl: { $withdrawn }
    Drafftiau ar y gweill: { $drafts }
    Wedi gofyn am: { $asked } o { $pot } (ceisiadau cymwys: { $eligible_money })
rv-overview-area = { $code }: { $bids ->
    [zero] dim ceisiadau
    [one] 1 cais
    [two] 2 gais
    [few] 3 chais
    [many] 6 chais
   *[other] { $bids } o geisiadau
}, { $asked } wedi'i ofyn o { $pot }
rv-review-next = Adolygu'r un nesaf ({ $count } yn aros) ▶
rv-all = Pob cais 📋
rv-csv = Lawrlwytho fel CSV ⬇
rv-card-position = Cais { $n } o { $total }
rv-note = Nodyn y trefnwyr: <i>{ $note }</i>
rv-eligible = Cymwys ✅
rv-changes = Angen newidiadau ✏️
rv-not-eligible = Ddim yn gymwys ⛔
rv-listen = Gwrando 🔊
rv-photo = Llun 📷
rv-prev = Blaenorol ◀
rv-next = Nesaf ▶
rv-ask-changes = Beth ddylai { $reference } ei newid? Teipiwch eich neges i'r grŵp (hyd at { $limit } nod). Bydd y bot yn ei hanfon atyn nhw air am air.
rv-ask-reason = Pam nad yw { $reference } yn gymwys? Teipiwch y rheswm i'r grŵp (hyd at { $limit } nod).
rv-need-text = Teipiwch y neges fel testun, os gwelwch yn dda.
rv-note-too-long = Mae hynny'n { $length } o nodau; cadwch e i { $limit }, os gwelwch yn dda.
rv-decided = Statws newydd { $reference }: “{ $status }”. Mae'r grŵp wedi cael gwybod.
rv-stale = Mae'r cais hwn wedi newid ers i'r cerdyn yna gael ei ddangos. Dyma fe fel y mae nawr.
rv-voting-started = Mae'r pleidleisio wedi dechrau yn y rownd hon, felly does dim modd newid penderfyniadau am geisiadau nawr.
rv-nothing-to-review = Does dim byd yn aros i gael ei adolygu.
rv-csv-caption = Ceisiadau ar gyfer { $round }.

## Rowndiau (trefnwyr)
rn-list-title = <b>Rowndiau</b>
rn-list-line = { $id }. { $name } — { $status } · ceisiadau'n cau { $deadline } · { $bids ->
    [zero] dim ceisiadau
    [one] 1 cais
    [two] 2 gais
    [few] 3 chais
    [many] 6 chais
   *[other] { $bids } o geisiadau
}
rn-none = Does dim rowndiau eto. Crëwch un gyda /newround.
rn-status-draft = drafft (heb agor eto)
rn-status-open = ar agor ar gyfer ceisiadau
rn-status-closed = wedi cau i geisiadau
rn-status-voting = pleidleisio
rn-status-counting = pleidleisio wedi cau, yn cyfrif
rn-status-results = canlyniadau wedi'u cyhoeddi
rn-move-open = Agor rownd { $id } ar gyfer ceisiadau ▶
rn-move-closed = Cau ceisiadau rownd { $id } ⏹
rn-moved = Mae { $name } bellach: { $status }.
rn-move-stale = Does dim modd gwneud hynny nawr: mae'r rownd wedi symud ymlaen, neu mae ei dyddiad cau wedi mynd heibio.

rn-ask-name-en = Gadewch i ni sefydlu rownd o gyllidebu cyfranogol. Beth yw ei henw yn Saesneg? Er enghraifft: Safer Speke 2026. (Mae /cancel yn stopio.)
rn-ask-name-cy = A beth yw ei henw yn Gymraeg?
rn-bad-name = Teipiwch enw o hyd at { $limit } nod, os gwelwch yn dda.
rn-ask-areas =
    Pa ardaloedd mae'n eu cynnwys, a faint yw pot pob ardal? Un ardal ar bob llinell: cod byr (2 i 5 prif lythyren, sy'n cael eu defnyddio yng nghyfeirnodau'r ceisiadau), yr enw, a'r pot. Os yw'r enw Cymraeg yn wahanol, ychwanegwch e ar ôl slaes.
    Er enghraifft:
    SPK Speke £20,000
    GAR Garston / Garston £6,000
rn-bad-areas = Doeddwn i ddim yn gallu darllen llinell { $line }. Anfonwch yr holl ardaloedd eto, un ar bob llinell, fel hyn: SPK Speke £20,000
rn-bad-area-list = Mae angen cod gwahanol ar bob ardal, ac enwau o hyd at { $limit } nod. Anfonwch y rhestr eto, os gwelwch yn dda.
rn-ask-max = Beth yw'r mwyaf y gall un cais ofyn amdano? Er enghraifft: £2,000
rn-bad-amount = Doeddwn i ddim yn gallu darllen hynny fel swm o arian. Ysgrifennwch e fel £2,000, os gwelwch yn dda.
rn-max-too-big = Mae hynny'n fwy na'r pot mwyaf ({ $pot }). Rhowch swm llai, os gwelwch yn dda.
rn-ask-priorities =
    Pa flaenoriaethau ddaeth allan o'r Caffi Byd? Un ar bob llinell, yn Saesneg ac yna yn Gymraeg ar ôl slaes, er enghraifft:
    Things for young people to do / Pethau i bobl ifanc eu gwneud
    Neu tapiwch Hepgor.
rn-skip = Hepgor
rn-bad-priority = Mae angen y Saesneg a'r Gymraeg ar linell { $line }, gyda slaes (/) rhyngddyn nhw. Anfonwch y rhestr eto, os gwelwch yn dda.
rn-ask-questions =
    Pa gwestiynau ddylai cais eu hateb, ac ym mha drefn? Y rhai arferol yw:
    { $standard }
    Tapiwch y botwm i'w defnyddio, neu anfonwch y rhai rydych chi eu heisiau yn eu trefn, gyda choma rhyngddyn nhw.
rn-use-standard = Defnyddio'r cwestiynau arferol ✅
rn-bad-questions = Alla i ddim defnyddio'r rhestr yna. Defnyddiwch y rhain yn unig, pob un unwaith. Rhaid cadw'r teitl a'r swm (a'r ardal, os oes mwy nag un ardal): { $standard }
rn-ask-deadline = Pryd mae ceisiadau'n cau? Teipiwch y dyddiad a'r amser yn amser y DU, er enghraifft 12/12/2026 17:00.
rn-ask-voting-opens = Pryd mae'r pleidleisio'n agor? Teipiwch y dyddiad a'r amser (amser y DU): ar ôl i'r ceisiadau gau, bydd y pleidleisio'n agor ac yn cau ar ei ben ei hun. Neu tapiwch Hepgor i'w agor a'i gau eich hun gyda /voting.
rn-voting-before-deadline = All y pleidleisio ddim agor cyn i geisiadau gau ({ $after }). Rhowch amser hwyrach, os gwelwch yn dda.
rn-ask-voting-closes = A phryd mae'r pleidleisio'n cau?
rn-closes-before-opens = Mae'n rhaid i'r pleidleisio gau ar ôl iddo agor ({ $after }). Rhowch amser hwyrach, os gwelwch yn dda.
rn-ask-ballot = Sut bydd pobl yn pleidleisio?
rn-ballot-score = Rhoi sgôr o 1 i 5 i bob cais
rn-ballot-approval = Ticio unrhyw geisiadau maen nhw'n eu hoffi
rn-ballot-top_n = Ticio hyd at nifer penodol o geisiadau
rn-ballot-tokens = Rhannu nifer o docynnau
rn-ballot-knapsack = Dewis ceisiadau hyd at werth y pot
rn-ask-n = Faint o geisiadau gall pob person eu ticio, ar y mwyaf?
rn-ask-tokens = Faint o docynnau mae pob person yn eu cael i'w rhannu?
rn-bad-number = Teipiwch rif cyfan o 1 i { $most }, os gwelwch yn dda.
rn-ask-rule = Sut bydd yr enillwyr yn cael eu dewis?
rn-rule-greedy = Ariannu i lawr y rhestr
rn-rule-mes = Dull y Cyfrannau Cyfartal
rn-rule-mes-add1 = Cyfrannau Cyfartal, wedi'i gwblhau (add1)
rn-rule-mes-add1-greedy = Cyfrannau Cyfartal, yna i lawr y rhestr
rn-ask-policy = Pan nad yw cais yn ffitio yn yr arian sydd ar ôl:
rn-policy-skip = Ei hepgor, ac ariannu'r nesaf sy'n ffitio
rn-policy-stop = Stopio yno
rn-policy-partial = Cynnig yr hyn sydd ar ôl iddo
rn-preview =
    <b>{ $name }</b> / <b>{ $name_cy }</b>
    Ardaloedd: { $areas }
    Cais mwyaf: { $max } · Cyfanswm y pot: { $pot }
    Blaenoriaethau:
    { $priorities }
    Cwestiynau: { $questions }
    Ceisiadau'n cau: { $deadline }
    Pleidleisio: { $voting }
    Papur pleidleisio: { $ballot }
    Enillwyr: { $rule }
rn-voting-later = ei agor a'i gau â llaw gyda /voting
rn-none-given = dim wedi'u rhoi
rn-create = Cadw fel drafft 💾
rn-create-open = Cadw ac agor ar gyfer ceisiadau ▶
rn-discard = Taflu ✖
rn-created = Mae rownd { $id }, { $name }, wedi'i chadw: { $status }. Gwelwch bob rownd gyda /rounds.
rn-discarded = Wedi'i thaflu. Chafodd dim rownd ei chreu.
rn-invalid = Does dim modd cadw'r rownd hon eto: { $problems }
