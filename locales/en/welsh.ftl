## Bilingual texts: what residents read when something has no Welsh, and the names of a
## round's bid questions as organisers type them (handlers/rounds_admin.py)
text-only-in-english = <i>(Only in English)</i>
rn-field-group = group
rn-field-title = title
rn-field-description = description
rn-field-benefits = benefits
rn-field-amount = amount
rn-field-area = area
rn-field-contact = contact
