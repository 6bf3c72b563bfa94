"""Fill the folded search column of existing tasks and documents (data only)."""

from django.db import migrations

from namro.lib.text import fold


def fill(apps, schema_editor):
    for app, model in (("tasks", "Task"), ("documents", "Document")):
        Model = apps.get_model(app, model)
        for row in Model.objects.only("pk", "title").iterator(chunk_size=2000):
            Model.objects.filter(pk=row.pk).update(search_text=fold(row.title))


class Migration(migrations.Migration):
    dependencies = [("tasks", "0004_search_text"), ("documents", "0004_search_text")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
