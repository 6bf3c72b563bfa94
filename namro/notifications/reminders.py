"""Which reminders and digests are due on a day. Reads only; ``actions`` does the sending.

A rung with offset ``k`` fires on the day ``deadline + k``: −7 a week before the deadline,
0 on the day, +1 the day after. So on ``today`` the rung looks for live tasks whose deadline
is ``today − k``. Every question here is a fixed number of queries, whatever the number of
tasks: one for the rules, one for the tasks (with their leads' and leaders' users), one for
the office grants and one for the tasks the digests list.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from namro.access.models import RoleGrant
from namro.access.roles import Role
from namro.notifications.models import ReminderRule
from namro.organizations.models import Person
from namro.tasks.models import Task
from namro.tasks.timeliness import Timeliness, timeliness_q
from namro.tasks.transitions import LIVE

if TYPE_CHECKING:
    from namro.accounts.models import User

# Reminders go to people who still have work to do: issued or in progress. A task reported
# done waits on its acceptor, not its lead; accepted and cancelled tasks are finished.
REMINDED_STATUSES = tuple(LIVE)
# The digest's "due soon" horizon when the ladder has no rung before the deadline.
DEFAULT_DUE_SOON_DAYS = 7


class RecipientRole:
    LEAD = "lead"
    DIRECTING_LEADER = "directing_leader"


@dataclass(frozen=True)
class DueReminder:
    """One reminder to send: a rung of the ladder, a task and one person to tell."""

    task: Task
    rule: ReminderRule
    recipient: User
    role: str

    @property
    def deadline(self) -> dt.date:
        """The deadline reminded of: part of the delivery key, so an extension re-arms the ladder."""
        assert self.task.deadline is not None  # only tasks with a deadline are selected
        return self.task.deadline


@dataclass
class Digest:
    """What one office user is told today about the tasks of their scope."""

    recipient: User
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    stale: list[Task] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.stale)


def active_rules() -> list[ReminderRule]:
    return list(ReminderRule.objects.filter(active=True))


def _user_of(person: Person | None) -> User | None:
    """The active login of a person, if they have one (Person.user is the reverse one-to-one)."""
    if person is None:
        return None
    user: User | None = getattr(person, "user", None)
    return user if user is not None and user.is_active else None


def due_reminders(today: dt.date, rules: list[ReminderRule] | None = None) -> list[DueReminder]:
    """The reminders the ladder fires on ``today``, to the lead and/or the directing leader
    who have a login. One person who is both is told once per rung."""
    rules = active_rules() if rules is None else [rule for rule in rules if rule.active]
    by_deadline: dict[dt.date, list[ReminderRule]] = defaultdict(list)
    for rule in rules:
        by_deadline[today - dt.timedelta(days=rule.offset_days)].append(rule)
    if not by_deadline:
        return []
    tasks = (
        Task.objects.filter(status__in=REMINDED_STATUSES, deadline__in=list(by_deadline))
        .select_related("organization", "lead__user", "directing_leader__user")
        .order_by("deadline", "pk")
    )
    due: list[DueReminder] = []
    for task in tasks:
        assert task.deadline is not None
        for rule in by_deadline[task.deadline]:
            told: set[int] = set()
            candidates = [
                (RecipientRole.LEAD, task.lead if rule.to_lead else None),
                (RecipientRole.DIRECTING_LEADER, task.directing_leader if rule.to_directing_leader else None),
            ]
            for role, person in candidates:
                user = _user_of(person)
                if user is None or user.pk in told:
                    continue
                told.add(user.pk)
                due.append(DueReminder(task=task, rule=rule, recipient=user, role=role))
    return due


def due_soon_days(rules: list[ReminderRule]) -> int:
    """The digest's "due soon" horizon: as far ahead as the ladder's earliest rung."""
    before = [-rule.offset_days for rule in rules if rule.active and rule.offset_days < 0]
    return max(before, default=DEFAULT_DUE_SOON_DAYS)


def stale_before(today: dt.date) -> dt.datetime:
    """Tasks with no progress since this moment are stale on ``today``."""
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return start_of_day - dt.timedelta(days=settings.TASK_STALE_DAYS)


def _office_paths(today: dt.date) -> dict[int, tuple[User, list[str]]]:
    """Each active office user with the organisation paths their OFFICE grants cover."""
    grants = (
        RoleGrant.objects.current(today)
        .filter(role=Role.OFFICE, user__is_active=True)
        .select_related("user", "organization")
        .order_by("user_id", "organization__path")
    )
    offices: dict[int, tuple[User, list[str]]] = {}
    for grant in grants:
        _user, paths = offices.setdefault(grant.user_id, (grant.user, []))
        path = grant.organization.path
        # A grant under another of the same user's grants adds nothing (paths are sorted).
        if not any(path.startswith(p) for p in paths):
            paths.append(path)
    return offices


def digests(today: dt.date, rules: list[ReminderRule] | None = None) -> list[Digest]:
    """For every office user, the overdue, due-soon and stale tasks of the organisations
    their OFFICE grants cover (the granted organisation and everything below it). Users with
    nothing to report get no digest."""
    rules = active_rules() if rules is None else rules
    offices = _office_paths(today)
    if not offices:
        return []
    horizon = today + dt.timedelta(days=due_soon_days(rules))
    before = stale_before(today)
    overdue_q = timeliness_q(Timeliness.OPEN_OVERDUE, today)
    soon_q = Q(status__in=REMINDED_STATUSES, deadline__gte=today, deadline__lte=horizon)
    stale_q = Q(status__in=REMINDED_STATUSES) & (
        Q(last_progress_at__lt=before) | Q(last_progress_at__isnull=True, issued_at__lt=before)
    )
    tasks = sorted(
        Task.objects.filter(overdue_q | soon_q | stale_q).select_related("organization", "lead"),
        key=lambda t: (t.organization.path, t.deadline or dt.date.max, t.pk),
    )
    paths = [task.organization.path for task in tasks]
    result = []
    for user, granted in offices.values():
        digest = Digest(recipient=user)
        for prefix in granted:
            # Paths of one subtree are contiguous once sorted: a slice, not a scan.
            lo = bisect.bisect_left(paths, prefix)
            hi = bisect.bisect_left(paths, prefix + "\uffff")
            for task in tasks[lo:hi]:
                if task.timeliness_on(today) is Timeliness.OPEN_OVERDUE:
                    digest.overdue.append(task)
                elif task.deadline is not None and task.status in REMINDED_STATUSES and task.deadline <= horizon:
                    digest.due_soon.append(task)
                if _is_stale(task, before):
                    digest.stale.append(task)
        if not digest.is_empty:
            result.append(digest)
    return result


def _is_stale(task: Task, before: dt.datetime) -> bool:
    if task.status not in REMINDED_STATUSES:
        return False
    if task.last_progress_at is not None:
        return task.last_progress_at < before
    return task.issued_at is not None and task.issued_at < before
