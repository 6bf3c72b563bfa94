"""Fill the folded search column of reporting rows written before 0004 (the models fold on
every save from then on). Data only: the columns come from 0004."""

from django.db import migrations

from namro.lib.text import fold

# The folded columns of rows written before this migration (the models fold on every save).
SEARCH_FIELDS = {
    "WorkingRegulation": ("title", "year"),
    "ReportObligation": ("title",),
    "Submission": ("topic",),
    "Escalation": ("subject",),
}


def fill(apps, schema_editor):
    for model_name, fields in SEARCH_FIELDS.items():
        Model = apps.get_model("reporting", model_name)
        for row in Model.objects.only("pk", *fields).iterator(chunk_size=2000):
            text = fold(" ".join(str(getattr(row, name) or "") for name in fields))
            Model.objects.filter(pk=row.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0004_search_text"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
