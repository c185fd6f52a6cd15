## Digwyddiadau: mathau
ev-kind-cafe = Caffi'r Byd
ev-kind-vote = Pleidlais ar brosiectau lleol
ev-kind-info = Sesiwn wybodaeth
ev-kind-training = Sesiwn hyfforddi neu fentora
ev-kind-festival = Gŵyl ddysgu
ev-kind-other = Digwyddiad arall

## Digwyddiadau: beth mae trigolion yn ei weld
ev-list-title = { $count ->
    [zero] Does dim digwyddiadau ar y gweill.
    [one] Mae un digwyddiad ar y gweill. Tapiwch e i weld y manylion a chofrestru.
    [two] Mae { $count } ddigwyddiad ar y gweill. Tapiwch un i weld y manylion a chofrestru.
    [few] Mae { $count } digwyddiad ar y gweill. Tapiwch un i weld y manylion a chofrestru.
    [many] Mae { $count } digwyddiad ar y gweill. Tapiwch un i weld y manylion a chofrestru.
   *[other] Mae { $count } o ddigwyddiadau ar y gweill. Tapiwch un i weld y manylion a chofrestru.
}
ev-list-empty = Does dim digwyddiadau wedi'u trefnu ar hyn o bryd. Byddwn ni'n rhoi gwybod i chi pan fydd rhai.
ev-places-open = Mae croeso i bawb: cofrestrwch er mwyn i'r trefnwyr wybod eich bod chi'n dod.
ev-places-left = { $left ->
    [zero] Does dim lle ar ôl.
    [one] Dim ond 1 lle ar ôl.
    [two] { $left } le ar ôl.
    [few] { $left } lle ar ôl.
    [many] { $left } lle ar ôl.
   *[other] { $left } o leoedd ar ôl.
}
ev-places-full = Mae'r digwyddiad hwn yn llawn. { $waiting ->
    [0] Gallwch chi ymuno â'r rhestr aros: os daw lle ar gael, chi fydd yn cael cynnig gyntaf.
    [one] Mae 1 person ar y rhestr aros; gallwch chi ymuno hefyd.
    [two] Mae { $waiting } berson ar y rhestr aros; gallwch chi ymuno hefyd.
    [few] Mae { $waiting } pherson ar y rhestr aros; gallwch chi ymuno hefyd.
    [many] Mae { $waiting } pherson ar y rhestr aros; gallwch chi ymuno hefyd.
   *[other] Mae { $waiting } o bobl ar y rhestr aros; gallwch chi ymuno hefyd.
}
ev-you-are-registered = Rydych chi wedi cofrestru. Eich cod ar gyfer y drws: <code>{ $code }</code> ✅
ev-you-are-waiting = Rydych chi'n rhif { $position } ar y rhestr aros. ⏳
ev-you-are-offered = Mae lle wedi dod ar gael i chi. Derbyniwch e, neu gadewch iddo fynd. 🎉
ev-is-cancelled = Mae'r digwyddiad hwn wedi'i ganslo. ✖
ev-gone = Mae'n ddrwg gennym, mae'r digwyddiad hwnnw wedi'i ganslo neu wedi dod i ben.
ev-register = Cofrestru ✅
ev-join-waiting = Ymuno â'r rhestr aros ⏳
ev-ticket = Fy nghod a'r ffeil calendr 🎟
ev-cancel-place = Canslo fy lle ✖
ev-leave-waiting = Gadael y rhestr aros ✖
ev-all-events = Pob digwyddiad 📅
ev-back = « Yn ôl
ev-help = Gwirfoddoli yn y digwyddiad hwn 🙋
ev-unhelp = Rhoi'r gorau i wirfoddoli ✖

## Cofrestru
ev-ask-first-name = Beth yw eich enw cyntaf? Mae'r trefnwyr yn ei ddefnyddio wrth y drws ac yn ei ddileu ar ôl y digwyddiad. (/cancel i stopio)
ev-bad-first-name = Teipiwch eich enw cyntaf yn unig (hyd at { $limit } llythyren), os gwelwch yn dda.
ev-ask-access = Oes gennych chi unrhyw anghenion mynediad y dylai'r trefnwyr wybod amdanyn nhw (er enghraifft mynediad heb risiau, dolen sain, lle tawel)? Teipiwch nhw, neu tapiwch y botwm.
ev-no-access-needs = Dim diolch
ev-bad-access = Disgrifiwch nhw mewn ychydig eiriau (hyd at { $limit } nod), os gwelwch yn dda.
ev-registered =
    <b>Rydych chi wedi cofrestru.</b> ✅
    { $summary }

    Eich cod ar gyfer y drws: <code>{ $code }</code>
    Dangoswch y llun hwn neu dywedwch y cod pan fyddwch chi'n cyrraedd.
ev-code-caption = Dangoswch hwn wrth y drws
ev-ics-caption = Ychwanegwch y digwyddiad at galendr eich ffôn: agorwch y ffeil hon.
ev-waiting = Mae <b>{ $title }</b> yn llawn, felly rydych chi ar y rhestr aros (rhif { $position }). Os daw lle ar gael, byddwn ni'n anfon neges atoch chi ar unwaith. ⏳
ev-not-registered = Dydych chi ddim wedi cofrestru ar gyfer y digwyddiad hwnnw bellach.
ev-cancel-ask =
    Canslo eich lle?
    { $summary }
ev-cancel-yes = Ie, canslwch fy lle
ev-cancel-keep = Na, cadwch fy lle
ev-cancelled-place = Wedi'i wneud: dydych chi ddim ar y rhestr ar gyfer <b>{ $title }</b> bellach. Diolch am roi gwybod — gall rhywun arall gael y lle.
ev-kept-place = Da iawn: mae eich lle wedi'i gadw.
ev-accept = Derbyn y lle ✅
ev-decline = Alla i ddim dod ✖
ev-offer-gone = Mae'n ddrwg gennym, mae'r cynnig hwnnw wedi dod i ben neu wedi'i ateb yn barod.
ev-declined = Diolch am roi gwybod. Mae'r lle ar gyfer <b>{ $title }</b> yn mynd i'r person nesaf sy'n aros.

## Gwirfoddoli
ev-help-ask = Diolch! Sut hoffech chi helpu yn y digwyddiad <b>{ $title }</b>?
ev-help-name = { $role }: gwych. Beth yw eich enw cyntaf? Mae angen i'r trefnwyr wybod pwy sy'n helpu.
ev-help-thanks = Diolch! Rydych chi wedi cynnig helpu yn y digwyddiad <b>{ $title }</b> fel { $role }. Bydd trefnydd yn cadarnhau gyda chi.
ev-not-helping = Dydych chi ddim ar y rhestr fel gwirfoddolwr ar gyfer y digwyddiad hwnnw.
ev-unhelped = Wedi'i wneud: dydych chi ddim ar y rhestr i helpu yn y digwyddiad <b>{ $title }</b> bellach.

## Negeseuon sy'n cael eu hanfon yn nes ymlaen (nodiadau atgoffa, rhestr aros, newidiadau)
ev-reminder =
    <b>Nodyn atgoffa</b> ⏰
    { $summary }

    Eich cod ar gyfer y drws: <code>{ $code }</code>
ev-cant-come = Methu dod? Canslo
ev-briefing =
    <b>Gwybodaeth i wirfoddolwyr</b>: diolch am helpu fel { $role }. 🙋
    { $summary }

    Dewch erbyn { $arrive }, os gwelwch yn dda. Gofynnwch am y trefnwyr wrth y drws.
ev-cant-help = Methu dod? Rhowch wybod
ev-cancelled-notice =
    <b>Wedi'i ganslo</b> ✖
    Mae'n ddrwg gennym: fydd y digwyddiad hwn ddim yn cael ei gynnal.
    { $summary }
ev-changed-notice =
    <b>Mae'r digwyddiad wedi newid.</b> ✏️ Dyma'r manylion newydd:
    { $summary }
ev-offer =
    <b>Mae lle wedi dod ar gael i chi!</b> 🎉
    { $summary }

    Derbyniwch e erbyn { $until }, neu bydd yn mynd i'r person nesaf sy'n aros.
ev-offer-lapsed = Aeth y lle a gynigion ni i chi yn y digwyddiad hwn i'r person nesaf, gan na chlywson ni gennych chi mewn pryd. Gallwch chi gofrestru eto os hoffech chi ddod o hyd.
    { $summary }
ev-helper-confirmed =
    <b>Rydych chi wedi'ch cadarnhau fel gwirfoddolwr</b>: { $role }. 🙋
    { $summary }

    Dewch erbyn { $arrive }, os gwelwch yn dda. Diolch!
ev-helpers-message =
    <b>Gan y trefnwyr, i'r gwirfoddolwyr</b> 📣
    { $summary }

    { $body }

## Fy mhethau
mine-title = <b>Fy mhethau</b> 📂
mine-empty = Does gennych chi ddim byd wedi'i drefnu eto. Tapiwch y botwm Digwyddiadau yn y ddewislen i ddod o hyd i rywbeth.
mine-events = <b>Digwyddiadau</b>
mine-registered = wedi cofrestru (cod <code>{ $code }</code>)
mine-waiting = rhif { $position } ar y rhestr aros
mine-offered = mae lle yn aros i chi ei dderbyn
mine-helping = gwirfoddoli fel { $role }{ $confirmed ->
    [yes] {" "}(wedi'i gadarnhau)
   *[other] {""}
}
ev-mine-cancel = Canslo ✖
ev-mine-leave = Gadael y rhestr ✖
ev-mine-unhelp = Peidio â helpu ✖

## Trefnwyr: /newevent
ev-ask-kind = Pa fath o ddigwyddiad yw e?
ev-kind-chosen = Math: { $kind }
ev-ask-title-en = Y teitl yn Saesneg? (Yn fyr: mae'n mynd ar fotymau ac ar y poster.)
ev-ask-title-cy = A'r teitl yn Gymraeg?
ev-ask-description-en = Disgrifiad yn Saesneg: beth sy'n digwydd, ac ar gyfer pwy.
ev-ask-description-cy = Y disgrifiad yn Gymraeg, neu tapiwch y botwm (bydd siaradwyr Cymraeg wedyn yn gweld y Saesneg).
ev-skip-welsh-description = Defnyddio'r Saesneg
ev-ask-area = Ar gyfer pa ardal mae e (er enghraifft Ringland)?
ev-ask-venue = Enw'r lleoliad?
ev-ask-address = Cyfeiriad y lleoliad?
ev-ask-starts = Pryd mae'n dechrau? Amser y DU, er enghraifft 28/11 18:30.
ev-ask-ends = Pryd mae'n gorffen? Amser fel 20:30, neu ddyddiad ac amser.
ev-ask-capacity = Faint o leoedd sydd? Teipiwch rif, neu tapiwch y botwm.
ev-no-limit = Dim terfyn
ev-ask-questions = Beth ddylai pobl gael eu holi wrth gofrestru? Tapiwch i droi pob un ymlaen neu i ffwrdd, yna Wedi gorffen. Gofynnwch dim ond am yr hyn sydd ei angen arnoch chi.
ev-q-first-name = Enw cyntaf
ev-q-access = Anghenion mynediad
ev-q-none = dim byd
ev-q-on = { $question }: gofyn ☑
ev-q-off = { $question }: peidio â gofyn ☐
ev-done = Wedi gorffen ✅
ev-ask-round = Ar gyfer pa rownd cyllidebu cyfranogol mae'r bleidlais hon? Teipiwch ei rhif, neu tapiwch Hepgor.
ev-skip = Hepgor
ev-ask-reminders = Pryd dylai'r nodiadau atgoffa fynd? Er enghraifft: 48h, 3h (h am awr, m am funud). Neu tapiwch y botwm i gael y rhai arferol.
ev-default-reminders = Y nodiadau atgoffa arferol
ev-ask-arrive = Pryd dylai gwirfoddolwyr gyrraedd? Amser fel 17:45, neu tapiwch y botwm.
ev-default-arrive = Awr cyn y dechrau
ev-bad-text = Teipiwch ateb byr (dim mwy nag ychydig linellau), os gwelwch yn dda.
ev-bad-starts = Doeddwn i ddim yn gallu darllen hwnna fel dyddiad ac amser yn y dyfodol. Teipiwch e fel 28/11 18:30.
ev-bad-ends = Teipiwch amser ar ôl y dechrau, fel 20:30, neu ddyddiad ac amser.
ev-bad-capacity = Teipiwch nifer cyfan o leoedd, fel 60.
ev-bad-round = Teipiwch rif y rownd, fel 3.
ev-bad-reminders = Teipiwch amseroedd cyn y dechrau fel 24h, 2h neu 30m (5 ar y mwyaf, hyd at 30 diwrnod).
ev-bad-arrive = Teipiwch amser ar y diwrnod sydd ddim yn hwyrach na'r dechrau, fel 17:45.
ev-same-as-english = (dangosir y Saesneg)
ev-preview =
    <b>Gwiriwch y digwyddiad, os gwelwch yn dda.</b>
    { $kind } · { $area }
    Saesneg: <b>{ $title_en }</b>
    { $description_en }
    Cymraeg: <b>{ $title_cy }</b>
    { $description_cy }
    { $when } 🗓
    { $place } 📍
    Lleoedd: { $capacity } · Cwestiynau: { $questions } · Rownd: { $round }
    Nodiadau atgoffa cyn y dechrau: { $reminders }
ev-create = Creu'r digwyddiad ✅
ev-discard = Taflu ✖
ev-discarded = Wedi'i daflu. Chafodd dim byd ei gadw.
ev-created = Mae'r digwyddiad wedi'i greu. Rhannwch y ddolen neu argraffwch y poster. ✅

## Trefnwyr: /manage
ev-admin-none = Does dim digwyddiadau i ddod. Crëwch un gyda /newevent.
ev-admin-list = Pa ddigwyddiad?
ev-admin-list-cancelled = { $event } · wedi'i ganslo ✖
ev-admin-facts =
    Digwyddiad rhif { $id } · { $kind } · { $area }
    Lleoedd: { $capacity } · Cwestiynau: { $questions } · Rownd: { $round }
    Nodiadau atgoffa: { $reminders }
ev-admin-counts = Wedi cofrestru: { $confirmed } · Wedi cael cynnig lle: { $offered } · Yn aros: { $waiting } · Wedi dod: { $checked } · Gwirfoddolwyr: { $helpers }
ev-admin-link = Dolen: { $link }
ev-admin-edit = Golygu ✏️
ev-admin-regs = Cofrestriadau 👥
ev-admin-export = Allforio CSV 📄
ev-admin-poster = Poster i'w argraffu 🖨
ev-admin-checkin = Cofnodi presenoldeb 🚪
ev-admin-roles = Rolau gwirfoddoli 🙋
ev-admin-helpers = Gwirfoddolwyr 🙋
ev-admin-message = Neges i'r gwirfoddolwyr 📣
ev-admin-cancel = Canslo'r digwyddiad ✖
ev-edit-which = Beth hoffech chi ei newid?
ev-field-title-en = Teitl (Saesneg)
ev-field-title-cy = Teitl (Cymraeg)
ev-field-description-en = Disgrifiad (Saesneg)
ev-field-description-cy = Disgrifiad (Cymraeg)
ev-field-area = Ardal
ev-field-venue = Lleoliad
ev-field-address = Cyfeiriad
ev-field-starts = Dechrau (symud y digwyddiad)
ev-field-ends = Diwedd
ev-field-capacity = Lleoedd
ev-field-reminders = Nodiadau atgoffa
ev-field-arrive = Amser cyrraedd gwirfoddolwyr
ev-field-questions = Cwestiynau
ev-edited = { $told ->
    [0] Wedi'i gadw.
    [one] Wedi'i gadw. Bydd 1 person yn cael gwybod am y newid.
    [two] Wedi'i gadw. Bydd { $told } berson yn cael gwybod am y newid.
    [few] Wedi'i gadw. Bydd { $told } pherson yn cael gwybod am y newid.
    [many] Wedi'i gadw. Bydd { $told } pherson yn cael gwybod am y newid.
   *[other] Wedi'i gadw. Bydd { $told } o bobl yn cael gwybod am y newid.
}
ev-admin-cancel-ask =
    Canslo'r digwyddiad hwn? { $people ->
        [0] Does neb wedi cofrestru eto.
        [one] Mae 1 person wedi cofrestru neu'n aros, a bydd yn cael gwybod.
        [two] Mae { $people } berson wedi cofrestru neu'n aros, a byddan nhw'n cael gwybod.
        [few] Mae { $people } pherson wedi cofrestru neu'n aros, a byddan nhw'n cael gwybod.
        [many] Mae { $people } pherson wedi cofrestru neu'n aros, a byddan nhw'n cael gwybod.
       *[other] Mae { $people } o bobl wedi cofrestru neu'n aros, a byddan nhw'n cael gwybod.
    }
    { $summary }
ev-admin-cancel-yes = Ie, canslo'r digwyddiad
ev-admin-cancelled = Mae <b>{ $title }</b> wedi'i ganslo. { $told ->
    [0] Doedd neb i'w hysbysu.
    [one] Mae 1 person yn cael gwybod.
    [two] Mae { $told } berson yn cael gwybod, pob un yn ei iaith ei hun.
    [few] Mae { $told } pherson yn cael gwybod, pob un yn ei iaith ei hun.
    [many] Mae { $told } pherson yn cael gwybod, pob un yn ei iaith ei hun.
   *[other] Mae { $told } o bobl yn cael gwybod, pob un yn ei iaith ei hun.
}
ev-admin-no-regs = Does neb wedi cofrestru eto.
ev-admin-more = …a { $count } arall: allforiwch y CSV i weld pawb.
ev-status-confirmed = wedi cofrestru
ev-status-waiting = yn aros
ev-status-offered = wedi cael cynnig lle
ev-status-cancelled = wedi canslo
ev-status-checked = wedi dod ✅
ev-status-walk-in = heb gofrestru ymlaen llaw
ev-needs = anghenion: { $needs }
ev-admin-export-caption = Cofrestriadau ar gyfer { $title }.
ev-csv-columns = cod,statws,enw_cyntaf,anghenion_mynediad,heb_gofrestru_ymlaen_llaw,cofrestrwyd,wedi_dod
ev-poster-scan = Sganiwch i gofrestru
ev-poster-caption = Yn barod i'w argraffu (A4). Mae'r cod QR yn agor y bot ar y digwyddiad hwn: { $link }
ev-admin-roles-title = Rolau gwirfoddoli ar gyfer <b>{ $title }</b> (Saesneg / Cymraeg):
ev-admin-no-roles = Dim eto. Ychwanegwch rolau fel desg groeso, croesawu wrth fwrdd neu gyfrif pleidleisiau.
ev-admin-add-role = Ychwanegu rôl ➕
ev-ask-role-en = Enw'r rôl yn Saesneg (er enghraifft Welcome desk)?
ev-ask-role-cy = Ac yn Gymraeg (er enghraifft Desg groeso)?
ev-admin-helpers-title = Gwirfoddolwyr ar gyfer <b>{ $title }</b>:
ev-admin-no-helpers = Does neb wedi cynnig eto.
ev-admin-helper-line = • { $name }, { $role }{ $confirmed ->
    [yes] {" "}✅ wedi'i gadarnhau
   *[other] {" "}(yn aros i chi gadarnhau)
}
ev-admin-confirm-helper = Cadarnhau { $name } ({ $role }) ✅
ev-admin-no-confirmed-helpers = Does dim gwirfoddolwyr wedi'u cadarnhau i anfon neges atyn nhw eto.
ev-ask-helper-message = Teipiwch y neges i'r { $people ->
    [one] gwirfoddolwr sydd wedi'i gadarnhau
   *[other] gwirfoddolwyr sydd wedi'u cadarnhau ({ $people })
}. Mae'n cael ei hanfon fel rydych chi'n ei hysgrifennu, o dan linell sy'n dweud pa ddigwyddiad yw e.
ev-admin-helpers-messaged = { $people ->
    [one] Yn anfon at 1 gwirfoddolwr.
   *[other] Yn anfon at y gwirfoddolwyr ({ $people }).
}
ev-too-long = Mae hynna'n { $length } nod; cadwch e o dan { $limit }, os gwelwch yn dda.

## Trefnwyr: cofnodi presenoldeb wrth y drws
ev-checkin-which = Cofnodi presenoldeb ar gyfer pa ddigwyddiad?
ev-checkin-start =
    <b>Presenoldeb: { $title }</b> 🚪
    Teipiwch neu sganiwch god pob person. { $checked } o { $expected } wedi dod hyd yma.
ev-checkin-walkin = Heb gofrestru ➕
ev-checkin-finish = Gorffen ⏹
ev-checkin-bad-code = Dydy hwnna ddim yn edrych fel cod (6 llythyren a rhif). Rhowch gynnig arall arni.
ev-checked-in = { $code } wedi dod. { $checked } yma hyd yma. ✅
ev-checkin-already = Roedd { $code } wedi'i gofnodi'n barod am { $at }.
ev-checkin-cancelled = Mae { $code } wedi canslo'r lle. Cofrestrwch y person fel rhywun heb gofrestru os oes lle.
ev-checkin-unknown = Does dim cofrestriad ar gyfer y digwyddiad hwn gyda'r cod { $code }.
ev-walkin-name = Enw cyntaf y person? (Neu Hepgor.)
ev-walkin-done = Wedi cofrestru a chofnodi: cod { $code }. { $checked } yma hyd yma. ✅
ev-checkin-finished = Wedi gorffen cofnodi presenoldeb ar gyfer <b>{ $title }</b>: daeth { $checked }.
