## /receipt: a gafodd fy mhleidlais ei chyfrif? (handlers/receipt.py)
cmd-receipt = Gwirio derbynneb fy mhleidlais
receipt-how = Anfonwch eich derbynneb ar ôl y gorchymyn, fel hyn: /receipt 7KQ-29X
receipt-bad = Dydy hynny ddim yn edrych fel derbynneb. Mae chwe llythyren neu rif mewn derbynneb, fel 7KQ-29X.
receipt-unknown = Does dim pleidlais gyda'r dderbynneb <b>{ $receipt }</b>. Gwiriwch y llythrennau a'r rhifau.
receipt-voting =
    Mae pleidlais gyda'r dderbynneb <b>{ $receipt }</b> yn y blwch pleidleisio. Bydd yn cael ei chyfrif pan fydd y pleidleisio'n cau. ✅
    Rownd: { $round }
receipt-counting =
    Mae pleidlais gyda'r dderbynneb <b>{ $receipt }</b> yn cael ei chyfrif nawr. Bydd y canlyniadau'n barod cyn hir. ✅
    Rownd: { $round }
receipt-results =
    Cafodd pleidlais gyda'r dderbynneb <b>{ $receipt }</b> ei chyfrif yn y canlyniadau. ✅
    Rownd: { $round }
receipt-secret = Dim ond dangos bod pleidlais wedi'i chyfrif mae derbynneb. Does neb yn gallu gweld beth ddywedodd y bleidlais.

## Pleidlais cyn /forget (models/ballot/box.py: problem "forgotten-vote" cast_ballot)
vote-problem-forgotten-vote = Gwnaethoch chi bleidleisio yn y rownd hon cyn gofyn i ni eich anghofio. Mae eich pleidlais yn dal i gyfrif, ond does dim byd yn arwain ati mwyach, felly does dim modd ei newid na phleidleisio eto.

## A vote cast before the box was sealed, voting then opened again (problem "sealed-vote")
vote-problem-sealed-vote = Fe wnaethoch chi bleidleisio yn y rownd hon cyn i'r bleidlais gau. Pan gaeodd, cafodd eich pleidlais ei selio. Mae'n dal i gyfrif, ond does dim byd yn arwain ati mwyach, felly does dim modd ei newid nawr.
