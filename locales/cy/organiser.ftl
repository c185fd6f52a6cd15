## Cadarnhau cyn camau na ellir eu dadwneud (trefnwyr)
cf-yes = Ie, ewch ymlaen ✅
cf-no = Na ✖
cf-stale = Mae hyn wedi dyddio: mae rhywbeth wedi newid ers i chi ei weld. Wnaeth dim byd ddigwydd. Anfonwch y gorchymyn eto i weld sut mae pethau nawr.
cf-nothing-changed = Dim wedi newid.
cf-ask-cb = <b>Cau ceisiadau: { $round }</b>
    Ceisiadau a anfonwyd: { $sent }
    Yn dal i aros am adolygiad: { $waiting }
    Drafftiau na fydd yn cael eu hanfon: { $drafts }
    Fydd grwpiau ddim yn gallu anfon na newid ceisiadau mwyach. Ewch ymlaen?
cf-ask-ov = <b>Agor y pleidleisio: { $round }</b>
    Ceisiadau ar y papur pleidleisio: { $bids }
    Gall pawb sy'n cael pleidleisio ddechrau pleidleisio, a gallan nhw gael gwybod. Ewch ymlaen?
cf-ask-cv = <b>Cau'r pleidleisio: { $round }</b>
    Pleidleisiau hyd yma: { $ballots }
    Bydd y sgwrs yn stopio derbyn pleidleisiau. Gellir dal i deipio taflenni papur. Gallwch agor y pleidleisio eto nes bod y canlyniadau wedi'u cyhoeddi. Ewch ymlaen?
cf-ask-rv = <b>Agor y pleidleisio eto: { $round }</b>
    Pleidleisiau hyd yma: { $ballots }
    Bydd y sgwrs yn derbyn pleidleisiau eto nes i chi gau'r pleidleisio. Ewch ymlaen?
cf-ask-pb = <b>Cyhoeddi'r canlyniadau: { $round }</b>
    Ceisiadau a ariennir: { $funded }
    Arian a roddir: { $granted } o { $pot }
    Pleidleisiau a gyfrifwyd: { $ballots }
    Pobl a fydd yn cael gwybod: { $told }
    Bydd y pleidleisio'n cau, a does dim modd dadwneud hyn. Ewch ymlaen?
cf-reopened = Mae'r pleidleisio ar agor eto.
cf-reopen-button = Agor y pleidleisio eto ↩
cf-ask-ao = <b>Trefnydd newydd: { $id }?</b>
    Byddan nhw'n gallu defnyddio pob gorchymyn trefnwyr: anfon negeseuon at bawb, cau'r pleidleisio, cyhoeddi canlyniadau a darllen cofnod y trefnwyr. Byddan nhw'n cael gwybod.
cf-ask-ro = <b>Tynnu trefnydd: { $id }?</b>
    Fyddan nhw ddim yn gallu defnyddio gorchmynion trefnwyr mwyach.
org-picked = Iawn.
org-list-after = Y trefnwyr a ychwanegwyd yma nawr:
org-welcome = Mae { $by } wedi eich gwneud chi'n drefnydd. Mae gorchmynion y trefnwyr yn eich dewislen nawr; anfonwch /help i'w gweld. 👋

## /audit: cofnod y trefnwyr
audit-page-title = <b>Cofnod y trefnwyr</b> · tudalen { $page } o { $pages }
audit-for-round = Rownd: { $round }
audit-for-person = Pwy: { $who }
audit-newer = Mwy newydd ◀
audit-older = Hŷn ▶
audit-by-round = Fesul rownd
audit-by-person = Fesul person
audit-everything = Popeth
audit-csv = Ffeil CSV 📄
audit-csv-caption = Cofnod y trefnwyr fel ffeil taenlen (cofnodion: { $n }).
audit-pick-round = Pa rownd?
audit-pick-person = Camau pwy?
audit-organiser-number = Trefnydd { $n }
audit-someone = Trefnydd
audit-resident = Preswylydd
audit-round-gone = rownd { $id } (wedi'i dileu)
audit-a-command = gorchymyn
audit-col-when = Pryd
audit-col-who = Pwy
audit-col-what = Beth ddigwyddodd
audit-col-round = Rownd
audit-ev-legacy = { $who } — cam cynharach (cofnod o'r cyfnod cyn i'r cofnod fod mewn geiriau)
audit-ev-command = { $who } — defnyddio /{ $command }
audit-ev-button = { $who } — pwyso botwm: { $area }
audit-ev-answer = { $who } — ateb cwestiwn: { $step }
audit-ev-refused-command = Preswylydd — ceisio /{ $command }: gwrthodwyd
audit-ev-refused-button = Preswylydd — ceisio botwm trefnwyr ({ $area }): gwrthodwyd
audit-ev-bids-closed = { $who } — cau ceisiadau: { $round } (ceisiadau a anfonwyd: { $bids })
audit-ev-voting-opened = { $who } — agor y pleidleisio: { $round }
audit-ev-voting-closed = { $who } — cau'r pleidleisio: { $round }
audit-ev-voting-reopened = { $who } — agor y pleidleisio eto: { $round }
audit-ev-results-published = { $who } — cyhoeddi'r canlyniadau: { $round } (ceisiadau a ariennir: { $funded }; pleidleisiau: { $ballots })
audit-ev-organiser-added = { $who } — ychwanegu trefnydd
audit-ev-organiser-removed = { $who } — tynnu trefnydd
audit-ev-broadcast-retried = { $who } — anfon neges eto (pobl: { $people })
audit-ev-payment-changed = { $who } — cywiro arian { $kind ->
        [returned] wedi'i roi'n ôl
       *[paid] wedi'i dalu
    } (prosiect { $project }): { $was } → { $to }
audit-ev-payment-removed = { $who } — dileu cofnod o arian { $kind ->
        [returned] wedi'i roi'n ôl
       *[paid] wedi'i dalu
    } (prosiect { $project }): { $was }
audit-ev-project-handed = { $who } — rhoi prosiect { $project } i rywun yn ei grŵp
audit-ev-project-taken = { $who } — rhoi prosiect { $project } i rywun arall yn ei grŵp, yn lle ei berchennog
audit-ev-project-passed = Perchennog prosiect { $project } — ei roi i rywun yn ei grŵp
audit-ev-project-owner-link = { $who } — gwneud dolen i berchennog newydd prosiect { $project }
audit-ev-project-claimed = Rhywun — gofalu am brosiect { $project } gyda dolen trefnydd
audit-ev-project-replaced = Rhywun — gofalu am brosiect { $project } yn lle ei berchennog, gyda dolen trefnydd
audit-area-bc = negeseuon at bawb
audit-area-org = trefnwyr
audit-area-rv = adolygu ceisiadau
audit-area-rn = rowndiau
audit-area-rst = gosodiadau rownd newydd
audit-area-eva = digwyddiadau
audit-area-va = pleidleisio
audit-area-pp = papurau pleidleisio
audit-area-rsa = canlyniadau
audit-area-vac = codau pleidleisio a nodiadau atgoffa
audit-area-fl = yr ŵyl ddysgu
audit-area-wca = Caffi'r Byd
audit-area-cf = cadarnhad
audit-area-au = cofnod y trefnwyr
audit-area-pjm = cywiro taliad
audit-area-pgh = rhoi prosiect i rywun arall
audit-area-other = botwm arall
audit-step-addorganiser = ychwanegu trefnydd
audit-step-festivalsetup = trefnu'r ŵyl
audit-step-makecodes = gwneud codau pleidleisio
audit-step-reviewflow = adolygu cais
audit-step-paperentry = teipio papurau pleidleisio
audit-step-cafeadmin = rhedeg Caffi'r Byd
audit-step-draft = ysgrifennu neges at bawb
audit-step-newevent = digwyddiad newydd
audit-step-editevent = newid digwyddiad
audit-step-roledraft = rôl gwirfoddoli
audit-step-helpermessage = neges i wirfoddolwyr
audit-step-newround = rownd newydd
audit-step-checkingin = cofrestru pobl wrth y drws
audit-step-other = sgwrs
audit-step-fixflow = cywiro taliad

## Adroddiadau negeseuon: pwy nad oedd modd eu cyrraedd, a rhoi cynnig arall arni
bc-unreached-title = <b>Doedd dim modd cyrraedd:</b>
bc-unreached-more = …a mwy (nifer: { $more }).
bc-why-blocked = wedi rhwystro'r bot
bc-why-failed = wnaeth Telegram ddim derbyn y neges
bc-why-uncertain = ddim yn siŵr a gyrhaeddodd (stopiodd y bot wrth anfon)
bc-unreached-retry-hint = I'r rhai sydd wedi'u marcio “ddim yn siŵr”, gallwch roi cynnig arall arni: efallai y bydd ambell un yn cael y neges ddwywaith.
bc-retry = Rhoi cynnig arall ar y rhain ({ $people }) 🔁
bc-retry-stale = Mae cynnig arall wedi'i roi eisoes, neu does dim byd ar ôl i roi cynnig arno. Ni anfonwyd dim.
bc-retrying = Rhoi cynnig arall arni (pobl: { $people }). Byddwch chi'n cael adroddiad newydd pan fydd wedi gorffen.
