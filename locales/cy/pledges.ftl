## Festival of learning: residents
fol-name-everyone = Gŵyl ddysgu
fol-name-event = Gŵyl ddysgu: { $title }
fol-ask-learned =
    <b>{ $festival }</b> 🌱
    Diolch am gymryd rhan. <b>Beth wnaethoch chi ei ddysgu?</b>
    Ysgrifennwch ychydig eiriau yma, neu tapiwch Hepgor. Bydd beth rydych chi'n ei ysgrifennu'n cael ei rannu gyda'r trefnwyr heb eich enw.
fol-ask-next =
    <b>Beth wnewch chi nesaf?</b> Mae un peth yn hen ddigon.
    Ysgrifennwch e yma, neu tapiwch Hepgor. Ar { $date } bydda i'n gofyn i chi sut aeth hi.
fol-skip = Hepgor
fol-thanks-pledge =
    Diolch! Eich addewid: <i>{ $pledge }</i>
    Ar { $date } bydda i'n gofyn i chi sut aeth hi.
fol-thanks = Diolch am gymryd rhan.
fol-follow-up =
    Ar { $date } dywedoch chi y byddech chi'n: <i>{ $pledge }</i> 🌱
    Sut aeth hi?
fol-outcome-done = Wedi'i wneud ✅
fol-outcome-partly = Yn rhannol 🌓
fol-outcome-notyet = Ddim eto ⏳
fol-note-ask = Diolch! Oes unrhyw beth hoffech chi ei ychwanegu? Ysgrifennwch ychydig eiriau, neu tapiwch Hepgor.
fol-note-thanks = Diolch. Mae hynny'n helpu'r trefnwyr i weld beth newidiodd.
fol-gone = Mae'r cwestiwn hwn wedi cau erbyn hyn. Diolch yr un fath.

## Festival of learning: organisers
fol-admin-who =
    <b>Gŵyl ddysgu</b> 🌱
    Pwy ddylwn i eu holi “Beth wnaethoch chi ei ddysgu?” a “Beth wnewch chi nesaf?”
fol-admin-everyone = Pawb a gymerodd ran ({ $count })
fol-admin-event = { $title } ({ $count } wedi dod)
fol-admin-nobody = Does neb i'w holi eto: does neb wedi cofrestru wrth y drws mewn digwyddiad, gwirfoddoli nac anfon cais.
fol-admin-period = Ar ôl faint o amser ddylwn i ofyn i bob person sut aeth eu haddewid? Er enghraifft: 6 wythnos, 42 diwrnod.
fol-admin-bad-period = Doeddwn i ddim yn gallu darllen hynny fel hyd o amser. Ysgrifennwch rif ac uned, fel 6 wythnos, 10 diwrnod neu 12h (blwyddyn ar y mwyaf).
fol-admin-preview =
    Holi { $count ->
        [zero] dim pobl
        [one] un person
        [two] { $count } berson
        [few] { $count } pherson
        [many] { $count } pherson
       *[other] { $count } o bobl
    } ({ $audience }), pob un yn ei iaith ei hun, a gofyn sut aeth pob addewid { $period } ar ôl ei wneud?
fol-admin-send = Anfon ✅
fol-admin-discard = Taflu ✖
fol-admin-discarded = Wedi'i daflu. Chafodd dim byd ei anfon.
fol-admin-started = Yn y ciw: bydd { $count ->
        [zero] dim pobl
        [one] un person
        [two] { $count } berson
        [few] { $count } pherson
        [many] { $count } pherson
       *[other] { $count } o bobl
    } yn cael eu holi. Gwelwch yr atebion a'r addewidion gyda /pledges.
fol-admin-stale = Dydy'r ŵyl honno ddim yn cael ei pharatoi bellach. Anfonwch /festival i ddechrau eto.
fol-admin-list-title = <b>Gwyliau dysgu</b>
fol-admin-list-line = #{ $number } { $name } ({ $date }): { $asked } wedi'u holi · { $learned } wedi dweud beth ddysgon nhw · addewidion: { $pledged } · sut aeth hi: { $done } wedi'i wneud, { $partly } yn rhannol, { $notyet } ddim eto
fol-admin-none = Does dim gŵyl ddysgu eto. Dechreuwch un gyda /festival.
fol-admin-csv = Ffeil CSV #{ $number } ⬇
fol-admin-md = Ffeil Markdown #{ $number } ⬇
fol-admin-export-caption = { $name }: atebion gan bobl: { $count } (dim enwau, dim rhifau adnabod Telegram).
fol-admin-gone = Dydy'r ŵyl honno ddim yno bellach.
