## Caffi'r Byd: beth mae trigolion yn ei weld (mae pob sgrin yn gorffen gyda'r arwyddion diogelwch)
wc-question =
    <b>{ $title }</b> · { $group } ☕

    Cyn i chi ateb: mae hyn ar gyfer rhannu syniadau gyda'r trefnwyr, nid ar gyfer rhoi gwybod am drosedd nac enwi neb.

    <b>{ $question }</b> ❓

    { $how }
wc-how = Teipiwch eich ateb neu anfonwch neges llais. Gallwch chi anfon cymaint o atebion ag y mynnwch chi. Maen nhw'n ddienw oni bai eich bod chi'n dewis ychwanegu eich enw cyntaf.
wc-how-tap = Tapiwch “Ateb y cwestiwn hwn”, yna teipiwch eich ateb neu anfonwch neges llais. Gallwch chi anfon cymaint o atebion ag y mynnwch chi. Maen nhw'n ddienw oni bai eich bod chi'n dewis ychwanegu eich enw cyntaf.
wc-answer-button = Ateb y cwestiwn hwn ✍️
wc-mine-button = Fy atebion 📋
wc-name-button = Ychwanegu fy enw cyntaf 🙋
wc-delete-button = Dileu'r ateb hwn 🗑
wc-keep-anonymous = Ei gadw'n ddienw
wc-delete-number = Dileu { $number } 🗑
wc-not-open-yet = Dydy'r cwestiwn hwn ddim ar agor eto. Bydd y trefnwyr yn ei agor pan fydd eich bwrdd yn cyrraedd ato.
wc-closed = Mae'r Caffi'r Byd hwn wedi cau, felly does dim modd ychwanegu na newid atebion bellach. Diolch am gymryd rhan.
wc-gone = Mae'n ddrwg gennym, dydy'r cwestiwn yna ddim yno bellach.
wc-answer-gone = Dydy'r ateb yna ddim yno bellach.
wc-too-long = Mae hwnna'n ateb hir: cadwch o dan { $limit } nod, neu rhannwch o'n ddau.
wc-text-or-voice = Teipiwch eich ateb neu anfonwch neges llais.
wc-saved = Diolch, mae eich ateb wedi'i gadw. Mae'n ddienw. Anfonwch ateb arall unrhyw bryd. ✅
wc-ask-name = Pa enw cyntaf ddylai fynd gyda'r ateb hwn? Bydd yn ymddangos wrth ei ymyl yn adroddiad y trefnwyr. Dim ond eich enw cyntaf, os gwelwch yn dda.
wc-bad-name = Teipiwch enw cyntaf yn unig (hyd at { $limit } llythyren).
wc-named = Mae eich ateb nawr yn dangos yr enw cyntaf { $name }. Mae eich atebion eraill yn aros yn ddienw. ✅
wc-stays-anonymous = Mae eich ateb yn aros yn ddienw.
wc-voice-note = neges llais 🎤
wc-anonymous = dienw
wc-with-name = gyda'ch enw, { $name }
wc-mine-title = { $count ->
    [one] <b>Eich ateb</b>
   *[other] <b>Eich atebion ({ $count })</b>
}
wc-mine-empty = Dydych chi ddim wedi rhoi unrhyw atebion yn y Caffi'r Byd hwn eto.
wc-mine-final = Mae'r Caffi'r Byd wedi cau: does dim modd newid yr atebion hyn bellach.
wc-deleted = Wedi'i ddileu.
wc-card-scan = Sganiwch i ateb

## Caffi'r Byd: trefnwyr
wc-admin-none = Does dim digwyddiadau Caffi'r Byd eto. Gwnewch un gyda /newevent (math: Caffi'r Byd).
wc-admin-which = Pa Gaffi'r Byd?
wc-admin-panel =
    <b>{ $title }</b> ☕
    { $when } 🗓
    Wedi cyrraedd: { $people } · Cwestiynau: { $questions } · Atebion: { $answers }
wc-admin-no-questions = Dim cwestiynau eto: ychwanegwch un, neu anfonwch ffeil YAML neu CSV ohonyn nhw.
wc-admin-tally = { $shown } ateb{ $hidden ->
    [0] {""}
   *[other] , wedi'u cuddio: { $hidden }
}
wc-admin-add = Ychwanegu cwestiwn ➕
wc-admin-import = Cwestiynau o ffeil 📄
wc-admin-export = Allforio'r adroddiad 📤
wc-admin-close = Cau'r caffi ⏹
wc-admin-ask-group = Ar gyfer pa fwrdd neu rownd mae'r cwestiwn hwn? Teipiwch label byr, er enghraifft "Bwrdd 3" neu "Rownd 1". (Labeli hyd yma: { $known }) /cancel i stopio.
wc-admin-bad-group = Teipiwch label byr ar un llinell (hyd at { $limit } nod).
wc-admin-ask-en = Teipiwch y cwestiwn yn Saesneg (hyd at { $limit } nod).
wc-admin-ask-cy = Nawr teipiwch y cwestiwn yn Gymraeg (hyd at { $limit } nod).
wc-admin-bad-question = Teipiwch y cwestiwn fel testun (hyd at { $limit } nod).
wc-admin-added = Cwestiwn wedi'i ychwanegu. Agorwch o pan fydd yr ystafell yn cyrraedd ato. ✅
wc-admin-import-help =
    Anfonwch ffeil YAML neu CSV o gwestiynau nawr. YAML:
    <pre>questions:
      - group: Bwrdd 1
        en: What makes young people here feel safe?
        cy: Beth sy'n gwneud i bobl ifanc yma deimlo'n ddiogel?</pre>
    CSV: y colofnau <code>group,en,cy</code>. Mae pob rhes yn cael ei gwirio; does dim yn cael ei gadw oni bai bod y ffeil gyfan yn iawn, ac mae cwestiwn sydd yno'n barod yn cael ei hepgor.
wc-admin-not-a-file = Anfonwch ffeil .yaml, .yml neu .csv.
wc-admin-imported = Cwestiynau wedi'u hychwanegu: { $added }. Yno'n barod: { $skipped }. ✅
wc-status-draft = heb agor eto
wc-status-open = ar agor ers { $since } 🟢
wc-status-closed = wedi cau ⏹
wc-mark-draft = heb agor ⏸
wc-mark-open = ar agor 🟢
wc-mark-closed = wedi cau ⏹
wc-admin-question =
    <b>{ $group }</b> · { $status }
    Saesneg 🇬🇧: { $en }
    Cymraeg 🏴󠁧󠁢󠁷󠁬󠁳󠁿: { $cy }
    { $tally }
    Dolen QR: { $link }
wc-admin-open = Ei agor (cardiau QR ar y byrddau) ▶️
wc-admin-open-tell = Ei agor ac anfon neges at bawb sydd wedi cyrraedd ({ $people }) 📣
wc-admin-qr = Cerdyn QR i'r bwrdd 🖨
wc-admin-answers = Atebion 💬
wc-admin-back = « Y caffi
wc-admin-back-question = « Y cwestiwn
wc-admin-refresh = Y diweddaraf 🔄
wc-admin-already-open = Mae'r cwestiwn yna ar agor yn barod.
wc-admin-opened = { $people ->
    [0] Mae'r cwestiwn ar agor. ✅
    [one] Mae'r cwestiwn ar agor; bydd 1 person sydd wedi cyrraedd yn ei gael. ✅
    [two] Mae'r cwestiwn ar agor; bydd { $people } berson sydd wedi cyrraedd yn ei gael. ✅
    [few] Mae'r cwestiwn ar agor; bydd { $people } pherson sydd wedi cyrraedd yn ei gael. ✅
    [many] Mae'r cwestiwn ar agor; bydd { $people } pherson sydd wedi cyrraedd yn ei gael. ✅
   *[other] Mae'r cwestiwn ar agor; bydd { $people } o bobl sydd wedi cyrraedd yn ei gael. ✅
}
wc-admin-qr-caption = { $group }: argraffwch hwn a'i roi ar y bwrdd. Mae ei sganio yn agor y cwestiwn yn y bot.
wc-admin-answers-title = <b>{ $group }</b> · { $question } 💬
    Atebion: { $total }, y diweddaraf gyntaf · tudalen { $page } o { $pages }
wc-admin-no-answers = Dim atebion eto.
wc-admin-answer-head = <b>#{ $number }</b> · { $at } · { $language } · enw: { $name }
wc-admin-is-hidden = wedi'i guddio: wedi'i gadw, ond nid yn yr adroddiad 🙈
wc-language-en = Saesneg
wc-language-cy = Cymraeg
wc-admin-hide = Cuddio #{ $number } 🙈
wc-admin-unhide = Dangos #{ $number } 👁
wc-admin-listen = Gwrando ar #{ $number } ▶️
wc-admin-hidden = Wedi'i guddio o'r adroddiad.
wc-admin-unhidden = Yn ôl yn yr adroddiad.
wc-admin-voice-caption = Ateb #{ $number }
wc-admin-close-ask = Cau pob cwestiwn yn y digwyddiad { $title }? Fydd pobl ddim yn gallu ateb wedyn, na newid na dileu eu hatebion.
wc-admin-close-yes = Ie, cau'r caffi ⏹
wc-admin-closed = Mae'r caffi wedi cau (cwestiynau wedi cau: { $closed }). ⏹
wc-admin-export-caption = Yr adroddiad. Atebion: { $answers } (heb y rhai sydd wedi'u cuddio; enwau dim ond lle rhoddodd pobl nhw).
