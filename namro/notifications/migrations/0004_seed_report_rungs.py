"""Remind reporters of periodic reports on the ladder's rungs a day before the due time, on
the due day and the day after (a missing report). Data the office edits on the "Thang nhắc
việc" page; rungs the office has removed are not brought back."""

from django.db import migrations
from django.db.models import Q

REPORT_OFFSETS = (-1, 0, 1)


def seed(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    ReminderRule.objects.filter(offset_days__in=REPORT_OFFSETS).update(to_reporter=True)


def unseed(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    # A rung that reminds only reporters would break the rule that every rung tells someone.
    has_other = Q(to_lead=True) | Q(to_directing_leader=True)
    ReminderRule.objects.filter(has_other, offset_days__in=REPORT_OFFSETS).update(to_reporter=False)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_report_reminders")]
    operations = [migrations.RunPython(seed, unseed)]
