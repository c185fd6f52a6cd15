## Published results
results-title = <b>Canlyniadau: { $round }</b>
results-area =
    <b>{ $area }</b>
    { $funded }
    Arian ar ôl: { $left }
results-turnout = Pleidleisiau: { $total } ({ $chat } yn y sgwrs · { $paper } ar bapur)
results-rule-greedy-skip = Cafodd ceisiadau eu hariannu o'r un â'r mwyaf o gefnogaeth i lawr, tra bod arian ar ôl. Cafodd cais rhy fawr i'r hyn oedd ar ôl ei basio heibio. Cafodd ceisiadau â'r un gefnogaeth eu rhestru â'r rhataf yn gyntaf, wedyn yn ôl cyfeirnod (9 cyn 10).
results-rule-greedy-stop = Cafodd ceisiadau eu hariannu o'r un â'r mwyaf o gefnogaeth i lawr. Stopiodd yr ariannu wrth y cais cyntaf oedd yn rhy fawr i'r arian oedd ar ôl. Cafodd ceisiadau â'r un gefnogaeth eu rhestru â'r rhataf yn gyntaf, wedyn yn ôl cyfeirnod (9 cyn 10).
results-rule-greedy-partial = Cafodd ceisiadau eu hariannu o'r un â'r mwyaf o gefnogaeth i lawr. Cafodd y cais cyntaf oedd yn rhy fawr i'r arian oedd ar ôl gynnig o'r hyn oedd yn weddill. Cafodd ceisiadau â'r un gefnogaeth eu rhestru â'r rhataf yn gyntaf, wedyn yn ôl cyfeirnod (9 cyn 10).
results-rule-mes = Cafodd y gronfa ei rhannu'n gyfartal rhwng y pleidleiswyr. Cafodd pob cais ei ariannu pan allai ei gefnogwyr dalu amdano o'u cyfrannau. Dyma Ddull y Cyfrannau Cyfartal. Cafodd ceisiadau â'r un gefnogaeth eu rhestru â'r rhataf yn gyntaf, wedyn yn ôl cyfeirnod (9 cyn 10).
results-rule-mes-add1 = Cafodd y gronfa ei rhannu'n gyfartal rhwng y pleidleiswyr. Wedyn cafodd y cyfrannau eu codi gam wrth gam, cyhyd â bod y canlyniad yn dal i ffitio yn y gronfa. Cafodd pob cais ei ariannu pan allai ei gefnogwyr dalu amdano o'u cyfrannau. Dyma Ddull y Cyfrannau Cyfartal. Cafodd ceisiadau â'r un gefnogaeth eu rhestru â'r rhataf yn gyntaf, wedyn yn ôl cyfeirnod (9 cyn 10).
results-rule-mes-add1-greedy = Cafodd y gronfa ei rhannu'n gyfartal rhwng y pleidleiswyr. Cafodd pob cais ei ariannu pan allai ei gefnogwyr dalu amdano o'u cyfrannau. Dyma Ddull y Cyfrannau Cyfartal. Wedyn aeth yr arian oedd ar ôl i lawr y rhestr, y mwyaf o gefnogaeth yn gyntaf. Cafodd ceisiadau â'r un gefnogaeth eu rhestru â'r rhataf yn gyntaf, wedyn yn ôl cyfeirnod (9 cyn 10).
results-why-hint = Tapiwch gais i weld pam cafodd neu pam na chafodd ei ariannu.
results-chart-title = Cefnogaeth i bob cais: { $area }
results-chart-funded = wedi'i ariannu
results-chart-not-funded = heb ei ariannu
results-chart-caption = Cefnogaeth i bob cais yn ardal { $area }. Barrau gwyrdd: wedi'u hariannu.
results-pb-button = Ffeil Pabulib (.pb) ⬇
results-pb-caption = { $area }: pob pleidlais, yn ddienw, i'w hailgyfrif gydag unrhyw offeryn Pabulib.
results-none = Does dim canlyniadau wedi'u cyhoeddi eto.
results-see = Gweld y canlyniadau 📊
results-why-button = Pam? { $reference } ❓
results-gone = Dydy'r canlyniadau hyn ddim ar gael. Anfonwch /results i weld y rhai diweddaraf.
results-mine-title = <b>Canlyniadau</b>
results-mine-hint = Mae canlyniadau { $round } wedi'u cyhoeddi. Tapiwch eich cais i weld pam cafodd neu pam na chafodd ei ariannu.

## Why was this bid (not) funded? (from models.tally's reasons)
why-support-score = { $count ->
    [zero] { $n } pwynt
    [one] { $n } pwynt
    [two] { $n } bwynt
    [few] { $n } phwynt
    [many] { $n } phwynt
   *[other] { $n } o bwyntiau
}
why-support-tokens = { $count ->
    [zero] { $n } tocyn
    [one] { $n } tocyn
    [two] { $n } docyn
    [few] { $n } thocyn
    [many] { $n } thocyn
   *[other] { $n } o docynnau
}
why-support-votes = { $count ->
    [zero] { $n } pleidlais
    [one] { $n } bleidlais
    [two] { $n } bleidlais
    [few] { $n } pleidlais
    [many] { $n } phleidlais
   *[other] { $n } o bleidleisiau
}
why-funded = Wedi'i ariannu: roedd yn rhif { $position } yn nhrefn ariannu, gyda { $support } am gost o { $cost }.
why-funded-equal-shares = Wedi'i ariannu drwy gyfrannau cyfartal (rhif { $position }): { $support } am gost o { $cost }, a thalodd dim un cefnogwr fwy na { $most }.
why-funded-completion = Wedi'i ariannu (rhif { $position }) o'r arian adawodd y cyfrannau cyfartal: { $support } am gost o { $cost }.
why-partly-funded = Wedi'i ariannu'n rhannol (rhif { $position }): cafodd gynnig y { $granted } oedd ar ôl yn y gronfa, ac roedd wedi gofyn am { $cost }.
why-no-support = Heb ei ariannu: wnaeth neb ei gefnogi.
why-count-stopped = Heb ei ariannu: stopiodd y cyfrif wrth gais uwch ei safle nad oedd yn ffitio yn yr arian oedd ar ôl.
why-supporters-short = Heb ei ariannu: roedd gan ei gefnogwyr { $left } ar ôl rhyngddyn nhw (dechreuodd pob pleidleisiwr gyda { $share }). Mae'n costio { $cost }.
why-did-not-fit = Heb ei ariannu: dim ond { $pot } oedd ar ôl yn y gronfa ar ôl y ceisiadau uwch ei safle, ac mae'n costio { $cost }.
why-did-not-fit-after-shares = Heb ei ariannu: roedd gan ei gefnogwyr { $left } ar ôl rhyngddyn nhw (dechreuodd pob pleidleisiwr gyda { $share }). Mae'n costio { $cost }. Wedyn dim ond { $pot } oedd ar ôl yn y gronfa.

## Pa mor agos y daeth cais heb ei ariannu (bot/why_not_text.py)
why-needed-voters = { $kind ->
    [score] Byddai wedi cael ei ariannu pe bai rhagor o bleidleiswyr wedi rhoi { $top } pwynt iddo. Faint yn rhagor: { $voters }.
    [tokens] Byddai wedi cael ei ariannu pe bai rhagor o bleidleiswyr wedi rhoi eu tocynnau i gyd iddo ({ $top } yr un). Faint yn rhagor: { $voters }.
   *[tick] Byddai wedi cael ei ariannu gyda rhagor o bleidleisiau drosto. Faint yn rhagor: { $voters }.
}
why-needed-cheaper = Neu byddai wedi cael ei ariannu pe bai wedi costio dim mwy na { $most } ({ $less } yn llai na'r hyn y gofynnodd amdano).
why-never-fits = Mae'n costio mwy na'r gronfa gyfan ({ $pot }), felly ni allai unrhyw gefnogaeth ei ariannu.
