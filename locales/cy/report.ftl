## Programme report (/report)
report-title = <b>Adroddiad y rhaglen</b> 📊
report-line = Caffis y Byd: { $cafes } (pobl: { $cafe_people }) · Gwirfoddolwyr: { $volunteers } · Digwyddiadau PB: { $vote_events } (pobl: { $vote_people }) · Ceisiadau: { $bids } (yn gofyn am { $asked }) · Pleidleiswyr: { $voters } · Prosiectau wedi'u hariannu: { $funded } ({ $awarded })
report-total = Cyfanswm
report-md-title = Adroddiad y rhaglen
report-md-generated = Wedi'i wneud ar { $when }. Caffi'r Byd a digwyddiadau PB: digwyddiadau a gynhaliwyd, pobl a gofrestrodd wrth y drws. Ceisiadau: wedi'u hanfon a heb eu tynnu'n ôl. Wedi'u hariannu: canlyniadau wedi'u cyhoeddi, ar y swm y gofynnwyd amdano.
report-col-area = Ardal
report-col-cafes = Caffi'r Byd
report-col-cafe-people = Pobl yng Nghaffi'r Byd
report-col-volunteers = Gwirfoddolwyr
report-col-events = Digwyddiadau PB
report-col-event-people = Pobl mewn digwyddiadau PB
report-col-bids = Ceisiadau
report-col-asked = Arian y gofynnwyd amdano
report-col-voters = Pleidleiswyr
report-col-funded = Prosiectau wedi'u hariannu
report-col-awarded = Arian a ddyfarnwyd
report-files = Yr un ffigurau fel ffeiliau Markdown a CSV:
report-facts =
    Caffis y Byd a gynhaliwyd: { $cafes }
    Pobl yng Nghaffis y Byd: { $cafe_people }
    Gwirfoddolwyr: { $volunteers }
    Digwyddiadau PB a gynhaliwyd: { $vote_events }
    Pobl mewn digwyddiadau PB: { $vote_people }
    Ceisiadau a ddaeth i law: { $bids } (yn gofyn am { $asked })
    Pleidleiswyr: { $voters }
    Prosiectau a ariannwyd: { $funded } ({ $awarded })
report-period = Dyddiadau: { $start } – { $end }
report-bad-range = I gynnwys rhai dyddiadau yn unig, rhowch y diwrnod cyntaf a'r olaf, er enghraifft /report 1/4/2026 30/6/2026. Anfonwch /report ar ei ben ei hun i gael popeth.
## After the vote: delivery of the funded projects (models/report_delivery.py)
report-delivery-title = <b>Ar ôl y bleidlais</b> 🏗️
report-delivery-facts =
    Prosiectau a ariannwyd: { $projects }
    Prosiectau ar y gweill: { $under_way }
    Prosiectau wedi gorffen: { $done }
    Prosiectau wedi stopio: { $stopped }
    Arian a ddyfarnwyd: { $awarded }
    Arian a dalwyd i'r grwpiau: { $paid }
    Arian a wariwyd, yn ôl y grwpiau: { $spent }
    Arian a ddychwelwyd gan y grwpiau: { $returned }
report-delivery-md-title = Ar ôl y bleidlais
report-delivery-md-note = Prosiectau a ariannwyd, yn ôl sut maen nhw'n dod yn eu blaen (ar y gweill: wedi dechrau, ar y trywydd iawn neu wedi'u hoedi). Wedi'i dalu ac wedi'i roi'n ôl: fel y cofnododd y trefnwyr. Wedi'i wario: y ffigur diweddaraf a roddodd pob grŵp.
report-col-projects = Prosiectau a ariannwyd
report-col-under-way = Ar y gweill
report-col-done = Wedi gorffen
report-col-stopped = Wedi stopio
report-col-paid = Wedi'i dalu
report-col-spent = Wedi'i wario
report-col-returned = Wedi'i roi'n ôl
