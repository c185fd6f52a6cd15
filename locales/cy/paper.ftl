## Paper ballots (organisers)
paper-button = Pleidleisiau papur 📝
paper-turnout = { $chat } yn y sgwrs · { $paper } ar bapur
paper-start-sheets =
    <b>Pleidleisiau papur: { $round }</b>
    Ar bapur hyd yma: { $paper }

    Anfonwch un daflen ym mhob neges. Llinell gyntaf: y rhif sydd wedi'i ysgrifennu ar y daflen. Wedyn llinell i bob cais ({ $marks }), er enghraifft:
    <pre>{ $example }</pre>
    Neu anfonwch ffeil CSV gyda rhes i bob taflen a'r penawdau hyn: <code>sheet,{ $refs }</code>
paper-marks-score = ei gyfeirnod a'r sgôr, 1 i 5; gadewch allan gais heb sgôr
paper-marks-tokens = ei gyfeirnod a'r tocynnau a gafodd; gadewch allan gais heb ddim
paper-marks-ticks = cyfeirnod pob cais sydd wedi'i dicio
paper-start-totals =
    <b>Cyfansymiau cyfrif â llaw: { $round }</b>
    Ar bapur hyd yma: { $paper }

    Llinell gyntaf: enw i'r cyfrif hwn a faint o daflenni mae'n eu cynnwys. Wedyn llinell i bob cais gyda'i gyfanswm, er enghraifft:
    <pre>{ $example }</pre>
    Neu anfonwch ffeil CSV gyda rhes i bob cyfrif a'r penawdau hyn: <code>count,sheets,{ $refs }</code>
paper-sheets-button = Taflenni un wrth un 📝
paper-totals-button = Cyfansymiau cyfrif â llaw 🧮
paper-done-button = Wedi gorffen ✅
paper-remove-button = Tynnu { $label } allan ↩
paper-saved = Mae taflen <b>{ $label }</b> i mewn (marciau: { $marks }). Ar bapur hyd yma: { $paper }.
paper-count-saved = Mae cyfrif <b>{ $label }</b> i mewn (taflenni: { $sheets }). Ar bapur hyd yma: { $paper }.
paper-already = Mae taflen { $label } i mewn yn barod gyda'r un marciau: dydy hi ddim yn cael ei chyfrif ddwywaith.
paper-already-different = Mae taflen { $label } i mewn yn barod gyda marciau gwahanol. Does dim byd wedi'i gadw. I'w newid, tynnwch yr hen un allan yn gyntaf.
paper-not-saved =
    <b>Does dim byd wedi'i gadw.</b> Cywirwch hyn a'i anfon eto, os gwelwch yn dda:
    { $problems }
paper-line = Llinell { $line }: { $problem }
paper-row = Rhes { $line }: { $problem }
paper-more = …a { $n } arall.
paper-file-saved = O'r ffeil: taflenni newydd wedi'u cadw: { $saved }; roedd { $same } i mewn yn barod a dydyn nhw ddim yn cael eu cyfrif ddwywaith. Ar bapur hyd yma: { $paper }.
paper-file-different = I mewn yn barod gyda marciau gwahanol, felly wedi'u gadael fel roedden nhw: { $labels }
paper-removed = Mae { $label } wedi'i thynnu allan. Ar bapur hyd yma: { $paper }.
paper-gone = Mae'r daflen honno wedi'i thynnu allan yn barod.
paper-done = Pleidleisiau papur { $round }: { $paper } ar bapur. Anfonwch /voting i weld y rownd.
paper-closed = Mae modd ychwanegu neu dynnu pleidleisiau papur o'r adeg mae'r bleidlais yn agor nes i'r canlyniadau gael eu cyhoeddi; dydy'r rownd hon ddim ar y cam hwnnw.
paper-not-csv = Anfonwch y taflenni fel ffeil CSV (.csv), neu teipiwch nhw, os gwelwch yn dda.
## What is wrong with a line or row ({ $text } is what was typed)
paper-problem-empty = does dim byd i'w ddarllen.
paper-problem-bad-label = Dydy “{ $text }” ddim yn rhif taflen (llythrennau, rhifau a - yn unig, hyd at 30).
paper-problem-label-is-a-bid = Cais yw “{ $text }”: rhaid i'r llinell gyntaf fod y rhif sydd wedi'i ysgrifennu ar y daflen.
paper-problem-bad-count-head = Dylai “{ $text }” fod yn enw i'r cyfrif a nifer y taflenni, e.e. “bwrdd-3 120”.
paper-problem-unknown-bid = Dydy “{ $text }” ddim yn gais yn y bleidlais hon.
paper-problem-twice = “{ $text }”: mae'r cais hwnnw ar y daflen hon yn barod.
paper-problem-not-a-tick = “{ $text }”: ysgrifennwch y cyfeirnod yn unig ar gyfer cais wedi'i dicio (neu ychwanegwch 1 neu x).
paper-problem-no-number = Does dim rhif ar ôl y cyfeirnod yn “{ $text }”.
paper-problem-not-a-number = “{ $text }”: rhaid i'r marc fod yn rhif cyfan.
paper-problem-blank = does dim marciau ar daflen { $text }.
paper-problem-totals-need-sheets = mae'r rownd hon yn cael ei chyfrif drwy gyfrannau cyfartal, sydd angen pob taflen: teipiwch daflenni, nid cyfansymiau, os gwelwch yn dda.
paper-problem-no-sheets = rhaid i gyfrif { $text } gynnwys o leiaf 1 daflen.
paper-problem-total-too-big = mae “{ $text }” yn fwy nag y gallai'r nifer yna o daflenni ei roi.
paper-problem-bad-header = dylai'r pennawd cyntaf fod yn “sheet” (neu “count” ar gyfer cyfansymiau), nid “{ $text }”.
paper-problem-label-twice = mae taflen { $text } yn y ffeil ddwywaith.
paper-problem-extra-cells = mae gan daflen { $text } fwy o gelloedd nag sydd o benawdau.
paper-problem-bad-sheets = “{ $text }”: rhaid i nifer y taflenni fod yn rhif cyfan.
paper-problem-no-rows = mae penawdau yn y ffeil ond dim taflenni.

## The round's ballot rules (models.tally.validate_ballot codes)
paper-rule-unknown-bid = Dydy “{ $text }” ddim yn gais yn y bleidlais hon.
paper-rule-own-bid = “{ $text }”: does dim modd i bleidlais bapur gael ei chais ei hun.
paper-rule-duplicate-bid = “{ $text }”: mae'r un cais yno ddwywaith.
paper-rule-score-not-integer = “{ $text }”: rhaid i sgôr fod yn rhif cyfan.
paper-rule-score-out-of-range = “{ $text }”: mae sgoriau'n mynd o 1 i 5.
paper-rule-missing-score = rhaid i daflen { $text } roi sgôr i bob cais.
paper-rule-too-many = mae mwy o geisiadau wedi'u ticio ar daflen { $text } nag mae'r bleidlais hon yn ei ganiatáu.
paper-rule-tokens-not-integer = “{ $text }”: rhaid i docynnau fod yn rhifau cyfan.
paper-rule-tokens-out-of-range = “{ $text }”: mae hynny'n fwy o docynnau nag y gall un cais eu cael.
paper-rule-tokens-total = { $text }: mae'r tocynnau'n adio i fwy nag sydd gan bleidleisiwr.
paper-rule-over-pot = { $text }: mae'r ceisiadau wedi'u ticio'n costio mwy na'r gronfa.
