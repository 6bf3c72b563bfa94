"""Timeliness as the Government's task-tracking system counts it.

A task is *done on time*, *done late*, *not done and still within its deadline*, or *not done
and overdue*. Drafts and cancelled tasks are none of these.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# A result reported done counts as done on the day it was reported: the lead's part is over
# and waiting for acceptance must not mark them late. A returned result is open again.
DONE = ("reported_done", "accepted")
LIVE = ("issued", "in_progress")


class Timeliness(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_WITHIN = "open_within"
    OPEN_OVERDUE = "open_overdue"

    @property
    def label(self) -> str:
        return str(LABELS[self])


LABELS = {
    Timeliness.DONE_ON_TIME: _("Hoàn thành đúng hạn"),
    Timeliness.DONE_LATE: _("Hoàn thành quá hạn"),
    Timeliness.OPEN_WITHIN: _("Chưa hoàn thành, trong hạn"),
    Timeliness.OPEN_OVERDUE: _("Chưa hoàn thành, quá hạn"),
}


def timeliness(
    status: str, deadline: dt.date | None, completed_on: dt.date | None, today: dt.date
) -> Timeliness | None:
    """The timeliness of one task on ``today``; None for drafts and cancelled tasks."""
    if status in DONE:
        if deadline is None or (completed_on is not None and completed_on <= deadline):
            return Timeliness.DONE_ON_TIME
        return Timeliness.DONE_LATE
    if status in LIVE:
        if deadline is not None and deadline < today:
            return Timeliness.OPEN_OVERDUE
        return Timeliness.OPEN_WITHIN
    return None


def timeliness_q(value: Timeliness, today: dt.date) -> Q:
    """The same rule as a database filter (indexes on status and deadline serve it)."""
    if value is Timeliness.DONE_ON_TIME:
        return Q(status__in=DONE) & (Q(deadline__isnull=True) | Q(completed_on__lte=F("deadline")))
    if value is Timeliness.DONE_LATE:
        return Q(status__in=DONE, completed_on__gt=F("deadline"))
    if value is Timeliness.OPEN_OVERDUE:
        return Q(status__in=LIVE, deadline__lt=today)
    return Q(status__in=LIVE) & (Q(deadline__gte=today) | Q(deadline__isnull=True))
