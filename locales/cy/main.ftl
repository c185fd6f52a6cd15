## Dewis iaith. Rhaid i'r neges gyntaf wneud synnwyr i siaradwyr Saesneg a Chymraeg.
choose-language = Choose your language · Dewiswch eich iaith
language-set = Mae'r iaith wedi'i gosod i'r Gymraeg. Gallwch ei newid unrhyw bryd gyda /language.
language-name = Cymraeg

## Ymweliad cyntaf
privacy-short =
    <b>Cyn i ni ddechrau</b>
    Mae'r bot hwn yn cadw dim ond yr hyn sydd ei angen: eich rhif Telegram (er mwyn gallu ateb), eich iaith, a'r hyn rydych chi'n dewis ei ddweud wrtho (cofrestriadau, ceisiadau, pleidleisiau).
    Mae pleidleisiau'n gyfrinachol. Does dim yn cael ei rannu â neb arall heb eich caniatâd.
    Y manylion llawn: /privacy · Gweld eich data: /mydata · Ei ddileu: /forget

## Y brif ddewislen
menu-title = Beth hoffech chi ei wneud?
menu-events = Digwyddiadau 📅
menu-bid = Gwneud cais 📝
menu-vote = Pleidleisio 🗳
menu-mine = Fy mhethau 📂
menu-language = Iaith · Language 🌐
menu-help = Help ❓
not-ready = Mae'n ddrwg gennym, dydy'r rhan yma ddim yn barod eto. Byddwn ni'n rhoi gwybod i chi pan fydd hi.

## Dolenni
link-unknown = Doedd y ddolen honno ddim yn cyfateb i unrhyw beth dw i'n ei adnabod — efallai ei bod hi'n hen neu wedi'i theipio'n anghywir. Dyma'r ddewislen yn lle hynny.

## Help a diogelwch
help =
    Mae <b>pbchat</b> yn helpu eich cymdogaeth i benderfynu gyda'i gilydd sut mae arian lleol yn cael ei wario.
    Tapiwch fotymau'r ddewislen — does dim llawer o deipio.

    /start — y brif ddewislen
    /language — Cymraeg neu English
    /cancel — stopio beth rydych chi'n ei wneud (mae unrhyw beth wnaethoch chi ei ddechrau yn cael ei gadw)
    /privacy — beth rydyn ni'n ei gadw a pham
    /help — y neges hon

    { safety-signposts }
safety-signposts =
    <b>Nid yw'r sgwrs hon ar gyfer rhoi gwybod am drosedd.</b>
    Mewn argyfwng ffoniwch 999. I roi gwybod am rywbeth sydd ddim yn argyfwng, ffoniwch 101.
    I ddweud wrth rywun yn ddienw, ffoniwch Taclo'r Taclau (Crimestoppers) ar 0800 555 111. Gall pobl ifanc ddefnyddio Fearless: fearless.org
privacy-full =
    <b>Eich preifatrwydd</b>

    <b>Beth rydyn ni'n ei gadw.</b> Eich rhif defnyddiwr Telegram (er mwyn i'r bot allu ateb), yr iaith a ddewisoch chi, a'r hyn rydych chi'n ei roi i'r bot: cofrestru ar gyfer digwyddiadau, ceisiadau, pleidleisiau, atebion a chynigion i wirfoddoli. Dydyn ni ddim yn cadw eich enw, rhif ffôn nac enw defnyddiwr oni bai bod ffurflen yn gofyn am enw cyntaf a'ch bod chi'n ei roi.

    <b>Pam.</b> I gynnal digwyddiadau a'r bleidlais, ac i ddweud wrthych chi beth sy'n digwydd. Dim byd arall, a dydy o byth yn cael ei werthu na'i rannu ar gyfer marchnata.

    <b>Pwy sy'n ei weld.</b> Mae trefnwyr rhaglen eich ardal yn gweld cofrestriadau a cheisiadau. Dydy'r trefnwyr byth yn gweld sut y gwnaethoch chi bleidleisio. Tra bo'r bleidlais ar agor, mae'r bot yn cadw allwedd gudd er mwyn i chi allu newid eich pleidlais; gallai pwy bynnag sy'n rhedeg y gweinydd ei defnyddio i ddod o hyd i'ch pleidlais. Pan fydd y bleidlais yn cau, mae'r cysylltiad hwnnw'n cael ei ddinistrio. Wedyn, does neb yn gallu dweud sut y gwnaethoch chi bleidleisio, dim hyd yn oed pwy bynnag sy'n rhedeg y gweinydd.

    <b>Am ba hyd.</b> Mae manylion personol yn cael eu dileu'n awtomatig { $days ->
        [zero] { $days } diwrnod
        [one] 1 diwrnod
        [two] { $days } ddiwrnod
        [few] { $days } diwrnod
        [many] { $days } diwrnod
       *[other] { $days } diwrnod
    } ar ôl i'r rownd gau (cofrestriadau ar gyfer digwyddiadau heb rownd: { $days ->
        [zero] { $days } diwrnod
        [one] 1 diwrnod
        [two] { $days } ddiwrnod
        [few] { $days } diwrnod
        [many] { $days } diwrnod
       *[other] { $days } diwrnod
    } ar ôl y digwyddiad). Mae pleidleisiau'n dal i gyfrif, yn ddienw.

    <b>Eich hawliau.</b> Mae /mydata yn anfon ffeil atoch chi o bopeth sy'n cael ei gadw amdanoch chi. Mae /forget yn ei ddileu. Gallwch chi hefyd ofyn i'r trefnwyr, neu gwyno i Swyddfa'r Comisiynydd Gwybodaeth (ico.org.uk).

## Rheoli'r sgwrs
cancelled = Wedi stopio. Mae unrhyw beth roeddech chi wedi'i ddechrau wedi'i gadw — gallwch chi ailgydio ynddo o'r ddewislen.
nothing-to-cancel = Does dim byd i'w stopio. Dyma'r ddewislen.
unknown-message = Mae'n ddrwg gennym, wnes i ddim deall hynny. Defnyddiwch y botymau isod, os gwelwch yn dda.
button-stale = Mae'r botwm yna wedi dyddio. Dyma'r ddewislen gyfredol.
error-generic = Mae'n ddrwg gennym, aeth rhywbeth o'i le ar ein hochr ni. Rhowch gynnig arall arni mewn munud.

## Dewislen gorchmynion (mae Telegram yn ei dangos wrth ymyl y blwch neges)
cmd-start = Prif ddewislen
cmd-help = Help a chysylltiadau
cmd-language = Newid iaith
cmd-cancel = Stopio beth dw i'n ei wneud
cmd-privacy = Beth rydych chi'n ei gadw amdana i

## Eich data
mydata-caption = Popeth mae pbchat yn ei gadw amdanoch chi. I'w ddileu, anfonwch /forget.
forget-confirm = Dileu popeth mae pbchat yn ei gadw amdanoch chi? Bydd eich dewis iaith ac unrhyw beth sydd ar y gweill yn cael eu tynnu. Bydd pleidleisiau sydd eisoes wedi'u bwrw yn dal i gyfrif, heb unrhyw gysylltiad â chi. Does dim modd dadwneud hyn.
forget-yes = Ydw, dilëwch e
forget-no = Na, cadwch e
forget-kept = Chafodd dim byd ei ddileu.
forget-done = Wedi'i wneud: mae eich data wedi'i ddileu. Os byddwch chi'n ysgrifennu at y bot eto, bydd yn dechrau o'r newydd.
cmd-mydata = Gweld fy nata
cmd-forget = Dileu fy nata
cmd-results = Canlyniadau pleidlais

# Organiser commands, shown only in organisers' own chats.
cmd-broadcast = Anfon neges at bobl
cmd-organisers = Pwy sy'n trefnu
cmd-audit = Beth wnaeth trefnwyr
cmd-newevent = Ychwanegu digwyddiad
cmd-manage = Rheoli digwyddiadau
cmd-poster = Poster ar gyfer digwyddiad
cmd-checkin = Cofrestru pobl wrth y drws
cmd-bids = Adolygu ceisiadau
cmd-newround = Dechrau rownd ariannu
cmd-rounds = Rowndiau ariannu
cmd-voting = Agor, cau a chyhoeddi'r bleidlais
cmd-votingcodes = Argraffu cardiau pleidleisio
cmd-remindvoters = Atgoffa pobl sydd heb bleidleisio
cmd-festival = Gŵyl ddysgu
cmd-pledges = Addewidion a'r hyn a ddigwyddodd wedyn
cmd-report = Adroddiad y rhaglen i gyllidwyr
cmd-worldcafe = Cwestiynau ac atebion Caffi'r Byd

## Cyswllt cyntaf: newid i'r iaith arall gydag un tap (wedi'i ysgrifennu yn yr iaith honno)
language-switch-hint = Would you rather use the bot in English? Tap English below.
