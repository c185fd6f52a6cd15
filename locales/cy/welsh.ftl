## Testunau dwyieithog: beth mae trigolion yn ei ddarllen pan nad oes Cymraeg, ac enwau
## cwestiynau cais rownd fel mae trefnwyr yn eu teipio (handlers/rounds_admin.py)
text-only-in-english = <i>(Dim ond yn Saesneg mae hwn ar gael)</i>
rn-field-group = grŵp
rn-field-title = teitl
rn-field-description = disgrifiad
rn-field-benefits = buddion
rn-field-amount = swm
rn-field-area = ardal
rn-field-contact = cyswllt
