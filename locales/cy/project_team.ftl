## Grŵp prosiect wedi'i ariannu (handlers/project_team.py) ac amserlen diweddariadau rownd (handlers/project_schedule.py)
pg-stale = Mae'r botwm yna wedi dyddio. Agorwch Fy mhethau i weld eich prosiectau.
pg-link-stale = Mae'r ddolen hon wedi dyddio: mae wedi cael ei defnyddio'n barod, neu mae'n hŷn nag wythnos. Gofynnwch am un newydd gan y person a'i hanfonodd, os gwelwch yn dda.
pg-already = Rydych chi yn y grŵp ar gyfer <b>{ $name }</b> yn barod. Mae o dan Fy mhethau.
pg-ask-join =
    Ymuno â'r grŵp ar gyfer <b>{ $name }</b>?
    Byddwch chi'n gallu anfon diweddariadau am y prosiect, a bydda i'n gofyn i chi amdanyn nhw o bryd i'w gilydd. Mae diweddariadau'n gyhoeddus i bobl sy'n dilyn y prosiectau.
pg-join-button = Ie, ymuno â'r grŵp ✅
pg-no-button = Na, dim nawr
pg-joined = Rydych chi yn y grŵp ar gyfer <b>{ $name }</b> nawr ✅ Bydda i'n gofyn i chi am ddiweddariadau. Mae'r prosiect o dan Fy mhethau.
pg-not-now = Iawn. Does dim byd wedi newid.
pg-full = Mae'r grŵp ar gyfer <b>{ $name }</b> yn llawn. Gofynnwch i'r person a anfonodd y ddolen, os gwelwch yn dda.
pg-title = <b>Y grŵp ar gyfer { $name }</b> 👥
pg-owner = • Y person a anfonodd y cais
pg-owner-you = • Chi (chi anfonodd y cais)
pg-owner-handed = • Y person sy'n gofalu am y prosiect
pg-owner-handed-you = • Chi (chi sy'n gofalu am y prosiect)
pg-member = • { $name }
pg-member-you = • { $name } (chi)
pg-no-members = Neb arall eto.
pg-no-name = (dim enw)
pg-explain-owner = Gall pawb yn y grŵp anfon diweddariadau, ac maen nhw i gyd yn cael y ceisiadau amdanyn nhw. I ychwanegu rhywun, gwnewch ddolen a'i hanfon atyn nhw: mae'n gweithio unwaith, am wythnos.
pg-explain-member = Gall pawb yn y grŵp anfon diweddariadau, ac maen nhw i gyd yn cael y ceisiadau amdanyn nhw.
pg-invite-button = Gwneud dolen i wahodd rhywun 🔗
pg-remove-button = Tynnu allan o'r grŵp: { $name } ❌
pg-leave-button = Gadael y grŵp 🚪
pg-too-many-links = Rydych chi wedi gwneud sawl dolen nad oes neb wedi'u defnyddio eto. Mae pob un yn gweithio am wythnos. Arhoswch nes bod un wedi'i defnyddio, yna gwnewch un arall, os gwelwch yn dda.
pg-link =
    Anfonwch y ddolen hon at y person rydych chi eisiau yn y grŵp ar gyfer <b>{ $name }</b>. Mae'n gweithio unwaith, am wythnos:
    { $link }
    Gall unrhyw un sy'n ei hagor ymuno, felly anfonwch hi atyn nhw yn unig.
pg-ask-remove = Tynnu'r person hwn allan o'r grŵp ar gyfer <b>{ $name }</b>: { $person }? Bydda i'n stopio gofyn iddyn nhw am ddiweddariadau.
pg-remove-yes = Ie, tynnu allan
pg-removed = Iawn. Dydy'r person hwn ddim yn y grŵp mwyach: { $person }.
pg-ask-leave = Gadael y grŵp ar gyfer <b>{ $name }</b>? Bydda i'n stopio gofyn i chi am ddiweddariadau arno.
pg-leave-yes = Ie, gadael y grŵp
pg-left = Iawn. Rydych chi wedi gadael y grŵp ar gyfer <b>{ $name }</b>.
pg-mine-title = <b>Eich prosiectau</b> 🏗️
pg-mine-update = Anfon diweddariad: { $name } ✏️
pg-mine-group = Y grŵp: { $name } 👥

pj-schedule = Gofyn am ddiweddariad (dyddiau ar ôl y canlyniadau): { $days }
sc-line = Gofyn am ddiweddariad (dyddiau ar ôl y canlyniadau): { $days }
sc-button = Newid pryd mae grwpiau'n cael cais: rownd { $id } 🗓️
sc-stale = Mae'r botwm yna wedi dyddio. Anfonwch /rounds i weld y diweddaraf.
sc-ask =
    <b>{ $round }</b>
    Mae pob grŵp sydd wedi cael arian yn cael cais am ddiweddariad ar y dyddiau hyn ar ôl y canlyniadau: { $days }. Y cais olaf yw "ydy'ch prosiect wedi gorffen?".
    Anfonwch y dyddiau rydych chi eisiau, fel 30, 90, 365: dim mwy na { $most } ohonyn nhw, pob un yn fwy na'r un cynt. Mae 30 diwrnod tua mis. Mae ceisiadau sydd wedi'u hanfon yn barod yn aros fel roedden nhw.
sc-standard-button = Defnyddio'r dyddiau arferol ({ $days })
sc-bad = Doeddwn i ddim yn gallu defnyddio hynny. Anfonwch ddyddiau fel 30, 90, 180, os gwelwch yn dda: dim mwy na { $most } ohonyn nhw, pob un yn fwy na'r un cynt, pob un rhwng 1 a { $longest }.
sc-gone = Does dim modd cadw hynny: mae'r rownd wedi mynd. Anfonwch /rounds i weld y rowndiau.
sc-saved = Wedi'i gadw ✅ <b>{ $round }</b>: bydd grwpiau'n cael cais am ddiweddariad ar y dyddiau hyn ar ôl y canlyniadau: { $days }.
sc-saved-projects = Mae ceisiadau sydd heb eu hanfon eto'n symud i'r dyddiau newydd. Mae ceisiadau sydd wedi'u hanfon yn barod yn aros fel roedden nhw.
pg-told-joined = Mae rhywun wedi ymuno â'r grŵp ar gyfer <b>{ $name }</b> gyda'ch dolen 👥 Gallwch chi weld pwy o dan Fy mhethau.
pg-told-removed = Dydych chi ddim yn y grŵp ar gyfer <b>{ $name }</b> mwyach, felly bydda i'n stopio gofyn i chi am ei ddiweddariadau.
pg-told-left = Mae rhywun wedi gadael y grŵp ar gyfer <b>{ $name }</b> 👥 Gallwch chi weld pwy sydd ynddo nawr o dan Fy mhethau.
## Rhoi prosiect i rywun arall (handlers/project_handover.py, trefnwyr)
pgh-no-owner = Does gan y grŵp hwn ddim perchennog nawr: mae'r person a anfonodd y cais wedi gofyn i mi eu hanghofio, felly does neb yn gallu gwahodd pobl newydd. Gallwch chi roi'r prosiect i rywun yn ei grŵp.
pgh-button = Rhoi'r prosiect hwn i: { $person } 🤝
pgh-ask = Rhoi'r prosiect <b>{ $name }</b> i'r person hwn: { $person }? Byddan nhw'n gofalu am ei grŵp, a bydda i'n dweud wrthyn nhw.
pgh-yes = Ie, ei roi ✅
pgh-done = Iawn. Mae'r person hwn yn gofalu am y prosiect <b>{ $name }</b> nawr: { $person }.
pgh-told-owner = Helo! Mae trefnydd wedi gofyn i chi ofalu am y prosiect <b>{ $name }</b> nawr, gan fod y person a anfonodd y cais wedi mynd 👥 Gallwch chi wahodd pobl i'w grŵp, neu dynnu pobl allan, o dan Fy mhethau.
pgh-ask-taken = Rhoi'r prosiect <b>{ $name }</b> i'r person hwn: { $person }? Mae ei berchennog yn dal yn y grŵp: gwnewch hyn dim ond os nad ydyn nhw'n ateb mwyach. Bydd y person hwn yn gofalu am y grŵp. Bydd y perchennog yn aros ynddo ac yn dal i allu anfon diweddariadau. Bydda i'n dweud wrth y ddau.
pgh-done-taken = Iawn. Mae'r person hwn yn gofalu am y prosiect <b>{ $name }</b> nawr: { $person }. Mae'r perchennog blaenorol yn dal yn y grŵp. Rydw i wedi dweud wrth y ddau.
pgh-told-owner-taken = Helo! Mae trefnydd wedi gofyn i chi ofalu am y prosiect <b>{ $name }</b> nawr 👥 Mae'r person oedd yn gofalu amdano yn dal yn ei grŵp. Gallwch chi wahodd pobl i'r grŵp, neu dynnu pobl allan, o dan Fy mhethau.
pgh-told-old-owner = Helo! Mae trefnydd wedi gofyn i rywun arall yn y grŵp ofalu am y prosiect <b>{ $name }</b> o hyn ymlaen 👥 Rydych chi'n dal yn ei grŵp ac yn gallu anfon diweddariadau. Os byddai'n well gennych chi adael y grŵp, gallwch chi wneud hynny o dan Fy mhethau.
pgh-stale = Mae'r cwestiwn yna wedi dyddio: mae'r prosiect neu ei grŵp wedi newid ers hynny. Does dim byd wedi newid. Anfonwch /projects i'w weld fel y mae nawr.
## Y perchennog yn rhoi ei brosiect i rywun arall (handlers/project_pass.py)
pg-owner-button = Gwneud y person hwn yn berchennog: { $name } 👑
pg-ask-owner = Rhoi'r prosiect <b>{ $name }</b> i'r person hwn: { $person }? Byddan nhw'n gofalu am ei grŵp: gwahodd pobl, neu dynnu pobl allan. Byddwch chi'n aros yn y grŵp ac yn dal i allu anfon diweddariadau. Bydda i'n dweud wrthyn nhw.
pg-owner-done = Iawn. Mae'r person hwn yn gofalu am y prosiect <b>{ $name }</b> nawr: { $person }. Rydych chi'n dal yn ei grŵp, ac rydw i wedi dweud wrthyn nhw.
pg-told-owner-passed = Helo! Mae'r person oedd yn gofalu am y prosiect <b>{ $name }</b> wedi gofyn i chi ofalu amdano nawr 👥 Gallwch chi wahodd pobl i'w grŵp, neu dynnu pobl allan, o dan Fy mhethau.
pg-bidder-name = Y person a anfonodd y cais
## Dolen ar gyfer lle gwag perchennog prosiect (trefnwyr: handlers/project_handover.py; pwy bynnag sy'n ei hagor: handlers/project_claim.py)
pgo-no-owner = Does neb yn gofalu am y prosiect hwn nawr. Does neb arall yn ei grŵp, felly does neb yn gallu anfon diweddariadau. Gallwch chi wneud dolen i rywun newydd ofalu amdano.
pgo-button = Gwneud dolen i berchennog newydd 🔗
pgo-link =
    Anfonwch y ddolen hon at y person fydd yn gofalu am y prosiect <b>{ $name }</b>. Mae'n gweithio unwaith, am wythnos:
    { $link }
    Y person cyntaf sy'n ei hagor ac yn dweud ie fydd yn gofalu am y prosiect, felly anfonwch hi atyn nhw yn unig. Bydda i'n dweud wrthych chi pan fyddan nhw'n gwneud hynny.
pgo-too-many-links = Mae sawl dolen ar gyfer y prosiect hwn nad oes neb wedi'u defnyddio eto. Mae pob un yn gweithio am wythnos. Anfonwch un o'r rheini, neu arhoswch nes iddyn nhw ddod i ben, os gwelwch yn dda.
pgo-ask =
    Gofalu am y prosiect <b>{ $name }</b> ar ran ei grŵp?
    Byddwch chi'n gallu anfon diweddariadau am y prosiect a gwahodd pobl i'w grŵp. Bydda i'n gofyn i chi am ddiweddariadau o bryd i'w gilydd. Mae diweddariadau'n gyhoeddus i bobl sy'n dilyn y prosiectau.
pgo-ask-owner-stays =
    Gofalu am y prosiect <b>{ $name }</b> ar ran ei grŵp?
    Byddwch chi'n gallu anfon diweddariadau am y prosiect a gwahodd pobl i'w grŵp. Bydda i'n gofyn i chi am ddiweddariadau o bryd i'w gilydd. Mae diweddariadau'n gyhoeddus i bobl sy'n dilyn y prosiectau.
    Bydd y person sy'n gofalu amdano nawr yn aros yn ei grŵp ac yn dal i allu anfon diweddariadau. Bydda i'n dweud wrthyn nhw.
pgo-ask-member =
    Rydych chi yn y grŵp ar gyfer <b>{ $name }</b> yn barod. Hoffech chi ofalu am y prosiect hefyd?
    Wedyn gallwch chi wahodd pobl i'w grŵp, yn ogystal ag anfon diweddariadau.
pgo-yes = Ie, bydda i'n gofalu amdano ✅
pgo-done = Diolch! Rydych chi'n gofalu am y prosiect <b>{ $name }</b> nawr ✅ Gallwch chi anfon diweddariadau, a gwahodd pobl i'w grŵp gyda dolen. Bydda i'n gofyn i chi am ddiweddariadau o bryd i'w gilydd. Mae o dan Fy mhethau.
pgo-stale = Mae'r ddolen hon wedi dyddio: mae rhywun yn gofalu am y prosiect yn barod, neu mae'r ddolen wedi cael ei defnyddio, neu mae'n hŷn nag wythnos. Does dim byd wedi newid. Gofynnwch i drefnydd am ddolen newydd os oes angen un arnoch chi.
pgo-told-maker = Mae rhywun wedi defnyddio'ch dolen ac yn gofalu am y prosiect <b>{ $name }</b> nawr 👥
pgo-ask-held = Gwneud dolen i berchennog newydd y prosiect <b>{ $name }</b>? Mae ei berchennog yn dal yn y grŵp: gwnewch hyn dim ond os nad ydyn nhw'n ateb mwyach. Bydd y person sy'n agor y ddolen ac yn dweud ie yn gofalu am y grŵp. Bydd y perchennog yn aros ynddo ac yn dal i allu anfon diweddariadau. Os bydd y perchennog yn anfon diweddariad yn gyntaf, bydd y ddolen yn stopio gweithio. Bydda i'n dweud wrth y perchennog nawr, ac eto os bydd rhywun yn cymryd y lle.
pgo-yes-make = Ie, gwneud dolen ✅
pgo-told-owner = Helo! Mae trefnydd yn meddwl efallai nad ydych chi'n gofalu am y prosiect <b>{ $name }</b> nawr. Felly maen nhw wedi gwneud dolen i rywun newydd ofalu amdano. Os ydych chi'n dal i ofalu amdano, anfonwch ddiweddariad, os gwelwch yn dda: wedyn byddwch chi'n cadw'ch lle, a bydd y ddolen yn stopio gweithio ✏️ Byddwch chi'n aros yng ngrŵp y prosiect beth bynnag.
pgo-told-old-owner = Helo! Mae trefnydd wedi rhoi perchennog newydd i'r prosiect <b>{ $name }</b> 👥 Rydych chi'n dal yn ei grŵp ac yn dal i allu anfon diweddariadau. Os byddai'n well gennych chi adael y grŵp, gallwch chi wneud hynny o dan Fy mhethau.
