## Bilingual texts: what residents read when something has no Welsh, and the names of a
## round's bid questions as organisers type them (handlers/rounds_admin.py)
text-only-in-english = <i>(Only in English)</i>
# A round or area name with no Welsh, as a Welsh reader sees it (bot/ui/names.py); only
# Welsh readers are shown it.
name-only-in-english = { $name } (only in English)
rn-field-group = group
rn-field-title = title
rn-field-description = description
rn-field-benefits = benefits
rn-field-amount = amount
rn-field-area = area
rn-field-contact = contact
wc-admin-ask-group-cy = And the label in Welsh? For example "Bwrdd 3" for "Table 3". Or tap the button if “{ $label }” is the same in both.
wc-admin-same-label = Same in both
