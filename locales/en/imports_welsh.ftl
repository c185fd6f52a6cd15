## Import files (events, rounds, World Café questions): a text residents will read that has
## English but no Welsh is imported, and named here with its line (models/uploads.py).
upload-welsh-missing = “{ $field }” is empty: Welsh readers will see the English instead.
upload-welsh-heading =
    Some texts have no Welsh yet:
    { $problems }
tpl-questions-group-cy = group_cy: the table or round in Welsh, up to 40 characters.
tpl-questions-welsh-optional = A question or label with no Welsh is still added. The bot tells you which ones.
