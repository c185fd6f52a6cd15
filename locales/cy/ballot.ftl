## Y neges bleidleisio: cardiau, adolygu, derbynneb (bot/ballot_view.py)
vote-menu = ☰ Dewislen
vote-card-now = Eich ateb nawr: { $value }
vote-tokens-left = Tocynnau ar ôl: { $left } allan o { $tokens }
vote-picks-left = Wedi dewis: { $picked } allan o { $n }
vote-photo = 📷 Gweld y llun
vote-back-to-review = ◀ Yn ôl i'ch pleidlais
vote-tokens-unspent = Rhowch bob tocyn cyn cadarnhau. Tocynnau sydd ar ôl: { $left }.
vote-out-of-date = Mae'r neges hon wedi dyddio, felly does dim byd wedi newid. Defnyddiwch y neges bleidleisio fwyaf newydd, neu tapiwch Pleidleisio yn y ddewislen.
vote-confirm-out-of-date = Mae'r botwm Cadarnhau hwn wedi dyddio: mae eich pleidlais wedi newid ers hynny. Does dim wedi'i gofnodi. Gwiriwch eich pleidlais yn y neges fwyaf newydd.
vote-receipt-change = Tra bydd y bleidlais ar agor, gallwch newid ateb: tapiwch gais isod, yna cadarnhewch eto.
vote-refuse-over-pot = Byddai eich dewisiadau wedyn yn costio { $total }, mwy na'r gronfa ({ $pot }). Mae { $left } ar ôl. Dewiswch Na yma, neu newidiwch ddewis arall i Na yn gyntaf.
vote-refuse-too-many = Uchafswm y ceisiadau y gallwch eu dewis: { $n }. I ddewis hwn, newidiwch ddewis arall i Na yn gyntaf.
vote-refuse-tokens-over = Tocynnau sydd ar ôl: { $left }, felly allwch chi ddim rhoi cymaint â hynny yma. Rhowch lai, neu cymerwch docynnau o gais arall yn gyntaf.
vote-skip = Hepgor ▶
