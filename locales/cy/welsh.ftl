## Testunau dwyieithog: beth mae trigolion yn ei ddarllen pan nad oes Cymraeg, ac enwau
## cwestiynau cais rownd fel mae trefnwyr yn eu teipio (handlers/rounds_admin.py)
text-only-in-english = <i>(Dim ond yn Saesneg mae hwn ar gael)</i>
# Enw rownd neu ardal heb Gymraeg, fel mae darllenydd Cymraeg yn ei weld (bot/ui/names.py).
name-only-in-english = { $name } (dim ond yn Saesneg)
rn-field-group = grŵp
rn-field-title = teitl
rn-field-description = disgrifiad
rn-field-benefits = buddion
rn-field-amount = swm
rn-field-area = ardal
rn-field-contact = cyswllt
wc-admin-ask-group-cy = A'r label yn Gymraeg? Er enghraifft "Bwrdd 3" ar gyfer "Table 3". Neu tapiwch y botwm os yw “{ $label }” yr un fath yn y ddwy iaith.
wc-admin-same-label = Yr un fath yn y ddwy iaith
