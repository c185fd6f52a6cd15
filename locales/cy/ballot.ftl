## Y neges bleidleisio: cardiau, adolygu, derbynneb (bot/ballot_view.py)
menu-again = Dewislen ☰
vote-card-now = Eich ateb nawr: { $value }
vote-tokens-left = Tocynnau ar ôl: { $left } allan o { $tokens }
vote-picks-left = Wedi dewis: { $picked } allan o { $n }
vote-photo = Gweld y llun 📷
vote-back-to-review = Yn ôl i'ch pleidlais ◀
vote-tokens-unspent = Rhowch bob tocyn cyn cadarnhau. Tocynnau sydd ar ôl: { $left }.
vote-out-of-date = Mae'r neges hon wedi dyddio, felly does dim byd wedi newid. Defnyddiwch y neges bleidleisio fwyaf newydd, neu tapiwch Pleidleisio yn y ddewislen.
vote-confirm-out-of-date = Mae'r botwm Cadarnhau hwn wedi dyddio: mae eich pleidlais wedi newid ers hynny. Does dim wedi'i gofnodi. Gwiriwch eich pleidlais yn y neges fwyaf newydd.
vote-receipt-change = Tra bydd y bleidlais ar agor, gallwch newid ateb: tapiwch gais isod, yna cadarnhewch eto.
vote-refuse-over-pot = Byddai eich dewisiadau wedyn yn costio { $total }, mwy na'r gronfa ({ $pot }). Mae { $left } ar ôl. Dewiswch Na yma, neu newidiwch ddewis arall i Na yn gyntaf.
vote-refuse-too-many = Uchafswm y ceisiadau y gallwch eu dewis: { $n }. I ddewis hwn, newidiwch ddewis arall i Na yn gyntaf.
vote-refuse-tokens-over = Tocynnau sydd ar ôl: { $left }, felly allwch chi ddim rhoi cymaint â hynny yma. Rhowch lai, neu cymerwch docynnau o gais arall yn gyntaf.
vote-skip = Hepgor ▶

## Dweud pan fydd yn bwysig (bot/vote_notices.py)
vote-opened-note = Mae'r bleidlais ar agor: <b>{ $round }</b>. Fe gymeroch chi ran neu ofyn am gael gwybod, felly rydyn ni'n rhoi gwybod i chi. Tapiwch isod i ddweud eich dweud. 🗳
vote-finish-note = Fe ddechreuoch chi bleidleisio, ond dydy eich pleidlais ddim i mewn eto: <b>{ $round }</b>. Dim ond ar ôl i chi dapio Cadarnhau y bydd yn cyfrif. Tapiwch isod i fynd ymlaen o'r lle y gwnaethoch chi stopio.
vote-finish-button = Gorffen fy mhleidlais 🗳
vote-no-round-ask = Does dim pleidlais ar agor ar hyn o bryd. Hoffech chi i ni roi gwybod i chi pan fydd y bleidlais yn agor?
vote-tell-me = Rhowch wybod i mi pan fydd yn agor 🔔
vote-will-tell = Diolch. Byddwn yn anfon neges atoch chi pan fydd y bleidlais yn agor.
va-finish-rate = Pleidleisiau a ddechreuwyd yn y sgwrs: { $started } · wedi'u cadarnhau: { $confirmed }
va-note-results-plain = Mae canlyniadau { $round } wedi'u cyhoeddi.
