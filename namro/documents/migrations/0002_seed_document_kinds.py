"""Seed the Party document kinds and their abbreviations (HD 36-HD/VPTW). Data, editable."""

from django.db import migrations

KINDS = [
    ("NQ", "Nghị quyết", 5),
    ("KL", "Kết luận", 5),
    ("CT", "Chỉ thị", None),
    ("QĐ", "Quyết định", None),
    ("QC", "Quy chế", None),
    ("QĐi", "Quy định", None),
    ("KH", "Kế hoạch", None),
    ("CTr", "Chương trình", None),
    ("TB", "Thông báo", 5),
    ("BC", "Báo cáo", None),
    ("HD", "Hướng dẫn", None),
    ("TTr", "Tờ trình", None),
    ("CV", "Công văn", None),
    ("BB", "Biên bản", None),
]


def seed(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    for rank, (code, name, lag) in enumerate(KINDS, start=1):
        DocumentKind.objects.get_or_create(code=code, defaults={"name": name, "rank": rank * 10, "max_issuance_lag": lag})


def unseed(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    DocumentKind.objects.filter(code__in=[code for code, _name, _lag in KINDS], documents__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
