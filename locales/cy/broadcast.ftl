## /broadcast (trefnwyr)
organisers-only = Mae'n ddrwg gennym, mae hyn ar gyfer trefnwyr.
bc-audience = Pwy ddylai gael y neges hon?
bc-audience-all = Pawb
bc-audience-reg = Pobl sydd wedi cofrestru ar gyfer digwyddiad (neu'n aros)
bc-audience-vol = Gwirfoddolwyr mewn digwyddiad
bc-audience-bid = Grwpiau a anfonodd gais mewn rownd
bc-audience-vote = Pobl a bleidleisiodd mewn rownd
bc-audience-area = Pobl mewn ardal
bc-which-event = Pa ddigwyddiad?
bc-which-round = Pa rownd?
bc-which-area = Pa ardal?
bc-no-event = Does dim digwyddiadau i ddod na rhai diweddar i ddewis ohonyn nhw.
bc-no-round = Does dim rownd i ddewis ohoni eto.
bc-no-area = Does dim ardaloedd yn hysbys eto: maen nhw'n dod o ddigwyddiadau a rowndiau.
bc-back = ‹ Yn ôl
bc-to-reg = Pobl sydd wedi cofrestru neu'n aros ar gyfer { $name }
bc-to-vol = Gwirfoddolwyr ar gyfer { $name }
bc-to-bid = Grwpiau a wnaeth gais yn y rownd { $name }
bc-to-vote = Pobl a bleidleisiodd yn y rownd { $name }
bc-to-area = Pobl yn ardal { $name }
bc-gone = Dyw'r digwyddiad neu'r rownd honno ddim yn bodoli mwyach, felly chafodd dim byd ei anfon.
bc-audience-choice = { $audience } · { $people ->
    [zero] dim pobl
    [one] 1 person
    [two] { $people } berson
    [few] { $people } pherson
    [many] { $people } pherson
   *[other] { $people } o bobl
}
bc-ask-english = Anfonwch y neges yn Saesneg. Gallwch atodi un llun gyda chapsiwn.
bc-ask-welsh = Nawr anfonwch y fersiwn Gymraeg, neu tapiwch Hepgor: bydd siaradwyr Cymraeg wedyn yn cael y Saesneg.
bc-skip-welsh = Hepgor
bc-need-text = Anfonwch ychydig o destun (neu lun gyda chapsiwn), os gwelwch yn dda.
bc-too-long = Mae hynny'n { $length } o nodau; mae Telegram yn caniatáu { $limit }. Byrhewch e ac anfonwch e eto, os gwelwch yn dda.
bc-ask-when = Pryd ddylai fynd?
bc-now = Anfon nawr
bc-later = Trefnu ar gyfer nes ymlaen
bc-when-now = nawr
bc-ask-time = Teipiwch y dyddiad a'r amser yn amser y DU, er enghraifft 28/11 18:30.
bc-bad-time = Doeddwn i ddim yn gallu darllen hynny fel dyddiad ac amser. Teipiwch e fel 28/11 18:30, os gwelwch yn dda.
bc-past-time = Mae'r amser hwnnw wedi mynd heibio. Rhowch amser yn y dyfodol, os gwelwch yn dda.
bc-preview = Uchod mae'r hyn y bydd pobl yn ei weld.
    At: { $audience } — { $recipients ->
        [zero] dim pobl
        [one] 1 person
        [two] { $recipients } berson
        [few] { $recipients } pherson
        [many] { $recipients } pherson
       *[other] { $recipients } o bobl
    }{ $blocked ->
        [0] {""}
       *[other] {" "}({ $blocked } wedi rhwystro'r bot, a byddan nhw'n cael eu hepgor)
    }
    Pryd: { $when }
bc-send = Anfon ✅
bc-discard = Taflu ✖
bc-discarded = Wedi'i daflu. Chafodd dim byd ei anfon.
bc-starting = Yn dechrau anfon at { $recipients ->
    [zero] dim pobl
    [one] 1 person
    [two] { $recipients } berson
    [few] { $recipients } pherson
    [many] { $recipients } pherson
   *[other] { $recipients } o bobl
}…
bc-scheduled = Wedi'i drefnu ar gyfer { $when }. Heddiw, { $recipients ->
    [zero] dim pobl yw hynny
    [one] 1 person yw hynny
    [two] { $recipients } berson yw hynny
    [few] { $recipients } pherson yw hynny
    [many] { $recipients } pherson yw hynny
   *[other] { $recipients } o bobl yw hynny
}; bydd y rhestr yn cael ei gwneud eto pan fydd yn dechrau.
bc-stop = Stopio anfon ⏹
bc-stopped = Wedi stopio. { $withdrawn ->
    [zero] Does dim negeseuon ar ôl i'w hatal.
    [one] Fydd 1 neges ddim yn cael ei hanfon.
    [two] Fydd { $withdrawn } neges ddim yn cael eu hanfon.
    [few] Fydd { $withdrawn } neges ddim yn cael eu hanfon.
    [many] Fydd { $withdrawn } neges ddim yn cael eu hanfon.
   *[other] Fydd { $withdrawn } o negeseuon ddim yn cael eu hanfon.
}
bc-stop-too-late = Mae'r darllediad hwn eisoes wedi gorffen neu wedi'i stopio.
bc-progress = Yn anfon… { $done } / { $total }{ $unreachable ->
    [0] {""}
   *[other] {" "}· { $unreachable } heb eu cyrraedd
}{ $eta ->
    [0] {""}
    [one] {" "}· tua 1 eiliad ar ôl
    [two] {" "}· tua { $eta } eiliad ar ôl
    [few] {" "}· tua { $eta } eiliad ar ôl
    [many] {" "}· tua { $eta } eiliad ar ôl
   *[other] {" "}· tua { $eta } eiliad ar ôl
}
bc-report = <b>Mae'r darllediad wedi gorffen.</b>
    At: { $audience } — { $recipients ->
        [zero] dim pobl
        [one] 1 person
        [two] { $recipients } berson
        [few] { $recipients } pherson
        [many] { $recipients } pherson
       *[other] { $recipients } o bobl
    }
    Wedi'u danfon: { $delivered }
    Wedi rhwystro'r bot: { $unreachable }
    Wedi methu: { $failed }

## /organisers a /audit
org-list = <b>Trefnwyr</b>
    Wedi'u gosod yn y ffurfweddiad: { $configured }
    Wedi'u hychwanegu yma: { $added }
org-add = Ychwanegu trefnydd ➕
org-remove = Tynnu { $id } ✖
org-ask = Pwy ddylai ddod yn drefnydd? Tapiwch y botwm i'w dewis o'ch cysylltiadau, neu teipiwch eu rhif defnyddiwr Telegram.
org-pick = Dewis person 👤
org-not-a-person = Dewiswch berson gyda'r botwm, neu teipiwch eu rhif defnyddiwr Telegram (digidau yn unig), os gwelwch yn dda.
org-added = Mae { $id } bellach yn drefnydd.
org-already = Roedd { $id } eisoes yn drefnydd.
org-removed = Wedi'i dynnu. Dydyn nhw ddim yn drefnydd mwyach.
audit-title = <b>Camau diweddaraf y trefnwyr</b>
audit-line = { $at } · { $who } · { $action }
audit-empty = Does dim camau gan drefnwyr wedi'u cofnodi eto.
