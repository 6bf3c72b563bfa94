"""Authorization entries for notifications (see tests/authz/__init__.py).

The inbox, the calendar page and its secret are the user's own: every persona gets their
own (200), and someone else's notification is a 404. The .ics feed needs no login: its
secret is the credential, so every persona holding it gets 200 (a wrong secret is a 404,
tested in tests/notifications). The reminder ladder applies everywhere: any signed-in user
reads it, and only the top office (or a superuser) changes it, so a ward office gets 403.
"""

from __future__ import annotations

from namro.notifications.actions import do_notify, do_rotate_calendar_feed
from namro.notifications.models import ReminderRule
from tests.authz import Entry
from tests.factories import World


def _notification_a(world: World) -> int:
    return do_notify(world.office_a, title="Thông báo thử của phường Trần Phú", acting_user=None).pk


def _feed_a(world: World) -> str:
    return do_rotate_calendar_feed(world.office_a, acting_user=None)


def _rule(world: World) -> int:
    return ReminderRule.objects.get(offset_days=-7).pk


RUNG = {"offset_days": "-6", "to_lead": "on", "active": "on"}

ENTRIES: dict[str, Entry] = {
    "notifications:inbox": Entry("get", lambda w: "/notifications/", 302, 200, 200, 200),
    "notifications:read": Entry("post", lambda w: f"/notifications/{_notification_a(w)}/read/", 302, 302, 404, 404),
    "notifications:read_all": Entry("post", lambda w: "/notifications/read-all/", 302, 302, 302, 302),
    "notifications:calendar": Entry("get", lambda w: "/notifications/calendar/", 302, 200, 200, 200),
    "notifications:rotate_feed": Entry("post", lambda w: "/notifications/calendar/rotate/", 302, 200, 200, 200),
    "notifications:feed": Entry("get", lambda w: f"/notifications/feed/{_feed_a(w)}.ics", 200, 200, 200, 200),
    "notifications:rules": Entry("get", lambda w: "/notifications/rules/", 302, 200, 200, 200),
    "notifications:update_rule": Entry(
        "post", lambda w: f"/notifications/rules/{_rule(w)}/", 302, 403, 403, 403, lambda w: RUNG
    ),
    "notifications:delete_rule": Entry(
        "post", lambda w: f"/notifications/rules/{_rule(w)}/delete/", 302, 403, 403, 403
    ),
}
