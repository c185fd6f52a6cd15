## Pwy sy'n cael pleidleisio: gosodiadau'r rownd, codau pleidleisio, nodiadau atgoffa (trefnwyr)
vx-yes = ie
vx-no = na
vx-who-anyone = unrhyw un
vx-who-checked_in = pobl sydd wedi cofrestru yn y digwyddiad pleidleisio
vx-who-area = pobl sy'n byw yn ardaloedd y rownd (ar-lein)
vx-who-both = pobl sydd wedi cofrestru yn y digwyddiad pleidleisio neu sy'n byw yn ardaloedd y rownd
vx-set-who = Pwy sy'n cael pleidleisio: { $who } 👥
vx-set-score-all = Rhaid rhoi sgôr i bob cais: { $value }
vx-set-changes = Gellir newid pleidleisiau: { $value }
vx-set-age = Gofyn grŵp oedran pleidleiswyr: { $value }
vx-summary =
    Pwy sy'n cael pleidleisio: { $who } (ac unrhyw un sydd â cherdyn pleidleisio)
    Gellir newid pleidleisiau: { $changes }
    Gofyn grŵp oedran: { $age }
vx-summary-score-all = Rhaid rhoi sgôr i bob cais: { $value }
vx-codes-button = Cardiau pleidleisio 🎟
vx-remind-button = Atgoffa pobl sydd heb bleidleisio 🔔
vx-codes-no-round = Does dim rownd i wneud cardiau pleidleisio ar ei chyfer. Crëwch un gyda /newround.
vx-codes-title = <b>Cardiau pleidleisio</b> (mae pob cerdyn yn rhoi un bleidlais, i bwy bynnag sy'n ei ddefnyddio gyntaf)
vx-codes-line = { $round }: { $made } wedi'u gwneud, { $used } wedi'u defnyddio
vx-codes-for = Cardiau ar gyfer { $round } 🎟
vx-codes-how-many = Faint o gardiau pleidleisio ar gyfer { $round }? Teipiwch rif o 1 i { $most }.
vx-codes-bad-number = Teipiwch rif cyfan o 1 i { $most }, os gwelwch yn dda.
vx-codes-made = { $count } cerdyn pleidleisio ar gyfer { $round }. Argraffwch nhw a'u torri ar hyd y llinellau llwyd. Dim ond yn y ffeil hon mae'r codau: cadwch hi'n ddiogel, a gwnewch gardiau newydd os bydd yn mynd ar goll.
vx-card-how = Sganiwch y cod QR i bleidleisio, neu anfonwch /code a'r cod at y bot. Un bleidlais i bob cerdyn.
vx-remind-no-round = Does dim pleidlais ar agor, felly does neb i'w atgoffa.
vx-remind-panel =
    <b>{ $round }</b>
    Pwy sy'n cael pleidleisio: { $who }
    Pobl sy'n cael pleidleisio ond sydd heb wneud eto: { $count }
    Nodiadau atgoffa wedi'u hanfon hyd yma: { $sent }
vx-remind-send = Anfon nodyn atgoffa { $number } 🔔
vx-remind-already = Mae nodyn atgoffa { $number } wedi'i anfon yn barod. Anfonwch /remindvoters i weld yr un nesaf.
vx-remind-queued = { $count ->
    [zero] Does neb i'w atgoffa y tro hwn.
    [one] Mae nodyn atgoffa { $number } ar ei ffordd at un person sy'n cael pleidleisio ond sydd heb wneud eto.
    [two] Mae nodyn atgoffa { $number } ar ei ffordd at { $count } berson sy'n cael pleidleisio ond sydd heb wneud eto.
    [few] Mae nodyn atgoffa { $number } ar ei ffordd at { $count } pherson sy'n cael pleidleisio ond sydd heb wneud eto.
    [many] Mae nodyn atgoffa { $number } ar ei ffordd at { $count } pherson sy'n cael pleidleisio ond sydd heb wneud eto.
   *[other] Mae nodyn atgoffa { $number } ar ei ffordd at { $count } o bobl sy'n cael pleidleisio ond sydd heb wneud eto.
}
vx-reminder = Mae amser o hyd i bleidleisio yn y rownd { $round }! Dim ond ychydig funudau mae'n ei gymryd.
