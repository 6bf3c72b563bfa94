"""Access helpers for the inbox, the calendar feed and the reminder ladder.

A notification is its recipient's alone: anyone else's id is a 404, whatever their role.
A calendar feed is reached by its secret, checked by digest; it shows the deadlines the
user's tasks carry and the meetings of the organisations in their scope, through the same
access helpers the pages use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from namro.access.queries import can, granted_organizations, scope_for
from namro.access.roles import Capability
from namro.documents.queries import meetings_for_user
from namro.lib.vn import format_date
from namro.notifications import ical
from namro.notifications.composing import task_url
from namro.notifications.models import CalendarFeed, Notification, ReminderRule, hash_feed_token
from namro.tasks.queries import tasks_for_user
from namro.tasks.transitions import LIVE

if TYPE_CHECKING:
    from namro.accounts.models import User

# The feed covers a month back (a deadline just missed stays visible) and half a year ahead.
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 180


# --- Inbox ------------------------------------------------------------------------------------


def notifications_for_user(user: Any) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def inbox_for_user(user: Any) -> QuerySet[Notification]:
    """The user's messages, unread first, then newest first."""
    unread_first = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
    return notifications_for_user(user).order_by(unread_first, "-created_at", "-id")


def get_notification_for_user(user: Any, pk: int) -> Notification:
    notification = notifications_for_user(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def unread_count(user: Any) -> int:
    return notifications_for_user(user).filter(read_at__isnull=True).count()


# --- Calendar feed ----------------------------------------------------------------------------


def calendar_feed_for_user(user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first() if user.is_authenticated else None


def get_feed_user(raw: str) -> User:
    """The active user whose current feed secret is ``raw``, or 404 (also for an old secret)."""
    feed = CalendarFeed.objects.filter(digest=hash_feed_token(raw), user__is_active=True).select_related("user").first()
    if feed is None:
        raise Http404
    return feed.user


def feed_events(user: User, today: dt.date, *, link: Callable[[str], str]) -> list[ical.Event]:
    """The user's live task deadlines (as lead or directing leader) and the meetings of the
    organisations in their scope, from FEED_DAYS_BACK days ago to FEED_DAYS_AHEAD ahead.
    ``link`` turns a path into an absolute address. Three queries: scope, tasks, meetings."""
    start, end = today - dt.timedelta(days=FEED_DAYS_BACK), today + dt.timedelta(days=FEED_DAYS_AHEAD)
    events: list[ical.Event] = []
    if user.person_id is not None:
        tasks = (
            tasks_for_user(user)
            .filter(Q(lead_id=user.person_id) | Q(directing_leader_id=user.person_id))
            .filter(status__in=LIVE, deadline__gte=start, deadline__lte=end)
            .order_by("deadline", "pk")
        )
        for task in tasks:
            assert task.deadline is not None
            role = _("Chủ trì") if task.lead_id == user.person_id else _("Chỉ đạo")
            url = task_url(task)
            events.append(
                ical.Event(
                    uid=f"task-{task.pk}@namro",
                    day=task.deadline,
                    summary=_("Hạn nhiệm vụ (%(role)s): %(title)s") % {"role": role, "title": task.title},
                    description="\n".join(
                        [
                            _("Tổ chức giao: %(organization)s") % {"organization": task.organization.label},
                            _("Người chủ trì: %(lead)s") % {"lead": task.lead or "—"},
                            _("Hạn hoàn thành: %(deadline)s") % {"deadline": format_date(task.deadline)},
                            _("Tiến độ: %(percent)d%%") % {"percent": task.percent},
                            _("Trạng thái: %(status)s") % {"status": task.get_status_display()},
                        ]
                    ),
                    url=link(url) if url else "",
                    sequence=task.version,
                )
            )
    meetings = meetings_for_user(user).filter(held_on__gte=start, held_on__lte=end).order_by("held_on", "pk")
    for meeting in meetings:
        events.append(
            ical.Event(
                uid=f"meeting-{meeting.pk}@namro",
                day=meeting.held_on,
                summary=_("Họp: %(title)s") % {"title": meeting.title},
                description="\n".join(
                    [
                        _("Cơ quan họp: %(body)s") % {"body": meeting.body.name},
                        _("Tổ chức: %(organization)s") % {"organization": meeting.organization.label},
                        _("Chủ trì: %(chair)s") % {"chair": meeting.chair or "—"},
                    ]
                ),
                location=meeting.location,
            )
        )
    return events


# --- The reminder ladder ----------------------------------------------------------------------


def reminder_rules() -> QuerySet[ReminderRule]:
    """The ladder is policy, not records of an organisation: everyone signed in may read it."""
    return ReminderRule.objects.all()


def get_reminder_rule(pk: int) -> ReminderRule:
    rule = reminder_rules().filter(pk=pk).first()
    if rule is None:
        raise Http404
    return rule


def can_edit_reminder_rules(user: Any) -> bool:
    """The ladder applies everywhere, so only whoever runs tasks at the top of the tree
    (MANAGE_TASKS on a top-level organisation) or a superuser may change it."""
    if not user.is_authenticated:
        return False
    if scope_for(user).is_global:
        return True
    return any(org.depth == 1 and can(user, org, Capability.MANAGE_TASKS) for org in granted_organizations(user))
