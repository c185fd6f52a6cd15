## Ffeiliau mewnforio (digwyddiadau, rowndiau, cwestiynau Caffi'r Byd): testun heb Gymraeg.
upload-welsh-missing = Mae “{ $field }” yn wag: bydd darllenwyr Cymraeg yn gweld y Saesneg yn lle hynny.
upload-welsh-heading =
    Mae rhai testunau heb Gymraeg eto:
    { $problems }
tpl-questions-group-cy = group_cy: y bwrdd neu'r rownd yn Gymraeg, hyd at 40 nod.
tpl-questions-welsh-optional = Mae cwestiwn neu label heb Gymraeg yn cael ei ychwanegu o hyd. Bydd y bot yn dweud wrthoch chi pa rai.
