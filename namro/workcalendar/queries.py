"""The working-day calendar built from the office's data (one query)."""

from __future__ import annotations

import datetime as dt

from namro.lib.workdays import WorkCalendar
from namro.workcalendar.models import CalendarDay


def work_calendar() -> WorkCalendar:
    """The calendar every deadline and issuance lag is counted in."""
    days: dict[str, set[dt.date]] = {kind: set() for kind in CalendarDay.Kind.values}
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        days[kind].add(day)
    return WorkCalendar(
        holidays=frozenset(days[CalendarDay.Kind.HOLIDAY]),
        working_days=frozenset(days[CalendarDay.Kind.WORKING]),
        days_off=frozenset(days[CalendarDay.Kind.DAY_OFF]),
    )
