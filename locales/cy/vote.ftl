## Pleidleisio (trigolion)
vote-no-round = Does dim pleidlais ar agor ar hyn o bryd. Byddwn yn rhoi gwybod i bawb pan fydd y bleidlais yn dechrau.
vote-pick-round = Ym mha bleidlais hoffech chi gymryd rhan?
vote-closed = Mae'r bleidlais wedi cau.
vote-stale = Mae'r botwm hwn yn hen. Tapiwch Pleidleisio yn y ddewislen i ddechrau eto.
vote-tick-yes = ✓ Ie
vote-tick-no = Na
vote-back = ◀ Yn ôl
vote-confirm = ✅ Cadarnhau fy mhleidlais
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
vote-how-tokens = Faint o'ch { $tokens } tocyn ydych chi'n eu rhoi i'r cais hwn?
vote-how-knapsack = Hoffech chi i'r cais hwn gael ei ariannu? Rhaid i'ch dewisiadau ffitio yn y gronfa.
vote-review =
    <b>Eich pleidlais</b>
    { $lines }

    Gwiriwch hi, yna tapiwch Cadarnhau.
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
va-open = ▶ Agor pleidleisio
va-turnout = 🔄 Nifer y pleidleisiau
va-publish = 📣 Cau pleidleisio a chyhoeddi'r canlyniadau
va-opened = Mae pleidleisio ar agor.
va-moved-on = Mae'r rownd hon wedi symud ymlaen ers hynny; does dim byd wedi newid. Anfonwch /voting eto.
va-results-title = <b>Canlyniadau: { $round }</b>
va-results-area =
    <b>{ $area }</b>
    { $funded }
    Arian ar ôl: { $left }
va-results-rule = Rheol: { $rule }.
va-tie-break = Mae ceisiadau sydd â'r un gefnogaeth yn cael eu rhestru â'r rhataf yn gyntaf; mae ceisiadau sydd hefyd yn costio'r un faint yn cael eu rhestru yn ôl eu cyfeirnod mewn trefn naturiol (9 cyn 10).
va-note-funded = Newyddion da: bydd eich cais “{ $title }” yn { $round } yn cael ei ariannu.
va-note-not-funded = Chafodd eich cais “{ $title }” yn { $round } mo'i ariannu y tro hwn. Diolch am gymryd rhan.
va-note-results = Mae canlyniadau { $round } wedi'u cyhoeddi. Diolch am bleidleisio.
