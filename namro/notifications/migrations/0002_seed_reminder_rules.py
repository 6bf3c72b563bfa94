"""Seed the reminder ladder: a week, three days and a day before the deadline, on the day,
and one and seven days overdue. Data the office edits on the "Thang nhắc việc" page."""

from django.db import migrations

# (offset in days from the deadline, remind the lead, remind the directing leader)
LADDER = [
    (-7, True, False),
    (-3, True, False),
    (-1, True, True),
    (0, True, True),
    (1, True, True),
    (7, True, True),
]


def seed(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for offset, to_lead, to_leader in LADDER:
        ReminderRule.objects.get_or_create(
            offset_days=offset, defaults={"to_lead": to_lead, "to_directing_leader": to_leader, "active": True}
        )


def unseed(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    ReminderRule.objects.filter(offset_days__in=[offset for offset, _lead, _leader in LADDER]).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
