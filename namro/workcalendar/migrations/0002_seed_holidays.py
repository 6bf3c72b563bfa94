"""Seed the statutory holidays 2015–2030 and the official swapped days. Data the office edits."""

from django.db import migrations

from namro.lib.workdays import OFFICIAL_SWAPS, vietnam_public_holidays

YEARS = range(2015, 2031)


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    rows = {}
    for year in YEARS:
        for day, name in vietnam_public_holidays(year, compensatory=True):
            rows[day] = ("holiday", str(name))
    for pairs in OFFICIAL_SWAPS.values():
        for day_off, make_up in pairs:
            rows.setdefault(day_off, ("day_off", "Nghỉ hoán đổi"))
            rows[make_up] = ("working", "Làm việc bù")
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=day, kind=kind, name=name[:200]) for day, (kind, name) in sorted(rows.items())],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    apps.get_model("workcalendar", "CalendarDay").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
