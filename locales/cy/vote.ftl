## Pleidleisio (trigolion)
vote-no-round = Does dim pleidlais ar agor ar hyn o bryd. Byddwn yn rhoi gwybod i bawb pan fydd y bleidlais yn dechrau.
vote-pick-round = Ym mha bleidlais hoffech chi gymryd rhan?
vote-closed = Mae'r bleidlais wedi cau.
vote-stale = Mae'r botwm hwn yn hen. Tapiwch Pleidleisio yn y ddewislen i ddechrau eto.
vote-tick-yes = Ie ✓
vote-tick-no = Na
vote-back = Yn ôl ◀
vote-confirm = Cadarnhau fy mhleidlais ✅
vote-start-again = Dechrau eto
vote-card =
    Cais { $n } o { $total }
    <b>{ $title }</b>
    { $group } · { $amount }

    { $summary }

    { $how }
vote-how-score = Rhowch sgôr i'r cais hwn o 1 (isel) i 5 (uchel).
vote-how-approval = Hoffech chi i'r cais hwn gael ei ariannu?
vote-how-top_n = Hoffech chi i'r cais hwn gael ei ariannu? Gallwch ddewis hyd at { $n }.
vote-how-tokens = Faint o docynnau ydych chi'n eu rhoi i'r cais hwn? Mae gennych chi { $tokens } i gyd.
vote-how-knapsack = Hoffech chi i'r cais hwn gael ei ariannu? Rhaid i'ch dewisiadau ffitio yn y gronfa.
vote-review =
    <b>Eich pleidlais</b>
    { $lines }

    I newid ateb, tapiwch y cais isod. Pan fydd yn iawn, tapiwch Cadarnhau.
vote-running-total = Eich dewisiadau: { $total } o { $pot }
vote-nothing-to-vote-on = Does dim ceisiadau y gallwch bleidleisio arnyn nhw yn y rownd hon.
vote-refused =
    Dydy eich pleidlais ddim wedi'i chofnodi:
    { $problems }
vote-receipt = Mae eich pleidlais i mewn. Derbynneb: <b>{ $receipt }</b>
vote-changed = Mae eich pleidlais wedi newid. Derbynneb: <b>{ $receipt }</b>
vote-problem-voting-closed = Mae'r bleidlais wedi cau.
vote-problem-already-voted = Rydych chi wedi pleidleisio yn y rownd hon yn barod, a does dim modd newid pleidleisiau.
vote-problem-unknown-bid = Dydy un o'r ceisiadau ddim yn y bleidlais hon mwyach.
vote-problem-own-bid = Allwch chi ddim pleidleisio dros gais eich grŵp eich hun.
vote-problem-duplicate-bid = Cafodd yr un cais ei ddewis ddwywaith.
vote-problem-score-not-integer = Rhaid i sgôr fod yn rhif cyfan.
vote-problem-score-out-of-range = Mae sgoriau'n mynd o 1 i 5.
vote-problem-missing-score = Rhowch sgôr i bob cais, os gwelwch yn dda.
vote-problem-too-many = Rydych chi wedi dewis mwy o geisiadau nag a ganiateir.
vote-problem-tokens-not-integer = Rhaid i docynnau fod yn rhifau cyfan.
vote-problem-tokens-out-of-range = Mae hynny'n ormod o docynnau ar un cais.
vote-problem-tokens-total = Dydy eich tocynnau ddim yn adio i'r nifer sydd gennych chi.
vote-problem-over-pot = Mae eich dewisiadau'n costio mwy na'r gronfa.

## Pleidleisio (trefnwyr)
va-no-round = Does dim rownd yn barod i bleidleisio. Caewch rownd i geisiadau yn gyntaf (/rounds).
va-round =
    <b>{ $round }</b>
    Statws: { $status }
    Pleidleisiau hyd yma: { $ballots }
va-status-closed = ceisiadau wedi cau, pleidleisio heb agor eto
va-status-voting = mae pleidleisio ar agor
va-status-counting = mae'r bleidlais wedi cau, canlyniadau heb eu cyhoeddi eto
va-open = Agor pleidleisio ▶
va-turnout = Nifer y pleidleisiau 🔄
va-publish = Cau pleidleisio a chyhoeddi'r canlyniadau 📣
va-close = Cau'r bleidlais (mae modd teipio taflenni papur o hyd) ⏹
va-closed = Mae'r bleidlais wedi cau. Teipiwch unrhyw daflenni papur, yna cyhoeddwch.
va-publish-counted = Cyhoeddi'r canlyniadau 📣
va-auto-opened = Mae'r bleidlais ar gyfer <b>{ $round }</b> wedi agor, fel y bwriadwyd. Gwyliwch faint sydd wedi pleidleisio gyda /voting. 🗳
va-auto-closed = Mae'r bleidlais ar gyfer <b>{ $round }</b> wedi cau, fel y bwriadwyd. Teipiwch unrhyw daflenni papur, yna cyhoeddwch y canlyniadau gyda /voting. 🗳
va-opened = Mae pleidleisio ar agor.
va-moved-on = Mae'r rownd hon wedi symud ymlaen ers hynny; does dim byd wedi newid. Anfonwch /voting eto.
va-note-funded = Newyddion da: bydd eich cais “{ $title }” yn y rownd { $round } yn cael ei ariannu.
va-note-not-funded = Chafodd eich cais “{ $title }” yn y rownd { $round } mo'i ariannu y tro hwn. Diolch am gymryd rhan.
va-note-results = Mae canlyniadau { $round } wedi'u cyhoeddi. Diolch am bleidleisio.

## Pwy sy'n cael pleidleisio, codau pleidleisio, grŵp oedran (trigolion)
vote-ask-area = Mae { $round } ar gyfer pobl sy'n byw yn ei ardaloedd. Ym mha ardal ydych chi'n byw?
vote-area-none = Dydw i ddim yn byw yn un o'r rhain
vote-not-eligible-checked_in = Mae'r bleidlais hon ar gyfer pobl sydd yn y digwyddiad pleidleisio ar gyfer { $round }. Pan fyddwch chi'n cyrraedd, dangoswch eich cod drws wrth y ddesg groeso i gofrestru, yna tapiwch Pleidleisio eto. Os na allwch chi fod yno, efallai y gall trefnydd roi cerdyn pleidleisio i chi.
vote-not-eligible-area = Mae'r bleidlais hon ar gyfer pobl sy'n byw yn yr ardaloedd hyn: { $areas }. Os ydych chi'n byw yn rhywle arall, diolch am eich diddordeb! Os na allwch chi bleidleisio ar-lein, efallai y gall trefnydd roi cerdyn pleidleisio i chi.
vote-not-eligible-both = Mae'r bleidlais hon ar gyfer pobl sy'n byw yn yr ardaloedd hyn: { $areas }; neu sy'n cofrestru yn y digwyddiad pleidleisio ar gyfer { $round }. Yn y digwyddiad, dangoswch eich cod drws wrth y ddesg groeso, yna tapiwch Pleidleisio eto. Efallai y gall trefnydd roi cerdyn pleidleisio i chi hefyd.
vote-ask-age = Cyn i chi bleidleisio: ym mha grŵp oedran ydych chi? Rydyn ni'n cadw hyn fel rhif dienw gyda'ch pleidlais yn unig, i weld pwy gymerodd ran.
vote-age-under-13 = Dan 13
vote-age-from-13 = 13–15 oed
vote-age-from-16 = 16–17 oed
vote-age-from-18 = 18–24 oed
vote-age-from-25 = 25–64 oed
vote-age-from-65 = 65 neu hŷn
vote-age-too-young = Diolch am fod eisiau dweud eich dweud! Dydy pobl dan 13 oed ddim yn gallu pleidleisio yma eu hunain. Gall rhiant neu ofalwr gymryd rhan ar eich rhan: gofynnwch i un ohonyn nhw eich helpu chi.
vote-already-final = Rydych chi wedi pleidleisio yn y rownd hon yn barod. Diolch! Yn y rownd hon, does dim modd newid pleidlais ar ôl ei chadarnhau. Eich derbynneb: <b>{ $receipt }</b>
vote-score-all-left = { $left ->
    [zero] Mae pob cais wedi cael sgôr.
    [one] Rhowch sgôr i bob cais cyn cadarnhau: mae un cais heb sgôr eto.
    [two] Rhowch sgôr i bob cais cyn cadarnhau: mae dau gais heb sgôr eto.
    [few] Rhowch sgôr i bob cais cyn cadarnhau: mae tri chais heb sgôr eto.
    [many] Rhowch sgôr i bob cais cyn cadarnhau: mae chwe chais heb sgôr eto.
   *[other] Rhowch sgôr i bob cais cyn cadarnhau: mae { $left } o geisiadau heb sgôr eto.
}
vote-score-the-rest = Rhoi sgôr i'r ceisiadau sydd ar ôl ✏️
vote-now = Pleidleisio nawr 🗳
vote-code-how = Anfonwch y cod o'ch cerdyn pleidleisio fel hyn: /code 7KQ9X-4MRTA (neu sganiwch y cod QR ar y cerdyn).
vote-code-accepted = Mae eich cerdyn pleidleisio wedi'i dderbyn: gallwch bleidleisio yn y rownd { $round }. Tapiwch isod i ddechrau.
vote-code-kept = Mae eich cerdyn pleidleisio wedi'i gadw ar gyfer { $round }. Dydy'r bleidlais ddim wedi dechrau eto: tapiwch Pleidleisio yn y ddewislen pan fydd hi'n agor.
vote-code-used = Mae'r cerdyn pleidleisio hwn wedi'i ddefnyddio'n barod. Mae pob cerdyn yn rhoi un bleidlais, i'r person cyntaf sy'n ei ddefnyddio. Os cawsoch chi'r cerdyn hwn, siaradwch â threfnydd, os gwelwch yn dda.
vote-code-has_one = Mae gennych chi gerdyn pleidleisio ar gyfer y rownd hon yn barod, felly does dim angen un arall arnoch chi. Rhowch hwn yn ôl i drefnydd er mwyn i rywun arall ei ddefnyddio.
vote-code-voted = Rydych chi wedi pleidleisio yn y rownd hon yn barod, felly does dim angen cerdyn pleidleisio arnoch chi. Rhowch hwn yn ôl i drefnydd er mwyn i rywun arall ei ddefnyddio.
vote-code-unknown = Dydyn ni ddim yn adnabod y cod pleidleisio hwn. Gwiriwch ef yn erbyn eich cerdyn, neu gofynnwch i drefnydd am help.
