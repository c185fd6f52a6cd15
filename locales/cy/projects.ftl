## Ar ôl y bleidlais: prosiectau wedi'u hariannu, diweddariadau'r grwpiau, a dilynwyr (handlers/projects.py)
cmd-projects = Beth ariannodd y bleidlais
pj-none = Does dim prosiectau eto. Maen nhw'n dod yma pan fydd canlyniadau pleidlais wedi'u cyhoeddi.
pj-choose-round = Prosiectau pa rownd?
pj-round-title = <b>Prosiectau wedi'u hariannu: { $round }</b> 🏗️
pj-late = yn hwyr gyda diweddariad ⏰
pj-money = Wedi gwario: { $spent } (cyfanswm y grant: { $award })
pj-latest = Y diweddaraf: { $words }
pj-no-update = Dim diweddariad eto.
pj-has-photo = (gyda llun 📷)
pj-has-voice = (gyda neges llais 🎤)
pj-no-words = (dim geiriau)
pj-follow-button = Dywedwch wrtha i sut mae'r prosiectau'n dod yn eu blaen 🔔
pj-unfollow-button = Peidiwch â dweud wrtha i am y prosiectau 🔕
pj-following = Iawn. Unwaith yr wythnos ar y mwyaf, bydda i'n dweud wrthych chi beth mae'r grwpiau'n ei ddweud.
pj-not-following = Iawn. Fydda i ddim yn anfon newyddion am y prosiectau atoch chi mwyach.
pj-stale = Mae'r botwm yna wedi dyddio. Anfonwch /projects i weld y diweddaraf.
pj-status-started = Wedi dechrau
pj-status-on-track = Ar y trywydd iawn
pj-status-delayed = Wedi'i oedi
pj-status-done = Wedi gorffen
pj-status-stopped = Wedi stopio
pj-spent = wedi gwario: { $spent }
pj-organiser-note = nodyn gan y trefnwyr
pj-update-button = Anfon diweddariad ✏️
pj-hide-button = Cuddio diweddariad rhif { $number } 🙈
pj-note-button = Ychwanegu nodyn gan y trefnwyr 📝
pj-back-button = Y prosiectau i gyd ⬅️
pj-group-button = Eich grŵp 👥
pj-media-caption = Diweddariad rhif { $number }
pj-ask-words =
    Diweddariad: <b>{ $name }</b>
    Bydd pobl sy'n dilyn y prosiectau'n ei ddarllen, felly mae'n gyhoeddus. Peidiwch ag ysgrifennu enw neb heb eu caniatâd.
    Anfonwch ychydig eiriau, llun neu neges llais.
pj-ask-permission = Efallai fod pobl yn y llun hwn. Oes gennych chi ganiatâd pawb sydd ynddo i'w rannu?
pj-permission-yes = Oes, mae gen i ganiatâd y bobl yn y llun ✅
pj-permission-no = Nac oes, gadewch y llun allan
pj-photo-dropped = Rydw i wedi gadael y llun allan. Anfonwch ychydig eiriau, llun arall neu neges llais.
pj-need-words = Anfonwch ychydig eiriau, llun neu neges llais, os gwelwch yn dda.
pj-too-long = Mae hynny'n rhy hir. Gwnewch e'n fyrrach a'i anfon eto, os gwelwch yn dda.
pj-ask-spent = Faint ydych chi wedi'i wario hyd yma? Cyfanswm y grant: { $award }. Er enghraifft: £250
pj-skip-button = Hepgor hyn ⏭️
pj-bad-amount = Doeddwn i ddim yn gallu darllen hynny fel swm o arian. Anfonwch e fel £250 neu 1,200, os gwelwch yn dda.
pj-ask-status = Sut mae'r prosiect yn mynd? Tapiwch un i anfon eich diweddariad.
pj-saved = Diolch! Mae'ch diweddariad wedi'i gadw ✅ Bydd pobl sy'n dilyn y prosiectau'n ei weld yn eu newyddion wythnosol.
pj-gone = Does dim modd parhau â'r diweddariad hwn: mae'r prosiect wedi gorffen neu wedi newid. Anfonwch /projects i'w weld.
pj-hidden = Wedi'i guddio. Mae'r diweddariad yn cael ei gadw, ond mae allan o'r dudalen a'r newyddion.
pj-ask-note = Teipiwch eich nodyn. Bydd pawb sy'n edrych ar y prosiect hwn yn ei weld.
pj-note-saved = Mae'ch nodyn wedi'i ychwanegu ✅
pj-digest-title = <b>Sut mae'r prosiectau'n dod yn eu blaen</b> 🏗️
pj-digest-item = <b>{ $name }</b> (rownd: { $round }) — { $status }
pj-digest-more = { $count ->
    [zero] Dim diweddariad arall.
    [one] Ac 1 diweddariad arall.
    [two] A { $count } ddiweddariad arall.
    [few] A { $count } diweddariad arall.
    [many] A { $count } diweddariad arall.
   *[other] A { $count } o ddiweddariadau eraill.
}
pj-digest-end = Anfonwch /projects i'w gweld nhw i gyd. Gallwch chi atal y newyddion hyn yno hefyd.
pj-ask =
    Helo! Cafodd eich prosiect grant o'r bleidlais.
    <b>{ $name }</b> · { $award } · { $round }
    Hoffai'r bobl a bleidleisiodd wybod sut mae'n mynd. Anfonwch ddiweddariad byr, os gwelwch yn dda: ychydig eiriau, llun neu neges llais.
pj-ask-final =
    Helo eto! Ydy'ch prosiect wedi gorffen?
    <b>{ $name }</b> · { $round }
    Anfonwch ddiweddariad olaf, os gwelwch yn dda: beth wnaethoch chi, a faint wnaethoch chi ei wario.
pj-nudge =
    Nodyn bach i'ch atgoffa: byddai trigolion wrth eu bodd yn clywed sut mae'ch prosiect yn mynd.
    <b>{ $name }</b>
    Mae ychydig eiriau'n ddigon.
pj-payments = Wedi'i dalu i'r grŵp: { $paid } · wedi'i roi'n ôl: { $returned }
pj-pay-button = Cofnodi arian wedi'i dalu 💷
pj-return-button = Cofnodi arian wedi'i roi'n ôl ↩️
pj-ask-paid = Faint gafodd ei dalu i'r grŵp? Prosiect: <b>{ $name }</b>. Er enghraifft: £500
pj-ask-returned = Faint roddodd y grŵp yn ôl? Prosiect: <b>{ $name }</b>. Er enghraifft: £50
pj-paid-saved = Wedi'i gofnodi: { $amount } wedi'i dalu i'r grŵp ✅
pj-returned-saved = Wedi'i gofnodi: { $amount } wedi'i roi'n ôl gan y grŵp ✅
pj-pay-bad-amount = Rhaid i'r swm fod yn fwy na £0. Anfonwch e eto, os gwelwch yn dda.
pj-pay-more-than-paid = Mae hynny'n fwy na'r hyn gafodd y grŵp ei dalu. Gwiriwch y swm a'i anfon eto, os gwelwch yn dda.
pj-newest = { $count ->
    [zero] Dim diweddariadau.
    [one] Y diweddariad diweddaraf.
    [two] Y { $shown } diweddaraf o { $count } ddiweddariad.
    [few] Y { $shown } diweddaraf o { $count } diweddariad.
    [many] Y { $shown } diweddaraf o { $count } diweddariad.
   *[other] Y { $shown } diweddaraf o'r { $count } diweddariad.
}
## The follow offer under a voter's receipt (handlers/project_follow.py)
pjf-offer = Hoffech chi i mi ddweud wrthych chi sut mae'r prosiectau'n dod yn eu blaen? 🔔 Pan fydd y canlyniadau allan, bydda i'n anfon newyddion atoch chi gan y grwpiau gafodd arian, unwaith yr wythnos ar y mwyaf.
pjf-yes-button = Hoffwn, dywedwch wrtha i 🔔
pjf-no-button = Dim diolch
pjf-yes = Iawn 🔔 Pan fydd y canlyniadau allan, bydda i'n dweud wrthych chi sut mae'r prosiectau'n dod yn eu blaen, unwaith yr wythnos ar y mwyaf. Gallwch chi stopio unrhyw bryd: anfonwch /projects.
pjf-no = Iawn. Fydda i ddim yn anfon newyddion am y prosiectau atoch chi. Os byddwch chi'n newid eich meddwl, anfonwch /projects pan fydd y canlyniadau allan.
pjf-stale = Mae'r botwm yna wedi dyddio, felly does dim byd wedi newid.
pjf-waiting = Gofynnoch chi i mi ddweud wrthych chi sut mae prosiectau'r rownd <b>{ $round }</b> yn dod yn eu blaen. Dydy'r canlyniadau ddim allan eto: bydd eich newyddion yn dechrau pan fyddan nhw allan.
## Correcting a recorded payment (handlers/project_money.py, organisers)
pjm-fix-button = Cywiro taliad ✏️
pjm-none = Does dim arian wedi'i gofnodi ar gyfer <b>{ $name }</b> eto, felly does dim byd i'w gywiro.
pjm-choose = Pa gofnod ar gyfer <b>{ $name }</b> sy'n anghywir? Mae'r rhai mwyaf newydd yn gyntaf.
pjm-entry-paid = { $amount } wedi'i dalu i'r grŵp · { $when }
pjm-entry-returned = { $amount } wedi'i roi'n ôl · { $when }
pjm-picked = { $entry }
    Beth hoffech chi ei wneud gyda'r cofnod hwn?
pjm-change-button = Newid y swm ✏️
pjm-remove-button = Dileu 🗑️
pjm-ask-amount = Mae'n dweud { $amount } nawr. Beth yw'r swm cywir? Er enghraifft: £900
pjm-gone = Mae'r cofnod hwn wedi newid neu wedi mynd ers i chi ei ddewis, felly does dim byd wedi newid. Anfonwch /projects i'w weld nawr.
pjm-confirm-change = Newid y cofnod hwn i { $amount }?
    Nawr: { $entry }
    Ar ôl y newid:
pjm-confirm-remove = Dileu'r cofnod hwn?
    { $entry }
    Ar ôl ei ddileu:
pjm-changed = Wedi'i gywiro ✅ Mae'r cofnod nawr yn dweud y swm newydd: { $amount }.
pjm-removed = Wedi'i ddileu ✅
pjm-returned-over-paid = Alla i ddim gwneud y newid yna: byddai'r grŵp wedi rhoi { $returned } yn ôl ond dim ond { $paid } wedi'i dalu iddo. All yr arian a ddychwelwyd ddim bod yn fwy na'r arian a dalwyd. Gwiriwch y symiau, os gwelwch yn dda.
