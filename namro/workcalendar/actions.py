"""Editing the calendar (office staff of the top organisation, or an administrator)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from namro.audit.chain import record, snapshot
from namro.workcalendar.models import CalendarDay

if TYPE_CHECKING:
    from namro.accounts.models import User


def do_set_calendar_day(*, date: dt.date, kind: CalendarDay.Kind, name: str, acting_user: User | None) -> CalendarDay:
    """Mark ``date`` as a holiday, a make-up working day or a swapped day off."""
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
        before = snapshot(day, ("date", "kind", "name")) if day else None
        if day is None:
            day = CalendarDay.objects.create(date=date, kind=kind, name=name)
        elif (day.kind, day.name) == (kind, name):
            return day
        else:
            day.kind, day.name = kind, name
            day.save(update_fields=["kind", "name"])
        record(
            "calendar_day.set",
            actor=acting_user,
            target=day,
            before=before,
            after=snapshot(day, ("date", "kind", "name")),
        )
        return day


def do_remove_calendar_day(day: CalendarDay, *, acting_user: User | None) -> None:
    with transaction.atomic():
        record("calendar_day.remove", actor=acting_user, target=day, before=snapshot(day, ("date", "kind", "name")))
        day.delete()
