## Trigolion: ffordd ymlaen o bob sgrin

# Un llinell o'r rhestr digwyddiadau: ble mae pob digwyddiad, yn ogystal â phryd.
res-list-event =
    • <b>{ $title }</b>, { $when }
    Lleoliad: { $venue }, { $area }

# Ardal cais wedi'i theipio yn lle ei thapio, pan nad yw'n un o ardaloedd y rownd.
res-bid-area-unknown = Mae'n ddrwg gen i, dydw i ddim yn adnabod yr ardal "{ $typed }". Tapiwch fotwm, neu teipiwch un o'r rhain: { $choices }.

# Neges llais a llun y grŵp ei hun, o grynodeb y cais.
res-bid-play-voice = Chwarae fy neges llais 🎤
res-bid-see-photo = Gweld y llun 📷

# /broadcast: hepgor y Gymraeg pan fo'r Saesneg yn rhy hir i gario'r llinell "dim ond yn Saesneg".
res-bc-no-room-for-note = Byddai siaradwyr Cymraeg yn cael llinell fer yn dweud mai dim ond yn Saesneg mae hon ar gael. Gyda hi, mae'r neges yn { $length } o nodau, ac mae Telegram yn caniatáu { $limit }. Anfonwch y fersiwn Gymraeg, neu /cancel a dechrau eto gyda neges fyrrach, os gwelwch yn dda.
