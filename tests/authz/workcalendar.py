"""Authorization entries for the working-day calendar (see tests/authz/__init__.py)."""

from __future__ import annotations

from namro.workcalendar.models import CalendarDay
from tests.authz import Entry
from tests.factories import World


def _a_day(world: World) -> int:
    day = CalendarDay.objects.order_by("date").first()
    assert day is not None
    return day.pk


# The calendar is installation-wide reference data: everyone logged in reads it; only
# administrators (none of the matrix personas) change it.
ENTRIES: dict[str, Entry] = {
    "workcalendar:calendar": Entry("get", lambda w: "/calendar/?year=2024", 302, 200, 200, 200),
    "workcalendar:remove": Entry("post", lambda w: f"/calendar/{_a_day(w)}/remove/", 302, 403, 403, 403),
}
