## Programme report (/report)
report-title = 📊 <b>Adroddiad y rhaglen</b>
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
report-col-awarded = Arian a roddwyd
report-files = Yr un ffigurau fel ffeiliau Markdown a CSV:
